#include "execution/operator/persistent/physical_insert.h"
#include "execution/physical_plan/physical_plan_generator.h"
#include "planner/operator/logical_create_table_as.h"
#include "planner/operator/logical_insert.h"

namespace tributary {

PhysicalOperatorPtr PhysicalPlanGenerator::PlanInsert(LogicalOperator& op) {
  auto child = CreatePlan(*op.children[0]);
  if (op.type == LogicalOperatorType::kInsert) {
    return std::make_unique<PhysicalInsert>(std::move(child), op.Cast<LogicalInsert>().table, false,
                                            false);
  }
  auto& ctas = op.Cast<LogicalCreateTableAs>();
  return std::make_unique<PhysicalInsert>(std::move(child), ctas.table, true, ctas.if_not_exists);
}

}  // namespace tributary
