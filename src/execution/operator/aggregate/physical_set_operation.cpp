#include "execution/operator/aggregate/physical_set_operation.h"

#include <algorithm>
#include <mutex>

#include "execution/executor.h"
#include "execution/operator/aggregate/grouped_aggregate_hash_table.h"

namespace tributary {

namespace {

struct SideCounts {
  int64_t left;
  int64_t right;
};

void CountsInitialize(const AggregateFunction&, data_ptr_t state) {
  *reinterpret_cast<SideCounts*>(state) = {0, 0};
}
void CountsUpdate(Vector inputs[], idx_t, AggregateInputData&, Vector& states, idx_t count) {
  auto tags = inputs[0].Data<int32_t>();
  auto targets = states.Data<data_ptr_t>();
  bool constant = inputs[0].IsConstant();
  for (idx_t i = 0; i < count; i++) {
    auto& s = *reinterpret_cast<SideCounts*>(targets[i]);
    (tags[constant ? 0 : i] == 0 ? s.left : s.right)++;
  }
}
void CountsCombine(Vector& source, Vector& target, AggregateInputData&, idx_t count) {
  auto src = source.Data<data_ptr_t>();
  auto dst = target.Data<data_ptr_t>();
  for (idx_t i = 0; i < count; i++) {
    auto& s = *reinterpret_cast<SideCounts*>(src[i]);
    auto& d = *reinterpret_cast<SideCounts*>(dst[i]);
    d.left += s.left;
    d.right += s.right;
  }
}

const AggregateFunction& SideCountFunction() {
  static const AggregateFunction function = [] {
    AggregateFunction f;
    f.name = "side_counts";
    f.arguments = {LogicalTypeId::kInteger};
    f.return_type = LogicalTypeId::kBigInt;
    f.fixed_state_size = sizeof(SideCounts);
    f.initialize = CountsInitialize;
    f.update = CountsUpdate;
    f.combine = CountsCombine;
    return f;
  }();
  return function;
}

struct SetOpLocalState : public LocalSinkState {
  explicit SetOpLocalState(const std::vector<LogicalType>& types)
      : table(std::make_unique<GroupedAggregateHashTable>(
            types, std::vector<const AggregateFunction*>{&SideCountFunction()})),
        addresses(kVectorSize),
        states(LogicalTypeId::kBigInt) {}
  std::unique_ptr<GroupedAggregateHashTable> table;
  std::vector<data_ptr_t> addresses;
  Vector states;
};

struct SetOpGlobalState : public GlobalSinkState {
  std::mutex lock;
  std::unique_ptr<GroupedAggregateHashTable> table;
};

struct SetOpSourceState : public GlobalSourceState {
  idx_t group = 0;      // next group to emit
  int64_t emitted = 0;  // copies of `group` already emitted
};

}  // namespace

std::unique_ptr<GlobalSinkState> PhysicalSetOperation::GetGlobalSinkState(ClientContext&) const {
  auto state = std::make_unique<SetOpGlobalState>();
  state->table = std::make_unique<GroupedAggregateHashTable>(
      types, std::vector<const AggregateFunction*>{&SideCountFunction()});
  return state;
}

std::unique_ptr<LocalSinkState> PhysicalSetOperation::GetLocalSinkState(ExecutionContext&) const {
  return std::make_unique<SetOpLocalState>(types);
}

SinkResultType PhysicalSetOperation::Sink(ExecutionContext&, DataChunk& chunk, GlobalSinkState&,
                                          LocalSinkState& lstate) const {
  auto& state = static_cast<SetOpLocalState&>(lstate);
  DataChunk keys;
  keys.Initialize(types);
  for (idx_t c = 0; c < types.size(); c++)
    keys.column(c).Reference(chunk.column(c));
  keys.SetCardinality(chunk.size());
  state.table->FindOrCreate(keys, state.addresses.data());
  state.table->StatePointers(state.addresses.data(), chunk.size(), 0, state.states);
  AggregateInputData aux;
  Vector* tag = &chunk.column(types.size());
  CountsUpdate(tag, 1, aux, state.states, chunk.size());
  return SinkResultType::kNeedMoreInput;
}

void PhysicalSetOperation::Combine(ExecutionContext&, GlobalSinkState& gstate,
                                   LocalSinkState& lstate) const {
  auto& global = static_cast<SetOpGlobalState&>(gstate);
  auto& local = static_cast<SetOpLocalState&>(lstate);
  std::lock_guard<std::mutex> guard(global.lock);
  global.table->Combine(*local.table, {nullptr});
}

std::unique_ptr<GlobalSourceState> PhysicalSetOperation::GetGlobalSourceState(
    ExecutionContext&) const {
  return std::make_unique<SetOpSourceState>();
}

SourceResultType PhysicalSetOperation::GetData(ExecutionContext& context, DataChunk& chunk,
                                               GlobalSourceState& gstate, LocalSourceState&) const {
  auto& global = context.executor.GetSinkState<SetOpGlobalState>(*this);
  auto& state = static_cast<SetOpSourceState&>(gstate);
  auto& table = *global.table;
  DataChunk keys;
  keys.Initialize(types);
  idx_t out = 0;
  while (state.group < table.Count() && out < kVectorSize) {
    // Read a batch of groups, emit as many copies as fit.
    idx_t batch_start = state.group;
    idx_t n = table.Scan(batch_start, keys, nullptr, {});
    idx_t i = 0;
    std::vector<data_ptr_t> rows(n);
    for (idx_t r = 0; r < n; r++)
      rows[r] = table.RowAt(batch_start + r);
    Vector pointers(LogicalTypeId::kBigInt, std::max<idx_t>(n, 1));
    table.StatePointers(rows.data(), n, 0, pointers);
    auto states = pointers.Data<data_ptr_t>();
    for (i = 0; i < n && out < kVectorSize; i++) {
      auto& c = *reinterpret_cast<SideCounts*>(states[i]);
      int64_t copies;
      if (kind == SetOperationKind::kIntersect) {
        copies = all ? std::min(c.left, c.right) : (c.left > 0 && c.right > 0 ? 1 : 0);
      } else {
        copies =
            all ? std::max<int64_t>(c.left - c.right, 0) : (c.left > 0 && c.right == 0 ? 1 : 0);
      }
      SelectionVector one(1);
      one.set_index(0, i);
      while (state.emitted < copies && out < kVectorSize) {
        for (idx_t col = 0; col < types.size(); col++)
          chunk.column(col).CopyFrom(keys.column(col), one, 1, out);
        out++;
        state.emitted++;
      }
      if (state.emitted >= copies) {
        state.group++;
        state.emitted = 0;
      } else {
        break;  // chunk full in the middle of a group's copies
      }
    }
  }
  chunk.SetCardinality(out);
  return state.group >= table.Count() ? SourceResultType::kFinished
                                      : SourceResultType::kHaveMoreOutput;
}

}  // namespace tributary
