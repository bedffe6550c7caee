#include "connector/mysql/mysql_deparser.h"

#include "common/exception.h"
#include "planner/expression/bound_cast_expression.h"
#include "planner/expression/bound_column_ref_expression.h"
#include "planner/expression/bound_comparison_expression.h"
#include "planner/expression/bound_conjunction_expression.h"
#include "planner/expression/bound_constant_expression.h"
#include "planner/expression/bound_function_expression.h"
#include "planner/expression/bound_operator_expression.h"

namespace tributary {

namespace {

bool IsExactNumber(const LogicalType& type) {
  return type.IsInteger() || type.id() == LogicalTypeId::kDecimal;
}

bool IsTemporal(const LogicalType& type) {
  return type.id() == LogicalTypeId::kDate || type.id() == LogicalTypeId::kTimestamp;
}

bool IsConstant(const Expression& e) {
  return e.expression_class == ExpressionClass::kConstant &&
         !e.Cast<BoundConstantExpression>().value.IsNull();
}

// A date or timestamp constant MySQL can read back: years 1..9999.
bool IsRenderableTemporal(const Value& value) {
  std::string text = value.ToString();
  return text.size() >= 10 && text[4] == '-' && text.find("BC") == std::string::npos &&
         text.find("infinity") == std::string::npos;
}

}  // namespace

// A cast that keeps every value as it is (integer to a wider integer or
// DECIMAL, DECIMAL to a larger scale): MySQL compares the column itself.
static bool IsWideningCast(const Expression& e) {
  if (e.expression_class != ExpressionClass::kCast)
    return false;
  auto& from = e.Cast<BoundCastExpression>().child->return_type;
  auto& to = e.return_type;
  if (from.IsInteger() && to.IsInteger())
    return to.physical() >= from.physical();
  if (from.IsInteger() && to.id() == LogicalTypeId::kDecimal) {
    int digits = from.physical() == PhysicalType::kInt16   ? 5
                 : from.physical() == PhysicalType::kInt32 ? 10
                                                           : 19;
    return to.width() - to.scale() >= digits;  // never overflows here either
  }
  return from.id() == LogicalTypeId::kDecimal && to.id() == LogicalTypeId::kDecimal &&
         to.scale() >= from.scale() && to.width() - to.scale() >= from.width() - from.scale();
}

const RemoteColumn* MySqlDeparser::ColumnOf(const Expression& e) const {
  if (IsWideningCast(e))
    return ColumnOf(*e.Cast<BoundCastExpression>().child);
  auto* column = ResolveColumn(e);
  return column && !column->read_as_text ? column : nullptr;
}

bool MySqlDeparser::IsExactNumberColumn(const Expression& e) const {
  auto* column = ColumnOf(e);
  return column && IsExactNumber(column->type) && IsExactNumber(e.return_type);
}

bool MySqlDeparser::IsTemporalColumn(const Expression& e) const {
  auto* column = ColumnOf(e);
  return column && IsTemporal(column->type);
}

const RemoteColumn* MySqlDeparser::StringColumnOf(const Expression& e) const {
  const Expression* base = &e;
  if (e.expression_class == ExpressionClass::kCast && e.return_type.IsString() &&
      e.Cast<BoundCastExpression>().child->return_type.id() == LogicalTypeId::kChar) {
    base = e.Cast<BoundCastExpression>().child.get();
  }
  auto* column = ResolveColumn(*base);
  return column && !column->read_as_text && column->type.IsString() ? column : nullptr;
}

bool MySqlDeparser::CanCompare(const Expression& left, const Expression& right, bool equality,
                               bool positive, bool loose) const {
  if (loose && left.return_type.IsString() && right.return_type.IsString()) {
    auto* column = StringColumnOf(left) ? StringColumnOf(left) : StringColumnOf(right);
    const Expression& other = StringColumnOf(left) ? right : left;
    if (column && IsConstant(other))
      return true;
  }
  auto* lcol = ColumnOf(left);
  auto* rcol = ColumnOf(right);
  if (!lcol && !rcol)
    return false;
  if ((!lcol && !IsConstant(left)) || (!rcol && !IsConstant(right)))
    return false;
  const LogicalType& a = left.return_type;
  const LogicalType& b = right.return_type;
  if (IsExactNumber(a) && IsExactNumber(b))
    return true;
  if (IsTemporal(a) && a.id() == b.id()) {
    // A column against a constant only, outside NOT (see the header).
    if (!positive || (lcol && rcol))
      return false;
    auto& constant = (lcol ? right : left).Cast<BoundConstantExpression>().value;
    return IsRenderableTemporal(constant);
  }
  if (equality && a.id() == LogicalTypeId::kVarchar && b.id() == LogicalTypeId::kVarchar &&
      !(lcol && rcol)) {
    auto* column = lcol ? lcol : rcol;
    return column->deterministic_collation;
  }
  return false;
}

bool MySqlDeparser::CanPush(const Expression& e, bool positive, bool superset) const {
  bool loose = superset && positive;
  switch (e.expression_class) {
    case ExpressionClass::kComparison: {
      auto& cmp = e.Cast<BoundComparisonExpression>();
      bool equality = cmp.type == ComparisonType::kEqual || cmp.type == ComparisonType::kNotEqual;
      bool ordered = equality || cmp.type == ComparisonType::kLessThan ||
                     cmp.type == ComparisonType::kLessThanOrEqual ||
                     cmp.type == ComparisonType::kGreaterThan ||
                     cmp.type == ComparisonType::kGreaterThanOrEqual;
      return ordered && CanCompare(*cmp.left, *cmp.right, equality, positive,
                                   loose && cmp.type == ComparisonType::kEqual);
    }
    case ExpressionClass::kConjunction: {
      for (auto& child : e.Cast<BoundConjunctionExpression>().children) {
        if (!CanPush(*child, positive, superset))
          return false;
      }
      return true;
    }
    case ExpressionClass::kFunction: {
      // LIKE on a VARCHAR column (a CHAR one's padding may matter here).
      auto& f = e.Cast<BoundFunctionExpression>();
      if (!loose || f.function.name != "~~" || f.children.size() != 2 ||
          !IsConstant(*f.children[1]) || !f.children[1]->return_type.IsString())
        return false;
      auto* column = ResolveColumn(*f.children[0]);
      return column && !column->read_as_text && column->type.id() == LogicalTypeId::kVarchar;
    }
    case ExpressionClass::kOperator: {
      auto& op = e.Cast<BoundOperatorExpression>();
      switch (op.type) {
        case OperatorType::kNot:
          return CanPush(*op.children[0], !positive, superset);
        case OperatorType::kIsNull:
        case OperatorType::kIsNotNull: {
          // Not on dates: a zero date is NULL here but not there.
          auto* column = ColumnOf(*op.children[0]);
          return column && !IsTemporal(column->type) &&
                 (IsExactNumber(column->type) || column->type.id() == LogicalTypeId::kVarchar);
        }
        case OperatorType::kIn:
        case OperatorType::kNotIn: {
          bool loose_in = loose && op.type == OperatorType::kIn;
          if (op.children.size() < 2 ||
              !(ColumnOf(*op.children[0]) || (loose_in && StringColumnOf(*op.children[0]))) ||
              IsTemporalColumn(*op.children[0])) {
            return false;
          }
          for (size_t i = 1; i < op.children.size(); i++) {
            if (!IsConstant(*op.children[i]) ||
                !CanCompare(*op.children[0], *op.children[i], true, positive, loose_in)) {
              return false;
            }
          }
          return true;
        }
        default:
          return false;
      }
    }
    default:
      return false;
  }
}

std::string MySqlDeparser::Deparse(const Expression& e, const SqlQuoter& quote) const {
  switch (e.expression_class) {
    case ExpressionClass::kColumnRef:
    case ExpressionClass::kCast: {  // a widening cast (ColumnOf): the column itself
      const Expression* base = &e;
      while (base->expression_class == ExpressionClass::kCast)
        base = base->Cast<BoundCastExpression>().child.get();
      return ColumnName(base->Cast<BoundColumnRefExpression>().binding, quote);
    }
    case ExpressionClass::kConstant: {
      auto& value = e.Cast<BoundConstantExpression>().value;
      if (value.type().IsInteger() || value.type().id() == LogicalTypeId::kDecimal)
        return value.ToString();
      // Strings, dates and timestamps: quoted literals.
      return quote.literal(value.type().IsString() ? value.GetString() : value.ToString());
    }
    case ExpressionClass::kComparison: {
      auto& cmp = e.Cast<BoundComparisonExpression>();
      std::string sql = "(" + Deparse(*cmp.left, quote) + " " + ComparisonTypeToString(cmp.type) +
                        " " + Deparse(*cmp.right, quote);
      bool low_side =
          cmp.type == ComparisonType::kNotEqual ||
          (IsTemporalColumn(*cmp.left) && (cmp.type == ComparisonType::kLessThan ||
                                           cmp.type == ComparisonType::kLessThanOrEqual)) ||
          (IsTemporalColumn(*cmp.right) && (cmp.type == ComparisonType::kGreaterThan ||
                                            cmp.type == ComparisonType::kGreaterThanOrEqual));
      const Expression* temporal = IsTemporalColumn(*cmp.left)    ? cmp.left.get()
                                   : IsTemporalColumn(*cmp.right) ? cmp.right.get()
                                                                  : nullptr;
      if (temporal && low_side)
        sql += " AND " + Deparse(*temporal, quote) + " >= " + quote.literal("0001-01-01");
      return sql + ")";
    }
    case ExpressionClass::kFunction: {  // LIKE (CanPrefilter)
      // Our escape character is the backslash; MySQL 8 under
      // NO_BACKSLASH_ESCAPES (our sessions' mode) has none unless named.
      auto& f = e.Cast<BoundFunctionExpression>();
      return "(" + Deparse(*f.children[0], quote) + " LIKE " + Deparse(*f.children[1], quote) +
             " ESCAPE " + quote.literal("\\") + ")";
    }
    default: {
      std::string sql;
      if (DeparseLogical(e, quote, sql))
        return sql;
      break;
    }
  }
  throw InternalException("cannot deparse " + e.ToString());
}

}  // namespace tributary
