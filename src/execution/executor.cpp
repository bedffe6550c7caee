#include "execution/executor.h"

#include <algorithm>
#include <atomic>

#include "execution/operator/cte/physical_cte_scan.h"
#include "execution/operator/join/physical_hash_join.h"
#include "execution/operator/scan/physical_remote_scan.h"
#include "execution/operator/scan/physical_table_scan.h"
#include "execution/task_scheduler.h"
#include "main/client_context.h"
#include "main/database.h"

namespace tributary {

namespace {

// Runs one pipeline's chunks through its operators into its sink, on one
// thread. Operators that return kHaveMoreOutput are re-invoked with the same
// input after their output has been pushed further.
class PipelineTask {
 public:
  PipelineTask(ExecutionContext& context, const Pipeline& pipeline,
               std::vector<std::unique_ptr<GlobalOperatorState>>& global_states,
               GlobalSinkState& global_sink)
      : context_(context),
        pipeline_(pipeline),
        global_states_(global_states),
        global_sink_(global_sink) {
    for (auto* op : pipeline.operators) {
      states_.push_back(op->GetOperatorState(context));
      chunks_.emplace_back();
      chunks_.back().Initialize(op->types);
    }
    local_sink_ = pipeline.sink->GetLocalSinkState(context);
  }

  // Returns false when the rest of the pipeline wants no more input.
  bool Push(DataChunk& input) { return PushFrom(0, input); }

  void Combine() { pipeline_.sink->Combine(context_, global_sink_, *local_sink_); }

 private:
  bool PushFrom(idx_t i, DataChunk& input) {
    if (i == pipeline_.operators.size()) {
      if (input.size() == 0)
        return true;
      return pipeline_.sink->Sink(context_, input, global_sink_, *local_sink_) ==
             SinkResultType::kNeedMoreInput;
    }
    auto* op = pipeline_.operators[i];
    auto& out = chunks_[i];
    while (true) {
      out.Reset();
      auto result = op->Execute(context_, input, out, *global_states_[i], *states_[i]);
      if (out.size() > 0 && !PushFrom(i + 1, out))
        return false;
      if (result == OperatorResultType::kHaveMoreOutput)
        continue;
      return result != OperatorResultType::kFinished;
    }
  }

