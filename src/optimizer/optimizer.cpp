#include "optimizer/optimizer.h"

namespace tributary {

LogicalOperatorPtr Optimizer::Optimize(LogicalOperatorPtr plan) {
  FoldConstants(*plan);
  plan = PushDownFilters(std::move(plan));
  PushZoneMapFilters(*plan);
  plan = CreateTopN(std::move(plan));
  PruneColumns(*plan);
  PushLimitsToSources(*plan);
  EstimateCardinalities(*plan);
  SelectJoinSides(*plan);
  plan->ResolveOperatorTypes();
  return plan;
}

}  // namespace tributary
