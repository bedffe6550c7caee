// QueryNode: SELECT, set operations and VALUES, with the ORDER BY / LIMIT /
// WITH that apply to them.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "parser/parsed_expression.h"
#include "parser/tableref/table_ref.h"

namespace tributary {

class SelectStatement;

enum class QueryNodeType { kSelect, kSetOperation, kValues };

// WITH x AS [NOT] MATERIALIZED (...): PostgreSQL 12's hint.
enum class CteMaterialize { kDefault, kAlways, kNever };

struct CommonTableExpression {
  std::string name;
  CteMaterialize materialize = CteMaterialize::kDefault;
  std::vector<std::string> column_aliases;
  std::unique_ptr<SelectStatement> query;
  int location = 0;
};

class QueryNode {
 public:
  explicit QueryNode(QueryNodeType type) : type(type) {}
  virtual ~QueryNode() = default;
  QueryNodeType type;
  std::vector<OrderByNode> order_by;
  ParsedExpressionPtr limit;
  ParsedExpressionPtr offset;
  std::vector<CommonTableExpression> ctes;
  bool recursive_ctes = false;

  virtual std::string ToString() const = 0;
  // WITH / ORDER BY / LIMIT / OFFSET text around the node's own SQL.
  std::string ModifiersToString(const std::string& body) const;

  template <class T>
  T& Cast() {
    return static_cast<T&>(*this);
  }
};

class SelectNode : public QueryNode {
 public:
  SelectNode() : QueryNode(QueryNodeType::kSelect) {}
  ExpressionList select_list;
  std::unique_ptr<TableRef> from;
  ParsedExpressionPtr where;
  ExpressionList group_by;
  // GROUPING SETS / ROLLUP / CUBE, expanded: each set lists positions in
  // group_by (which then holds every expression any set uses). Empty for a
  // plain GROUP BY.
  std::vector<std::vector<size_t>> grouping_sets;
  ParsedExpressionPtr having;
  bool distinct = false;
  ExpressionList distinct_on;
  std::vector<std::pair<std::string, WindowSpec>> windows;
  std::string ToString() const override;
};

class SetOperationNode : public QueryNode {
 public:
  enum class SetOpType { kUnion, kIntersect, kExcept };
  SetOperationNode() : QueryNode(QueryNodeType::kSetOperation) {}
  SetOpType op = SetOpType::kUnion;
  bool all = false;
  std::unique_ptr<QueryNode> left, right;
  std::string ToString() const override;
};

class ValuesNode : public QueryNode {
 public:
  ValuesNode() : QueryNode(QueryNodeType::kValues) {}
  std::vector<ExpressionList> rows;
  std::string ToString() const override;
};

}  // namespace tributary
