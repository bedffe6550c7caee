#include "execution/operator/aggregate/aggregate_input.h"

#include <algorithm>

namespace tributary {

AggregateInput::AggregateInput(const std::vector<ExpressionPtr>& groups,
                               const std::vector<ExpressionPtr>& aggregates)
    : group_executor_(groups) {
  std::vector<LogicalType> key_types;
  for (auto& g : groups)
    key_types.push_back(g->return_type);
  keys.Initialize(key_types);
  for (auto& e : aggregates) {
    auto& aggregate = e->Cast<BoundAggregateExpression>();
    argument_executors_.push_back(std::make_unique<ExpressionExecutor>(aggregate.children));
    std::vector<LogicalType> types;
    for (auto& c : aggregate.children)
      types.push_back(c->return_type);
    arguments.emplace_back();
    arguments.back().Initialize(types);
    if (aggregate.filter) {
      filter_executors_.push_back(std::make_unique<ExpressionExecutor>(*aggregate.filter));
      filter_sel.push_back(std::make_unique<SelectionVector>(kVectorSize));
    } else {
      filter_executors_.push_back(nullptr);
      filter_sel.push_back(nullptr);
    }
    filter_count.push_back(0);
  }
}

void AggregateInput::Evaluate(DataChunk& input) {
  keys.Reset();
  if (group_executor_.ExpressionCount() > 0) {
    group_executor_.Execute(input, keys);
  } else {
    keys.SetCardinality(input.size());
  }
  for (idx_t a = 0; a < arguments.size(); a++) {
    arguments[a].Reset();
    argument_executors_[a]->Execute(input, arguments[a]);
    arguments[a].SetCardinality(input.size());
    if (filter_executors_[a])
      filter_count[a] = filter_executors_[a]->Select(input, *filter_sel[a]);
  }
}

void UpdateAggregate(const BoundAggregateExpression& aggregate, DataChunk& arguments,
                     const SelectionVector* sel, idx_t sel_count, Vector& states,
                     AggregateInputData& aux) {
  idx_t count = arguments.size();
  if (sel) {
    // Compact the selected rows (arguments and their state pointers).
    DataChunk selected;
    selected.Initialize(arguments.Types(), std::max<idx_t>(sel_count, 1));
    selected.Append(arguments, *sel, sel_count);
    Vector selected_states(LogicalTypeId::kBigInt, std::max<idx_t>(sel_count, 1));
    auto in = states.Data<data_ptr_t>();
    auto out = selected_states.Data<data_ptr_t>();
    for (idx_t i = 0; i < sel_count; i++)
      out[i] = in[sel->get_index(i)];
    aggregate.function.update(selected.columns().data(), selected.ColumnCount(), aux,
                              selected_states, sel_count);
    return;
  }
  aggregate.function.update(arguments.columns().data(), arguments.ColumnCount(), aux, states,
                            count);
}

}  // namespace tributary
