#include "connector/postgres/postgres_deparser.h"

#include "common/exception.h"
#include "planner/expression/bound_case_expression.h"
#include "planner/expression/bound_cast_expression.h"
#include "planner/expression/bound_column_ref_expression.h"
#include "planner/expression/bound_comparison_expression.h"
#include "planner/expression/bound_conjunction_expression.h"
#include "planner/expression/bound_constant_expression.h"
#include "planner/expression/bound_function_expression.h"
#include "planner/expression/bound_operator_expression.h"

namespace tributary {

namespace {

// Types whose comparisons agree exactly between PostgreSQL and us.
bool IsOrderedType(const LogicalType& type) {
  switch (type.id()) {
    case LogicalTypeId::kBoolean:
    case LogicalTypeId::kSmallInt:
    case LogicalTypeId::kInteger:
    case LogicalTypeId::kBigInt:
    case LogicalTypeId::kDecimal:
    case LogicalTypeId::kDate:
    case LogicalTypeId::kTimestamp:
    case LogicalTypeId::kTimestampTz:
      return true;
    default:
      return false;
  }
}

bool IsWideningCast(const LogicalType& from, const LogicalType& to) {
  if (from.IsInteger() && to.IsInteger())
    return to.physical() >= from.physical();
  if (from.IsInteger() && to.id() == LogicalTypeId::kDecimal)
    return true;  // overflow raises 22003 on both sides
  if (from.id() == LogicalTypeId::kDecimal && to.id() == LogicalTypeId::kDecimal)
    return to.scale() >= from.scale();
  return from.id() == LogicalTypeId::kDate && to.id() == LogicalTypeId::kTimestamp;
}

// Our type names are PostgreSQL's; VARCHAR values are cast as text (no
// length: a cast must never truncate).
std::string RemoteTypeName(const LogicalType& type) {
  if (type.id() == LogicalTypeId::kVarchar)
    return "text";
  if (!IsOrderedType(type))
    throw InternalException("no remote type for " + type.ToString());
  return type.ToString();
}

bool IsCharToVarchar(const BoundCastExpression& cast) {
  return cast.child->return_type.id() == LogicalTypeId::kChar &&
         cast.return_type.id() == LogicalTypeId::kVarchar;
}

// EXTRACT fields whose value is the same integer in PostgreSQL and here
// for every DATE and TIMESTAMP (years BC are negative, there is no year 0,
// on both sides); not week, dow, epoch or seconds, whose definitions or
// fractions differ between systems or versions.
const char* ExtractField(const BoundFunctionExpression& f) {
  if (f.function.name != "extract" || f.children.size() != 2 ||
      f.children[0]->expression_class != ExpressionClass::kConstant ||
      f.return_type.id() != LogicalTypeId::kDecimal || f.return_type.scale() != 0)
    return nullptr;
  auto& field = f.children[0]->Cast<BoundConstantExpression>().value;
  auto source = f.children[1]->return_type.id();
  if (field.IsNull() || !field.type().IsString() ||
      (source != LogicalTypeId::kDate && source != LogicalTypeId::kTimestamp))
    return nullptr;
  std::string name;
  for (char c : field.GetString())
    name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* known : {"year", "quarter", "month", "day"}) {
    if (name == known)
      return known;
  }
  return nullptr;
}

// Whether `e` divides: PostgreSQL's planner folds a constant 1 / 0 inside
// a CASE branch no row reaches, and fails where we do not.
bool Divides(const Expression& e) {
  if (e.expression_class == ExpressionClass::kFunction) {
    auto& f = e.Cast<BoundFunctionExpression>();
    if (f.function.name == "/" || f.function.name == "%")
      return true;
    for (auto& child : f.children) {
      if (Divides(*child))
        return true;
    }
  }
  if (e.expression_class == ExpressionClass::kCast)
    return Divides(*e.Cast<BoundCastExpression>().child);
  return false;
}

// A CHAR column (or a pushed subquery's column) under our CHAR -> VARCHAR
// cast, compared for equality with `constant`: the cast strips trailing
// blanks, so the comparison equals bpchar's (which ignores them on both
// sides) when the constant has none. Comparing as bpchar keeps the
// source's column statistics and needs no text per row.
bool IsBpcharEquality(const Expression& value, const Expression& constant) {
  if (value.expression_class != ExpressionClass::kCast ||
      !IsCharToVarchar(value.Cast<BoundCastExpression>()) ||
      value.Cast<BoundCastExpression>().child->expression_class != ExpressionClass::kColumnRef ||
      constant.expression_class != ExpressionClass::kConstant) {
    return false;
  }
  auto& v = constant.Cast<BoundConstantExpression>().value;
  if (v.IsNull() || v.type().id() != LogicalTypeId::kVarchar)
    return false;
  std::string text = v.GetString();
  return text.empty() || text.back() != ' ';
}

const Expression& StripCasts(const Expression& e) {
  const Expression* current = &e;
  while (current->expression_class == ExpressionClass::kCast)
    current = current->Cast<BoundCastExpression>().child.get();
  return *current;
}

}  // namespace

