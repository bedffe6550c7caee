// Pass: subtrees whose every input is a remote scan of one source (same
// database, host, port, role and secret) become one remote query
// (RemoteFragment, rendered by the source's query deparser,
// PostgresQueryDeparser or MySqlQueryDeparser, which also decides what the
// source computes exactly as we do).
//
// Cost: the bytes the source sends us (estimated rows times row width).
// Under `auto` an operator joins its inputs' fragment only when that sends
// fewer bytes than the best plan for its inputs (so a join that multiplies
// rows stays local, an aggregate that reduces them goes remote); `on`
// pushes every subtree it can, `off` none (pg_federation_pushdown).
//
// Estimates use the source's n_distinct (EstimateFromStatistics below). A
// fragment under a projection or aggregate returns only the columns they
// read.
//
// A pushed TopN or LIMIT stays above the fragment as well (TopN re-sorts the
// few rows under our ordering; neither needs the source's row order).
//
// Dynamic filters: a join of a remote aggregate grouped on the join keys
// with a much smaller remote input stays here under `auto`: the small side
// is built first and its keys reach the aggregate's query (RemoteDynamic-
// Filter), so the source aggregates only the matching groups; pushed as one
// query, PostgreSQL aggregates every group (it does not move join keys into
// a grouped subquery: TPC-H Q17's avg per part over all of lineitem). A
// SINGLE join (a scalar subquery) on the keys its right side is grouped by
// matches at most one row, so it becomes the LEFT join it equals, which
// can build either side.
#include <algorithm>
#include <map>
#include <set>

#include "connector/mysql/mysql_query_deparser.h"
#include "connector/postgres/postgres_query_deparser.h"
#include "connector/remote_fragment.h"
#include "optimizer/expression_bindings.h"
#include "optimizer/optimizer.h"
#include "planner/expression/bound_column_ref_expression.h"
#include "planner/operator/logical_aggregate.h"
#include "planner/operator/logical_join.h"
#include "planner/operator/logical_limit.h"
#include "planner/operator/logical_projection.h"
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

// The default of pg_federation_dynamic_filter_max_keys: a build side with
// at most this many keys filters the probe side's remote query.
constexpr double kDynamicFilterKeys = 50000;

// The aggregate under `op` (through projections that pass `keys` on as
// columns) when it groups by exactly the columns `keys` name, so `op`'s
// rows are unique on them; null otherwise.
const LogicalAggregate* GroupedOn(const LogicalOperator& op, std::vector<ColumnBinding> keys) {
  if (op.type == LogicalOperatorType::kProjection) {
    auto& projection = op.Cast<LogicalProjection>();
    for (auto& key : keys) {
      if (key.table_index != projection.table_index ||
          key.column_index >= projection.expressions.size())
        return nullptr;
      auto& e = *projection.expressions[key.column_index];
      if (e.expression_class != ExpressionClass::kColumnRef ||
          e.Cast<BoundColumnRefExpression>().depth != 0)
        return nullptr;
      key = e.Cast<BoundColumnRefExpression>().binding;
    }
    return GroupedOn(*op.children[0], std::move(keys));
  }
  if (op.type != LogicalOperatorType::kAggregate)
    return nullptr;
  auto& aggregate = op.Cast<LogicalAggregate>();
  if (aggregate.groups.empty() || !aggregate.grouping_sets.empty())
    return nullptr;
  for (idx_t i = 0; i < aggregate.groups.size(); i++) {
    if (std::find(keys.begin(), keys.end(), ColumnBinding(aggregate.group_index, i)) == keys.end())
      return nullptr;
  }
  return &aggregate;
}

// The bindings of `side` (0 left, 1 right) that `join`'s `=` conditions
// compare, or none when a condition is anything else.
std::vector<ColumnBinding> EqualityKeys(const LogicalJoin& join, idx_t side) {
  std::vector<ColumnBinding> keys;
  for (auto& c : join.conditions) {
    auto& e = side == 0 ? *c.left : *c.right;
    if (c.comparison != ComparisonType::kEqual || e.expression_class != ExpressionClass::kColumnRef)
      return {};
    keys.push_back(e.Cast<BoundColumnRefExpression>().binding);
  }
  return keys;
}

// SINGLE joins whose right side is unique on the join keys become LEFT
// joins (the same rows: each left row meets at most one right row).
void SingleJoinsToLeftJoins(LogicalOperator& op) {
  for (auto& child : op.children)
    SingleJoinsToLeftJoins(*child);
  if (op.type != LogicalOperatorType::kJoin)
    return;
  auto& join = op.Cast<LogicalJoin>();
  if (join.join_type != JoinType::kSingle || join.conditions.empty())
    return;
  auto keys = EqualityKeys(join, 1);
  if (!keys.empty() && GroupedOn(*op.children[1], keys))
    join.join_type = JoinType::kLeft;
}

