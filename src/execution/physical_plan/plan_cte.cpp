#include "common/exception.h"
#include "execution/operator/cte/physical_cte_scan.h"
#include "execution/physical_plan/physical_plan_generator.h"
#include "planner/operator/logical_cte_scan.h"

namespace tributary {

PhysicalOperatorPtr PhysicalPlanGenerator::PlanMaterializedCte(LogicalOperator& op) {
  auto& cte = op.Cast<LogicalMaterializedCte>();
  auto definition = CreatePlan(*op.children[0]);
  auto result =
      std::make_unique<PhysicalMaterializedCte>(cte.info->name, op.types, op.estimated_cardinality);
  ctes_[cte.info->cte_index] = result.get();
  result->children.push_back(std::move(definition));
  result->children.push_back(CreatePlan(*op.children[1]));
  ctes_.erase(cte.info->cte_index);
  return result;
}

PhysicalOperatorPtr PhysicalPlanGenerator::PlanCteScan(LogicalOperator& op) {
  auto& scan = op.Cast<LogicalCteScan>();
  auto it = ctes_.find(scan.info->cte_index);
  if (it == ctes_.end())
    throw InternalException("CTE scan outside its materialized CTE");
  auto& cte = it->second->Cast<PhysicalMaterializedCte>();
  return std::make_unique<PhysicalCteScan>(cte, op.types, op.estimated_cardinality);
}

}  // namespace tributary
