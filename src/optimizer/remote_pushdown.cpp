// Pass: subtrees whose every input is a remote scan of one source (same
// database, host, port, role and secret) become one remote query
// (RemoteFragment, rendered by PostgresQueryDeparser, which also decides
// what PostgreSQL computes exactly as we do).
//
// Cost: the bytes the source sends us (estimated rows times row width).
// Under `auto` an operator joins its inputs' fragment only when that sends
// fewer bytes than the best plan for its inputs (so a join that multiplies
// rows stays local, an aggregate that reduces them goes remote); `on`
// pushes every subtree it can, `off` none (pg_federation_pushdown).
//
// A pushed TopN or LIMIT stays above the fragment as well (TopN re-sorts the
// few rows under our ordering; neither needs the source's row order).
#include <map>

#include "connector/postgres/postgres_query_deparser.h"
#include "connector/remote_fragment.h"
#include "optimizer/optimizer.h"
#include "planner/operator/logical_limit.h"
#include "planner/operator/logical_remote_get.h"
#include "planner/operator/logical_top_n.h"

namespace tributary {

namespace {

bool SameSource(const ExternalSchemaDefinition& a, const ExternalSchemaDefinition& b) {
  return a.kind == b.kind && a.database == b.database && a.host == b.host && a.port == b.port &&
         a.iam_role == b.iam_role && a.secret_arn == b.secret_arn;
}

double Width(const std::vector<LogicalType>& types) {
  double width = 1;
  for (auto& type : types) {
    switch (type.id()) {
      case LogicalTypeId::kBoolean:
        width += 1;
        break;
      case LogicalTypeId::kSmallInt:
        width += 2;
        break;
      case LogicalTypeId::kInteger:
      case LogicalTypeId::kDate:
        width += 4;
        break;
      case LogicalTypeId::kDecimal:
        width += 12;
        break;
      case LogicalTypeId::kChar:
      case LogicalTypeId::kVarchar:
        width += 24;
        break;
      default:
        width += 8;
        break;
    }
  }
  // Every field carries a 4-byte length on the wire.
  return width + 4.0 * types.size();
}

struct Candidate {
  bool pushable = false;
  const LogicalRemoteGet* leaf = nullptr;  // names the source
  double pushed_cost = 0;                  // the subtree as one query
  double best_cost = 0;                    // the cheapest way to get its rows
  double split_cost = 0;                   // its inputs' best, separately
};

class RemotePushdown {
 public:
  explicit RemotePushdown(RemotePushdownMode mode)
      : mode_(mode), deparser_(std::make_shared<PostgresQueryDeparser>()) {}

  void Analyze(LogicalOperator& op) {
    for (auto& child : op.children)
      Analyze(*child);
    Candidate c;
    if (op.type == LogicalOperatorType::kRemoteGet) {
      auto& get = op.Cast<LogicalRemoteGet>();
      c.pushable = deparser_->CanPush(op);
      c.leaf = &get;
      c.pushed_cost = c.best_cost = c.split_cost = op.estimated_cardinality * Width(op.types);
      candidates_[&op] = c;
      return;
    }
    if (op.children.empty())
      return;
    for (auto& child : op.children) {
      auto it = candidates_.find(child.get());
      if (it == candidates_.end() || !it->second.pushable)
        return;
      if (c.leaf && !SameSource(*c.leaf->table->schema, *it->second.leaf->table->schema))
        return;
      if (!c.leaf)
        c.leaf = it->second.leaf;
      c.split_cost += it->second.best_cost;
    }
    if (!deparser_->CanPush(op))
      return;
    c.pushable = true;
    c.pushed_cost = op.estimated_cardinality * Width(op.types);
    c.best_cost = std::min(c.pushed_cost, c.split_cost);
    candidates_[&op] = c;
  }

  void Decide(LogicalOperatorPtr& slot) {
    auto it = candidates_.find(slot.get());
    if (it != candidates_.end() && it->second.pushable &&
        slot->type != LogicalOperatorType::kRemoteGet &&
        (mode_ == RemotePushdownMode::kOn || it->second.pushed_cost < it->second.split_cost)) {
      Replace(slot, *it->second.leaf);
      return;
    }
    for (auto& child : slot->children)
      Decide(child);
  }

 private:
  void Replace(LogicalOperatorPtr& slot, const LogicalRemoteGet& leaf) {
    auto fragment = std::make_shared<RemoteFragment>();
    fragment->bindings = slot->GetColumnBindings();
    fragment->types = slot->types;
    fragment->estimated_rows = slot->estimated_cardinality;
    fragment->deparser = deparser_;
    auto get = std::make_unique<LogicalRemoteGet>(leaf.table_index, leaf.table);
    get->estimated_cardinality = slot->estimated_cardinality;
    LogicalOperatorPtr replacement;
    if (slot->type == LogicalOperatorType::kTopN) {
      auto& top = slot->Cast<LogicalTopN>();
      std::vector<BoundOrderByNode> orders;
      for (auto& order : top.orders)
        orders.push_back(order.Copy());
      replacement = std::make_unique<LogicalTopN>(std::move(orders), top.limit, 0);
    } else if (slot->type == LogicalOperatorType::kLimit) {
      replacement = std::make_unique<LogicalLimit>(slot->Cast<LogicalLimit>().limit, 0);
    }
    fragment->plan = std::move(slot);
    get->fragment = std::move(fragment);
    if (replacement) {
      replacement->estimated_cardinality = get->estimated_cardinality;
      replacement->children.push_back(std::move(get));
      slot = std::move(replacement);
    } else {
      slot = std::move(get);
    }
  }

  RemotePushdownMode mode_;
  std::shared_ptr<PostgresQueryDeparser> deparser_;
  std::map<const LogicalOperator*, Candidate> candidates_;
};

}  // namespace

void PushSubtreesToSources(LogicalOperatorPtr& plan, RemotePushdownMode mode) {
  if (mode == RemotePushdownMode::kOff)
    return;
  plan->ResolveOperatorTypes();
  EstimateCardinalities(*plan);
  RemotePushdown pushdown(mode);
  pushdown.Analyze(*plan);
  pushdown.Decide(plan);
}

}  // namespace tributary
