// Transformer: libpg_query's protobuf parse tree -> our AST. Every node kind
// we do not support raises 0A000 naming the construct; nothing is silently
// dropped.
#pragma once

#include <memory>
#include <string>

#include <pg_query/pg_query.pb-c.h>

#include "parser/ast.h"
#include "parser/parser.h"

namespace tributary {

class Transformer {
 public:
  explicit Transformer(const ParserOptions& options) : options_(options) {}

  std::unique_ptr<SQLStatement> TransformStatement(const PgQuery__Node* node);

  ParsedExpressionPtr TransformExpression(const PgQuery__Node* node);
  ExpressionList TransformExpressionList(PgQuery__Node** nodes, size_t count);
  std::unique_ptr<SelectStatement> TransformSelect(const PgQuery__Node* node);
  std::unique_ptr<QueryNode> TransformSelectNode(const PgQuery__SelectStmt* stmt);
  std::unique_ptr<TableRef> TransformTableRef(const PgQuery__Node* node);
  // TypeName -> LogicalType; sets `unconstrained_numeric` for bare NUMERIC.
  LogicalType TransformTypeName(const PgQuery__TypeName* type, bool* unconstrained_numeric);
  // Folds an identifier unless quoted identifiers keep their case.
  std::string Identifier(const char* name) const;
  // The string value of a String node.
  static std::string StringValue(const PgQuery__Node* node);

 private:
  ParsedExpressionPtr TransformColumnRef(const PgQuery__ColumnRef* ref);
  ParsedExpressionPtr TransformConstant(const PgQuery__AConst* constant);
  ParsedExpressionPtr TransformAExpr(const PgQuery__AExpr* expr);
  ParsedExpressionPtr TransformFuncCall(const PgQuery__FuncCall* call);
  ParsedExpressionPtr TransformSubLink(const PgQuery__SubLink* link);
  // GROUP BY, with grouping sets expanded (transform_group_by.cpp).
  void TransformGroupBy(const PgQuery__SelectStmt* stmt, SelectNode& select);
  // "regclass", "regtype", ... when `type` names an object identifier type
  // (see transform_catalog_expression.cpp); empty otherwise.
  static std::string CatalogTypeName(const PgQuery__TypeName* type);
  // expr[i] on an array in text form (array_subscript(expr, i)) and
  // (expr).field (tributary_field_select); slices are not supported.
  ParsedExpressionPtr TransformIndirection(const PgQuery__AIndirection* indirection);
  // ARRAY(subquery) as the array's text form ('{a,b}'), Tributary having no
  // array type yet.
  ParsedExpressionPtr ArraySubqueryAsText(std::unique_ptr<SelectStatement> subquery, int location);
  // information_schema._pg_expandarray(a) in `select`'s list becomes a join
  // with a's positions (transform_expand_array.cpp).
  void ExpandArrayCalls(SelectNode& select);
  void TransformOrderBy(PgQuery__Node** nodes, size_t count, std::vector<OrderByNode>& out);
  std::unique_ptr<WindowSpec> TransformWindow(const PgQuery__WindowDef* def);
  void TransformCtes(const PgQuery__WithClause* with, QueryNode& node);
  void ApplyAlias(const PgQuery__Alias* alias, TableRef& ref);

  std::unique_ptr<SQLStatement> TransformInsert(const PgQuery__InsertStmt* stmt);
  std::unique_ptr<SQLStatement> TransformCreateTable(const PgQuery__CreateStmt* stmt);
  std::unique_ptr<SQLStatement> TransformCreateTableAs(const PgQuery__CreateTableAsStmt* stmt);
  std::unique_ptr<SQLStatement> TransformDrop(const PgQuery__DropStmt* stmt);
  std::unique_ptr<SQLStatement> TransformSet(const PgQuery__VariableSetStmt* stmt);
  std::unique_ptr<SQLStatement> TransformExplain(const PgQuery__ExplainStmt* stmt);
  std::unique_ptr<SQLStatement> TransformView(const PgQuery__ViewStmt* stmt);
  std::unique_ptr<SQLStatement> TransformUpdate(const PgQuery__UpdateStmt* stmt);
  std::unique_ptr<SQLStatement> TransformDelete(const PgQuery__DeleteStmt* stmt);
  // transform_ddl.cpp
  ColumnDefinitionNode TransformColumnDef(const PgQuery__ColumnDef* def);
  TableLikeNode TransformTableLike(const PgQuery__TableLikeClause* like);
  std::unique_ptr<SQLStatement> TransformCreateMaterializedView(
      const PgQuery__CreateTableAsStmt* stmt);
  std::unique_ptr<SQLStatement> TransformRefresh(const PgQuery__RefreshMatViewStmt* stmt);
  std::unique_ptr<SQLStatement> TransformAlterTable(const PgQuery__AlterTableStmt* stmt);
  std::unique_ptr<SQLStatement> TransformRename(const PgQuery__RenameStmt* stmt);
  std::unique_ptr<SQLStatement> TransformAnalyze(const PgQuery__VacuumStmt* stmt);

  const ParserOptions& options_;
};

// Throws 0A000 "<what> is not supported" at `location` (0-based, -1 unknown).
[[noreturn]] void ThrowNotSupported(const std::string& what, int location = -1);

}  // namespace tributary
