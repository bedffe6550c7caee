// Pass: a LIMIT whose input is a remote scan (directly or through
// projections, which drop no rows) is also sent to the source as LIMIT
// limit + offset, so the source stops early. The local LIMIT stays: with
// parallel splits every range may return up to that many rows.
#include "optimizer/optimizer.h"
#include "planner/operator/logical_limit.h"
#include "planner/operator/logical_remote_get.h"

namespace tributary {

void PushLimitsToSources(LogicalOperator& op) {
  for (auto& child : op.children)
    PushLimitsToSources(*child);
  if (op.type != LogicalOperatorType::kLimit)
    return;
  auto& limit = op.Cast<LogicalLimit>();
  if (limit.limit == kInvalidIndex)
    return;
  LogicalOperator* input = op.children[0].get();
  while (input->type == LogicalOperatorType::kProjection)
    input = input->children[0].get();
  if (input->type == LogicalOperatorType::kRemoteGet) {
    auto& get = input->Cast<LogicalRemoteGet>();
    idx_t rows = limit.limit + limit.offset;
    if (get.limit == kInvalidIndex || rows < get.limit)
      get.limit = rows;
  }
}

}  // namespace tributary