bool PostgresDeparser::CanPushComparison(const Expression& left, const Expression& right,
                                         ComparisonType comparison) const {
  bool equality = comparison == ComparisonType::kEqual || comparison == ComparisonType::kNotEqual ||
                  comparison == ComparisonType::kDistinctFrom ||
                  comparison == ComparisonType::kNotDistinctFrom;
  if (CanCompare(left, right, equality))
    return true;
  // Two string columns: text compares bytes, bpchar ignores trailing blanks
  // on both sides, as we do.
  if (!equality || !left.return_type.IsString() ||
      left.return_type.id() != right.return_type.id()) {
    return false;
  }
  return CanGroupBy(left) && CanGroupBy(right);
}

bool PostgresDeparser::CanGroupBy(const Expression& e) const {
  if (!CanPushValue(e))
    return false;
  if (!e.return_type.IsString())
    return IsOrderedType(e.return_type);
  const Expression& base = StripCasts(e);
  auto* column = ColumnOf(base);
  if (!column || column->read_as_text || !column->deterministic_collation)
    return false;
  return &base == &e || (e.expression_class == ExpressionClass::kCast &&
                         IsCharToVarchar(e.Cast<BoundCastExpression>()) &&
                         e.Cast<BoundCastExpression>().child.get() == &base);
}

bool PostgresDeparser::IsColumn(const Expression& e) const {
  auto* column = ColumnOf(e);
  return column && !column->read_as_text;
}

// A column, a non-NULL constant, or a widening cast of one, of a type this
// deparser renders.
bool PostgresDeparser::CanPushValue(const Expression& e) const {
  switch (e.expression_class) {
    case ExpressionClass::kColumnRef:
      return IsColumn(e) && (IsOrderedType(e.return_type) || e.return_type.IsString());
    case ExpressionClass::kConstant: {
      auto& value = e.Cast<BoundConstantExpression>().value;
      return !value.IsNull() && (IsOrderedType(value.type()) || value.type().IsString());
    }
    case ExpressionClass::kFunction: {
      auto& f = e.Cast<BoundFunctionExpression>();
      if (ExtractField(f))
        return CanPushValue(*f.children[1]);
      return CanPushArithmetic(f);
    }
    case ExpressionClass::kCase: {
      // CASE over pushable predicates choosing among values of one
      // non-string type (ELSE NULL included): PostgreSQL evaluates only the
      // branch a row reaches, as we do.
      auto& c = e.Cast<BoundCaseExpression>();
      if (!IsOrderedType(e.return_type))
        return false;
      auto branch = [&](const Expression& v) {
        if (v.expression_class == ExpressionClass::kConstant &&
            v.Cast<BoundConstantExpression>().value.IsNull())
          return true;
        return v.return_type == e.return_type && CanPushValue(v) && !Divides(v);
      };
      for (auto& check : c.checks) {
        if (!CanPush(*check.when_expr) || !branch(*check.then_expr))
          return false;
      }
      return branch(*c.else_expr);
    }
    case ExpressionClass::kCast: {
      auto& cast = e.Cast<BoundCastExpression>();
      if (IsCharToVarchar(cast))
        return IsColumn(*cast.child);
      return IsOrderedType(e.return_type) &&
             IsWideningCast(cast.child->return_type, e.return_type) && CanPushValue(*cast.child);
    }
    default:
      return false;
  }
}

// +, -, * (and integer / and %) on integers and DECIMAL where neither side
// rounds: integer overflow raises 22003 on both sides, and DECIMAL results
// are exact here (our result type keeps the whole scale) as in PostgreSQL's
// numeric; date +/- integer. Never on floats or DECIMAL division.
bool PostgresDeparser::CanPushArithmetic(const BoundFunctionExpression& f) const {
  if (!f.is_operator || f.children.empty() || f.children.size() > 2)
    return false;
  for (auto& child : f.children) {
    if (!CanPushValue(*child) || child->return_type.IsString())
      return false;
  }
  const std::string& op = f.function.name;
  const LogicalType& result = f.return_type;
  const LogicalType& a = f.children[0]->return_type;
  if (f.children.size() == 1)
    return op == "-" && (result.IsInteger() || result.id() == LogicalTypeId::kDecimal);
  const LogicalType& b = f.children[1]->return_type;
  if (result.IsInteger() && a.IsInteger() && b.IsInteger())
    return op == "+" || op == "-" || op == "*" || op == "/" || op == "%";
  if (result.id() == LogicalTypeId::kDecimal && a.id() == LogicalTypeId::kDecimal &&
      b.id() == LogicalTypeId::kDecimal) {
    // PostgreSQL's numeric is exact; ours is too when the result keeps
    // every digit of the scale (it can only overflow, raising 22003, where
    // the final cast to our type would raise it remotely as well).
    if (op == "+" || op == "-")
      return result.scale() == std::max(a.scale(), b.scale());
    if (op == "*")
      return result.scale() == a.scale() + b.scale();
    return false;
  }
  if (result.id() == LogicalTypeId::kDate && a.id() == LogicalTypeId::kDate && b.IsInteger())
    return op == "+" || op == "-";
  return false;
}

