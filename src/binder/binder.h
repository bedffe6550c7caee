// Binder: resolves a parsed statement against the catalog (names -> objects,
// columns -> bindings, literals and functions -> types, implicit casts by
// PostgreSQL's rules) and produces a logical plan.
//
// One Binder per query level; subqueries get a child Binder that shares the
// parent's table-index counter so bindings stay unique in the whole plan.
// Not thread-safe (a statement is bound on one thread).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <unordered_map>

#include "binder/bind_context.h"
#include "binder/bound_modification.h"
#include "binder/bound_statement.h"
#include "catalog/external_schema_definition.h"
#include "catalog/view_catalog_entry.h"
#include "connector/remote_table.h"
#include "parser/ast.h"
#include "planner/bound_order_by.h"
#include "security/privilege.h"

namespace tributary {

struct CteRegistry;
struct CteInfo;
class LogicalJoin;

class ClientContext;
class CatalogEntry;
class TableCatalogEntry;
class BoundSubqueryExpression;
class SystemCatalog;
class LogicalGet;
class ExpressionBinder;

class Binder {
 public:
  explicit Binder(ClientContext& context, Binder* parent = nullptr);

  // SELECT / VALUES / set operations.
  BoundStatement BindSelect(SelectStatement& statement);
  BoundStatement BindInsert(InsertStatement& statement);
  // CREATE TABLE ... AS SELECT.
  BoundStatement BindCreateTableAs(CreateTableStatement& statement);
  // DELETE [USING] / UPDATE [FROM] (bind_modification.cpp).
  BoundModification BindDelete(DeleteStatement& statement);
  BoundModification BindUpdate(UpdateStatement& statement);

  // CREATE VIEW / CREATE MATERIALIZED VIEW: binds the view's query and
  // collects the local relations it reads into `dependencies`; with
  // `reject_external` (normal views) a table of an external schema is a
  // 0A000 error. Views the query reads are not looked into (bind_view.cpp).
  BoundStatement BindViewQuery(SelectStatement& query, bool reject_external,
                               std::vector<CatalogDependency>& dependencies);

  // The columns `view` has now: a normal view's as created, a late-binding
  // view's those its query yields today (for system views such as
  // information_schema.columns and PG_GET_LATE_BINDING_VIEW_COLS). Throws
  // what binding the view's query throws (42P01 for a missing table, ...).
  void DescribeView(std::shared_ptr<const ViewCatalogEntry> view, std::vector<std::string>& names,
                    std::vector<LogicalType>& types);

  idx_t GenerateTableIndex();
  ClientContext& context() { return context_; }
  BindContext& bind_context() { return bind_context_; }

  // The schema an unqualified table name refers to.
  std::string DefaultSchema() const;
  // Looks up a stored table; throws 42P01 naming it as written.
  std::shared_ptr<TableCatalogEntry> GetTable(const std::string& schema, const std::string& name,
                                              int location);
  // 42501 unless the current user (context().current_user) holds USAGE on
  // `schema` and `privilege` on `object`, a table or view in it
  // (security/privilege_checker.h). A view's query is bound under a
  // CurrentUserScope of the view's owner (main/client_context.h).
  void CheckPrivilege(const std::string& schema, const CatalogEntry& object, Privilege privilege);
  // The catalog tables' view of the catalog and this session;
  // `with_external` also reads the external schemas' relations.
  std::unique_ptr<SystemCatalog> MakeSystemCatalog(bool with_external);

 private:
  friend class ExpressionBinder;

  // Applied to the predicates a correlated subquery pulls up, before they
  // become join conditions: rewrites the outer query's column references
  // (not those in `inner`, the subquery's own columns), e.g. to the group
  // keys when the subquery is evaluated above GROUP BY.
  using OuterRewrite =
      std::function<ExpressionPtr(ExpressionPtr, const std::vector<ColumnBinding>& inner)>;
  struct PreparedSubquery {
    LogicalOperatorPtr plan;
    std::vector<ExpressionPtr> predicates;  // pulled-up correlated predicates
    bool grouped_scalar_aggregate = false;
    // A select-list value that read outer columns, lifted above the join
    // (over the subquery's output columns); null when there is none.
    ExpressionPtr lifted_value;
    // With grouped_scalar_aggregate: the lifted value for outer rows without
    // a group (its aggregates at their values over no rows).
    ExpressionPtr empty_lifted_value;
    // A column of the subquery's output that is NULL when no row matched.
    ExpressionPtr match_flag;
  };

