#include "execution/operator/order/physical_limit.h"
#include "execution/operator/order/physical_order.h"
#include "execution/operator/order/physical_top_n.h"
#include "execution/physical_plan/physical_plan_generator.h"
#include "planner/operator/logical_limit.h"
#include "planner/operator/logical_order.h"
#include "planner/operator/logical_top_n.h"

namespace tributary {

namespace {
std::vector<BoundOrderByNode> ResolveOrders(std::vector<BoundOrderByNode>& orders,
                                            const std::vector<ColumnBinding>& bindings) {
  std::vector<BoundOrderByNode> result;
  for (auto& o : orders) {
    result.push_back({o.type, o.null_order,
                      PhysicalPlanGenerator::ResolveBindings(std::move(o.expression), bindings)});
  }
  return result;
}
}  // namespace

PhysicalOperatorPtr PhysicalPlanGenerator::PlanOrder(LogicalOperator& op) {
  auto& order = op.Cast<LogicalOrder>();
  auto bindings = op.children[0]->GetColumnBindings();
  auto child = CreatePlan(*op.children[0]);
  auto result = std::make_unique<PhysicalOrder>(op.types, ResolveOrders(order.orders, bindings),
                                                op.estimated_cardinality);
  result->children.push_back(std::move(child));
  return result;
}

PhysicalOperatorPtr PhysicalPlanGenerator::PlanTopN(LogicalOperator& op) {
  auto& top = op.Cast<LogicalTopN>();
  auto bindings = op.children[0]->GetColumnBindings();
  auto child = CreatePlan(*op.children[0]);
  auto result = std::make_unique<PhysicalTopN>(op.types, ResolveOrders(top.orders, bindings),
                                               top.limit, top.offset, op.estimated_cardinality);
  result->children.push_back(std::move(child));
  return result;
}

PhysicalOperatorPtr PhysicalPlanGenerator::PlanLimit(LogicalOperator& op) {
  auto& limit = op.Cast<LogicalLimit>();
  auto child = CreatePlan(*op.children[0]);
  auto result = std::make_unique<PhysicalLimit>(op.types, limit.limit, limit.offset,
                                                op.estimated_cardinality);
  result->children.push_back(std::move(child));
  return result;
}

}  // namespace tributary