bool PostgresDeparser::CanCompare(const Expression& left, const Expression& right,
                                  bool equality) const {
  if (!CanPushValue(left) || !CanPushValue(right))
    return false;
  if (left.expression_class == ExpressionClass::kConstant &&
      right.expression_class == ExpressionClass::kConstant) {
    return false;  // nothing to gain; folding handles it
  }
  if (!left.return_type.IsString() && !right.return_type.IsString())
    return IsOrderedType(left.return_type) && left.return_type.id() == right.return_type.id();
  if (!equality || !left.return_type.IsString() || !right.return_type.IsString())
    return false;
  // Strings: a column (or a CHAR column cast to VARCHAR) against a
  // constant of the same type. CHAR against CHAR ignores trailing blanks on
  // both sides, as bpchar does; VARCHAR against VARCHAR compares bytes, as
  // text does, and bpchar::text strips trailing blanks as our cast does.
  bool left_constant = left.expression_class == ExpressionClass::kConstant;
  const Expression& value = left_constant ? right : left;
  const Expression& constant = left_constant ? left : right;
  if (constant.expression_class != ExpressionClass::kConstant)
    return false;
  const Expression& base = StripCasts(value);
  auto* remote = ColumnOf(base);
  if (!remote || remote->read_as_text || !remote->deterministic_collation)
    return false;
  if (&base != &value && !(value.expression_class == ExpressionClass::kCast &&
                           IsCharToVarchar(value.Cast<BoundCastExpression>()) &&
                           value.Cast<BoundCastExpression>().child.get() == &base)) {
    return false;
  }
  return constant.return_type.id() == value.return_type.id();
}

bool PostgresDeparser::CanPush(const Expression& e) const {
  switch (e.expression_class) {
    case ExpressionClass::kColumnRef:  // a BOOLEAN column as a predicate
      return IsColumn(e) && e.return_type.id() == LogicalTypeId::kBoolean;
    case ExpressionClass::kComparison: {
      auto& cmp = e.Cast<BoundComparisonExpression>();
      return CanPushComparison(*cmp.left, *cmp.right, cmp.type);
    }
    case ExpressionClass::kFunction: {
      // LIKE / NOT LIKE on text: the same matcher (UTF-8 characters,
      // backslash escape) under a deterministic collation. Not ILIKE: case
      // folding depends on the source's locale.
      auto& f = e.Cast<BoundFunctionExpression>();
      if (f.children.size() != 2 || (f.function.name != "~~" && f.function.name != "!~~"))
        return false;
      auto* column = ColumnOf(*f.children[0]);
      auto& pattern = *f.children[1];
      return column && !column->read_as_text && column->deterministic_collation &&
             f.children[0]->return_type.IsString() &&
             pattern.expression_class == ExpressionClass::kConstant &&
             pattern.return_type.id() == LogicalTypeId::kVarchar;
    }
    case ExpressionClass::kConjunction: {
      for (auto& child : e.Cast<BoundConjunctionExpression>().children) {
        if (!CanPush(*child))
          return false;
      }
      return true;
    }
    case ExpressionClass::kOperator: {
      auto& op = e.Cast<BoundOperatorExpression>();
      switch (op.type) {
        case OperatorType::kNot:
          return CanPush(*op.children[0]);
        case OperatorType::kIsNull:
        case OperatorType::kIsNotNull:
          return ColumnOf(*op.children[0]) != nullptr || CanPush(*op.children[0]);
        case OperatorType::kIn:
        case OperatorType::kNotIn:
          for (size_t i = 1; i < op.children.size(); i++) {
            if (op.children[i]->expression_class != ExpressionClass::kConstant ||
                !CanCompare(*op.children[0], *op.children[i], true)) {
              return false;
            }
          }
          return op.children.size() > 1;
        default:
          return false;
      }
    }
    default:
      return false;
  }
}