  // Plans the subqueries in `expr` as joins on top of `root` (which grows)
  // and returns `expr` with each subquery replaced by a join column.
  ExpressionPtr PlanSubqueries(ExpressionPtr expr, LogicalOperatorPtr& root,
                               const OuterRewrite* rewrite = nullptr);
  // A filter over `root`; EXISTS/IN conjuncts become semi joins and
  // NOT EXISTS anti joins, other subqueries are planned as above.
  // A condition of the outer join `join` with its subqueries planned under
  // the side they read (plan_join_subqueries.cpp).
  ExpressionPtr PlanOuterJoinSubqueries(ExpressionPtr condition, LogicalJoin& join);
  LogicalOperatorPtr PlanFilter(ExpressionPtr predicate, LogicalOperatorPtr root,
                                const OuterRewrite* rewrite = nullptr);
  ExpressionPtr PlanSubquery(BoundSubqueryExpression& expr, LogicalOperatorPtr& root,
                             const OuterRewrite* rewrite);
  bool TryPlanSemiJoin(ExpressionPtr& conjunct, LogicalOperatorPtr& root,
                       const OuterRewrite* rewrite);
  // A DISTINCT plan over the values of the outer columns `columns` (depth 1
  // references into `root`) for SubqueryDecorrelator.
  LogicalOperatorPtr DistinctOuterValues(LogicalOperator& root,
                                         const std::vector<const Expression*>& columns,
                                         std::vector<ColumnBinding>& bindings);
  // A LATERAL derived table's plan (bound as a subquery of the FROM items
  // in `left`) decorrelated: its predicates over `left`'s columns are
  // appended to `predicates` (for the join's ON clause). An aggregate
  // without GROUP BY keeps its row for unmatched left rows.
  LogicalOperatorPtr PlanLateral(LogicalOperatorPtr plan, LogicalOperator& left,
                                 std::vector<ExpressionPtr>& predicates);
  // `root` is the plan the subquery is joined with (the outer query).
  PreparedSubquery PrepareSubquery(BoundSubqueryExpression& expr, LogicalOperator& root,
                                   const OuterRewrite* rewrite);

  BoundStatement BindNode(QueryNode& node);
  BoundStatement BindSelectNode(SelectNode& node);
  BoundStatement BindSetOperation(SetOperationNode& node);
  BoundStatement BindValues(ValuesNode& node);
  // ORDER BY / LIMIT / OFFSET on a bound node whose output is `result`.
  void BindModifiers(QueryNode& node, BoundStatement& result,
                     std::vector<ExpressionPtr>* select_list = nullptr);
  idx_t BindLimitValue(ParsedExpression& expr, const char* clause);
  // Puts LogicalWindows computing `windows` (bound as (window_index, i))
  // above `plan`, and rebinds `references` to their outputs.
  // SELECT DISTINCT ON (bind_distinct_on.cpp): the projection's columns
  // `on` must lead ORDER BY (`order_columns`, 42P10 otherwise); the plan
  // keeps the first row of each distinct `on` in `orders`' order.
  void CheckDistinctOnOrder(const std::vector<idx_t>& on, const std::vector<idx_t>& order_columns,
                            SelectNode& node);
  LogicalOperatorPtr PlanDistinctOn(const std::vector<idx_t>& on,
                                    const std::vector<BoundOrderByNode>& orders,
                                    idx_t projection_index, LogicalOperatorPtr plan);
  LogicalOperatorPtr PlanWindows(std::vector<ExpressionPtr> windows, idx_t window_index,
                                 const std::vector<ExpressionPtr*>& references,
                                 LogicalOperatorPtr plan);

