#include "execution/operator/window/physical_window.h"

#include <algorithm>
#include <mutex>

#include "execution/executor.h"
#include "execution/operator/order/sorted_collection.h"
#include "execution/operator/window/window_evaluator.h"
#include "execution/task_scheduler.h"
#include "main/client_context.h"
#include "main/database.h"
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

struct WindowLocalState : public LocalSinkState {
  WindowLocalState(const std::vector<LogicalType>& types, const std::vector<BoundOrderByNode>& keys)
      : key_expressions(KeyExpressions(keys)), executor(key_expressions), rows(types, keys) {}
  std::vector<ExpressionPtr> key_expressions;
  ExpressionExecutor executor;
  SortedCollection rows;
};

struct WindowGlobalState : public GlobalSinkState {
  WindowGlobalState(const std::vector<LogicalType>& types,
                    const std::vector<BoundOrderByNode>& keys)
      : rows(types, keys) {}
  std::mutex lock;
  SortedCollection rows;
  // One column of rows.Count() values per window function, in sorted order.
  std::vector<Vector> results;
};

struct WindowSourceState : public GlobalSourceState {
  WindowSourceState() : sel(kVectorSize) {}
  idx_t offset = 0;
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
  return std::make_unique<WindowGlobalState>(InputTypes(*this), sort_keys);
}

std::unique_ptr<LocalSinkState> PhysicalWindow::GetLocalSinkState(ExecutionContext&) const {
  return std::make_unique<WindowLocalState>(InputTypes(*this), sort_keys);
}

SinkResultType PhysicalWindow::Sink(ExecutionContext&, DataChunk& chunk, GlobalSinkState&,
                                    LocalSinkState& lstate) const {
  auto& state = static_cast<WindowLocalState&>(lstate);
  state.rows.Append(chunk, state.executor);
  return SinkResultType::kNeedMoreInput;
}

void PhysicalWindow::Combine(ExecutionContext&, GlobalSinkState& gstate,
                             LocalSinkState& lstate) const {
  auto& global = static_cast<WindowGlobalState&>(gstate);
  auto& local = static_cast<WindowLocalState&>(lstate);
  std::lock_guard<std::mutex> guard(global.lock);
  global.rows.Merge(local.rows);
}

