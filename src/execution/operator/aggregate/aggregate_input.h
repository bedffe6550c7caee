// AggregateInput: evaluates, for one chunk, the group keys, every
// aggregate's argument expressions and FILTER predicates (shared by the
// grouped and ungrouped aggregate operators). One per thread.
#pragma once

#include <vector>

#include "execution/expression_executor.h"
#include "planner/expression/bound_aggregate_expression.h"

namespace tributary {

class AggregateInput {
 public:
  AggregateInput(const std::vector<ExpressionPtr>& groups,
                 const std::vector<ExpressionPtr>& aggregates);

  // Evaluates everything on `input`.
  void Evaluate(DataChunk& input);

  DataChunk keys;
  // Per aggregate: its argument vectors (a chunk each).
  std::vector<DataChunk> arguments;
  // Per aggregate with FILTER: the passing rows; null otherwise.
  std::vector<std::unique_ptr<SelectionVector>> filter_sel;
  std::vector<idx_t> filter_count;

 private:
  ExpressionExecutor group_executor_;
  std::vector<std::unique_ptr<ExpressionExecutor>> argument_executors_;
  std::vector<std::unique_ptr<ExpressionExecutor>> filter_executors_;
};

// Updates `function`'s states for the rows of `arguments` (all rows, or
// those in `sel` when given). `states` holds one state pointer per row.
void UpdateAggregate(const BoundAggregateExpression& aggregate, DataChunk& arguments,
                     const SelectionVector* sel, idx_t sel_count, Vector& states,
                     AggregateInputData& aux);

}  // namespace tributary
