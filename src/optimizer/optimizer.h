// Optimizer: rewrites a bound logical plan into a cheaper equivalent one.
// Each pass lives in its own file; Optimize runs them in a fixed order:
//   1. constant folding           (constant_folding.cpp)
//   2. filter pushdown            (filter_pushdown.cpp): through projections,
//      aggregates and into join sides; cross products + equalities -> joins
//   3. join order                 (join_order.cpp): trees of inner joins are
//      rebuilt smallest estimated intermediate result first, without cross
//      products when the join graph is connected
//   4. TopN                       (top_n.cpp): ORDER BY + LIMIT fused
//   5. column pruning             (column_pruning.cpp): scans read only
//      the columns something above uses, projections compute only those
//   6. LIMIT to sources           (remote_limit_pushdown.cpp): a LIMIT over
//      a remote scan is also sent to the source
//   7. remote pushdown            (remote_pushdown.cpp): subtrees over one
//      source become one remote query (pg_federation_pushdown)
//   8. join side selection        (join_side_selection.cpp): the smaller
//      estimated input becomes the hash join's build side; a SEMI/ANTI
//      join whose outer (left) input is the smaller becomes RIGHT_SEMI /
//      RIGHT_ANTI with the inputs swapped (semi_join_build_side)
#pragma once

#include "planner/logical_operator.h"

namespace tributary {

class ClientContext;

class Optimizer {
 public:
  explicit Optimizer(ClientContext& context) : context_(context) {}
  LogicalOperatorPtr Optimize(LogicalOperatorPtr plan);

 private:
  ClientContext& context_;
};

// The individual passes (used by Optimize and by tests).
void FoldConstants(LogicalOperator& op);
ExpressionPtr FoldConstants(ExpressionPtr expr);
LogicalOperatorPtr PushDownFilters(LogicalOperatorPtr op);
LogicalOperatorPtr PushDownSemiJoins(LogicalOperatorPtr op);
LogicalOperatorPtr ReorderJoins(LogicalOperatorPtr op);
LogicalOperatorPtr CreateTopN(LogicalOperatorPtr op);
void PruneColumns(LogicalOperator& root);
void EstimateCardinalities(LogicalOperator& op);
// One operator's estimate from its children's (already estimated).
void EstimateCardinality(LogicalOperator& op);
// Which input of a SEMI/ANTI hash join is built: by estimated cardinality
// (kAuto), always the subquery side (kRight: SEMI/ANTI), always the outer
// side (kLeft: RIGHT_SEMI/RIGHT_ANTI). Setting semi_join_build_side.
enum class SemiJoinBuildSide : uint8_t { kAuto, kLeft, kRight };
void SelectJoinSides(LogicalOperator& op, SemiJoinBuildSide semi = SemiJoinBuildSide::kAuto);
void PushLimitsToSources(LogicalOperator& op);
// Zone map filters for stored table scans (zone_map_pushdown.cpp).
void PushZoneMapFilters(LogicalOperator& op);
enum class RemotePushdownMode : uint8_t { kOff, kOn, kAuto };
void PushSubtreesToSources(LogicalOperatorPtr& plan, RemotePushdownMode mode);

}  // namespace tributary