std::string PostgresDeparser::Deparse(const Expression& e, const SqlQuoter& quote) const {
  switch (e.expression_class) {
    case ExpressionClass::kColumnRef:
      return ColumnName(e.Cast<BoundColumnRefExpression>().binding, quote);
    case ExpressionClass::kConstant: {
      auto& value = e.Cast<BoundConstantExpression>().value;
      if (value.type().IsString())
        return quote.literal(value.GetString());
      switch (value.type().id()) {
        case LogicalTypeId::kBoolean:
          return value.GetBool() ? "true" : "false";
        case LogicalTypeId::kSmallInt:
        case LogicalTypeId::kInteger:
        case LogicalTypeId::kBigInt:
          return "(" + value.ToString() + ")::" + RemoteTypeName(value.type());
        default:
          return quote.literal(value.ToString()) + "::" + RemoteTypeName(value.type());
      }
    }
    case ExpressionClass::kFunction: {
      auto& f = e.Cast<BoundFunctionExpression>();
      if (auto* field = ExtractField(f))
        return std::string("EXTRACT(") + field + " FROM " + Deparse(*f.children[1], quote) + ")";
      if (f.children.size() == 1)
        return "(" + f.function.name + " " + Deparse(*f.children[0], quote) + ")";
      std::string op = f.function.name == "~~"    ? "LIKE"
                       : f.function.name == "!~~" ? "NOT LIKE"
                                                  : f.function.name;
      return "(" + Deparse(*f.children[0], quote) + " " + op + " " +
             Deparse(*f.children[1], quote) + ")";
    }
    case ExpressionClass::kCase: {
      auto& c = e.Cast<BoundCaseExpression>();
      auto branch = [&](const Expression& v) {
        if (v.expression_class == ExpressionClass::kConstant &&
            v.Cast<BoundConstantExpression>().value.IsNull())
          return "NULL::" + RemoteTypeName(e.return_type);
        return Deparse(v, quote);
      };
      std::string sql = "(CASE";
      for (auto& check : c.checks)
        sql += " WHEN " + Deparse(*check.when_expr, quote) + " THEN " + branch(*check.then_expr);
      return sql + " ELSE " + branch(*c.else_expr) + " END)";
    }
    case ExpressionClass::kCast: {
      auto& cast = e.Cast<BoundCastExpression>();
      return "CAST(" + Deparse(*cast.child, quote) + " AS " + RemoteTypeName(e.return_type) + ")";
    }
    case ExpressionClass::kComparison: {
      auto& cmp = e.Cast<BoundComparisonExpression>();
      bool equality = cmp.type == ComparisonType::kEqual || cmp.type == ComparisonType::kNotEqual ||
                      cmp.type == ComparisonType::kDistinctFrom ||
                      cmp.type == ComparisonType::kNotDistinctFrom;
      if (equality && IsBpcharEquality(*cmp.left, *cmp.right)) {
        return "(" + Deparse(*cmp.left->Cast<BoundCastExpression>().child, quote) + " " +
               ComparisonTypeToString(cmp.type) + " " + Deparse(*cmp.right, quote) + "::bpchar)";
      }
      if (equality && IsBpcharEquality(*cmp.right, *cmp.left)) {
        return "(" + Deparse(*cmp.left, quote) + "::bpchar " + ComparisonTypeToString(cmp.type) +
               " " + Deparse(*cmp.right->Cast<BoundCastExpression>().child, quote) + ")";
      }
      return "(" + Deparse(*cmp.left, quote) + " " + ComparisonTypeToString(cmp.type) + " " +
             Deparse(*cmp.right, quote) + ")";
    }
    default: {
      // CHAR IN (constants) is compared as bpchar at the source, like CHAR = constant.
      if (e.expression_class == ExpressionClass::kOperator) {
        auto& op = e.Cast<BoundOperatorExpression>();
        bool in_list = op.type == OperatorType::kIn || op.type == OperatorType::kNotIn;
        bool bpchar = in_list && op.children.size() > 1;
        for (size_t i = 1; bpchar && i < op.children.size(); i++)
          bpchar = IsBpcharEquality(*op.children[0], *op.children[i]);
        if (bpchar) {
          const Expression& value = *op.children[0]->Cast<BoundCastExpression>().child;
          std::string sql =
              "(" + Deparse(value, quote) + (op.type == OperatorType::kIn ? " IN (" : " NOT IN (");
          for (size_t i = 1; i < op.children.size(); i++)
            sql += (i > 1 ? ", " : "") + Deparse(*op.children[i], quote) + "::bpchar";
          return sql + "))";
        }
      }
      std::string sql;
      if (DeparseLogical(e, quote, sql))
        return sql;
      break;
    }
  }
  throw InternalException("cannot deparse " + e.ToString());
}

}  // namespace tributary
