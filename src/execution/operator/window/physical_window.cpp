#include "execution/operator/window/physical_window.h"

#include <algorithm>
#include <atomic>
#include <functional>
#include <mutex>

#include "execution/executor.h"
#include "execution/operator/order/sorted_collection.h"
#include "execution/operator/window/window_evaluator.h"
#include "execution/task_scheduler.h"
#include "execution/vector_hash.h"
#include "main/client_context.h"
#include "main/database.h"
#include "planner/expression/bound_reference_expression.h"
#include "planner/expression/bound_window_expression.h"
#include "vector/selection_vector.h"

namespace tributary {

namespace {

// Partitions are evaluated in ranges of at least this many rows per task.
constexpr idx_t kMinRowsPerTask = 16384;

std::vector<ExpressionPtr> KeyExpressions(const std::vector<BoundOrderByNode>& keys) {
  std::vector<ExpressionPtr> result;
  for (auto& k : keys)
    result.push_back(k.expression->Copy());
  return result;
}

std::vector<LogicalType> InputTypes(const PhysicalWindow& op) {
  return std::vector<LogicalType>(op.types.begin(), op.types.begin() + op.input_column_count);
}

std::vector<LogicalType> KeyTypes(const std::vector<BoundOrderByNode>& keys) {
  std::vector<LogicalType> result;
  for (auto& k : keys)
    result.push_back(k.expression->return_type);
  return result;
}

std::vector<std::unique_ptr<SortedCollection>> MakeGroups(const PhysicalWindow& op) {
  std::vector<std::unique_ptr<SortedCollection>> groups;
  for (idx_t g = 0; g < op.HashGroupCount(); g++)
    groups.push_back(std::make_unique<SortedCollection>(InputTypes(op), op.sort_keys));
  return groups;
}

struct WindowLocalState : public LocalSinkState {
  explicit WindowLocalState(const PhysicalWindow& op)
      : key_expressions(KeyExpressions(op.sort_keys)),
        executor(key_expressions),
        groups(MakeGroups(op)),
        hashes(kVectorSize),
        group_of(kVectorSize),
        scattered(kVectorSize) {
    keys.Initialize(KeyTypes(op.sort_keys));
  }
  std::vector<ExpressionPtr> key_expressions;
  ExpressionExecutor executor;
  DataChunk keys;
  std::vector<std::unique_ptr<SortedCollection>> groups;
  std::vector<hash_t> hashes;
  std::vector<uint32_t> group_of;
  // Row numbers grouped by hash group (a counting sort of each chunk).
  std::vector<sel_t> scattered;
};

// One hash group after Finalize: its rows in sort order and, per window
// function, one result per row.
struct WindowHashGroup {
  std::unique_ptr<SortedCollection> rows;
  // Every window's arguments (and FILTER), then the sort keys, evaluated
  // over the sorted rows: count + 1 rows, the last one NULL.
  std::vector<Vector> columns;
  std::unique_ptr<WindowBoundaries> bounds;
  // Starts of the ranges evaluated as separate tasks, then Count(): ranges
  // of whole partitions for aggregates, [1] of any rows for the other
  // window functions (so one large partition still runs in parallel).
  std::vector<idx_t> range_starts[2];
  const std::vector<idx_t>& Ranges(const BoundWindowExpression& window) const {
    return range_starts[window.window_type == WindowFunctionType::kAggregate ? 0 : 1];
  }
  // pieces[w][r]: window w's results over range r.
  std::vector<std::vector<Vector>> pieces;
  std::vector<Vector> results;
};

struct WindowGlobalState : public GlobalSinkState {
  explicit WindowGlobalState(const PhysicalWindow& op) {
    for (auto& rows : MakeGroups(op)) {
      groups.emplace_back();
      groups.back().rows = std::move(rows);
    }
  }
  std::mutex lock;
  std::vector<WindowHashGroup> groups;
};

struct WindowMorsel {
  idx_t group;
  idx_t offset;
};

struct WindowSourceState : public GlobalSourceState {
  std::vector<WindowMorsel> morsels;
  std::atomic<idx_t> next{0};
  idx_t MaxThreads() const override { return std::max<idx_t>(morsels.size(), 1); }
};

struct WindowLocalSourceState : public LocalSourceState {
  WindowLocalSourceState() : sel(kVectorSize) {}
  SelectionVector sel;
};

}  // namespace

PhysicalWindow::PhysicalWindow(std::vector<LogicalType> types, std::vector<ExpressionPtr> windows,
                               idx_t estimated_cardinality)
    : PhysicalOperator(PhysicalOperatorType::kWindow, std::move(types), estimated_cardinality),
      windows(std::move(windows)) {
  input_column_count = this->types.size() - this->windows.size();
  auto& first = this->windows[0]->Cast<BoundWindowExpression>();
  for (auto& p : first.partitions)
    sort_keys.push_back({OrderType::kAscending, NullOrder::kNullsLast, p->Copy()});
  partition_count = sort_keys.size();
  for (auto& o : first.orders)
    sort_keys.push_back(o.Copy());
}

std::string PhysicalWindow::ParamsToString() const {
  std::string s;
  for (idx_t i = 0; i < windows.size(); i++)
    s += (i ? ", " : "") + windows[i]->ToString();
  return s;
}

std::unique_ptr<GlobalSinkState> PhysicalWindow::GetGlobalSinkState(ClientContext&) const {
  return std::make_unique<WindowGlobalState>(*this);
}

std::unique_ptr<LocalSinkState> PhysicalWindow::GetLocalSinkState(ExecutionContext&) const {
  return std::make_unique<WindowLocalState>(*this);
}

SinkResultType PhysicalWindow::Sink(ExecutionContext&, DataChunk& chunk, GlobalSinkState&,
                                    LocalSinkState& lstate) const {
  auto& state = static_cast<WindowLocalState&>(lstate);
  idx_t n = chunk.size();
  if (n == 0)
    return SinkResultType::kNeedMoreInput;
  state.keys.Reset();
  state.executor.Execute(chunk, state.keys);
  if (partition_count == 0) {
    state.groups[0]->Append(chunk, state.keys, SelectionVector(), n);
    return SinkResultType::kNeedMoreInput;
  }
  // The hash group of each row: the top bits of its partition keys' hash.
  hash_t* hashes = state.hashes.data();
  VectorHash(state.keys.column(0), n, hashes);
  for (idx_t k = 1; k < partition_count; k++)
    VectorCombineHash(state.keys.column(k), n, hashes);
  constexpr int kShift = 64 - __builtin_ctzll(kHashGroups);
  idx_t counts[kHashGroups + 1] = {};
  for (idx_t i = 0; i < n; i++) {
    auto g = static_cast<uint32_t>(HashInt64(hashes[i]) >> kShift);
    state.group_of[i] = g;
    counts[g + 1]++;
  }
  for (idx_t g = 1; g <= kHashGroups; g++)
    counts[g] += counts[g - 1];
  idx_t fill[kHashGroups];
  std::copy(counts, counts + kHashGroups, fill);
  for (idx_t i = 0; i < n; i++)
    state.scattered[fill[state.group_of[i]]++] = static_cast<sel_t>(i);
  for (idx_t g = 0; g < kHashGroups; g++) {
    idx_t size = counts[g + 1] - counts[g];
    if (size > 0) {
      SelectionVector sel(state.scattered.data() + counts[g]);
      state.groups[g]->Append(chunk, state.keys, sel, size);
    }
  }
  return SinkResultType::kNeedMoreInput;
}

void PhysicalWindow::Combine(ExecutionContext&, GlobalSinkState& gstate,
                             LocalSinkState& lstate) const {
  auto& global = static_cast<WindowGlobalState&>(gstate);
  auto& local = static_cast<WindowLocalState&>(lstate);
  if (partition_count == 0) {
    // One group: the threads sort their own rows in parallel; merging
    // sorted runs is linear.
    local.groups[0]->Sort();
    std::lock_guard<std::mutex> guard(global.lock);
    global.groups[0].rows->MergeSorted(*local.groups[0]);
    return;
  }
  std::lock_guard<std::mutex> guard(global.lock);
  for (idx_t g = 0; g < global.groups.size(); g++)
    global.groups[g].rows->Merge(*local.groups[g]);
}

void PhysicalWindow::Finalize(ClientContext& context, GlobalSinkState& gstate) const {
  auto& global = static_cast<WindowGlobalState&>(gstate);
  auto& scheduler = context.db.scheduler();

  // Every window's arguments (and FILTER), then the sort keys.
  std::vector<ExpressionPtr> expressions;
  std::vector<idx_t> first_argument;
  for (auto& w : windows) {
    auto& window = w->Cast<BoundWindowExpression>();
    first_argument.push_back(expressions.size());
    for (auto& c : window.children)
      expressions.push_back(c->Copy());
    if (window.filter)
      expressions.push_back(window.filter->Copy());
  }
  idx_t first_key = expressions.size();
  for (auto& k : sort_keys)
    expressions.push_back(k.expression->Copy());
  std::vector<LogicalType> column_types;
  for (auto& e : expressions)
    column_types.push_back(e->return_type);
  // Only the input columns those expressions read are gathered.
  std::vector<bool> referenced(input_column_count, false);
  std::function<void(const Expression&)> mark = [&](const Expression& e) {
    if (e.expression_class == ExpressionClass::kReference)
      referenced[e.Cast<BoundReferenceExpression>().index] = true;
    e.ForEachChild(mark);
  };
  for (auto& e : expressions)
    mark(*e);

  idx_t total = 0;
  for (auto& g : global.groups)
    total += g.rows->Count();
  idx_t threads = scheduler.NumberOfThreads();
  idx_t target = std::max<idx_t>(kMinRowsPerTask, total / std::max<idx_t>(threads * 4, 1));

  // Phase 1, a task per hash group: sort, evaluate the columns, find the
  // partition and peer boundaries, cut into ranges of whole partitions.
  scheduler.RunParallel(global.groups.size(), [&](idx_t gi) {
    auto& group = global.groups[gi];
    if (partition_count > 0)
      group.rows->Sort();
    idx_t count = group.rows->Count();
    if (count == 0)
      return;
    for (auto& type : column_types) {
      group.columns.emplace_back(type, count + 1);
      group.columns.back().SetNull(count);
    }
    {
      std::vector<ExpressionPtr> copies;
      for (auto& e : expressions)
        copies.push_back(e->Copy());
      ExpressionExecutor executor(copies);
      DataChunk input, evaluated;
      input.Initialize(InputTypes(*this));
      evaluated.Initialize(column_types);
      SelectionVector identity;
      for (idx_t offset = 0; offset < count; offset += kVectorSize) {
        input.Reset();
        evaluated.Reset();
        idx_t n = group.rows->Read(offset, kVectorSize, input, referenced);
        executor.Execute(input, evaluated);
        for (idx_t c = 0; c < group.columns.size(); c++)
          group.columns[c].CopyFrom(evaluated.column(c), identity, n, offset);
      }
    }
    std::vector<const Vector*> keys;
    for (idx_t k = first_key; k < group.columns.size(); k++)
      keys.push_back(&group.columns[k]);
    group.bounds =
        std::make_unique<WindowBoundaries>(WindowBoundaries::Compute(keys, partition_count, count));
    if (sort_keys.size() == partition_count + 1) {
      group.bounds->SetRangeKey(*keys.back(), sort_keys.back().type == OrderType::kDescending,
                                sort_keys.back().null_order == NullOrder::kNullsFirst);
    }
    for (idx_t row = 0; row < count;) {
      group.range_starts[0].push_back(row);
      idx_t next = std::min(count, row + target);
      row = next < count ? group.bounds->partition_end[next - 1] : count;
    }
    for (idx_t row = 0; row < count; row += target)
      group.range_starts[1].push_back(row);
    for (auto& starts : group.range_starts)
      starts.push_back(count);
    group.pieces.resize(windows.size());
    for (idx_t w = 0; w < windows.size(); w++) {
      auto& starts = group.Ranges(windows[w]->Cast<BoundWindowExpression>());
      for (idx_t r = 0; r + 1 < starts.size(); r++)
        group.pieces[w].emplace_back(windows[w]->return_type,
                                     std::max<idx_t>(starts[r + 1] - starts[r], 1));
    }
  });

  // Phase 2, a task per (group, window, range): the window functions.
  struct Task {
    idx_t group, window, range;
  };
  std::vector<Task> tasks;
  for (idx_t g = 0; g < global.groups.size(); g++) {
    auto& group = global.groups[g];
    if (group.pieces.empty())
      continue;
    for (idx_t w = 0; w < windows.size(); w++) {
      for (idx_t r = 0; r < group.pieces[w].size(); r++)
        tasks.push_back({g, w, r});
    }
  }
  // Large ranges first, so a big partition does not start last.
  std::stable_sort(tasks.begin(), tasks.end(), [&](const Task& a, const Task& b) {
    auto size = [&](const Task& t) {
      auto& starts =
          global.groups[t.group].Ranges(windows[t.window]->Cast<BoundWindowExpression>());
      return starts[t.range + 1] - starts[t.range];
    };
    return size(a) > size(b);
  });
  scheduler.RunParallel(tasks.size(), [&](idx_t t) {
    auto [g, w, r] = tasks[t];
    auto& group = global.groups[g];
    auto& window = windows[w]->Cast<BoundWindowExpression>();
    std::vector<const Vector*> args;
    for (idx_t a = 0; a < window.children.size(); a++)
      args.push_back(&group.columns[first_argument[w] + a]);
    const Vector* filter =
        window.filter ? &group.columns[first_argument[w] + window.children.size()] : nullptr;
    idx_t begin = group.Ranges(window)[r], end = group.Ranges(window)[r + 1];
    WindowEvaluator evaluator(window, *group.bounds, args, filter, group.pieces[w][r], begin);
    evaluator.Evaluate(begin, end);
  });

  // One result vector per window and group; the inputs are no longer needed.
  for (auto& group : global.groups) {
    if (group.pieces.empty())
      continue;
    idx_t count = group.rows->Count();
    for (idx_t w = 0; w < windows.size(); w++) {
      if (group.pieces[w].size() == 1) {
        group.results.push_back(std::move(group.pieces[w][0]));
        continue;
      }
      group.results.emplace_back(windows[w]->return_type, count);
      SelectionVector identity;
      auto& starts = group.Ranges(windows[w]->Cast<BoundWindowExpression>());
      for (idx_t r = 0; r + 1 < starts.size(); r++)
        group.results.back().CopyFrom(group.pieces[w][r], identity, starts[r + 1] - starts[r],
                                      starts[r]);
    }
    group.pieces.clear();
    group.columns.clear();
    group.bounds.reset();
  }
}

std::unique_ptr<GlobalSourceState> PhysicalWindow::GetGlobalSourceState(
    ExecutionContext& context) const {
  auto& global = context.executor.GetSinkState<WindowGlobalState>(*this);
  auto state = std::make_unique<WindowSourceState>();
  for (idx_t g = 0; g < global.groups.size(); g++) {
    for (idx_t offset = 0; offset < global.groups[g].rows->Count(); offset += kVectorSize)
      state->morsels.push_back({g, offset});
  }
  return state;
}

std::unique_ptr<LocalSourceState> PhysicalWindow::GetLocalSourceState(ExecutionContext&,
                                                                      GlobalSourceState&) const {
  return std::make_unique<WindowLocalSourceState>();
}

SourceResultType PhysicalWindow::GetData(ExecutionContext& context, DataChunk& chunk,
                                         GlobalSourceState& gstate,
                                         LocalSourceState& lstate) const {
  auto& global = context.executor.GetSinkState<WindowGlobalState>(*this);
  auto& state = static_cast<WindowSourceState&>(gstate);
  auto& local = static_cast<WindowLocalSourceState&>(lstate);
  idx_t m = state.next.fetch_add(1);
  if (m >= state.morsels.size())
    return SourceResultType::kFinished;
  auto [g, offset] = state.morsels[m];
  auto& group = global.groups[g];
  idx_t n = group.rows->Read(offset, kVectorSize, chunk);
  for (idx_t j = 0; j < n; j++)
    local.sel.set_index(j, offset + j);
  for (idx_t w = 0; w < windows.size(); w++) {
    Vector& target = chunk.column(input_column_count + w);
    target.ResetToFlat();
    target.CopyFrom(group.results[w], local.sel, n);
  }
  chunk.SetCardinality(n);
  return m + 1 >= state.morsels.size() ? SourceResultType::kFinished
                                       : SourceResultType::kHaveMoreOutput;
}

}  // namespace tributary
