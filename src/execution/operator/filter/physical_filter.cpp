#include "execution/operator/filter/physical_filter.h"

#include "execution/expression_executor.h"

namespace tributary {

namespace {
struct FilterState : public OperatorState {
  explicit FilterState(const Expression& predicate) : executor(predicate), sel(kVectorSize) {}
  ExpressionExecutor executor;
  SelectionVector sel;
};
}  // namespace

std::unique_ptr<OperatorState> PhysicalFilter::GetOperatorState(ExecutionContext&) const {
  return std::make_unique<FilterState>(*predicate);
}

OperatorResultType PhysicalFilter::Execute(ExecutionContext&, DataChunk& input, DataChunk& chunk,
                                           GlobalOperatorState&, OperatorState& state) const {
  auto& s = static_cast<FilterState&>(state);
  idx_t n = s.executor.Select(input, s.sel);
  if (n == input.size()) {
    chunk.Reference(input);
  } else if (n > 0) {
    chunk.Append(input, s.sel, n);
  }
  return OperatorResultType::kNeedMoreInput;
}

}  // namespace tributary
