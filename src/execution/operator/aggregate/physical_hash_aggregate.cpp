#include "execution/operator/aggregate/physical_hash_aggregate.h"

#include <algorithm>
#include <atomic>
#include <mutex>

#include "execution/executor.h"
#include "execution/operator/aggregate/aggregate_input.h"
#include "execution/operator/aggregate/grouped_aggregate_hash_table.h"
#include "execution/task_scheduler.h"
#include "main/client_context.h"
#include "main/database.h"

namespace tributary {

namespace {

std::vector<const AggregateFunction*> Functions(const std::vector<ExpressionPtr>& aggregates) {
  std::vector<const AggregateFunction*> result;
  for (auto& a : aggregates)
    result.push_back(&a->Cast<BoundAggregateExpression>().function);
  return result;
}

std::vector<const FunctionData*> BindData(const std::vector<ExpressionPtr>& aggregates) {
  std::vector<const FunctionData*> result;
  for (auto& a : aggregates)
    result.push_back(a->Cast<BoundAggregateExpression>().bind_data.get());
  return result;
}

std::vector<LogicalType> Types(const std::vector<ExpressionPtr>& exprs) {
  std::vector<LogicalType> result;
  for (auto& e : exprs)
    result.push_back(e->return_type);
  return result;
}

// Per DISTINCT aggregate: the (group keys, arguments) pairs seen so far.
struct DistinctSets {
  std::vector<std::unique_ptr<GroupedAggregateHashTable>> sets;
};

struct HashAggregateLocalState : public LocalSinkState {
  HashAggregateLocalState(const PhysicalHashAggregate& op)
      : input(op.groups, op.aggregates),
        table(std::make_unique<GroupedAggregateHashTable>(
            Types(op.groups), Functions(op.aggregates), op.ParallelSink())),
        addresses(kVectorSize),
        states(LogicalTypeId::kBigInt),
        new_rows(kVectorSize),
        distinct_addresses(kVectorSize) {}
  AggregateInput input;
  std::unique_ptr<GroupedAggregateHashTable> table;
  std::vector<data_ptr_t> addresses;
  Vector states;
  SelectionVector new_rows;
  std::vector<data_ptr_t> distinct_addresses;
};

struct HashAggregateGlobalState : public GlobalSinkState {
  explicit HashAggregateGlobalState(const PhysicalHashAggregate& op) {
    for (auto& e : op.aggregates) {
      auto& a = e->Cast<BoundAggregateExpression>();
      if (!a.distinct) {
        distinct.sets.push_back(nullptr);
        continue;
      }
      auto types = Types(op.groups);
      for (auto& c : a.children)
        types.push_back(c->return_type);
      distinct.sets.push_back(std::make_unique<GroupedAggregateHashTable>(
          types, std::vector<const AggregateFunction*>()));
    }
  }
  std::mutex lock;
  // DISTINCT aggregates' pairs seen (a sink with them runs on one thread).
  // Global because several pipelines (UNION ALL branches) may feed one
  // aggregate: a pair counts only in the first local table that sees it,
  // and the tables are summed when merged.
  DistinctSets distinct;
  // The threads' tables, as they finished.
  std::vector<std::unique_ptr<GroupedAggregateHashTable>> locals;
  // After Finalize: tables holding disjoint sets of groups.
  std::vector<std::unique_ptr<GroupedAggregateHashTable>> finals;
};

// One morsel of output: up to kVectorSize groups of one final table.
struct ScanMorsel {
  GroupedAggregateHashTable* table;
  idx_t offset;
};

struct HashAggregateSourceState : public GlobalSourceState {
  std::vector<ScanMorsel> morsels;
  std::atomic<idx_t> next{0};
  idx_t MaxThreads() const override { return std::max<idx_t>(morsels.size(), 1); }
};

struct HashAggregateLocalSourceState : public LocalSourceState {
  DataChunk keys;
  DataChunk results;
};

}  // namespace

PhysicalHashAggregate::PhysicalHashAggregate(std::vector<LogicalType> types,
                                             std::vector<ExpressionPtr> groups,
                                             std::vector<ExpressionPtr> aggregates,
                                             idx_t estimated_cardinality)
    : PhysicalOperator(PhysicalOperatorType::kHashAggregate, std::move(types),
                       estimated_cardinality),
      groups(std::move(groups)),
      aggregates(std::move(aggregates)) {
  for (auto& a : this->aggregates)
    has_distinct_ = has_distinct_ || a->Cast<BoundAggregateExpression>().distinct;
}

std::string PhysicalHashAggregate::ParamsToString() const {
  std::string s;
  for (idx_t i = 0; i < groups.size(); i++)
    s += (i ? ", " : "") + groups[i]->ToString();
  for (idx_t i = 0; i < aggregates.size(); i++)
    s += (s.empty() ? "" : ", ") + aggregates[i]->ToString();
  return s;
}

std::unique_ptr<GlobalSinkState> PhysicalHashAggregate::GetGlobalSinkState(ClientContext&) const {
  return std::make_unique<HashAggregateGlobalState>(*this);
}

std::unique_ptr<LocalSinkState> PhysicalHashAggregate::GetLocalSinkState(ExecutionContext&) const {
  return std::make_unique<HashAggregateLocalState>(*this);
}

SinkResultType PhysicalHashAggregate::Sink(ExecutionContext&, DataChunk& chunk,
                                           GlobalSinkState& gstate, LocalSinkState& lstate) const {
  auto& state = static_cast<HashAggregateLocalState&>(lstate);
  auto& global = static_cast<HashAggregateGlobalState&>(gstate);
  state.input.Evaluate(chunk);
  auto& keys = state.input.keys;
  state.table->FindOrCreate(keys, state.addresses.data());
  for (idx_t a = 0; a < aggregates.size(); a++) {
    auto& aggregate = aggregates[a]->Cast<BoundAggregateExpression>();
    auto& arguments = state.input.arguments[a];
    state.table->StatePointers(state.addresses.data(), chunk.size(), a, state.states);
    AggregateInputData aux{aggregate.bind_data.get(), &state.table->arena()};
    const SelectionVector* sel = state.input.filter_sel[a].get();
    idx_t sel_count = state.input.filter_count[a];
    if (aggregate.distinct) {
      // Only (group, value) pairs not seen before update the aggregate.
      DataChunk pairs;
      auto types = keys.Types();
      for (auto& t : arguments.Types())
        types.push_back(t);
      pairs.Initialize(types);
      for (idx_t c = 0; c < keys.ColumnCount(); c++)
        pairs.column(c).Reference(keys.column(c));
      for (idx_t c = 0; c < arguments.ColumnCount(); c++) {
        pairs.column(keys.ColumnCount() + c).Reference(arguments.column(c));
      }
      pairs.SetCardinality(chunk.size());
      // positions[k] = the chunk row of pair k.
      std::vector<sel_t> positions;
      if (sel) {
        pairs.Slice(*sel, sel_count);
        positions.assign(sel->data(), sel->data() + sel_count);
      } else {
        for (idx_t i = 0; i < chunk.size(); i++)
          positions.push_back(static_cast<sel_t>(i));
      }
      // Rows with a NULL argument never count.
      SelectionVector non_null(std::max<idx_t>(pairs.size(), 1));
      idx_t kept = 0;
      for (idx_t i = 0; i < pairs.size(); i++) {
        bool any_null = false;
        for (idx_t c = keys.ColumnCount(); c < pairs.ColumnCount(); c++)
          any_null |= pairs.column(c).IsNull(i);
        if (!any_null) {
          non_null.set_index(kept, i);
          positions[kept] = positions[i];
          kept++;
        }
      }
      if (kept < pairs.size())
        pairs.Slice(non_null, kept);
      idx_t created = global.distinct.sets[a]->FindOrCreate(pairs, state.distinct_addresses.data(),
                                                            &state.new_rows);
      if (created == 0)
        continue;
      SelectionVector rows(created);
      for (idx_t i = 0; i < created; i++)
        rows.set_index(i, positions[state.new_rows.get_index(i)]);
      UpdateAggregate(aggregate, arguments, &rows, created, state.states, aux);
    } else {
      UpdateAggregate(aggregate, arguments, sel, sel_count, state.states, aux);
    }
  }
  return SinkResultType::kNeedMoreInput;
}

void PhysicalHashAggregate::Combine(ExecutionContext&, GlobalSinkState& gstate,
                                    LocalSinkState& lstate) const {
  auto& global = static_cast<HashAggregateGlobalState&>(gstate);
  auto& local = static_cast<HashAggregateLocalState&>(lstate);
  std::lock_guard<std::mutex> guard(global.lock);
  global.locals.push_back(std::move(local.table));
}

void PhysicalHashAggregate::Finalize(ClientContext& context, GlobalSinkState& gstate) const {
  auto& global = static_cast<HashAggregateGlobalState&>(gstate);
  // Merges the threads' tables into global.finals.
  auto merge = [&]() {
    auto& locals = global.locals;
    global.finals.clear();
    if (locals.empty()) {
      global.finals.push_back(
          std::make_unique<GroupedAggregateHashTable>(Types(groups), Functions(aggregates)));
      return;
    }
    bool any_partitioned = false;
    for (auto& t : locals)
      any_partitioned = any_partitioned || t->IsPartitioned();
    auto bind_data = BindData(aggregates);
    if (locals.size() == 1 || !any_partitioned) {
      // Few groups: merge into the first table, keeping its group order.
      for (idx_t i = 1; i < locals.size(); i++)
        locals[0]->Combine(*locals[i], bind_data);
      global.finals.push_back(std::move(locals[0]));
      locals.clear();
      return;
    }
    // Many groups: merge each hash partition of all tables independently, in
    // parallel. The largest piece of a partition is adopted as it is; only
    // the others are probed into it.
    constexpr idx_t kPartitions = GroupedAggregateHashTable::kPartitions;
    global.finals.resize(kPartitions);
    context.db.scheduler().RunParallel(kPartitions, [&](idx_t p) {
      auto final_table =
          std::make_unique<GroupedAggregateHashTable>(Types(groups), Functions(aggregates));
      idx_t largest = 0;
      for (idx_t i = 1; i < locals.size(); i++) {
        if (locals[i]->PartitionCount(p) > locals[largest]->PartitionCount(p))
          largest = i;
      }
      if (locals[largest]->IsPartitioned())
        final_table->AdoptPartition(*locals[largest], p);
      for (idx_t i = 0; i < locals.size(); i++) {
        if (i != largest || !locals[i]->IsPartitioned())
          final_table->CombinePartition(*locals[i], p, bind_data);
      }
      global.finals[p] = std::move(final_table);
    });
    // The finals keep the locals' string arenas alive; their rows are merged.
    locals.clear();
  };
  merge();
  if (!empty_grouping_sets.empty() && global.finals.size() == 1 && global.finals[0]->Count() == 0) {
    // No input: the empty grouping sets' rows, with the aggregates' initial states.
    DataChunk keys;
    keys.Initialize(Types(groups));
    idx_t n = empty_grouping_sets.size();
    for (idx_t i = 0; i < n; i++) {
      for (idx_t c = 0; c + 1 < groups.size(); c++)
        keys.column(c).SetNull(i);
      keys.column(groups.size() - 1)
          .SetValue(i, Value::Integer(static_cast<int32_t>(empty_grouping_sets[i])));
    }
    keys.SetCardinality(n);
    std::vector<data_ptr_t> addresses(n);
    global.finals[0]->FindOrCreate(keys, addresses.data());
  }
}

std::unique_ptr<GlobalSourceState> PhysicalHashAggregate::GetGlobalSourceState(
    ExecutionContext& context) const {
  auto& global = context.executor.GetSinkState<HashAggregateGlobalState>(*this);
  auto state = std::make_unique<HashAggregateSourceState>();
  for (auto& table : global.finals) {
    // Scan stops at partition ends, so walk the table's own numbering.
    for (idx_t offset = 0; offset < table->Count();) {
      idx_t n = table->ScanSize(offset);
      state->morsels.push_back({table.get(), offset});
      offset += n;
    }
  }
  return state;
}

std::unique_ptr<LocalSourceState> PhysicalHashAggregate::GetLocalSourceState(
    ExecutionContext&, GlobalSourceState&) const {
  auto state = std::make_unique<HashAggregateLocalSourceState>();
  state->keys.Initialize(Types(groups));
  state->results.Initialize(Types(aggregates));
  return state;
}

SourceResultType PhysicalHashAggregate::GetData(ExecutionContext&, DataChunk& chunk,
                                                GlobalSourceState& gstate,
                                                LocalSourceState& lstate) const {
  auto& state = static_cast<HashAggregateSourceState&>(gstate);
  auto& local = static_cast<HashAggregateLocalSourceState&>(lstate);
  idx_t index = state.next.fetch_add(1);
  if (index >= state.morsels.size()) {
    chunk.SetCardinality(0);
    return SourceResultType::kFinished;
  }
  auto& morsel = state.morsels[index];
  local.keys.Reset();
  local.results.Reset();
  idx_t n = morsel.table->Scan(morsel.offset, local.keys, &local.results, BindData(aggregates));
  for (idx_t c = 0; c < groups.size(); c++)
    chunk.column(c).Reference(local.keys.column(c));
  for (idx_t a = 0; a < aggregates.size(); a++)
    chunk.column(groups.size() + a).Reference(local.results.column(a));
  chunk.SetCardinality(n);
  return index + 1 >= state.morsels.size() ? SourceResultType::kFinished
                                           : SourceResultType::kHaveMoreOutput;
}

}  // namespace tributary