void PhysicalWindow::Finalize(ClientContext& context, GlobalSinkState& gstate) const {
  auto& global = static_cast<WindowGlobalState&>(gstate);
  global.rows.Sort();
  idx_t count = global.rows.Count();

  // Every window's arguments, then the sort keys, evaluated over the sorted
  // rows into columns of count + 1 rows (the last one NULL).
  std::vector<ExpressionPtr> expressions;
  std::vector<idx_t> first_argument;
  for (auto& w : windows) {
    auto& window = w->Cast<BoundWindowExpression>();
    first_argument.push_back(expressions.size());
    for (auto& c : window.children)
      expressions.push_back(c->Copy());
    // The FILTER, if any, right after the arguments.
    if (window.filter)
      expressions.push_back(window.filter->Copy());
  }
  idx_t first_key = expressions.size();
  for (auto& k : sort_keys)
    expressions.push_back(k.expression->Copy());
  std::vector<Vector> columns;
  std::vector<LogicalType> column_types;
  for (auto& e : expressions) {
    columns.emplace_back(e->return_type, count + 1);
    columns.back().SetNull(count);
    column_types.push_back(e->return_type);
  }
  if (!expressions.empty() && count > 0) {
    ExpressionExecutor executor(expressions);
    DataChunk input, evaluated;
    input.Initialize(InputTypes(*this));
    evaluated.Initialize(column_types);
    SelectionVector identity;
    for (idx_t offset = 0; offset < count; offset += kVectorSize) {
      input.Reset();
      evaluated.Reset();
      idx_t n = global.rows.Read(offset, kVectorSize, input);
      executor.Execute(input, evaluated);
      for (idx_t c = 0; c < columns.size(); c++)
        columns[c].CopyFrom(evaluated.column(c), identity, n, offset);
    }
  }
  std::vector<const Vector*> keys;
  for (idx_t k = first_key; k < columns.size(); k++)
    keys.push_back(&columns[k]);
  auto bounds = WindowBoundaries::Compute(keys, partition_count, count);
  if (sort_keys.size() == partition_count + 1) {
    bounds.SetRangeKey(*keys.back(), sort_keys.back().type == OrderType::kDescending,
                       sort_keys.back().null_order == NullOrder::kNullsFirst);
  }

  // Ranges of whole partitions, evaluated in parallel into their own
  // vectors (no shared writes), then concatenated.
  std::vector<idx_t> range_starts;
  idx_t threads = context.db.scheduler().NumberOfThreads();
  idx_t target = std::max<idx_t>(kMinRowsPerTask, count / std::max<idx_t>(threads * 4, 1));
  for (idx_t row = 0; row < count;) {
    range_starts.push_back(row);
    idx_t next = std::min(count, row + target);
    row = next < count ? bounds.partition_end[next - 1] : count;
  }
  range_starts.push_back(count);
  idx_t ranges = range_starts.size() - 1;
  std::vector<std::vector<Vector>> pieces(windows.size());
  for (idx_t w = 0; w < windows.size(); w++) {
    for (idx_t r = 0; r < ranges; r++) {
      pieces[w].emplace_back(windows[w]->return_type,
                             std::max<idx_t>(range_starts[r + 1] - range_starts[r], 1));
    }
  }
  auto evaluate = [&](idx_t task) {
    idx_t w = task / ranges, r = task % ranges;
    auto& window = windows[w]->Cast<BoundWindowExpression>();
    std::vector<const Vector*> args;
    for (idx_t a = 0; a < window.children.size(); a++)
      args.push_back(&columns[first_argument[w] + a]);
    const Vector* filter =
        window.filter ? &columns[first_argument[w] + window.children.size()] : nullptr;
    WindowEvaluator evaluator(window, bounds, args, filter, pieces[w][r], range_starts[r]);
    evaluator.Evaluate(range_starts[r], range_starts[r + 1]);
  };
  if (windows.size() * ranges > 1) {
    context.db.scheduler().RunParallel(windows.size() * ranges, evaluate);
  } else if (ranges == 1) {
    evaluate(0);
  }
  SelectionVector identity;
  for (idx_t w = 0; w < windows.size(); w++) {
    global.results.emplace_back(windows[w]->return_type, std::max<idx_t>(count, 1));
    for (idx_t r = 0; r < ranges; r++) {
      global.results.back().CopyFrom(pieces[w][r], identity, range_starts[r + 1] - range_starts[r],
                                     range_starts[r]);
    }
  }
}

std::unique_ptr<GlobalSourceState> PhysicalWindow::GetGlobalSourceState(ExecutionContext&) const {
  return std::make_unique<WindowSourceState>();
}

SourceResultType PhysicalWindow::GetData(ExecutionContext& context, DataChunk& chunk,
                                         GlobalSourceState& gstate, LocalSourceState&) const {
  auto& global = context.executor.GetSinkState<WindowGlobalState>(*this);
  auto& state = static_cast<WindowSourceState&>(gstate);
  idx_t n = global.rows.Read(state.offset, kVectorSize, chunk);
  for (idx_t j = 0; j < n; j++)
    state.sel.set_index(j, state.offset + j);
  for (idx_t w = 0; w < windows.size(); w++) {
    Vector& target = chunk.column(input_column_count + w);
    target.ResetToFlat();
    target.CopyFrom(global.results[w], state.sel, n);
  }
  chunk.SetCardinality(n);
  state.offset += n;
  return state.offset >= global.rows.Count() ? SourceResultType::kFinished
                                             : SourceResultType::kHaveMoreOutput;
}

}  // namespace tributary
