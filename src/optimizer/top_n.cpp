// Pass 3: LIMIT directly above ORDER BY becomes one TopN operator, which
// keeps only limit + offset rows instead of sorting everything.
#include "optimizer/optimizer.h"
#include "planner/operator/logical_limit.h"
#include "planner/operator/logical_order.h"
#include "planner/operator/logical_top_n.h"

namespace tributary {

LogicalOperatorPtr CreateTopN(LogicalOperatorPtr op) {
  for (auto& child : op->children)
    child = CreateTopN(std::move(child));
  if (op->type != LogicalOperatorType::kLimit ||
      op->children[0]->type != LogicalOperatorType::kOrder) {
    return op;
  }
  auto& limit = op->Cast<LogicalLimit>();
  if (limit.limit == kInvalidIndex)
    return op;
  auto& order = op->children[0]->Cast<LogicalOrder>();
  auto top = std::make_unique<LogicalTopN>(std::move(order.orders), limit.limit, limit.offset);
  top->children.push_back(std::move(order.children[0]));
  return top;
}

}  // namespace tributary
