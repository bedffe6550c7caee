// Binding of FROM items: tables, CTE references, joins, derived tables and
// table functions.
#include <algorithm>

#include "binder/binder.h"
#include "binder/expression_binder.h"
#include "binder/join_predicates.h"
#include "catalog/catalog.h"
#include "connector/remote_metadata_cache.h"
#include "execution/expression_executor.h"
#include "function/function_registry.h"
#include "main/client_context.h"
#include "main/database.h"
#include "main/session_settings.h"
#include "optimizer/expression_bindings.h"
#include "planner/expression/bound_cast_expression.h"
#include "planner/expression/bound_column_ref_expression.h"
#include "planner/expression/bound_comparison_expression.h"
#include "planner/expression/bound_conjunction_expression.h"
#include "planner/expression/bound_operator_expression.h"
#include "planner/operator/logical_get.h"
#include "planner/operator/logical_join.h"
#include "planner/operator/logical_remote_get.h"
#include "planner/operator/logical_table_function.h"
#include "security/privilege_checker.h"
#include "security/source_credentials.h"
#include "types/cast.h"

namespace tributary {

namespace {

void ApplyColumnAliases(const std::vector<std::string>& aliases, std::vector<std::string>& names,
                        const std::string& alias, int location) {
  if (aliases.size() > names.size()) {
    throw Exception(sqlstate::kInvalidColumnReference,
                    "table \"" + alias + "\" has " + std::to_string(names.size()) +
                        " columns available but " + std::to_string(aliases.size()) +
                        " columns specified")
        .WithPosition(location);
  }
  for (idx_t i = 0; i < aliases.size(); i++)
    names[i] = aliases[i];
}

// Splits an ON condition into hashable left/right comparisons and the rest.
void ExtractConditions(LogicalJoin& join, ExpressionPtr condition) {
  std::vector<ExpressionPtr> conjuncts;
  SplitConjunction(std::move(condition), conjuncts);
  AddJoinPredicates(join, std::move(conjuncts));
}

}  // namespace

LogicalOperatorPtr Binder::BindTableRef(TableRef& ref) {
  switch (ref.type) {
    case TableRefType::kBaseTable:
      return BindBaseTable(static_cast<BaseTableRef&>(ref));
    case TableRefType::kJoin:
      return BindJoin(static_cast<JoinRef&>(ref));
    case TableRefType::kSubquery:
      return BindSubqueryRef(static_cast<SubqueryRef&>(ref));
    case TableRefType::kTableFunction:
      return BindTableFunction(static_cast<TableFunctionRef&>(ref));
  }
  throw InternalException("unknown table reference");
}

LogicalOperatorPtr Binder::BindBaseTable(BaseTableRef& ref) {
  if (ref.schema.empty()) {
    if (auto* cte = FindCte(ref.table))
      return BindCte(*cte, ref);
  }
  if (auto view = BindSystemView(ref))
    return view;
  if (!ref.schema.empty()) {
    auto schema = context_.db.catalog().GetSchema(ref.schema);
    if (schema && schema->external) {
      CheckExternalAllowed(ref.schema, ref.table, ref.location);
      // USAGE on an external schema lets a user read all of its tables.
      PrivilegeChecker(context_.db.access_control(), context_.current_user)
          .RequireSchema(*schema, Privilege::kUsage);
      return BindRemoteTable(schema->external, ref);
    }
  }
  std::shared_ptr<TableCatalogEntry> table;
  auto entry =
      context_.db.catalog().GetEntry(ref.schema.empty() ? DefaultSchema() : ref.schema, ref.table);
  if (entry && entry->type == CatalogType::kView) {
    RecordDependency(ref.schema.empty() ? DefaultSchema() : ref.schema, ref.table);
    return BindView(std::static_pointer_cast<const ViewCatalogEntry>(entry), ref);
  }
  if (entry && entry->type == CatalogType::kMaterializedView) {
    table = std::static_pointer_cast<TableCatalogEntry>(entry);
  } else {
    table = GetTable(ref.schema, ref.table, ref.location);
  }
  RecordDependency(table->schema_name, table->name);
  // Without SELECT on the table, SELECT on some of its columns lets the
  // query read those (the binding's guard refuses the others).
  std::shared_ptr<ColumnGuard> guard;
  try {
    CheckPrivilege(table->schema_name, *table, Privilege::kSelect);
  } catch (const Exception& e) {
    auto schema = context_.db.catalog().GetSchema(table->schema_name);
    auto& access = context_.db.access_control();
    if (e.SqlState() != sqlstate::kInsufficientPrivilege || !schema ||
        !(access.AnyColumnPrivileges(context_.current_user, *schema, *table) &
          Bits(Privilege::kSelect)))
      throw;
    PrivilegeChecker(access, context_.current_user).RequireSchema(*schema, Privilege::kUsage);
    guard = std::make_shared<ColumnGuard>();
    guard->table = table->name;
    for (auto& column : table->columns) {
      guard->readable.push_back(
          (access.ColumnPrivileges(context_.current_user, *schema, *table, column.name) &
           Bits(Privilege::kSelect)) != 0);
    }
  }
  auto get = std::make_unique<LogicalGet>(GenerateTableIndex(), table);
  (*scan_sources_)[get->table_index].table = table;
  TableBinding binding;
  binding.guard = std::move(guard);
  binding.alias = ref.alias.empty() ? ref.table : ref.alias;
  binding.schema = ref.alias.empty() ? table->schema_name : "";
  for (idx_t i = 0; i < table->columns.size(); i++) {
    binding.names.push_back(table->columns[i].name);
    binding.types.push_back(table->columns[i].type);
    binding.bindings.emplace_back(get->table_index, i);
  }
  ApplyColumnAliases(ref.column_aliases, binding.names, binding.alias, ref.location);
  bind_context_.AddBinding(std::move(binding));
  return get;
}

LogicalOperatorPtr Binder::BindRemoteTable(std::shared_ptr<const ExternalSchemaDefinition> schema,
                                           BaseTableRef& ref) {
  bool from_cache = false;
  auto cached = context_.db.remote_metadata().Get(
      [&] {
        return context_.sources.ReadSchema(schema, context_.db, context_.settings,
                                           &context_.interrupted);
      },
      schema, ref.table, std::chrono::seconds(context_.settings.pg_federation_metadata_ttl()),
      &from_cache);
  if (!cached) {
    throw Exception(sqlstate::kUndefinedTable,
                    "relation \"" + schema->name + "." + ref.table +
                        "\" does not exist (no table \"" + ref.table +
                        (schema->kind == ExternalSourceKind::kMySql
                             ? std::string()
                             : "\" in schema \"" + schema->remote_schema) +
                        "\" of database \"" + schema->database + "\" on the source)")
        .WithPosition(ref.location);
  }
  if (from_cache)
    context_.cached_remote_schemas.insert(schema->name);
  // Column names fold to lower case unless identifiers are case-sensitive.
  auto remote = std::make_shared<RemoteTable>(*cached);
  remote->local_name = ref.table;
  if (!context_.settings.enable_case_sensitive_identifier()) {
    for (auto& column : remote->columns) {
      std::transform(column.local_name.begin(), column.local_name.end(), column.local_name.begin(),
                     [](unsigned char c) { return std::tolower(c); });
    }
  }
  auto get = std::make_unique<LogicalRemoteGet>(GenerateTableIndex(), remote);
  get->estimated_cardinality = static_cast<idx_t>(remote->estimated_rows);
  TableBinding binding;
  binding.alias = ref.alias.empty() ? ref.table : ref.alias;
  binding.schema = ref.alias.empty() ? schema->name : "";
  for (idx_t i = 0; i < remote->columns.size(); i++) {
    binding.names.push_back(remote->columns[i].local_name);
    binding.types.push_back(remote->columns[i].type);
    binding.bindings.emplace_back(get->table_index, i);
  }
  ApplyColumnAliases(ref.column_aliases, binding.names, binding.alias, ref.location);
  bind_context_.AddBinding(std::move(binding));
  return get;
}

LogicalOperatorPtr Binder::BindCte(const CommonTableExpression& cte, TableRef& ref) {
  TableBinding binding;
  auto plan = BindCteReference(cte, binding.names, binding.types);
  binding.alias = ref.alias.empty() ? cte.name : ref.alias;
  ApplyColumnAliases(cte.column_aliases, binding.names, cte.name, cte.location);
  ApplyColumnAliases(ref.column_aliases, binding.names, binding.alias, ref.location);
  binding.bindings = plan->GetColumnBindings();
  bind_context_.AddBinding(std::move(binding));
  return plan;
}

LogicalOperatorPtr Binder::BindSubqueryRef(SubqueryRef& ref) {
  if (ref.alias.empty()) {
    throw Exception(sqlstate::kSyntaxError, "subquery in FROM must have an alias")
        .WithHint("For example, FROM (SELECT ...) [AS] foo.")
        .WithPosition(ref.location);
  }
  // LATERAL: the FROM items to the left are an enclosing query of the
  // derived table, which is decorrelated into the join (PlanLateral).
  bool lateral = ref.lateral && lateral_left_;
  LogicalOperator* left = lateral_left_;
  lateral_left_ = nullptr;
  Binder child(context_, this);
  child.is_subquery_expression_ = lateral;
  auto bound = child.BindSelect(*ref.subquery);
  if (lateral)
    bound.plan = PlanLateral(std::move(bound.plan), *left, lateral_predicates_);
  TableBinding binding;
  binding.alias = ref.alias;
  binding.names = bound.names;
  ApplyColumnAliases(ref.column_aliases, binding.names, ref.alias, ref.location);
  binding.types = bound.types;
  binding.bindings = bound.plan->GetColumnBindings();
  binding.bindings.resize(bound.names.size());
  bind_context_.AddBinding(std::move(binding));
  return std::move(bound.plan);
}

LogicalOperatorPtr Binder::BindTableFunction(TableFunctionRef& ref) {
  auto& call = *ref.function;
  if (call.name == "tributary_doctor")
    return BindDoctor(ref);
  auto* overloads = FunctionRegistry::BuiltIns().GetTable(call.name);
  if (!overloads) {
    throw Exception(sqlstate::kUndefinedFunction, "function " + call.name + " does not exist")
        .WithPosition(ref.location);
  }
  BindContext empty;
  ExpressionBinder binder(*this, empty, "FROM");
  std::vector<ExpressionPtr> args;
  for (auto& c : call.children)
    args.push_back(binder.Bind(*c));
  const TableFunction* chosen = nullptr;
  for (auto& candidate : *overloads) {
    if (candidate.arguments.size() != args.size())
      continue;
    bool ok = true;
    for (idx_t i = 0; i < args.size() && ok; i++) {
      auto& from = args[i]->return_type;
      auto& to = candidate.arguments[i];
      ok = ExpressionBinder::IsUnknownLiteral(*args[i]) || from.id() == LogicalTypeId::kNull ||
           from.id() == to.id() || ImplicitCastCost(from, to) >= 0;
    }
    if (ok) {
      chosen = &candidate;
      break;
    }
  }
  if (!chosen) {
    throw Exception(sqlstate::kUndefinedFunction, "function " + call.name + " with " +
                                                      std::to_string(args.size()) +
                                                      " arguments does not exist")
        .WithPosition(ref.location);
  }
  std::vector<Value> values;
  for (idx_t i = 0; i < args.size(); i++) {
    auto arg = ExpressionBinder::Coerce(std::move(args[i]), chosen->arguments[i]);
    if (!arg->IsFoldable()) {
      throw Exception(sqlstate::kFeatureNotSupported,
                      "arguments of " + call.name + " must be constants")
          .WithPosition(ref.location);
    }
    values.push_back(ExpressionExecutor::EvaluateConstant(*arg));
  }
  std::vector<std::string> names;
  std::vector<LogicalType> types;
  auto bind_data = chosen->bind(values, names, types);
  idx_t index = GenerateTableIndex();
  TableBinding binding;
  binding.alias = ref.alias.empty() ? call.name : ref.alias;
  binding.names = names;
  // A single-column function aliased without a column list names its
  // column after the alias (PostgreSQL).
  if (!ref.alias.empty() && ref.column_aliases.empty() && names.size() == 1) {
    binding.names[0] = ref.alias;
  }
  ApplyColumnAliases(ref.column_aliases, binding.names, binding.alias, ref.location);
  binding.types = types;
  binding.bindings = GenerateColumnBindings(index, types.size());
  bind_context_.AddBinding(std::move(binding));
  return std::make_unique<LogicalTableFunction>(index, *chosen, std::move(bind_data), names, types);
}

LogicalOperatorPtr Binder::BindJoin(JoinRef& ref) {
  auto left = BindTableRef(*ref.left);
  // Remember which aliases each side contributed (for USING).
  idx_t left_count = bind_context_.bindings().size();
  // Under RIGHT and FULL joins the left side's columns are not visible
  // (PostgreSQL rejects such references too).
  bool lateral =
      ref.right->type == TableRefType::kSubquery && static_cast<SubqueryRef&>(*ref.right).lateral &&
      ref.join_type != JoinRef::JoinType::kRight && ref.join_type != JoinRef::JoinType::kFull;
  std::vector<ExpressionPtr> lateral_predicates;
  if (lateral) {
    lateral_left_ = left.get();
    auto saved = std::move(lateral_predicates_);
    lateral_predicates_.clear();
    try {
      auto bound_right = BindTableRef(*ref.right);
      lateral_predicates = std::move(lateral_predicates_);
      lateral_predicates_ = std::move(saved);
      return FinishJoin(ref, std::move(left), std::move(bound_right), left_count,
                        std::move(lateral_predicates));
    } catch (...) {
      lateral_left_ = nullptr;
      lateral_predicates_ = std::move(saved);
      throw;
    }
  }
  auto right = BindTableRef(*ref.right);
  return FinishJoin(ref, std::move(left), std::move(right), left_count, {});
}

LogicalOperatorPtr Binder::FinishJoin(JoinRef& ref, LogicalOperatorPtr left,
                                      LogicalOperatorPtr right, idx_t left_count,
                                      std::vector<ExpressionPtr> lateral_predicates) {
  JoinType type = JoinType::kInner;
  switch (ref.join_type) {
    case JoinRef::JoinType::kLeft:
      type = JoinType::kLeft;
      break;
    case JoinRef::JoinType::kRight:
      type = JoinType::kRight;
      break;
    case JoinRef::JoinType::kFull:
      type = JoinType::kFull;
      break;
    default:
      type = JoinType::kInner;
  }
  auto join = std::make_unique<LogicalJoin>(type);
  join->children.push_back(std::move(left));
  join->children.push_back(std::move(right));

  std::vector<std::string> using_columns = ref.using_columns;
  auto& all = bind_context_.bindings();
  auto side_has = [&](idx_t begin, idx_t end, const std::string& column,
                      const TableBinding** found) {
    idx_t matches = 0;
    for (idx_t b = begin; b < end; b++) {
      for (idx_t i = 0; i < all[b].names.size(); i++) {
        if (all[b].names[i] == column) {
          matches++;
          *found = &all[b];
        }
      }
    }
    return matches;
  };
  if (ref.natural) {
    for (idx_t b = left_count; b < all.size(); b++) {
      for (auto& name : all[b].names) {
        const TableBinding* found = nullptr;
        if (side_has(0, left_count, name, &found) > 0 &&
            std::find(using_columns.begin(), using_columns.end(), name) == using_columns.end()) {
          using_columns.push_back(name);
        }
      }
    }
  }
  std::vector<ExpressionPtr> conjuncts;
  for (auto& column : using_columns) {
    const TableBinding* lb = nullptr;
    const TableBinding* rb = nullptr;
    idx_t lm = side_has(0, left_count, column, &lb);
    idx_t rm = side_has(left_count, all.size(), column, &rb);
    if (lm == 0 || rm == 0) {
      throw Exception(sqlstate::kUndefinedColumn,
                      "column \"" + column + "\" specified in USING clause does not exist in " +
                          (lm == 0 ? "left" : "right") + " table")
          .WithPosition(ref.location);
    }
    if (lm > 1 || rm > 1) {
      throw Exception(sqlstate::kAmbiguousColumn, "common column name \"" + column +
                                                      "\" appears more than once in " +
                                                      (lm > 1 ? "left" : "right") + " table")
          .WithPosition(ref.location);
    }
    auto lref = bind_context_.Resolve({lb->alias, column}, ref.location);
    auto rref = bind_context_.Resolve({rb->alias, column}, ref.location);
    LogicalType common = ExpressionBinder::CommonType({lref.get(), rref.get()}, "JOIN/USING");
    UsingColumn merged;
    merged.name = column;
    merged.aliases = {lb->alias, rb->alias};
    if (type == JoinType::kFull) {
      std::vector<ExpressionPtr> parts;
      parts.push_back(ExpressionBinder::Coerce(lref->Copy(), common));
      parts.push_back(ExpressionBinder::Coerce(rref->Copy(), common));
      merged.expression = std::make_shared<BoundOperatorExpression>(OperatorType::kCoalesce, common,
                                                                    std::move(parts));
    } else {
      merged.expression =
          std::shared_ptr<Expression>((type == JoinType::kRight ? rref : lref)->Copy().release());
    }
    conjuncts.push_back(std::make_unique<BoundComparisonExpression>(
        ComparisonType::kEqual, ExpressionBinder::Coerce(std::move(lref), common),
        ExpressionBinder::Coerce(std::move(rref), common)));
    bind_context_.AddUsingColumn(std::move(merged));
  }
  if (ref.condition) {
    ExpressionBinder binder(*this, bind_context_, "JOIN conditions");
    conjuncts.push_back(binder.BindPredicate(*ref.condition, "JOIN/ON"));
  }
  for (auto& p : lateral_predicates)
    conjuncts.push_back(std::move(p));
  // Subqueries in ON: an inner join's condition is a filter over the join,
  // where the subqueries can be planned as joins of their own.
  std::vector<ExpressionPtr> with_subqueries;
  {
    std::vector<ExpressionPtr> split;
    for (auto& c : conjuncts)
      SplitConjunction(std::move(c), split);
    conjuncts.clear();
    for (auto& c : split)
      (c->HasSubquery() ? with_subqueries : conjuncts).push_back(std::move(c));
  }
  if (type != JoinType::kInner) {
    for (auto& c : with_subqueries)
      conjuncts.push_back(PlanOuterJoinSubqueries(std::move(c), *join));
    with_subqueries.clear();
  }
  if (!conjuncts.empty()) {
    ExpressionPtr condition = conjuncts.size() == 1
                                  ? std::move(conjuncts[0])
                                  : std::make_unique<BoundConjunctionExpression>(
                                        ConjunctionType::kAnd, std::move(conjuncts));
    ExtractConditions(*join, std::move(condition));
  }
  LogicalOperatorPtr result = std::move(join);
  for (auto& c : with_subqueries)
    result = PlanFilter(std::move(c), std::move(result));
  return result;
}

}  // namespace tributary
