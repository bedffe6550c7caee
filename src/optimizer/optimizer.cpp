#include "optimizer/optimizer.h"

#include "main/client_context.h"
#include "main/session_settings.h"

namespace tributary {

LogicalOperatorPtr Optimizer::Optimize(LogicalOperatorPtr plan) {
  FoldConstants(*plan);
  plan = PushDownFilters(std::move(plan));
  plan = PushDownSemiJoins(std::move(plan));
  plan = ReorderJoins(std::move(plan));
  PushZoneMapFilters(*plan);
  plan = CreateTopN(std::move(plan));
  PruneColumns(*plan);
  PushLimitsToSources(*plan);
  std::string pushdown = context_.settings.Get("pg_federation_pushdown");
  PushSubtreesToSources(plan, pushdown == "off"  ? RemotePushdownMode::kOff
                              : pushdown == "on" ? RemotePushdownMode::kOn
                                                 : RemotePushdownMode::kAuto);
  EstimateCardinalities(*plan);
  std::string semi = context_.settings.Get("semi_join_build_side");
  SelectJoinSides(*plan, semi == "left"    ? SemiJoinBuildSide::kLeft
                         : semi == "right" ? SemiJoinBuildSide::kRight
                                           : SemiJoinBuildSide::kAuto);
  plan->ResolveOperatorTypes();
  return plan;
}

}  // namespace tributary
