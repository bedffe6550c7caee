// CTE references: computed once (a LogicalCteScan of a LogicalMaterializedCte)
// or inlined, following PostgreSQL 12+ (see cte_registry.h).
#include "binder/binder.h"
#include "binder/cte_registry.h"
#include "binder/subquery_decorrelator.h"
#include "planner/expression/bound_column_ref_expression.h"
#include "planner/operator/logical_projection.h"

namespace tributary {

namespace {

// The pointer that owns the CTE scan with `table_index` in `root`'s tree,
// or null.
LogicalOperatorPtr* FindOwner(LogicalOperatorPtr& root, idx_t table_index) {
  if (root->type == LogicalOperatorType::kCteScan &&
      root->Cast<LogicalCteScan>().table_index == table_index) {
    return &root;
  }
  for (auto& child : root->children) {
    if (auto* found = FindOwner(child, table_index))
      return found;
  }
  return nullptr;
}

bool HasVolatile(const Expression& expr) {
  if (expr.IsVolatile())
    return true;
  bool found = false;
  expr.ForEachChild([&](const Expression& child) { found = found || HasVolatile(child); });
  return found;
}

bool HasVolatile(const LogicalOperator& op) {
  for (auto& e : op.expressions) {
    if (HasVolatile(*e))
      return true;
  }
  for (auto& child : op.children) {
    if (HasVolatile(*child))
      return true;
  }
  return false;
}

}  // namespace

LogicalOperatorPtr Binder::BindCteReference(const CommonTableExpression& cte,
                                            std::vector<std::string>& names,
                                            std::vector<LogicalType>& types) {
  auto bind_definition = [&]() {
    Binder child(context_, this);
    // A CTE does not see itself (no recursion) but sees earlier CTEs.
    child.ctes_.erase(cte.name);
    auto bound = child.BindSelect(*cte.query);
    names = bound.names;
    types = bound.types;
    return std::move(bound.plan);
  };
  auto& registry = *cte_registry_;
  auto* entry = registry.Find(&cte);
  if (entry && entry->inline_only)
    return bind_definition();
  if (!entry) {
    auto plan = bind_definition();
    auto created = std::make_unique<CteRegistry::Entry>();
    created->cte = &cte;
    created->names = names;
    created->types = types;
    // Like PostgreSQL, volatile functions (random()) keep a CTE computed
    // once even when NOT MATERIALIZED or read once.
    created->is_volatile = HasVolatile(*plan);
    bool never = cte.materialize == CteMaterialize::kNever && !created->is_volatile;
    if (never || SubqueryDecorrelator::HasOuterReferences(*plan)) {
      created->inline_only = true;
      registry.entries.push_back(std::move(created));
      return plan;
    }
    created->info = std::make_shared<CteInfo>();
    created->info->cte_index = GenerateTableIndex();
    created->info->name = cte.name;
    created->plan = std::move(plan);
    registry.entries.push_back(std::move(created));
    entry = registry.entries.back().get();
  }
  names = entry->names;
  types = entry->types;
  auto scan = std::make_unique<LogicalCteScan>(entry->info, GenerateTableIndex(), entry->types);
  entry->scans.push_back(scan->table_index);
  return scan;
}

LogicalOperatorPtr Binder::AddCteScan(const std::shared_ptr<CteInfo>& info, idx_t table_index,
                                      std::vector<LogicalType> types) {
  for (auto& e : cte_registry_->entries) {
    if (e->info == info)
      e->scans.push_back(table_index);
  }
  auto& source = (*scan_sources_)[table_index];
  source.cte = info;
  source.cte_types = types;
  return std::make_unique<LogicalCteScan>(info, table_index, std::move(types));
}

LogicalOperatorPtr Binder::FinishCtes(LogicalOperatorPtr plan) {
  auto& entries = cte_registry_->entries;
  // Inline the CTEs read once (later ones first: their definitions may hold
  // the only scan of an earlier one). The scan becomes a projection of the
  // definition, so the columns keep the scan's bindings.
  for (idx_t i = entries.size(); i-- > 0;) {
    auto& entry = *entries[i];
    if (entry.inline_only || !entry.plan)
      continue;
    if (entry.scans.size() != 1 || entry.cte->materialize == CteMaterialize::kAlways ||
        entry.is_volatile) {
      continue;
    }
    idx_t scan = entry.scans[0];
    LogicalOperatorPtr* owner = FindOwner(plan, scan);
    for (idx_t j = 0; !owner && j < entries.size(); j++) {
      if (j != i && entries[j]->plan)
        owner = FindOwner(entries[j]->plan, scan);
    }
    if (!owner)
      continue;  // not in a plan yet (kept materialized, which is always correct)
    std::vector<ExpressionPtr> columns;
    auto bindings = entry.plan->GetColumnBindings();
    for (idx_t c = 0; c < bindings.size(); c++) {
      auto ref = std::make_unique<BoundColumnRefExpression>(entry.types[c], bindings[c]);
      ref->alias = entry.names[c];
      columns.push_back(std::move(ref));
    }
    auto projection = std::make_unique<LogicalProjection>(scan, std::move(columns));
    projection->children.push_back(std::move(entry.plan));
    *owner = std::move(projection);
    entry.scans.clear();
  }
  // The others are computed first, the earliest outermost.
  for (idx_t i = entries.size(); i-- > 0;) {
    auto& entry = *entries[i];
    if (entry.inline_only || !entry.plan || entry.scans.empty())
      continue;
    auto cte = std::make_unique<LogicalMaterializedCte>(entry.info);
    cte->children.push_back(std::move(entry.plan));
    cte->children.push_back(std::move(plan));
    plan = std::move(cte);
  }
  entries.clear();
  return plan;
}

}  // namespace tributary
