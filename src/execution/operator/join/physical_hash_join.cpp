#include "execution/operator/join/physical_hash_join.h"

#include <algorithm>
#include <atomic>
#include <functional>
#include <mutex>

#include "execution/executor.h"
#include "execution/operator/join/join_key_summary.h"
#include "execution/operator/join/join_matches.h"
#include "execution/task_scheduler.h"
#include "execution/vector_comparison.h"
#include "execution/vector_hash.h"
#include "main/client_context.h"
#include "main/database.h"
#include "planner/expression/bound_reference_expression.h"

namespace tributary {

namespace {

constexpr uint64_t kSaltMask = 0xFFFF000000000000ULL;
constexpr uint64_t kRowMask = ~kSaltMask;
// Builds of at least this many rows hash, consolidate and insert in
// parallel (Finalize).
constexpr idx_t kParallelBuildRows = 128 * 1024;

// Keeps the candidates sel[0..count) whose key in `probe` (at the probe row)
// equals the key in `build` (at the build row rows[probe row]); returns how
// many are kept. A NULL only equals a NULL (IS NOT DISTINCT FROM; NULL keys
// of plain equalities never become candidates).
template <class T>
idx_t MatchKeys(const Vector& probe, const Vector& build, const uint64_t* rows, sel_t* sel,
                idx_t count) {
  auto pd = probe.Data<T>();
  auto bd = build.Data<T>();
  idx_t kept = 0;
  if (probe.IsConstant()) {
    bool pn = probe.IsNull(0);
    for (idx_t j = 0; j < count; j++) {
      sel_t r = sel[j];
      bool bn = !build.validity().RowIsValid(rows[r]);
      bool equal = (pn || bn) ? (pn && bn) : ValuesEqual<T>(pd[0], bd[rows[r]]);
      sel[kept] = r;
      kept += equal;
    }
    return kept;
  }
  if (probe.validity().AllValid() && build.validity().AllValid()) {
    for (idx_t j = 0; j < count; j++) {
      sel_t r = sel[j];
      sel[kept] = r;
      kept += ValuesEqual<T>(pd[r], bd[rows[r]]);
    }
    return kept;
  }
  for (idx_t j = 0; j < count; j++) {
    sel_t r = sel[j];
    bool pn = !probe.validity().RowIsValid(r);
    bool bn = !build.validity().RowIsValid(rows[r]);
    bool equal = (pn || bn) ? (pn && bn) : ValuesEqual<T>(pd[r], bd[rows[r]]);
    sel[kept] = r;
    kept += equal;
  }
  return kept;
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
  // Chain links: the top 16 bits of the row's hash (a salt) | row + 1;
  // 0 = end of chain. The salt rejects most mismatches without touching
  // the row's hash or keys.
  std::vector<uint64_t> buckets;  // chain heads
  std::vector<uint64_t> next;     // link to the next row in the chain
  uint64_t mask = 0;
  bool has_null_key = false;
  std::unique_ptr<std::atomic<uint8_t>[]> matched;
  // Per condition, for runtime filters (summarized_conditions).
  std::vector<JoinKeySummary> summaries;
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
  std::vector<bool> probe_null;
  // Per probe row: the build row its chain walk is at.
  uint64_t rows[kVectorSize];
  uint64_t links[kVectorSize];  // the chain link rows[] came from
  sel_t active[kVectorSize];
  sel_t candidates[kVectorSize];
  JoinMatches sorted;
  std::vector<uint32_t> offsets;
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
  for (auto& c : this->conditions) {
    key_types_.push_back(c.right->return_type);
    if (c.right->expression_class == ExpressionClass::kReference)
      key_columns_.push_back(c.right->Cast<BoundReferenceExpression>().index);
  }
  if (key_columns_.size() != this->conditions.size())
    key_columns_.clear();
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

const JoinKeySummary& PhysicalHashJoin::KeySummary(Executor& executor, idx_t condition) const {
  return executor.GetSinkState<HashJoinGlobalState>(*this).summaries[condition];
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
  if (key_columns_.empty()) {
    state.evaluated.Reset();
    state.executor.Execute(chunk, state.evaluated);
    state.evaluated.Flatten();
    state.keys.Append(state.evaluated);
  }
  state.rows.Append(chunk);  // copies (and flattens) the rows
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

void PhysicalHashJoin::Finalize(ClientContext& context, GlobalSinkState& gstate) const {
  auto& g = static_cast<HashJoinGlobalState&>(gstate);
  idx_t count = g.rows.Count();
  auto& scheduler = context.db.scheduler();
  // Large builds run each step in parallel; small ones stay on this thread
  // (the same chain order every run).
  bool parallel = count >= kParallelBuildRows && scheduler.NumberOfThreads() > 1;
  auto run = [&](idx_t tasks, const std::function<void(idx_t)>& task) {
    if (parallel) {
      scheduler.RunParallel(tasks, task);
    } else {
      for (idx_t i = 0; i < tasks; i++)
        task(i);
    }
  };
  idx_t key_count = conditions.size();
  // 1. Hashes (and NULL keys of plain equalities, which never match), per
  // collected chunk: chunk i holds rows [i * kVectorSize, ...).
  g.hashes.resize(count);
  std::vector<uint8_t> null_key;  // per row, when some key column has NULLs
  {
    const JoinRowCollection& source = key_columns_.empty() ? g.keys : g.rows;
    auto key = [&](idx_t chunk, idx_t c) -> const Vector& {
      return source.chunks()[chunk].column(key_columns_.empty() ? c : key_columns_[c]);
    };
    idx_t chunks = source.chunks().size();
    bool nulls = false;
    for (idx_t i = 0; i < chunks && !nulls; i++) {
      for (idx_t c = 0; c < key_count; c++) {
        if (conditions[c].comparison == ComparisonType::kEqual && !key(i, c).validity().AllValid())
          nulls = true;
      }
    }
    if (nulls)
      null_key.assign(count, 0);
    constexpr idx_t kChunksPerTask = 16;
    run((chunks + kChunksPerTask - 1) / kChunksPerTask, [&](idx_t task) {
      idx_t end = std::min(chunks, (task + 1) * kChunksPerTask);
      for (idx_t i = task * kChunksPerTask; i < end; i++) {
        idx_t n = source.chunks()[i].size();
        hash_t* hashes = g.hashes.data() + i * kVectorSize;
        VectorHash(key(i, 0), n, hashes);
        for (idx_t c = 1; c < key_count; c++)
          VectorCombineHash(key(i, c), n, hashes);
        if (!nulls)
          continue;
        for (idx_t c = 0; c < key_count; c++) {
          auto& validity = key(i, c).validity();
          if (conditions[c].comparison != ComparisonType::kEqual || validity.AllValid())
            continue;
          for (idx_t r = 0; r < n; r++)
            null_key[i * kVectorSize + r] |= !validity.RowIsValid(r);
        }
      }
    });
    if (nulls)
      g.has_null_key = std::find(null_key.begin(), null_key.end(), 1) != null_key.end();
  }
  // 2. Probes index the key and row arrays by build row directly.
  g.rows.Consolidate(parallel ? &scheduler : nullptr);
  if (key_columns_.empty()) {
    g.keys.Consolidate(parallel ? &scheduler : nullptr);
  } else {
    g.keys.ReferenceColumns(g.rows, key_columns_);
  }
  g.summaries.resize(key_count);
  for (idx_t c = 0; c < summarized_conditions.size(); c++) {
    if (summarized_conditions[c])
      g.summaries[c].Build(g.keys, c);
  }
  // 3. The chains. One bucket per build row or more (load factor 0.5 to
  // 1): chains stay short and the salts filter them, while the table (the
  // largest random-access array of the build) takes half the memory of a
  // 2x table. Parallel inserts push onto the chain heads with a
  // compare-and-swap.
  idx_t capacity = 1024;
  while (capacity < count)
    capacity *= 2;
  g.mask = capacity - 1;
  g.buckets.resize(capacity);
  g.next.resize(count);
  constexpr idx_t kRowsPerTask = 64 * 1024;
  idx_t tasks = (capacity + kRowsPerTask - 1) / kRowsPerTask;
  run(tasks, [&](idx_t task) {
    idx_t end = std::min(capacity, (task + 1) * kRowsPerTask);
    std::fill(g.buckets.begin() + task * kRowsPerTask, g.buckets.begin() + end, 0);
  });
  const hash_t* hashes = g.hashes.data();
  uint64_t* buckets = g.buckets.data();
  uint64_t* next = g.next.data();
  const uint8_t* skip = null_key.empty() ? nullptr : null_key.data();
  uint64_t mask = g.mask;
  tasks = (count + kRowsPerTask - 1) / kRowsPerTask;
  run(tasks, [&](idx_t task) {
    constexpr idx_t kPrefetchDistance = 16;
    idx_t begin = task * kRowsPerTask;
    idx_t end = std::min(count, begin + kRowsPerTask);
    for (idx_t row = begin; row < end; row++) {
      // The bucket writes are random: start the loads ahead.
      if (row + kPrefetchDistance < end)
        __builtin_prefetch(buckets + (hashes[row + kPrefetchDistance] & mask), 1);
      if (skip && skip[row]) {
        next[row] = 0;
        continue;  // a NULL key never matches
      }
      hash_t h = hashes[row];
      uint64_t entry = (h & kSaltMask) | (row + 1);
      if (!parallel) {
        uint64_t& head = buckets[h & mask];
        next[row] = head;
        head = entry;
        continue;
      }
      // RunParallel's completion orders these writes before any probe.
      std::atomic_ref<uint64_t> head(buckets[h & mask]);
      uint64_t old = head.load(std::memory_order_relaxed);
      do {
        next[row] = old;
      } while (!head.compare_exchange_weak(old, entry, std::memory_order_relaxed));
    }
  });
  std::vector<hash_t>().swap(g.hashes);  // the links carry what probes need
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
    idx_t key_count = state.keys.ColumnCount();
    VectorHash(state.keys.column(0), count, state.hashes.data());
    for (idx_t c = 1; c < key_count; c++) {
      VectorCombineHash(state.keys.column(c), count, state.hashes.data());
    }
    const hash_t* hashes = state.hashes.data();
    uint64_t* rows = state.rows;
    uint64_t* links = state.links;
    sel_t* active = state.active;
    sel_t* candidates = state.candidates;
    auto& probe_null = state.probe_null;
    probe_null.assign(count, false);
    state.matches.Clear();
    // Each probe row starts at its bucket's chain head; NULL keys of plain
    // equalities never match.
    bool nulls = false;
    for (idx_t c = 0; c < key_count; c++)
      nulls = nulls || !state.keys.column(c).validity().AllValid();
    idx_t active_count = 0;
    if (!g.buckets.empty()) {
      const uint64_t* buckets = g.buckets.data();
      for (idx_t i = 0; i < count; i++)
        __builtin_prefetch(buckets + (hashes[i] & g.mask));
      for (idx_t i = 0; i < count; i++) {
        if (nulls) {
          bool skip = false;
          for (idx_t c = 0; c < key_count; c++) {
            if (state.keys.column(c).IsNull(i)) {
              probe_null[i] = true;
              if (conditions[c].comparison == ComparisonType::kEqual)
                skip = true;
            }
          }
          if (skip)
            continue;
        }
        uint64_t head = buckets[hashes[i] & g.mask];
        links[i] = head;
        rows[i] = (head & kRowMask) - 1;
        active[active_count] = static_cast<sel_t>(i);
        active_count += head != 0;
      }
    } else if (nulls) {
      for (idx_t i = 0; i < count; i++) {
        for (idx_t c = 0; c < key_count; c++)
          probe_null[i] = probe_null[i] || state.keys.column(c).IsNull(i);
      }
    }
    // Walk all chains a step at a time: compare hashes, then keys column by
    // column, for every row still on a chain.
    const uint64_t* next = g.next.data();
    // SEMI, ANTI and MARK joins without a residual only need to know
    // whether a probe row has a match.
    bool first_match_only =
        !residual && (join_type == JoinType::kSemi || join_type == JoinType::kAnti ||
                      join_type == JoinType::kMark);
    bool build_only = join_type == JoinType::kRightSemi || join_type == JoinType::kRightAnti;
    idx_t rounds_with_matches = 0;
    while (active_count > 0) {
      idx_t candidate_count = 0;
      for (idx_t j = 0; j < active_count; j++) {
        sel_t r = active[j];
        candidates[candidate_count] = r;
        candidate_count += (links[r] & kSaltMask) == (hashes[r] & kSaltMask);
      }
      for (idx_t c = 0; c < key_count && candidate_count > 0; c++) {
        auto& probe_key = state.keys.column(c);
        auto& build_key = g.keys.Column(0, c);
        DispatchPhysical(key_types_[c].physical(), [&](auto tag) {
          using T = typename decltype(tag)::type;
          candidate_count = MatchKeys<T>(probe_key, build_key, rows, candidates, candidate_count);
        });
      }
      if (candidate_count > 0 && build_only) {
        // A build row already marked has its answer: no pair with it (nor
        // its residual) can change it.
        idx_t kept = 0;
        for (idx_t j = 0; j < candidate_count; j++) {
          sel_t r = candidates[j];
          candidates[kept] = r;
          kept += !g.matched[rows[r]].load(std::memory_order_relaxed);
        }
        candidate_count = kept;
      }
      if (candidate_count > 0) {
        rounds_with_matches++;
        for (idx_t j = 0; j < candidate_count; j++)
          state.matches.Add(candidates[j], rows[candidates[j]]);
        if (first_match_only) {
          for (idx_t j = 0; j < candidate_count; j++)
            links[candidates[j]] = 0;
        }
      }
      idx_t still = 0;
      for (idx_t j = 0; j < active_count; j++) {
        sel_t r = active[j];
        if (first_match_only && links[r] == 0)
          continue;  // matched: the rest of its chain cannot change the result
        uint64_t entry = next[rows[r]];
        links[r] = entry;
        rows[r] = (entry & kRowMask) - 1;
        active[still] = r;
        still += entry != 0;
      }
      active_count = still;
    }
    if (rounds_with_matches > 1) {
      // Put the matches in probe row order (chain order within a row), as
      // a row-at-a-time walk would have produced them.
      auto& m = state.matches;
      auto& offsets = state.offsets;
      offsets.assign(count + 1, 0);
      for (auto p : m.probe)
        offsets[p + 1]++;
      for (idx_t i = 0; i < count; i++)
        offsets[i + 1] += offsets[i];
      auto& sorted = state.sorted;
      sorted.probe.resize(m.probe.size());
      sorted.build.resize(m.build.size());
      for (idx_t k = 0; k < m.probe.size(); k++) {
        uint32_t at = offsets[m.probe[k]]++;
        sorted.probe[at] = m.probe[k];
        sorted.build[at] = m.build[k];
      }
      std::swap(m.probe, sorted.probe);
      std::swap(m.build, sorted.build);
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
  // RIGHT_SEMI keeps the matched build rows, RIGHT/FULL/RIGHT_ANTI the
  // unmatched ones; only RIGHT and FULL have (NULL) probe columns.
  uint8_t keep = join_type == JoinType::kRightSemi ? 1 : 0;
  bool build_only = join_type == JoinType::kRightSemi || join_type == JoinType::kRightAnti;
  std::vector<idx_t> rows;
  idx_t count = g.rows.Count();
  while (state.position < count && rows.size() < kVectorSize) {
    if (g.matched[state.position].load(std::memory_order_relaxed) == keep)
      rows.push_back(state.position);
    state.position++;
  }
  idx_t left = build_only ? 0 : children[0]->types.size();
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
