// PhysicalPlanGenerator: turns an optimized logical plan into a physical
// one (plan_<operator>.cpp, one file per logical operator), choosing
// algorithms (hash join vs nested loop, hash vs ungrouped aggregate) and
// replacing column bindings with chunk positions.
#pragma once

#include <unordered_map>

#include "execution/physical_operator.h"
#include "planner/logical_operator.h"

namespace tributary {

class ClientContext;

class PhysicalPlanGenerator {
 public:
  explicit PhysicalPlanGenerator(ClientContext& context) : context_(context) {}

  // `op` must have resolved types (LogicalOperator::ResolveOperatorTypes).
  PhysicalOperatorPtr CreatePlan(LogicalOperator& op);

  // Rewrites every BoundColumnRef in `expr` into a BoundReference to its
  // position in `bindings`.
  static ExpressionPtr ResolveBindings(ExpressionPtr expr,
                                       const std::vector<ColumnBinding>& bindings);

 private:
  PhysicalOperatorPtr PlanGet(LogicalOperator& op);
  PhysicalOperatorPtr PlanRemoteGet(LogicalOperator& op);
  PhysicalOperatorPtr PlanTableFunction(LogicalOperator& op);
  PhysicalOperatorPtr PlanExpressionGet(LogicalOperator& op);
  PhysicalOperatorPtr PlanFilter(LogicalOperator& op);
  PhysicalOperatorPtr PlanProjection(LogicalOperator& op);
  PhysicalOperatorPtr PlanAggregate(LogicalOperator& op);
  PhysicalOperatorPtr PlanJoin(LogicalOperator& op);
  PhysicalOperatorPtr PlanOrder(LogicalOperator& op);
  PhysicalOperatorPtr PlanLimit(LogicalOperator& op);
  PhysicalOperatorPtr PlanTopN(LogicalOperator& op);
  PhysicalOperatorPtr PlanDistinct(LogicalOperator& op);
  PhysicalOperatorPtr PlanSetOperation(LogicalOperator& op);
  PhysicalOperatorPtr PlanWindow(LogicalOperator& op);
  PhysicalOperatorPtr PlanInsert(LogicalOperator& op);
  PhysicalOperatorPtr PlanMaterializedCte(LogicalOperator& op);  // plan_cte.cpp
  PhysicalOperatorPtr PlanCteScan(LogicalOperator& op);

  ClientContext& context_;
  // Materialized CTEs being planned, by cte_index, for their scans.
  std::unordered_map<idx_t, const PhysicalOperator*> ctes_;
};

}  // namespace tributary
