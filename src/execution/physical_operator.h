// PhysicalOperator: a node of an executable plan. Execution is push-based
// and organised in pipelines (execution/pipeline.h): a pipeline pulls chunks
// from a Source, pushes them through streaming Operators and into a Sink.
// An operator may play several roles: a hash join is a Sink for its build
// side and an Operator on its probe side; a hash aggregate is a Sink for its
// input and the Source of the pipeline above it.
//
// Contract (what makes morsel-driven parallelism safe):
//  - Operators are immutable after planning; every `const` method may be
//    called from many threads at once.
//  - Mutable state lives in state objects: Global*State is shared by all
//    threads running one pipeline (it synchronizes itself), Local*State
//    belongs to one thread.
//  - Sink: Sink() is called by many threads with their local state; each
//    thread then calls Combine() once; Finalize() is called once after every
//    pipeline that feeds this sink has finished.
//  - Source: GetData() is called by many threads (if ParallelSource()) until
//    it returns kFinished with an empty chunk. A sink-operator's source side
//    runs only after its Finalize().
//  - Execute(): may return kHaveMoreOutput to be called again with the same
//    input (e.g. a join that produces more than kVectorSize rows).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/constants.h"
#include "types/logical_type.h"
#include "vector/data_chunk.h"

namespace tributary {

class ClientContext;
class Executor;

enum class PhysicalOperatorType : uint8_t {
  kTableScan,
  kRemoteScan,
  kDummyScan,
  kValues,
  kTableFunction,
  kFilter,
  kProjection,
  kHashAggregate,
  kUngroupedAggregate,
  kHashJoin,
  kNestedLoopJoin,
  kCrossProduct,
  kOrder,
  kTopN,
  kLimit,
  kUnion,
  kSetOperation,
  kRepeatRows,
  kWindow,
  kInsert,
  kCreateTableAs,
  kResultCollector,
  kExplain,
  kMaterializedCte,
  kCteScan,
};

enum class OperatorResultType : uint8_t { kNeedMoreInput, kHaveMoreOutput, kFinished };
enum class SourceResultType : uint8_t { kHaveMoreOutput, kFinished };
enum class SinkResultType : uint8_t { kNeedMoreInput, kFinished };

// What a thread running a pipeline can reach.
struct ExecutionContext {
  ClientContext& client;
  Executor& executor;
  idx_t thread_index;
};

struct GlobalOperatorState {
  virtual ~GlobalOperatorState() = default;
};
struct OperatorState {
  virtual ~OperatorState() = default;
};
struct GlobalSourceState {
  virtual ~GlobalSourceState() = default;
  // Upper bound on useful threads for this source.
  virtual idx_t MaxThreads() const { return 1; }
};
struct LocalSourceState {
  virtual ~LocalSourceState() = default;
};
struct GlobalSinkState {
  virtual ~GlobalSinkState() = default;
};
struct LocalSinkState {
  virtual ~LocalSinkState() = default;
};

class PhysicalOperator {
 public:
  PhysicalOperator(PhysicalOperatorType type, std::vector<LogicalType> types,
                   idx_t estimated_cardinality)
      : type(type), types(std::move(types)), estimated_cardinality(estimated_cardinality) {}
  virtual ~PhysicalOperator() = default;
  PhysicalOperator(const PhysicalOperator&) = delete;
  PhysicalOperator& operator=(const PhysicalOperator&) = delete;

  PhysicalOperatorType type;
  // Types of the chunks this operator produces.
  std::vector<LogicalType> types;
  idx_t estimated_cardinality;
  std::vector<std::unique_ptr<PhysicalOperator>> children;

  // EXPLAIN output.
  virtual std::string GetName() const = 0;
  virtual std::string ParamsToString() const { return ""; }
  std::string ToString(idx_t indent = 0) const;

  // --- Operator (streaming) ---
  virtual std::unique_ptr<GlobalOperatorState> GetGlobalOperatorState(
      ExecutionContext& context) const {
    return std::make_unique<GlobalOperatorState>();
  }
  virtual std::unique_ptr<OperatorState> GetOperatorState(ExecutionContext& context) const {
    return std::make_unique<OperatorState>();
  }
  virtual OperatorResultType Execute(ExecutionContext& context, DataChunk& input, DataChunk& chunk,
                                     GlobalOperatorState& gstate, OperatorState& state) const;

  // --- Source ---
  virtual bool IsSource() const { return false; }
  virtual bool ParallelSource() const { return false; }
  virtual std::unique_ptr<GlobalSourceState> GetGlobalSourceState(ExecutionContext& context) const {
    return std::make_unique<GlobalSourceState>();
  }
  virtual std::unique_ptr<LocalSourceState> GetLocalSourceState(ExecutionContext& context,
                                                                GlobalSourceState& gstate) const {
    return std::make_unique<LocalSourceState>();
  }
  virtual SourceResultType GetData(ExecutionContext& context, DataChunk& chunk,
                                   GlobalSourceState& gstate, LocalSourceState& lstate) const;

  // --- Sink ---
  virtual bool IsSink() const { return false; }
  virtual bool ParallelSink() const { return false; }
  virtual std::unique_ptr<GlobalSinkState> GetGlobalSinkState(ClientContext& context) const;
  virtual std::unique_ptr<LocalSinkState> GetLocalSinkState(ExecutionContext& context) const {
    return std::make_unique<LocalSinkState>();
  }
  virtual SinkResultType Sink(ExecutionContext& context, DataChunk& chunk, GlobalSinkState& gstate,
                              LocalSinkState& lstate) const;
  virtual void Combine(ExecutionContext& context, GlobalSinkState& gstate,
                       LocalSinkState& lstate) const {}
  virtual void Finalize(ClientContext& context, GlobalSinkState& gstate) const {}

  // --- Pipeline construction ---
  // Which child feeds this operator's sink (e.g. a join's build side).
  // Default: children[0] for sinks.
  virtual idx_t SinkChildIndex() const { return 0; }
  // For joins that must emit unmatched build rows after probing (RIGHT and
  // FULL OUTER): the operator then also acts as a source after the probe.
  virtual bool EmitsAfterProbe() const { return false; }

  template <class T>
  T& Cast() {
    return static_cast<T&>(*this);
  }
  template <class T>
  const T& Cast() const {
    return static_cast<const T&>(*this);
  }
};

using PhysicalOperatorPtr = std::unique_ptr<PhysicalOperator>;

}  // namespace tributary
