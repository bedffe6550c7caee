// Reads a materialized CTE's kept chunks (zero-copy), in parallel. Any
// number of scans read the same CTE.
#pragma once

#include "execution/operator/cte/physical_materialized_cte.h"

namespace tributary {

class PhysicalCteScan : public PhysicalOperator {
 public:
  // `cte` must outlive this operator (it is the plan node above).
  PhysicalCteScan(const PhysicalMaterializedCte& cte, std::vector<LogicalType> types,
                  idx_t estimated_cardinality)
      : PhysicalOperator(PhysicalOperatorType::kCteScan, std::move(types), estimated_cardinality),
        cte(cte) {}

  const PhysicalMaterializedCte& cte;

  std::string GetName() const override { return "CTE_SCAN"; }
  std::string ParamsToString() const override { return cte.name; }

  bool IsSource() const override { return true; }
  bool ParallelSource() const override { return true; }
  std::unique_ptr<GlobalSourceState> GetGlobalSourceState(ExecutionContext& context) const override;
  SourceResultType GetData(ExecutionContext& context, DataChunk& chunk, GlobalSourceState& gstate,
                           LocalSourceState& lstate) const override;
};

}  // namespace tributary