  ExecutionContext& context_;
  const Pipeline& pipeline_;
  std::vector<std::unique_ptr<GlobalOperatorState>>& global_states_;
  GlobalSinkState& global_sink_;
  std::vector<std::unique_ptr<OperatorState>> states_;
  std::vector<DataChunk> chunks_;
  std::unique_ptr<LocalSinkState> local_sink_;
};

}  // namespace

Executor::Executor(ClientContext& context) : context_(context) {}
Executor::~Executor() = default;

GlobalSinkState& Executor::GetSinkState(const PhysicalOperator& op) {
  std::lock_guard<std::mutex> guard(lock_);
  auto& slot = sink_states_[&op];
  if (!slot)
    slot = op.GetGlobalSinkState(context_);
  return *slot;
}

void Executor::BuildPipelines(const PhysicalOperator& op, idx_t p) {
  if (op.type == PhysicalOperatorType::kUnion) {
    // Both inputs feed the same operators and sink: fork the pipeline.
    Pipeline fork;
    fork.operators = pipelines_[p].operators;
    fork.sink = pipelines_[p].sink;
    pipelines_.push_back(fork);
    idx_t q = pipelines_.size() - 1;
    BuildPipelines(*op.children[0], p);
    BuildPipelines(*op.children[1], q);
    return;
  }
  if (op.type == PhysicalOperatorType::kMaterializedCte) {
    // The definition fills the CTE in a pipeline of its own; the query
    // continues the current pipeline (its CTE scans depend on the former).
    Pipeline definition;
    definition.sink = &op;
    pipelines_.push_back(definition);
    BuildPipelines(*op.children[0], pipelines_.size() - 1);
    BuildPipelines(*op.children[1], p);
    return;
  }
  bool is_join = op.IsSink() && op.children.size() == 2;
  if (op.IsSink() && op.IsSource() && !is_join) {
    // A pipeline breaker (aggregate, sort, limit): its input is a pipeline
    // of its own; it is the source of the current one.
    pipelines_[p].source = &op;
    Pipeline child;
    child.sink = &op;
    pipelines_.push_back(child);
    BuildPipelines(*op.children[op.SinkChildIndex()], pipelines_.size() - 1);
    return;
  }
  if (is_join) {
    // A join: streaming on its probe side (children[0]), a sink for the
    // build side.
    if (op.EmitsAfterProbe()) {
      Pipeline tail;
      tail.source = &op;
      tail.operators = pipelines_[p].operators;
      tail.sink = pipelines_[p].sink;
      tail.source_is_join_tail = true;
      pipelines_.push_back(tail);
    }
    pipelines_[p].operators.push_back(&op);
    Pipeline build;
    build.sink = &op;
    pipelines_.push_back(build);
    BuildPipelines(*op.children[op.SinkChildIndex()], pipelines_.size() - 1);
    BuildPipelines(*op.children[0], p);
    return;
  }
  if (op.IsSource()) {
    pipelines_[p].source = &op;
    return;
  }
  pipelines_[p].operators.push_back(&op);
  TRIB_ASSERT(!op.children.empty());
  BuildPipelines(*op.children[0], p);
}

namespace {

// The hash joins whose build keys filter `source` (runtime_filter.h).
std::vector<const PhysicalOperator*> FilteringJoins(const PhysicalOperator* source) {
  std::vector<const PhysicalOperator*> joins;
  if (source && source->type == PhysicalOperatorType::kTableScan) {
    for (auto& f : source->Cast<PhysicalTableScan>().runtime_filters)
      joins.push_back(f.join);
  } else if (source && source->type == PhysicalOperatorType::kRemoteScan) {
    for (auto& f : source->Cast<PhysicalRemoteScan>().dynamic_filters)
      joins.push_back(f.join);
  }
  return joins;
}

}  // namespace

void Executor::ComputeDependencies() {
  for (auto& p : pipelines_)
    std::reverse(p.operators.begin(), p.operators.end());
  for (idx_t i = 0; i < pipelines_.size(); i++) {
    auto& p = pipelines_[i];
    // A scan with runtime filters starts once their joins' builds are done,
    // also when an aggregate lies between (its input pipeline is not the
    // join's probe pipeline).
    auto filtering = FilteringJoins(p.source);
    for (idx_t j = 0; j < pipelines_.size(); j++) {
      if (i == j)
        continue;
      auto& q = pipelines_[j];
      bool depends = std::find(filtering.begin(), filtering.end(), q.sink) != filtering.end() ||
                     q.sink == p.source ||
                     (p.source && p.source->type == PhysicalOperatorType::kCteScan &&
                      q.sink == &p.source->Cast<PhysicalCteScan>().cte) ||
                     std::find(p.operators.begin(), p.operators.end(), q.sink) != p.operators.end();
      if (p.source_is_join_tail) {
        depends = depends ||
                  std::find(q.operators.begin(), q.operators.end(), p.source) != q.operators.end();
      }
      if (depends)
        p.dependencies.push_back(j);
    }
  }
}

GlobalSinkState& Executor::Execute(const PhysicalOperator& plan) {
  TRIB_ASSERT(plan.IsSink());
  pipelines_.clear();
  Pipeline root;
  root.sink = &plan;
  pipelines_.push_back(root);
  BuildPipelines(*plan.children[0], 0);
  ComputeDependencies();

  // How many pipelines feed each sink: it is finalized after the last one.
  std::unordered_map<const PhysicalOperator*, idx_t> producers;
  for (auto& p : pipelines_)
    producers[p.sink]++;

  std::vector<bool> done(pipelines_.size(), false);
  idx_t remaining = pipelines_.size();
  while (remaining > 0) {
    bool progressed = false;
    for (idx_t i = 0; i < pipelines_.size(); i++) {
      if (done[i])
        continue;
      bool ready = true;
      for (idx_t d : pipelines_[i].dependencies)
        ready = ready && done[d];
      if (!ready)
        continue;
      RunPipeline(pipelines_[i]);
      done[i] = true;
      remaining--;
      progressed = true;
      auto* sink = pipelines_[i].sink;
      if (--producers[sink] == 0)
        sink->Finalize(context_, GetSinkState(*sink));
    }
    TRIB_ASSERT(progressed);
  }
  return GetSinkState(plan);
}

void Executor::RunPipeline(Pipeline& pipeline) {
  TRIB_ASSERT(pipeline.source && pipeline.sink);
  ExecutionContext context{context_, *this, 0};
  auto source_state = pipeline.source->GetGlobalSourceState(context);
  std::vector<std::unique_ptr<GlobalOperatorState>> operator_states;
  for (auto* op : pipeline.operators)
    operator_states.push_back(op->GetGlobalOperatorState(context));
  GetSinkState(*pipeline.sink);

  idx_t threads = 1;
  if (pipeline.source->ParallelSource() && pipeline.sink->ParallelSink()) {
    threads = std::min(context_.db.scheduler().NumberOfThreads(), source_state->MaxThreads());
    threads = std::max<idx_t>(threads, 1);
  }
  std::atomic<bool> failed{false};
  context_.db.scheduler().RunParallel(threads, [&](idx_t thread_index) {
    try {
      if (failed.load())
        return;
      RunPipelineTask(pipeline, *source_state, operator_states, thread_index, failed);
    } catch (...) {
      failed.store(true);
      throw;
    }
  });
}

void Executor::RunPipelineTask(Pipeline& pipeline, GlobalSourceState& source_state,
                               std::vector<std::unique_ptr<GlobalOperatorState>>& operator_states,
                               idx_t thread_index, const std::atomic<bool>& failed) {
  ExecutionContext context{context_, *this, thread_index};
  auto local_source = pipeline.source->GetLocalSourceState(context, source_state);
  PipelineTask task(context, pipeline, operator_states, GetSinkState(*pipeline.sink));
  DataChunk chunk;
  chunk.Initialize(pipeline.source->types);
  while (!failed.load(std::memory_order_relaxed)) {
    context_.CheckInterrupted();
    chunk.Reset();
    auto result = pipeline.source->GetData(context, chunk, source_state, *local_source);
    if (chunk.size() > 0 && !task.Push(chunk))
      break;
    if (result == SourceResultType::kFinished)
      break;
  }
  task.Combine();
}

}  // namespace tributary
