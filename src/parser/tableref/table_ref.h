// TableRef: an item of a FROM clause.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "parser/parsed_expression.h"

namespace tributary {

class SelectStatement;
class FunctionExpression;

enum class TableRefType { kBaseTable, kJoin, kSubquery, kTableFunction };

class TableRef {
 public:
  explicit TableRef(TableRefType type) : type(type) {}
  virtual ~TableRef() = default;
  TableRefType type;
  std::string alias;
  std::vector<std::string> column_aliases;
  int location = 0;
  virtual std::string ToString() const = 0;
  std::string AliasString() const;
};

class BaseTableRef : public TableRef {
 public:
  BaseTableRef() : TableRef(TableRefType::kBaseTable) {}
  std::string catalog, schema, table;
  std::string ToString() const override {
    return (schema.empty() ? "" : QuoteIdentifier(schema) + ".") + QuoteIdentifier(table) +
           AliasString();
  }
};

class JoinRef : public TableRef {
 public:
  enum class JoinType { kInner, kLeft, kRight, kFull, kCross };
  JoinRef() : TableRef(TableRefType::kJoin) {}
  std::unique_ptr<TableRef> left, right;
  JoinType join_type = JoinType::kInner;
  ParsedExpressionPtr condition;
  std::vector<std::string> using_columns;
  bool natural = false;
  std::string ToString() const override;
};

class SubqueryRef : public TableRef {
 public:
  SubqueryRef() : TableRef(TableRefType::kSubquery) {}
  std::unique_ptr<SelectStatement> subquery;
  bool lateral = false;
  std::string ToString() const override;
};

class TableFunctionRef : public TableRef {
 public:
  TableFunctionRef() : TableRef(TableRefType::kTableFunction) {}
  std::unique_ptr<FunctionExpression> function;
  std::string ToString() const override;
};

}  // namespace tributary