// Whether `op` is a join that a dynamic filter serves better than one
// remote query: one input a remote aggregate grouped on the join keys over
// many more rows than the other input, which is small enough to filter it.
// Returns the aggregate's input of the join (0 or 1), or -1.
int PrefersDynamicFilter(const LogicalOperator& op) {
  if (op.type != LogicalOperatorType::kJoin)
    return -1;
  auto& join = op.Cast<LogicalJoin>();
  if (join.join_type != JoinType::kInner && join.join_type != JoinType::kLeft &&
      join.join_type != JoinType::kRight)
    return -1;
  for (idx_t side = 0; side < 2; side++) {
    // A LEFT join keeps every left row: only its right side can be trimmed
    // (and the other way round).
    if ((join.join_type == JoinType::kLeft && side == 0) ||
        (join.join_type == JoinType::kRight && side == 1))
      continue;
    auto keys = EqualityKeys(join, side);
    auto* aggregate = keys.empty() ? nullptr : GroupedOn(*op.children[side], keys);
    if (!aggregate)
      continue;
    double other = static_cast<double>(op.children[1 - side]->estimated_cardinality);
    double input = static_cast<double>(aggregate->children[0]->estimated_cardinality);
    if (other <= kDynamicFilterKeys && other * 10 < input &&
        other * 2 < static_cast<double>(op.children[side]->estimated_cardinality))
      return static_cast<int>(side);
  }
  return -1;
}

