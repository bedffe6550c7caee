#include "execution/operator/join/physical_hash_join.h"

#include <mutex>

#include "execution/executor.h"
#include "execution/operator/join/join_matches.h"
#include "execution/vector_comparison.h"
#include "execution/vector_hash.h"

namespace tributary {

namespace {

using KeyEqualFn = bool (*)(const Vector& a, idx_t ai, const Vector& b, idx_t bi);

template <class T>
bool KeyEqual(const Vector& a, idx_t ai, const Vector& b, idx_t bi) {
  return CompareValues<T>(a.Data<T>()[ai], b.Data<T>()[bi]) == 0;
}

std::vector<ExpressionPtr> Sides(const std::vector<JoinCondition>& conditions, bool right) {
  std::vector<ExpressionPtr> result;
  for (auto& c : conditions)
    result.push_back((right ? c.right : c.left)->Copy());
  return result;
}

struct HashJoinLocalSinkState : public LocalSinkState {
  HashJoinLocalSinkState(const std::vector<LogicalType>& key_types,
                         const std::vector<LogicalType>& build_types,
                         std::vector<ExpressionPtr> right_keys)
      : right_key_exprs(std::move(right_keys)),
        executor(right_key_exprs),
        keys(key_types),
        rows(build_types) {
    evaluated.Initialize(key_types);
  }
  std::vector<ExpressionPtr> right_key_exprs;
  ExpressionExecutor executor;
  DataChunk evaluated;
  JoinRowCollection keys;
  JoinRowCollection rows;
};

struct HashJoinGlobalState : public GlobalSinkState {
  HashJoinGlobalState(const std::vector<LogicalType>& key_types,
                      const std::vector<LogicalType>& build_types)
      : keys(key_types), rows(build_types) {}
  std::mutex lock;
  JoinRowCollection keys;
  JoinRowCollection rows;
  std::vector<hash_t> hashes;
  std::vector<uint64_t> buckets;  // row + 1, 0 = empty
  std::vector<uint64_t> next;     // row + 1 of the next row in the chain
  uint64_t mask = 0;
  bool has_null_key = false;
  std::unique_ptr<std::atomic<uint8_t>[]> matched;
};

struct HashJoinProbeState : public OperatorState {
  HashJoinProbeState(const PhysicalHashJoin& op, std::vector<ExpressionPtr> left_keys,
                     const std::vector<LogicalType>& key_types,
                     const std::vector<LogicalType>& build_types)
      : left_key_exprs(std::move(left_keys)),
        executor(left_key_exprs),
        output(op.join_type, op.residual.get(), op.children[0]->types.size(), build_types),
        hashes(kVectorSize) {
    keys.Initialize(key_types);
  }
  std::vector<ExpressionPtr> left_key_exprs;
  ExpressionExecutor executor;
  DataChunk keys;
  JoinMatches matches;
  JoinOutput output;
  std::vector<hash_t> hashes;
  bool in_progress = false;
};

struct HashJoinTailState : public GlobalSourceState {
  idx_t position = 0;
};

}  // namespace

PhysicalHashJoin::PhysicalHashJoin(std::vector<LogicalType> types, PhysicalOperatorPtr left,
                                   PhysicalOperatorPtr right, std::vector<JoinCondition> conditions,
                                   JoinType join_type, ExpressionPtr residual,
                                   idx_t estimated_cardinality)
    : PhysicalOperator(PhysicalOperatorType::kHashJoin, std::move(types), estimated_cardinality),
      conditions(std::move(conditions)),
      join_type(join_type),
      residual(std::move(residual)) {
  build_types_ = right->types;
  for (auto& c : this->conditions)
    key_types_.push_back(c.right->return_type);
  children.push_back(std::move(left));
  children.push_back(std::move(right));
}

std::string PhysicalHashJoin::ParamsToString() const {
  std::string s = JoinTypeToString(join_type);
  for (auto& c : conditions)
    s += " " + c.ToString();
  if (residual)
    s += " AND " + residual->ToString();
  return s;
}

const JoinRowCollection& PhysicalHashJoin::BuildKeys(Executor& executor) const {
  return executor.GetSinkState<HashJoinGlobalState>(*this).keys;
}

std::unique_ptr<GlobalSinkState> PhysicalHashJoin::GetGlobalSinkState(ClientContext&) const {
  return std::make_unique<HashJoinGlobalState>(key_types_, build_types_);
}

std::unique_ptr<LocalSinkState> PhysicalHashJoin::GetLocalSinkState(ExecutionContext&) const {
  return std::make_unique<HashJoinLocalSinkState>(key_types_, build_types_,
                                                  Sides(conditions, true));
}

SinkResultType PhysicalHashJoin::Sink(ExecutionContext&, DataChunk& chunk, GlobalSinkState&,
                                      LocalSinkState& lstate) const {
  auto& state = static_cast<HashJoinLocalSinkState&>(lstate);
  state.evaluated.Reset();
  state.executor.Execute(chunk, state.evaluated);
  state.evaluated.Flatten();
  state.keys.Append(state.evaluated);
  DataChunk flat;
  flat.Initialize(chunk.Types(), chunk.size());
  flat.Append(chunk, SelectionVector(), chunk.size());
  state.rows.Append(flat);
  return SinkResultType::kNeedMoreInput;
}

void PhysicalHashJoin::Combine(ExecutionContext&, GlobalSinkState& gstate,
                               LocalSinkState& lstate) const {
  auto& global = static_cast<HashJoinGlobalState&>(gstate);
  auto& local = static_cast<HashJoinLocalSinkState&>(lstate);
  std::lock_guard<std::mutex> guard(global.lock);
  global.keys.Absorb(local.keys);
  global.rows.Absorb(local.rows);
}

void PhysicalHashJoin::Finalize(ClientContext&, GlobalSinkState& gstate) const {
  auto& g = static_cast<HashJoinGlobalState&>(gstate);
  idx_t count = g.rows.Count();
  g.hashes.resize(count);
  g.next.assign(count, 0);
  idx_t capacity = 1024;
  while (capacity < count * 2)
    capacity *= 2;
  g.buckets.assign(capacity, 0);
  g.mask = capacity - 1;
  for (idx_t base = 0; base < count; base += kVectorSize) {
    auto& chunk = g.keys.chunks()[base / kVectorSize];
    idx_t n = chunk.size();
    VectorHash(chunk.column(0), n, g.hashes.data() + base);
    for (idx_t c = 1; c < chunk.ColumnCount(); c++)
      VectorCombineHash(chunk.column(c), n, g.hashes.data() + base);
    for (idx_t i = 0; i < n; i++) {
      bool null_key = false;
      for (idx_t c = 0; c < chunk.ColumnCount(); c++) {
        if (chunk.column(c).IsNull(i) && conditions[c].comparison == ComparisonType::kEqual)
          null_key = true;
      }
      if (null_key) {
        g.has_null_key = true;
        continue;  // a NULL key never matches
      }
      idx_t row = base + i;
      uint64_t& head = g.buckets[g.hashes[row] & g.mask];
      g.next[row] = head;
      head = row + 1;
    }
  }
  if (EmitsAfterProbe()) {
    g.matched.reset(new std::atomic<uint8_t>[count ? count : 1]);
    for (idx_t i = 0; i < count; i++)
      g.matched[i].store(0, std::memory_order_relaxed);
  }
}

std::unique_ptr<OperatorState> PhysicalHashJoin::GetOperatorState(ExecutionContext&) const {
  return std::make_unique<HashJoinProbeState>(*this, Sides(conditions, false), key_types_,
                                              build_types_);
}

OperatorResultType PhysicalHashJoin::Execute(ExecutionContext& context, DataChunk& input,
                                             DataChunk& chunk, GlobalOperatorState&,
                                             OperatorState& ostate) const {
  auto& g = context.executor.GetSinkState<HashJoinGlobalState>(*this);
  auto& state = static_cast<HashJoinProbeState&>(ostate);
  if (!state.in_progress) {
    state.keys.Reset();
    state.executor.Execute(input, state.keys);
    idx_t count = input.size();
    VectorHash(state.keys.column(0), count, state.hashes.data());
    for (idx_t c = 1; c < state.keys.ColumnCount(); c++) {
      VectorCombineHash(state.keys.column(c), count, state.hashes.data());
    }
    std::vector<KeyEqualFn> equal;
    for (auto& t : key_types_) {
      DispatchPhysical(t.physical(), [&](auto tag) {
        using T = typename decltype(tag)::type;
        equal.push_back(KeyEqual<T>);
      });
    }
    std::vector<bool> probe_null(count, false);
    state.matches.Clear();
    for (idx_t i = 0; i < count; i++) {
      bool skip = false;
      for (idx_t c = 0; c < state.keys.ColumnCount(); c++) {
        auto& k = state.keys.column(c);
        if (k.IsNull(i)) {
          probe_null[i] = true;
          if (conditions[c].comparison == ComparisonType::kEqual)
            skip = true;
        }
      }
      if (skip || g.buckets.empty())
        continue;
      hash_t h = state.hashes[i];
      for (uint64_t entry = g.buckets[h & g.mask]; entry != 0; entry = g.next[entry - 1]) {
        idx_t row = entry - 1;
        if (g.hashes[row] != h)
          continue;
        bool equal_keys = true;
        for (idx_t c = 0; c < state.keys.ColumnCount() && equal_keys; c++) {
          auto& probe_key = state.keys.column(c);
          auto& build_key = g.keys.Column(row, c);
          idx_t br = row % kVectorSize;
          bool pn = probe_key.IsNull(i), bn = build_key.IsNull(br);
          if (pn || bn) {
            equal_keys = pn && bn;  // only reachable for IS NOT DISTINCT FROM
          } else {
            equal_keys = equal[c](probe_key, probe_key.IsConstant() ? 0 : i, build_key, br);
          }
        }
        if (equal_keys)
          state.matches.Add(i, row);
      }
    }
    state.output.Start(input, state.matches, g.rows, g.matched.get(), probe_null, g.has_null_key);
    state.in_progress = true;
  }
  if (state.output.Next(input, g.rows, chunk))
    return OperatorResultType::kHaveMoreOutput;
  state.in_progress = false;
  return OperatorResultType::kNeedMoreInput;
}

std::unique_ptr<GlobalSourceState> PhysicalHashJoin::GetGlobalSourceState(ExecutionContext&) const {
  return std::make_unique<HashJoinTailState>();
}

SourceResultType PhysicalHashJoin::GetData(ExecutionContext& context, DataChunk& chunk,
                                           GlobalSourceState& gstate, LocalSourceState&) const {
  auto& g = context.executor.GetSinkState<HashJoinGlobalState>(*this);
  auto& state = static_cast<HashJoinTailState&>(gstate);
  std::vector<idx_t> rows;
  idx_t count = g.rows.Count();
  while (state.position < count && rows.size() < kVectorSize) {
    if (!g.matched[state.position].load(std::memory_order_relaxed))
      rows.push_back(state.position);
    state.position++;
  }
  idx_t left = children[0]->types.size();
  for (idx_t c = 0; c < left; c++) {
    chunk.column(c).ResetToFlat();
    for (idx_t i = 0; i < rows.size(); i++)
      chunk.column(c).SetNull(i);
  }
  g.rows.Gather(rows.data(), rows.size(), chunk, left);
  chunk.SetCardinality(rows.size());
  return state.position >= count ? SourceResultType::kFinished : SourceResultType::kHaveMoreOutput;
}

}  // namespace tributary
