// A CTE computed once: children[0] is its definition, children[1] the query
// that reads it through LogicalCteScans with the same cte_index (in the
// query or in later CTEs' definitions). Outputs children[1]'s columns.
#pragma once

#include <memory>
#include <string>

#include "planner/logical_operator.h"

namespace tributary {

// Shared by a CTE's definition and its scans.
struct CteInfo {
  idx_t cte_index = 0;
  std::string name;
  // The definition's estimate, set by the cardinality pass before the
  // scans are estimated.
  idx_t estimated_cardinality = 1000;
};

class LogicalMaterializedCte : public LogicalOperator {
 public:
  explicit LogicalMaterializedCte(std::shared_ptr<CteInfo> info)
      : LogicalOperator(LogicalOperatorType::kMaterializedCte), info(std::move(info)) {}

  std::shared_ptr<CteInfo> info;

  std::vector<ColumnBinding> GetColumnBindings() override {
    return children[1]->GetColumnBindings();
  }
  std::string GetName() const override { return "MATERIALIZED_CTE"; }
  std::string ParamsToString() const override { return info->name; }

 protected:
  void ResolveTypes() override { types = children[1]->types; }
};

}  // namespace tributary