// A TopN or LIMIT at the source never sends more rows than without it (its
// estimate can only tie with its input's when that is underestimated: Q10's
// 38,805 groups estimated as 1), so a tie pushes it.
// A LIMIT right over a scan already went there with the scan
// (PushLimitsToSources): nothing to gain.
bool IsLimit(const LogicalOperator& op) {
  if (op.type != LogicalOperatorType::kTopN && op.type != LogicalOperatorType::kLimit)
    return false;
  const LogicalOperator* input = op.children[0].get();
  while (input->type == LogicalOperatorType::kProjection)
    input = input->children[0].get();
  return input->type != LogicalOperatorType::kRemoteGet;
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
      : mode_(mode),
        deparser_(std::make_shared<PostgresQueryDeparser>()),
        mysql_deparser_(std::make_shared<MySqlQueryDeparser>()) {}

  void Analyze(LogicalOperator& op) {
    for (auto& child : op.children)
      Analyze(*child);
    // Children's estimates may have improved (EstimateFromStatistics).
    EstimateCardinality(op);
    Candidate c;
    if (op.type == LogicalOperatorType::kRemoteGet) {
      auto& get = op.Cast<LogicalRemoteGet>();
      c.pushable = CanPush(get, op);
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
    if (!CanPush(*c.leaf, op))
      return;
    EstimateFromStatistics(op);
    if (mode_ != RemotePushdownMode::kOn) {
      int side = PrefersDynamicFilter(op);
      if (side >= 0) {
        // The aggregate goes to the source even when it hardly reduces
        // rows: there the dynamic filter trims its input.
        filtered_aggregates_.insert(op.children[side].get());
        return;
      }
    }
    c.pushable = true;
    c.pushed_cost = op.estimated_cardinality * Width(op.types);
    c.best_cost = std::min(c.pushed_cost, c.split_cost);
    candidates_[&op] = c;
  }

  void Decide(LogicalOperatorPtr& slot, LogicalOperator* parent = nullptr) {
    auto it = candidates_.find(slot.get());
    if (it != candidates_.end() && it->second.pushable &&
        slot->type != LogicalOperatorType::kRemoteGet &&
        (mode_ == RemotePushdownMode::kOn || it->second.pushed_cost < it->second.split_cost ||
         filtered_aggregates_.count(slot.get()) ||
         (IsLimit(*slot) && it->second.pushed_cost <= it->second.split_cost))) {
      Replace(slot, *it->second.leaf, parent);
      return;
    }
    for (auto& child : slot->children)
      Decide(child, slot.get());
  }

 private:
  // The columns of `slot` the fragment must return: under a projection or
  // an aggregate (which name what they read) only those they reference, so
  // a pushed join does not send its keys back; elsewhere all of them.
  static void OutputColumns(LogicalOperator& slot, LogicalOperator* parent,
                            std::vector<ColumnBinding>& bindings, std::vector<LogicalType>& types) {
    bindings = slot.GetColumnBindings();
    types = slot.types;
    bool explicit_parent = parent && (parent->type == LogicalOperatorType::kProjection ||
                                      parent->type == LogicalOperatorType::kAggregate);
    if (!explicit_parent || slot.type == LogicalOperatorType::kTopN ||
        slot.type == LogicalOperatorType::kLimit)
      return;
    std::vector<ColumnBinding> used;
    for (auto& e : parent->expressions)
      CollectBindings(*e, used);
    if (parent->type == LogicalOperatorType::kAggregate) {
      for (auto& g : parent->Cast<LogicalAggregate>().groups)
        CollectBindings(*g, used);
    }
    std::vector<ColumnBinding> kept;
    std::vector<LogicalType> kept_types;
    for (idx_t i = 0; i < bindings.size(); i++) {
      if (std::find(used.begin(), used.end(), bindings[i]) != used.end()) {
        kept.push_back(bindings[i]);
        kept_types.push_back(types[i]);
      }
    }
    if (kept.empty())
      return;  // count(*): any one column would do; keep the plan as it was
    bindings = std::move(kept);
    types = std::move(kept_types);
  }

  void Replace(LogicalOperatorPtr& slot, const LogicalRemoteGet& leaf, LogicalOperator* parent) {
    auto fragment = std::make_shared<RemoteFragment>();
    OutputColumns(*slot, parent, fragment->bindings, fragment->types);
    fragment->estimated_rows = slot->estimated_cardinality;
    if (leaf.table->schema->kind == ExternalSourceKind::kMySql)
      fragment->deparser = mysql_deparser_;
    else
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

  // Distinct values of a column the subtree reads (0: unknown).
  double Distinct(const Expression& e) const {
    if (e.expression_class != ExpressionClass::kColumnRef)
      return 0;
    auto& binding = e.Cast<BoundColumnRefExpression>().binding;
    auto* column = deparser_->ColumnFor(binding);
    if (!column)
      column = mysql_deparser_->ColumnFor(binding);
    return column ? column->stats.distinct : 0;
  }

  // Better estimates than the generic pass's where the source's n_distinct
  // is known: GROUP BY yields at most the product of its keys' distinct
  // values; an equi-join of l and r rows on keys k1..kn about
  // l * r / max(D(left), D(right)), where D(side) is the number of distinct
  // key combinations a side can have: the product of its keys' distinct
  // values (each at most the side's rows), at most the side's rows. Every
  // condition counts (TPC-H Q7's c_nationkey = n_nationkey AND l_suppkey =
  // s_suppkey keeps 1/25 of the 1/1000), but correlated keys (Q9's partkey
  // and suppkey of partsupp) cannot make a side look larger than it is.
  void EstimateFromStatistics(LogicalOperator& op) {
    if (op.type == LogicalOperatorType::kAggregate) {
      auto& aggregate = op.Cast<LogicalAggregate>();
      double groups = 1;
      for (auto& g : aggregate.groups) {
        double d = Distinct(*g);
        if (d <= 0)
          return;
        groups *= d + 1;  // NULL is a group too
      }
      op.estimated_cardinality = std::max<idx_t>(
          1, std::min<idx_t>(op.children[0]->estimated_cardinality, static_cast<idx_t>(groups)));
    } else if (op.type == LogicalOperatorType::kJoin) {
      auto& join = op.Cast<LogicalJoin>();
      bool semi = join.join_type == JoinType::kSemi;
      if (!semi && join.join_type != JoinType::kInner && join.join_type != JoinType::kLeft &&
          join.join_type != JoinType::kRight)
        return;
      double l = std::max<double>(1, op.children[0]->estimated_cardinality);
      double r = std::max<double>(1, op.children[1]->estimated_cardinality);
      double keys_l = 1, keys_r = 1;
      bool known = false;
      for (auto& c : join.conditions) {
        double dl = Distinct(*c.left), dr = Distinct(*c.right);
        if (c.comparison != ComparisonType::kEqual || dl <= 0 || dr <= 0)
          continue;
        known = true;
        keys_l *= std::min(dl, l);
        keys_r *= std::min(dr, r);
      }
      if (!known)
        return;
      if (semi) {
        // A semi join keeps the left rows whose keys the right side has:
        // about min(1, D(right) / D(left)) of them (Q20's partsupp rows of
        // the parts named 'forest%').
        op.estimated_cardinality = static_cast<idx_t>(
            std::max(1.0, l * std::min(1.0, std::min(keys_r, r) / std::min(keys_l, l))));
        return;
      }
      double rows = std::max(1.0, l * r / std::max(std::min(keys_l, l), std::min(keys_r, r)));
      if (join.join_type == JoinType::kLeft)
        rows = std::max(rows, l);
      if (join.join_type == JoinType::kRight)
        rows = std::max(rows, r);
      op.estimated_cardinality = static_cast<idx_t>(rows);
    }
  }

  // The deparser of `leaf`'s source kind decides.
  bool CanPush(const LogicalRemoteGet& leaf, LogicalOperator& op) {
    if (leaf.table->schema->kind == ExternalSourceKind::kMySql)
      return mysql_deparser_->CanPush(op);
    return deparser_->CanPush(op);
  }

  RemotePushdownMode mode_;
  std::shared_ptr<PostgresQueryDeparser> deparser_;
  std::shared_ptr<MySqlQueryDeparser> mysql_deparser_;
  std::map<const LogicalOperator*, Candidate> candidates_;
  // Aggregates a join's dynamic filter will reach (PrefersDynamicFilter).
  std::set<const LogicalOperator*> filtered_aggregates_;
};

}  // namespace

void PushSubtreesToSources(LogicalOperatorPtr& plan, RemotePushdownMode mode) {
  if (mode == RemotePushdownMode::kOff)
    return;
  SingleJoinsToLeftJoins(*plan);
  plan->ResolveOperatorTypes();
  EstimateCardinalities(*plan);
  RemotePushdown pushdown(mode);
  pushdown.Analyze(*plan);
  pushdown.Decide(plan);
}

}  // namespace tributary
