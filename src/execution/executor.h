// Executor: runs a physical plan. Splits it into pipelines, orders them by
// dependency, and runs each pipeline on the TaskScheduler's threads
// (morsel-driven: every thread pulls chunks from the shared source state).
// The sink states of all sinks live here, so operators stay immutable.
//
// One Executor per query execution; not reusable.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "execution/pipeline.h"

namespace tributary {

class Executor {
 public:
  explicit Executor(ClientContext& context);
  ~Executor();

  // Runs `plan` to completion. `plan` must be a sink (normally a result
  // collector); its finalized global sink state is returned for the caller
  // to read the result from.
  GlobalSinkState& Execute(const PhysicalOperator& plan);

  // The global sink state of `op` (created on first use; thread-safe).
  GlobalSinkState& GetSinkState(const PhysicalOperator& op);
  template <class T>
  T& GetSinkState(const PhysicalOperator& op) {
    return static_cast<T&>(GetSinkState(op));
  }

  ClientContext& context() { return context_; }
  // Pipelines of the last Execute (for EXPLAIN and tests).
  const std::vector<Pipeline>& pipelines() const { return pipelines_; }

 private:
  void BuildPipelines(const PhysicalOperator& op, idx_t pipeline);
  void ComputeDependencies();
  void RunPipeline(Pipeline& pipeline);
  // Runs one thread's share of `pipeline`; stops early once `failed` is
  // set by another thread.
  void RunPipelineTask(Pipeline& pipeline, GlobalSourceState& source_state,
                       std::vector<std::unique_ptr<GlobalOperatorState>>& operator_states,
                       idx_t thread_index, const std::atomic<bool>& failed);

  ClientContext& context_;
  std::vector<Pipeline> pipelines_;
  std::mutex lock_;
  std::unordered_map<const PhysicalOperator*, std::unique_ptr<GlobalSinkState>> sink_states_;
};

}  // namespace tributary
