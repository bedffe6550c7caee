// ParsedExpression: an expression as written, before binding. Produced by
// the Transformer from libpg_query's parse tree; consumed by the binder.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "planner/expression.h"

namespace tributary {

class ParsedExpression {
 public:
  explicit ParsedExpression(ExpressionClass expression_class)
      : expression_class(expression_class) {}
  virtual ~ParsedExpression() = default;

  ExpressionClass expression_class;
  // 1-based character position in the statement text, 0 when unknown.
  int location = 0;
  // The select-list alias (AS x), if any.
  std::string alias;
  // The output column name PostgreSQL gives this expression when it has no
  // alias (FigureColname): column name, function name, "?column?", ...
  std::string figure_name = "?column?";

  // SQL text of the expression (EXPLAIN, DEFAULT storage, messages).
  virtual std::string ToString() const = 0;

  template <class T>
  T& Cast() {
    return static_cast<T&>(*this);
  }
  template <class T>
  const T& Cast() const {
    return static_cast<const T&>(*this);
  }
};

using ParsedExpressionPtr = std::unique_ptr<ParsedExpression>;
using ExpressionList = std::vector<ParsedExpressionPtr>;

struct OrderByNode {
  enum class OrderType { kAscending, kDescending };
  enum class NullsOrder { kDefault, kNullsFirst, kNullsLast };
  ParsedExpressionPtr expression;
  OrderType type = OrderType::kAscending;
  NullsOrder nulls = NullsOrder::kDefault;

  std::string ToString() const {
    return expression->ToString() + (type == OrderType::kDescending ? " DESC" : "") +
           (nulls == NullsOrder::kNullsFirst  ? " NULLS FIRST"
            : nulls == NullsOrder::kNullsLast ? " NULLS LAST"
                                              : "");
  }
};

struct WindowFrame {
  enum class FrameMode { kDefault, kRows, kRange, kGroups };
  enum class BoundKind {
    kUnboundedPreceding,
    kPreceding,
    kCurrentRow,
    kFollowing,
    kUnboundedFollowing
  };
  FrameMode mode = FrameMode::kDefault;
  BoundKind start = BoundKind::kUnboundedPreceding;
  BoundKind end = BoundKind::kCurrentRow;
  ParsedExpressionPtr start_offset;
  ParsedExpressionPtr end_offset;
  enum class Exclude { kNoOthers, kCurrentRow, kGroup, kTies };
  Exclude exclude = Exclude::kNoOthers;
};

struct WindowSpec {
  std::string name;  // OVER w, or a WINDOW clause's name
  ExpressionList partitions;
  std::vector<OrderByNode> order_by;
  WindowFrame frame;
};

// "a, b, c" of the expressions' SQL texts.
std::string JoinExpressions(const ExpressionList& list, const char* separator = ", ");
// SQL quoting of an identifier when needed.
std::string QuoteIdentifier(const std::string& name);

}  // namespace tributary
