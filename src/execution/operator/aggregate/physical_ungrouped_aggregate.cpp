#include "execution/operator/aggregate/physical_ungrouped_aggregate.h"

#include <algorithm>
#include <mutex>

#include "execution/executor.h"
#include "execution/operator/aggregate/aggregate_input.h"
#include "execution/operator/aggregate/grouped_aggregate_hash_table.h"

namespace tributary {

namespace {

// One state per aggregate, 16-byte aligned, plus the arena their strings use.
struct AggregateStates {
  explicit AggregateStates(const std::vector<ExpressionPtr>& aggregates) {
    for (auto& e : aggregates) {
      auto& f = e->Cast<BoundAggregateExpression>().function;
      offsets.push_back(size);
      size += (f.StateSize() + 15) / 16 * 16;
    }
    memory.reset(new (std::align_val_t(16)) data_t[size ? size : 16]);
    for (idx_t a = 0; a < aggregates.size(); a++) {
      auto& f = aggregates[a]->Cast<BoundAggregateExpression>().function;
      f.initialize(f, memory.get() + offsets[a]);
    }
  }
  data_ptr_t State(idx_t a) { return memory.get() + offsets[a]; }
  std::vector<idx_t> offsets;
  idx_t size = 0;
  std::unique_ptr<data_t[]> memory;
  StringHeap arena;
};

// DISTINCT aggregates' sets of values seen (not thread-safe: a sink with
// DISTINCT aggregates runs on one thread). They live in the global state:
// several pipelines (UNION ALL branches) may feed one aggregate, and a
// value counts only in the first local state that sees it.
std::vector<std::unique_ptr<GroupedAggregateHashTable>> DistinctSets(
    const std::vector<ExpressionPtr>& aggregates) {
  std::vector<std::unique_ptr<GroupedAggregateHashTable>> seen;
  for (auto& e : aggregates) {
    auto& a = e->Cast<BoundAggregateExpression>();
    if (!a.distinct) {
      seen.push_back(nullptr);
      continue;
    }
    std::vector<LogicalType> types;
    for (auto& c : a.children)
      types.push_back(c->return_type);
    seen.push_back(std::make_unique<GroupedAggregateHashTable>(
        types, std::vector<const AggregateFunction*>()));
  }
  return seen;
}

struct UngroupedLocalState : public LocalSinkState {
  explicit UngroupedLocalState(const std::vector<ExpressionPtr>& aggregates)
      : input({}, aggregates), states(aggregates), pointers(LogicalTypeId::kBigInt) {}
  AggregateInput input;
  AggregateStates states;
  Vector pointers;
};

struct UngroupedGlobalState : public GlobalSinkState {
  explicit UngroupedGlobalState(const std::vector<ExpressionPtr>& aggregates)
      : states(aggregates), seen(DistinctSets(aggregates)) {}
  std::mutex lock;
  AggregateStates states;
  std::vector<std::unique_ptr<GroupedAggregateHashTable>> seen;
};

}  // namespace

PhysicalUngroupedAggregate::PhysicalUngroupedAggregate(std::vector<LogicalType> types,
                                                       std::vector<ExpressionPtr> aggregates,
                                                       idx_t estimated_cardinality)
    : PhysicalOperator(PhysicalOperatorType::kUngroupedAggregate, std::move(types),
                       estimated_cardinality),
      aggregates(std::move(aggregates)) {
  for (auto& a : this->aggregates)
    has_distinct_ = has_distinct_ || a->Cast<BoundAggregateExpression>().distinct;
}

std::string PhysicalUngroupedAggregate::ParamsToString() const {
  std::string s;
  for (idx_t i = 0; i < aggregates.size(); i++)
    s += (i ? ", " : "") + aggregates[i]->ToString();
  return s;
}

std::unique_ptr<GlobalSinkState> PhysicalUngroupedAggregate::GetGlobalSinkState(
    ClientContext&) const {
  return std::make_unique<UngroupedGlobalState>(aggregates);
}

std::unique_ptr<LocalSinkState> PhysicalUngroupedAggregate::GetLocalSinkState(
    ExecutionContext&) const {
  return std::make_unique<UngroupedLocalState>(aggregates);
}

SinkResultType PhysicalUngroupedAggregate::Sink(ExecutionContext&, DataChunk& chunk,
                                                GlobalSinkState& gstate,
                                                LocalSinkState& lstate) const {
  auto& state = static_cast<UngroupedLocalState&>(lstate);
  auto& global = static_cast<UngroupedGlobalState&>(gstate);
  state.input.Evaluate(chunk);
  for (idx_t a = 0; a < aggregates.size(); a++) {
    auto& aggregate = aggregates[a]->Cast<BoundAggregateExpression>();
    auto& arguments = state.input.arguments[a];
    AggregateInputData aux{aggregate.bind_data.get(), &state.states.arena};
    const SelectionVector* sel = state.input.filter_sel[a].get();
    idx_t count = sel ? state.input.filter_count[a] : chunk.size();
    if (aggregate.distinct) {
      DataChunk values;
      values.Initialize(arguments.Types());
      values.Reference(arguments);
      if (sel)
        values.Slice(*sel, count);
      SelectionVector non_null(std::max<idx_t>(values.size(), 1));
      idx_t kept = 0;
      for (idx_t i = 0; i < values.size(); i++) {
        bool any_null = false;
        for (idx_t c = 0; c < values.ColumnCount(); c++)
          any_null |= values.column(c).IsNull(i);
        if (!any_null)
          non_null.set_index(kept++, i);
      }
      if (kept < values.size())
        values.Slice(non_null, kept);
      std::vector<data_ptr_t> addresses(std::max<idx_t>(values.size(), 1));
      SelectionVector fresh(std::max<idx_t>(values.size(), 1));
      idx_t created = global.seen[a]->FindOrCreate(values, addresses.data(), &fresh);
      if (created == 0)
        continue;
      values.Slice(fresh, created);
      aggregate.function.simple_update(values.columns().data(), values.ColumnCount(), aux,
                                       state.states.State(a), created);
      continue;
    }
    if (sel) {
      DataChunk selected;
      selected.Initialize(arguments.Types(), std::max<idx_t>(count, 1));
      selected.Append(arguments, *sel, count);
      aggregate.function.simple_update(selected.columns().data(), selected.ColumnCount(), aux,
                                       state.states.State(a), count);
    } else {
      aggregate.function.simple_update(arguments.columns().data(), arguments.ColumnCount(), aux,
                                       state.states.State(a), count);
    }
  }
  return SinkResultType::kNeedMoreInput;
}

void PhysicalUngroupedAggregate::Combine(ExecutionContext&, GlobalSinkState& gstate,
                                         LocalSinkState& lstate) const {
  auto& global = static_cast<UngroupedGlobalState&>(gstate);
  auto& local = static_cast<UngroupedLocalState&>(lstate);
  std::lock_guard<std::mutex> guard(global.lock);
  Vector source(LogicalTypeId::kBigInt, 1);
  Vector target(LogicalTypeId::kBigInt, 1);
  for (idx_t a = 0; a < aggregates.size(); a++) {
    auto& aggregate = aggregates[a]->Cast<BoundAggregateExpression>();
    source.Data<data_ptr_t>()[0] = local.states.State(a);
    target.Data<data_ptr_t>()[0] = global.states.State(a);
    AggregateInputData aux{aggregate.bind_data.get(), &global.states.arena};
    aggregate.function.combine(source, target, aux, 1);
  }
}

SourceResultType PhysicalUngroupedAggregate::GetData(ExecutionContext& context, DataChunk& chunk,
                                                     GlobalSourceState&, LocalSourceState&) const {
  auto& global = context.executor.GetSinkState<UngroupedGlobalState>(*this);
  Vector states(LogicalTypeId::kBigInt, 1);
  for (idx_t a = 0; a < aggregates.size(); a++) {
    auto& aggregate = aggregates[a]->Cast<BoundAggregateExpression>();
    states.Data<data_ptr_t>()[0] = global.states.State(a);
    AggregateInputData aux{aggregate.bind_data.get(), &global.states.arena};
    aggregate.function.finalize(states, aux, chunk.column(a), 1, 0);
  }
  chunk.SetCardinality(1);
  return SourceResultType::kFinished;
}

}  // namespace tributary
