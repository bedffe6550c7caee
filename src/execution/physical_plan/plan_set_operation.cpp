#include "execution/operator/aggregate/physical_hash_aggregate.h"
#include "execution/operator/aggregate/physical_set_operation.h"
#include "execution/operator/projection/physical_projection.h"
#include "execution/operator/set/physical_union.h"
#include "execution/physical_plan/physical_plan_generator.h"
#include "planner/expression/bound_constant_expression.h"
#include "planner/expression/bound_reference_expression.h"
#include "planner/operator/logical_set_operation.h"

namespace tributary {

namespace {

// child's columns plus a constant INTEGER tag column.
PhysicalOperatorPtr AddTag(PhysicalOperatorPtr child, int32_t tag) {
  std::vector<ExpressionPtr> list;
  auto types = child->types;
  for (idx_t i = 0; i < types.size(); i++) {
    list.push_back(std::make_unique<BoundReferenceExpression>(types[i], i));
  }
  list.push_back(std::make_unique<BoundConstantExpression>(Value::Integer(tag)));
  types.push_back(LogicalTypeId::kInteger);
  auto projection =
      std::make_unique<PhysicalProjection>(types, std::move(list), child->estimated_cardinality);
  projection->children.push_back(std::move(child));
  return projection;
}

}  // namespace

PhysicalOperatorPtr PhysicalPlanGenerator::PlanSetOperation(LogicalOperator& op) {
  auto& setop = op.Cast<LogicalSetOperation>();
  auto left = CreatePlan(*op.children[0]);
  auto right = CreatePlan(*op.children[1]);
  idx_t cardinality = op.estimated_cardinality;
  if (setop.op == SetOperationType::kUnion) {
    auto result =
        std::make_unique<PhysicalUnion>(op.types, std::move(left), std::move(right), cardinality);
    if (setop.all)
      return result;
    std::vector<ExpressionPtr> groups;
    for (idx_t i = 0; i < op.types.size(); i++) {
      groups.push_back(std::make_unique<BoundReferenceExpression>(op.types[i], i));
    }
    auto distinct = std::make_unique<PhysicalHashAggregate>(
        op.types, std::move(groups), std::vector<ExpressionPtr>(), cardinality);
    distinct->children.push_back(std::move(result));
    return distinct;
  }
  auto tagged_types = op.types;
  tagged_types.push_back(LogicalTypeId::kInteger);
  auto both = std::make_unique<PhysicalUnion>(tagged_types, AddTag(std::move(left), 0),
                                              AddTag(std::move(right), 1), cardinality);
  auto kind = setop.op == SetOperationType::kIntersect ? SetOperationKind::kIntersect
                                                       : SetOperationKind::kExcept;
  auto result = std::make_unique<PhysicalSetOperation>(op.types, kind, setop.all, cardinality);
  result->children.push_back(std::move(both));
  return result;
}

}  // namespace tributary
