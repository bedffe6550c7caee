// The root sink of a query: materializes the result chunks in arrival order.
#pragma once

#include <mutex>

#include "execution/physical_operator.h"

namespace tributary {

struct ResultCollectorState : public GlobalSinkState {
  std::mutex lock;
  std::vector<DataChunk> chunks;
};

class PhysicalResultCollector : public PhysicalOperator {
 public:
  explicit PhysicalResultCollector(PhysicalOperatorPtr child)
      : PhysicalOperator(PhysicalOperatorType::kResultCollector, child->types,
                         child->estimated_cardinality) {
    children.push_back(std::move(child));
  }

  std::string GetName() const override { return "RESULT_COLLECTOR"; }
  bool IsSink() const override { return true; }
  bool ParallelSink() const override { return true; }
  std::unique_ptr<GlobalSinkState> GetGlobalSinkState(ClientContext&) const override {
    return std::make_unique<ResultCollectorState>();
  }
  SinkResultType Sink(ExecutionContext&, DataChunk& chunk, GlobalSinkState& gstate,
                      LocalSinkState&) const override {
    DataChunk copy;
    copy.Initialize(types, chunk.size());
    copy.Append(chunk, SelectionVector(), chunk.size());
    auto& state = static_cast<ResultCollectorState&>(gstate);
    std::lock_guard<std::mutex> guard(state.lock);
    state.chunks.push_back(std::move(copy));
    return SinkResultType::kNeedMoreInput;
  }
};

}  // namespace tributary
