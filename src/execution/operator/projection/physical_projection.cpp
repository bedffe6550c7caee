#include "execution/operator/projection/physical_projection.h"

#include "execution/expression_executor.h"

namespace tributary {

namespace {
struct ProjectionState : public OperatorState {
  explicit ProjectionState(const std::vector<ExpressionPtr>& list) : executor(list) {}
  ExpressionExecutor executor;
};
}  // namespace

std::string PhysicalProjection::ParamsToString() const {
  std::string s;
  for (idx_t i = 0; i < select_list.size(); i++)
    s += (i ? ", " : "") + select_list[i]->ToString();
  return s;
}

std::unique_ptr<OperatorState> PhysicalProjection::GetOperatorState(ExecutionContext&) const {
  return std::make_unique<ProjectionState>(select_list);
}

OperatorResultType PhysicalProjection::Execute(ExecutionContext&, DataChunk& input,
                                               DataChunk& chunk, GlobalOperatorState&,
                                               OperatorState& state) const {
  static_cast<ProjectionState&>(state).executor.Execute(input, chunk);
  return OperatorResultType::kNeedMoreInput;
}

}  // namespace tributary
