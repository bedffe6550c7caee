#include "execution/operator/aggregate/physical_grouping_set_expand.h"

#include "execution/expression_executor.h"

namespace tributary {

namespace {
struct GroupingSetExpandState : public OperatorState {
  explicit GroupingSetExpandState(const std::vector<ExpressionPtr>& groups) : executor(groups) {
    std::vector<LogicalType> types;
    for (auto& g : groups)
      types.push_back(g->return_type);
    values.Initialize(types);
  }
  ExpressionExecutor executor;
  DataChunk values;  // the groups of the current input chunk
  idx_t next_set = 0;
};
}  // namespace

PhysicalGroupingSetExpand::PhysicalGroupingSetExpand(std::vector<LogicalType> types,
                                                     std::vector<ExpressionPtr> groups,
                                                     std::vector<std::vector<idx_t>> sets,
                                                     idx_t estimated_cardinality)
    : PhysicalOperator(PhysicalOperatorType::kProjection, std::move(types),
                       estimated_cardinality * std::max<idx_t>(sets.size(), 1)),
      groups(std::move(groups)),
      sets(std::move(sets)) {
  for (auto& set : this->sets) {
    member_.emplace_back(this->groups.size(), false);
    for (idx_t g : set)
      member_.back()[g] = true;
  }
}

std::string PhysicalGroupingSetExpand::ParamsToString() const {
  std::string s;
  for (idx_t i = 0; i < sets.size(); i++) {
    s += i ? ", (" : "(";
    for (idx_t j = 0; j < sets[i].size(); j++)
      s += (j ? ", " : "") + groups[sets[i][j]]->ToString();
    s += ")";
  }
  return s;
}

std::unique_ptr<OperatorState> PhysicalGroupingSetExpand::GetOperatorState(
    ExecutionContext&) const {
  return std::make_unique<GroupingSetExpandState>(groups);
}

OperatorResultType PhysicalGroupingSetExpand::Execute(ExecutionContext&, DataChunk& input,
                                                      DataChunk& chunk, GlobalOperatorState&,
                                                      OperatorState& state_p) const {
  auto& state = static_cast<GroupingSetExpandState&>(state_p);
  if (state.next_set == 0) {
    state.values.Reset();
    state.executor.Execute(input, state.values);
  }
  idx_t set = state.next_set;
  idx_t width = input.ColumnCount();
  for (idx_t c = 0; c < width; c++)
    chunk.column(c).Reference(input.column(c));
  for (idx_t g = 0; g < groups.size(); g++) {
    auto& out = chunk.column(width + g);
    if (member_[set][g]) {
      out.Reference(state.values.column(g));
    } else {
      out.SetConstant(Value::Null(groups[g]->return_type));
    }
  }
  chunk.column(width + groups.size()).SetConstant(Value::Integer(static_cast<int32_t>(set)));
  chunk.SetCardinality(input.size());
  state.next_set = set + 1 == sets.size() ? 0 : set + 1;
  return state.next_set == 0 ? OperatorResultType::kNeedMoreInput
                             : OperatorResultType::kHaveMoreOutput;
}

}  // namespace tributary