  // The target of DELETE/UPDATE with its USING/FROM item; `get` is set to
  // the target's scan, whose row ids the statement reads.
  LogicalOperatorPtr BindModificationSource(const std::string& schema, const std::string& table,
                                            const std::string& alias, TableRef* extra, int location,
                                            LogicalGet*& get);
  LogicalOperatorPtr BindTableRef(TableRef& ref);
  LogicalOperatorPtr BindBaseTable(BaseTableRef& ref);
  LogicalOperatorPtr BindJoin(JoinRef& ref);
  // The rest of BindJoin once both sides are bound (USING, ON, subqueries
  // in ON); `lateral_predicates` join the ON clause.
  LogicalOperatorPtr FinishJoin(JoinRef& ref, LogicalOperatorPtr left, LogicalOperatorPtr right,
                                idx_t left_count, std::vector<ExpressionPtr> lateral_predicates);
  LogicalOperatorPtr BindSubqueryRef(SubqueryRef& ref);
  LogicalOperatorPtr BindTableFunction(TableFunctionRef& ref);
  // SVV_EXTERNAL_SCHEMAS and friends; nullptr when `ref` is not one.
  LogicalOperatorPtr BindSystemView(BaseTableRef& ref);
  // pg_catalog, information_schema and Redshift's catalog tables.
  LogicalOperatorPtr BindCatalogTable(BaseTableRef& ref);
  LogicalOperatorPtr BindExternalTablesView(BaseTableRef& ref, bool columns);
  LogicalOperatorPtr BindFederatedQueryView(BaseTableRef& ref);
  LogicalOperatorPtr BindLoadErrorsView(BaseTableRef& ref);
  LogicalOperatorPtr BindDoctor(TableFunctionRef& ref);
  LogicalOperatorPtr MakeSystemViewGet(const std::string& alias,
                                       const std::vector<std::string>& names,
                                       const std::vector<LogicalType>& types,
                                       std::vector<std::vector<ExpressionPtr>> rows);
  // Every PostgreSQL external schema's relations (unreachable sources are
  // skipped with a NOTICE).
  std::vector<std::pair<std::shared_ptr<const ExternalSchemaDefinition>,
                        std::vector<std::shared_ptr<const RemoteTable>>>>
  ExternalTables();
  LogicalOperatorPtr BindRemoteTable(std::shared_ptr<const ExternalSchemaDefinition> schema,
                                     BaseTableRef& ref);
  LogicalOperatorPtr BindCte(const CommonTableExpression& cte, TableRef& ref);
  // A view named in FROM: its query is parsed and bound here (bind_view.cpp).
  LogicalOperatorPtr BindView(std::shared_ptr<const ViewCatalogEntry> view, BaseTableRef& ref);
  // Notes a relation the query reads, for BindViewQuery.
  void RecordDependency(const std::string& schema, const std::string& name);
  void CheckExternalAllowed(const std::string& schema, const std::string& name, int location);
  // bind_cte.cpp: a scan of the CTE computed once, or its inlined plan.
  LogicalOperatorPtr BindCteReference(const CommonTableExpression& cte,
                                      std::vector<std::string>& names,
                                      std::vector<LogicalType>& types);
  // After the outermost query: inlines CTEs read once, puts the others
  // (LogicalMaterializedCte) above `plan`.
  LogicalOperatorPtr FinishCtes(LogicalOperatorPtr plan);
  // One more scan of a CTE computed once (counted as a reference).
  LogicalOperatorPtr AddCteScan(const std::shared_ptr<CteInfo>& info, idx_t table_index,
                                std::vector<LogicalType> types);
  const CommonTableExpression* FindCte(const std::string& name) const;

  ClientContext& context_;
  Binder* parent_;
  std::shared_ptr<idx_t> next_table_index_;
  BindContext bind_context_;
  // CTEs visible at this level (name -> definition owned by the AST).
  std::map<std::string, const CommonTableExpression*> ctes_;
  // The statement's CTEs that are bound once (shared with child binders).
  std::shared_ptr<CteRegistry> cte_registry_;
  // True for the binder of a subquery expression: names it cannot resolve
  // are looked up in the enclosing query (correlated columns, one level of
  // depth per subquery expression). Other child binders (derived tables,
  // CTEs, set operation branches) are at their parent's level: they skip
  // the parent's own FROM items (that would need LATERAL) but see what the
  // parent sees.
  bool is_subquery_expression_ = false;
  // The base tables and CTE scans of the statement by table index (shared
  // by its binders), so that a subquery nested two levels deep can scan
  // the table an outer column of the outermost query comes from.
  struct ScanSource {
    std::shared_ptr<TableCatalogEntry> table;  // or:
    std::shared_ptr<CteInfo> cte;
    std::vector<LogicalType> cte_types;
  };
  std::shared_ptr<std::unordered_map<idx_t, ScanSource>> scan_sources_;
  // While BindJoin binds its right side: the left side's plan (which a
  // LATERAL derived table reads) and the predicates its decorrelation
  // adds to the join.
  LogicalOperator* lateral_left_ = nullptr;
  std::vector<ExpressionPtr> lateral_predicates_;
  // For a subquery expression: the binder of the enclosing clause, which
  // takes the aggregates of only outer columns (they belong to its query).
  ExpressionBinder* outer_expression_binder_ = nullptr;
  // Shared by a statement's binders: the views being expanded (to stop
  // recursion) and what BindViewQuery collects.
  struct ViewBindingState {
    std::vector<std::string> expanding;  // "schema.name"
    std::vector<CatalogDependency>* dependencies = nullptr;
    bool reject_external = false;
  };
  std::shared_ptr<ViewBindingState> view_state_;
};

}  // namespace tributary
