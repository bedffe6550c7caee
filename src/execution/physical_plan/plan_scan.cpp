// Physical planning of leaf operators: table scans, table functions, VALUES.
#include "execution/operator/scan/physical_remote_scan.h"
#include "execution/operator/scan/physical_table_function.h"
#include "execution/operator/scan/physical_table_scan.h"
#include "execution/operator/scan/physical_values.h"
#include "execution/physical_plan/physical_plan_generator.h"
#include "planner/operator/logical_expression_get.h"
#include "planner/operator/logical_get.h"
#include "planner/operator/logical_remote_get.h"
#include "planner/operator/logical_table_function.h"

namespace tributary {

PhysicalOperatorPtr PhysicalPlanGenerator::PlanGet(LogicalOperator& op) {
  auto& get = op.Cast<LogicalGet>();
  auto scan = std::make_unique<PhysicalTableScan>(get.types, get.table, get.column_ids,
                                                  get.estimated_cardinality);
  scan->zone_filters = get.zone_filters;
  return scan;
}

PhysicalOperatorPtr PhysicalPlanGenerator::PlanRemoteGet(LogicalOperator& op) {
  auto& get = op.Cast<LogicalRemoteGet>();
  auto scan = std::make_unique<PhysicalRemoteScan>(get.types, get.table, get.table_index,
                                                   get.column_ids, std::move(get.remote_filters),
                                                   get.estimated_cardinality);
  scan->limit = get.limit;
  scan->fragment = get.fragment;
  return scan;
}

PhysicalOperatorPtr PhysicalPlanGenerator::PlanTableFunction(LogicalOperator& op) {
  auto& tf = op.Cast<LogicalTableFunction>();
  return std::make_unique<PhysicalTableFunction>(tf.types, tf.function, std::move(tf.bind_data),
                                                 tf.estimated_cardinality);
}

PhysicalOperatorPtr PhysicalPlanGenerator::PlanExpressionGet(LogicalOperator& op) {
  auto& get = op.Cast<LogicalExpressionGet>();
  return std::make_unique<PhysicalValues>(get.types, std::move(get.values),
                                          get.estimated_cardinality);
}

}  // namespace tributary
