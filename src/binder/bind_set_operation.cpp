// Binding of UNION/INTERSECT/EXCEPT and VALUES, and of the ORDER BY/LIMIT
// that may follow them (which can name only output columns).
#include "binder/binder.h"
#include "binder/expression_binder.h"
#include "planner/expression/bound_cast_expression.h"
#include "planner/expression/bound_column_ref_expression.h"
#include "planner/operator/logical_expression_get.h"
#include "planner/operator/logical_limit.h"
#include "planner/operator/logical_order.h"
#include "planner/operator/logical_projection.h"
#include "planner/operator/logical_set_operation.h"
#include "types/cast.h"

namespace tributary {

namespace {

// Adds a projection casting `bound`'s columns to `types` where they differ.
void CastColumns(Binder& binder, BoundStatement& bound, const std::vector<LogicalType>& types) {
  if (bound.types == types)
    return;
  auto bindings = bound.plan->GetColumnBindings();
  std::vector<ExpressionPtr> list;
  for (idx_t i = 0; i < types.size(); i++) {
    auto ref = std::make_unique<BoundColumnRefExpression>(bound.types[i], bindings[i]);
    list.push_back(BoundCastExpression::AddCast(std::move(ref), types[i]));
  }
  auto projection =
      std::make_unique<LogicalProjection>(binder.GenerateTableIndex(), std::move(list));
  projection->children.push_back(std::move(bound.plan));
  bound.plan = std::move(projection);
  bound.types = types;
}

}  // namespace

void Binder::BindModifiers(QueryNode& node, BoundStatement& result, std::vector<ExpressionPtr>*) {
  if (!node.order_by.empty()) {
    auto bindings = result.plan->GetColumnBindings();
    std::vector<BoundOrderByNode> orders;
    for (auto& order : node.order_by) {
      idx_t index = kInvalidIndex;
      auto& e = *order.expression;
      if (e.expression_class == ExpressionClass::kConstant) {
        auto& c = e.Cast<ConstantExpression>();
        if (!c.is_unknown_literal && !c.value.IsNull() && c.value.type().IsInteger()) {
          int64_t k = c.value.GetInt64();
          if (k < 1 || k > static_cast<int64_t>(result.names.size())) {
            throw Exception(sqlstate::kInvalidColumnReference,
                            "ORDER BY position " + std::to_string(k) + " is not in select list")
                .WithPosition(e.location);
          }
          index = k - 1;
        }
      } else if (e.expression_class == ExpressionClass::kColumnRef &&
                 e.Cast<ColumnRefExpression>().names.size() == 1) {
        auto& name = e.Cast<ColumnRefExpression>().names[0];
        for (idx_t i = 0; i < result.names.size(); i++) {
          if (result.names[i] == name) {
            index = i;
            break;
          }
        }
        if (index == kInvalidIndex) {
          throw Exception(sqlstate::kUndefinedColumn, "column \"" + name + "\" does not exist")
              .WithPosition(e.location);
        }
      }
      if (index == kInvalidIndex) {
        throw Exception(sqlstate::kFeatureNotSupported,
                        "invalid UNION/INTERSECT/EXCEPT ORDER BY clause")
            .WithDetail("Only result column names can be used, not expressions or functions.")
            .WithPosition(e.location);
      }
      BoundOrderByNode bound;
      bound.type = order.type == OrderByNode::OrderType::kDescending ? OrderType::kDescending
                                                                     : OrderType::kAscending;
      bound.null_order = order.nulls == OrderByNode::NullsOrder::kNullsFirst
                             ? NullOrder::kNullsFirst
                         : order.nulls == OrderByNode::NullsOrder::kNullsLast
                             ? NullOrder::kNullsLast
                             : (bound.type == OrderType::kAscending ? NullOrder::kNullsLast
                                                                    : NullOrder::kNullsFirst);
      bound.expression =
          std::make_unique<BoundColumnRefExpression>(result.types[index], bindings[index]);
      orders.push_back(std::move(bound));
    }
    auto order = std::make_unique<LogicalOrder>(std::move(orders));
    order->children.push_back(std::move(result.plan));
    result.plan = std::move(order);
  }
  idx_t limit = node.limit ? BindLimitValue(*node.limit, "LIMIT") : kInvalidIndex;
  idx_t offset = node.offset ? BindLimitValue(*node.offset, "OFFSET") : 0;
  if (offset == kInvalidIndex)
    offset = 0;
  if (limit != kInvalidIndex || offset != 0) {
    auto lim = std::make_unique<LogicalLimit>(limit, offset);
    lim->children.push_back(std::move(result.plan));
    result.plan = std::move(lim);
  }
}

BoundStatement Binder::BindSetOperation(SetOperationNode& node) {
  Binder left_binder(context_, this);
  Binder right_binder(context_, this);
  auto left = left_binder.BindNode(*node.left);
  auto right = right_binder.BindNode(*node.right);
  const char* name = node.op == SetOperationNode::SetOpType::kUnion       ? "UNION"
                     : node.op == SetOperationNode::SetOpType::kIntersect ? "INTERSECT"
                                                                          : "EXCEPT";
  if (left.types.size() != right.types.size()) {
    throw Exception(sqlstate::kSyntaxError,
                    std::string("each ") + name + " query must have the same number of columns");
  }
  std::vector<LogicalType> types;
  for (idx_t i = 0; i < left.types.size(); i++) {
    auto& l = left.types[i];
    auto& r = right.types[i];
    LogicalType t;
    if (l.id() == LogicalTypeId::kNull) {
      t = r;
    } else if (r.id() == LogicalTypeId::kNull) {
      t = l;
    } else {
      t = CommonSupertype(l, r, name);
      if (t.IsString() && l != r)
        t = LogicalType::Varchar();
    }
    if (t.id() == LogicalTypeId::kNull)
      t = LogicalType::Varchar();
    types.push_back(t);
  }
  CastColumns(*this, left, types);
  CastColumns(*this, right, types);
  SetOperationType op = node.op == SetOperationNode::SetOpType::kUnion ? SetOperationType::kUnion
                        : node.op == SetOperationNode::SetOpType::kIntersect
                            ? SetOperationType::kIntersect
                            : SetOperationType::kExcept;
  auto setop =
      std::make_unique<LogicalSetOperation>(GenerateTableIndex(), types.size(), op, node.all);
  setop->children.push_back(std::move(left.plan));
  setop->children.push_back(std::move(right.plan));
  BoundStatement result;
  result.plan = std::move(setop);
  result.names = left.names;
  result.types = types;
  BindModifiers(node, result);
  return result;
}

BoundStatement Binder::BindValues(ValuesNode& node) {
  if (node.rows.empty())
    throw InternalException("VALUES without rows");
  idx_t width = node.rows[0].size();
  ExpressionBinder binder(*this, bind_context_, "VALUES");
  binder.DisallowSubqueries();
  std::vector<std::vector<ExpressionPtr>> rows;
  for (auto& row : node.rows) {
    if (row.size() != width) {
      throw Exception(sqlstate::kSyntaxError, "VALUES lists must all be the same length");
    }
    std::vector<ExpressionPtr> bound;
    for (auto& e : row)
      bound.push_back(binder.Bind(*e));
    rows.push_back(std::move(bound));
  }
  std::vector<LogicalType> types;
  std::vector<std::string> names;
  for (idx_t c = 0; c < width; c++) {
    std::vector<const Expression*> column;
    for (auto& row : rows)
      column.push_back(row[c].get());
    LogicalType t = ExpressionBinder::CommonType(column, "VALUES");
    if (t.id() == LogicalTypeId::kNull)
      t = LogicalType::Varchar();
    for (auto& row : rows)
      row[c] = ExpressionBinder::Coerce(std::move(row[c]), t);
    types.push_back(t);
    names.push_back("column" + std::to_string(c + 1));
  }
  BoundStatement result;
  result.plan =
      std::make_unique<LogicalExpressionGet>(GenerateTableIndex(), types, std::move(rows));
  result.plan->estimated_cardinality = node.rows.size();
  result.names = names;
  result.types = types;
  BindModifiers(node, result);
  return result;
}

}  // namespace tributary
