// A CTE computed once. Its definition (children[0]) runs as a pipeline of
// its own into this sink, which keeps the chunks; the query (children[1])
// is built into the pipelines above as if this operator were not there, and
// its PhysicalCteScans read the kept chunks, each pipeline starting only
// after this sink is finalized (see Executor::ComputeDependencies).
#pragma once

#include <mutex>
#include <string>

#include "execution/physical_operator.h"

namespace tributary {

// The kept rows; read-only after Finalize, so any number of scans may read
// them from any number of threads.
struct MaterializedCteState : public GlobalSinkState {
  std::mutex lock;
  std::vector<DataChunk> chunks;
};

// `types` are the query's (children[1]); the kept rows have children[0]'s.
class PhysicalMaterializedCte : public PhysicalOperator {
 public:
  PhysicalMaterializedCte(std::string name, std::vector<LogicalType> types,
                          idx_t estimated_cardinality)
      : PhysicalOperator(PhysicalOperatorType::kMaterializedCte, std::move(types),
                         estimated_cardinality),
        name(std::move(name)) {}

  std::string name;

  std::string GetName() const override { return "MATERIALIZED_CTE"; }
  std::string ParamsToString() const override { return name; }

  bool IsSink() const override { return true; }
  bool ParallelSink() const override { return true; }
  std::unique_ptr<GlobalSinkState> GetGlobalSinkState(ClientContext& context) const override;
  std::unique_ptr<LocalSinkState> GetLocalSinkState(ExecutionContext& context) const override;
  SinkResultType Sink(ExecutionContext& context, DataChunk& chunk, GlobalSinkState& gstate,
                      LocalSinkState& lstate) const override;
  void Combine(ExecutionContext& context, GlobalSinkState& gstate,
               LocalSinkState& lstate) const override;
};

}  // namespace tributary
