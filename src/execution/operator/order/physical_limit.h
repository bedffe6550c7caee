// LIMIT / OFFSET: a sink that keeps the first offset + limit rows it
// receives (and then stops its pipeline), and the source that emits rows
// offset .. offset + limit in arrival order.
#pragma once

#include "execution/physical_operator.h"

namespace tributary {

class PhysicalLimit : public PhysicalOperator {
 public:
  // limit == kInvalidIndex: no limit (OFFSET only).
  PhysicalLimit(std::vector<LogicalType> types, idx_t limit, idx_t offset,
                idx_t estimated_cardinality)
      : PhysicalOperator(PhysicalOperatorType::kLimit, std::move(types), estimated_cardinality),
        limit(limit),
        offset(offset) {}

  idx_t limit;
  idx_t offset;

  std::string GetName() const override { return "LIMIT"; }
  std::string ParamsToString() const override {
    return (limit == kInvalidIndex ? std::string("ALL") : std::to_string(limit)) + " OFFSET " +
           std::to_string(offset);
  }

  bool IsSink() const override { return true; }
  bool ParallelSink() const override { return true; }
  std::unique_ptr<GlobalSinkState> GetGlobalSinkState(ClientContext& context) const override;
  SinkResultType Sink(ExecutionContext& context, DataChunk& chunk, GlobalSinkState& gstate,
                      LocalSinkState& lstate) const override;

  bool IsSource() const override { return true; }
  std::unique_ptr<GlobalSourceState> GetGlobalSourceState(ExecutionContext& context) const override;
  SourceResultType GetData(ExecutionContext& context, DataChunk& chunk, GlobalSourceState& gstate,
                           LocalSourceState& lstate) const override;
};

}  // namespace tributary
