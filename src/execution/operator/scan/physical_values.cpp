#include "execution/operator/scan/physical_values.h"

#include <algorithm>

#include "execution/expression_executor.h"

namespace tributary {

namespace {
struct ValuesState : public GlobalSourceState {
  idx_t next_row = 0;
};
}  // namespace

PhysicalValues::PhysicalValues(std::vector<LogicalType> types,
                               std::vector<std::vector<ExpressionPtr>> values,
                               idx_t estimated_cardinality)
    : PhysicalOperator(PhysicalOperatorType::kValues, std::move(types), estimated_cardinality),
      values(std::move(values)) {}

std::unique_ptr<GlobalSourceState> PhysicalValues::GetGlobalSourceState(ExecutionContext&) const {
  return std::make_unique<ValuesState>();
}

SourceResultType PhysicalValues::GetData(ExecutionContext&, DataChunk& chunk,
                                         GlobalSourceState& gstate, LocalSourceState&) const {
  auto& state = static_cast<ValuesState&>(gstate);
  idx_t end = std::min(values.size(), state.next_row + kVectorSize);
  DataChunk one_row;
  one_row.SetCardinality(1);
  for (idx_t c = 0; c < types.size(); c++) {
    auto& target = chunk.column(c);
    target.ResetToFlat();
    // Row-wise evaluation is fine here: VALUES lists are written by hand.
    for (idx_t r = state.next_row; r < end; r++) {
      ExpressionExecutor executor(*values[r][c]);
      Vector result(types[c]);
      executor.ExecuteExpression(0, one_row, result);
      target.SetValue(r - state.next_row, result.GetValue(0));
    }
  }
  chunk.SetCardinality(end - state.next_row);
  state.next_row = end;
  return state.next_row >= values.size() ? SourceResultType::kFinished
                                         : SourceResultType::kHaveMoreOutput;
}

}  // namespace tributary
