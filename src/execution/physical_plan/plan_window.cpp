#include "execution/operator/window/physical_window.h"
#include "execution/physical_plan/physical_plan_generator.h"
#include "planner/operator/logical_window.h"

namespace tributary {

PhysicalOperatorPtr PhysicalPlanGenerator::PlanWindow(LogicalOperator& op) {
  auto bindings = op.children[0]->GetColumnBindings();
  auto child = CreatePlan(*op.children[0]);
  std::vector<ExpressionPtr> windows;
  for (auto& e : op.expressions)
    windows.push_back(ResolveBindings(e->Copy(), bindings));
  auto result =
      std::make_unique<PhysicalWindow>(op.types, std::move(windows), op.estimated_cardinality);
  result->children.push_back(std::move(child));
  return result;
}

}  // namespace tributary
