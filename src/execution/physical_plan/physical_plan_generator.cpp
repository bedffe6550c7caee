#include "execution/physical_plan/physical_plan_generator.h"

#include "common/exception.h"
#include "execution/operator/scan/physical_dummy_scan.h"
#include "planner/expression/bound_column_ref_expression.h"
#include "planner/expression/bound_reference_expression.h"

namespace tributary {

ExpressionPtr PhysicalPlanGenerator::ResolveBindings(ExpressionPtr expr,
                                                     const std::vector<ColumnBinding>& bindings) {
  if (expr->expression_class == ExpressionClass::kColumnRef) {
    auto& ref = expr->Cast<BoundColumnRefExpression>();
    for (idx_t i = 0; i < bindings.size(); i++) {
      if (bindings[i] == ref.binding) {
        auto result = std::make_unique<BoundReferenceExpression>(expr->return_type, i);
        result->alias = expr->alias;
        return result;
      }
    }
    throw InternalException("column binding " + ref.binding.ToString() + " not found");
  }
  if (expr->expression_class == ExpressionClass::kSubquery) {
    throw Exception(sqlstate::kFeatureNotSupported,
                    "subqueries are not supported in this position yet");
  }
  expr->ForEachChild(
      [&](ExpressionPtr& child) { child = ResolveBindings(std::move(child), bindings); });
  return expr;
}

PhysicalOperatorPtr PhysicalPlanGenerator::CreatePlan(LogicalOperator& op) {
  switch (op.type) {
    case LogicalOperatorType::kGet:
      return PlanGet(op);
    case LogicalOperatorType::kRemoteGet:
      return PlanRemoteGet(op);
    case LogicalOperatorType::kTableFunction:
      return PlanTableFunction(op);
    case LogicalOperatorType::kExpressionGet:
      return PlanExpressionGet(op);
    case LogicalOperatorType::kDummyScan:
      return std::make_unique<PhysicalDummyScan>();
    case LogicalOperatorType::kFilter:
      return PlanFilter(op);
    case LogicalOperatorType::kProjection:
      return PlanProjection(op);
    case LogicalOperatorType::kAggregate:
      return PlanAggregate(op);
    case LogicalOperatorType::kJoin:
      return PlanJoin(op);
    case LogicalOperatorType::kOrder:
      return PlanOrder(op);
    case LogicalOperatorType::kLimit:
      return PlanLimit(op);
    case LogicalOperatorType::kTopN:
      return PlanTopN(op);
    case LogicalOperatorType::kDistinct:
      return PlanDistinct(op);
    case LogicalOperatorType::kSetOperation:
      return PlanSetOperation(op);
    case LogicalOperatorType::kWindow:
      return PlanWindow(op);
    case LogicalOperatorType::kInsert:
    case LogicalOperatorType::kCreateTableAs:
      return PlanInsert(op);
    case LogicalOperatorType::kMaterializedCte:
      return PlanMaterializedCte(op);
    case LogicalOperatorType::kCteScan:
      return PlanCteScan(op);
  }
  throw InternalException("unknown logical operator");
}

}  // namespace tributary
