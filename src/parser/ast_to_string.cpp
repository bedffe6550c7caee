// SQL text of AST nodes (EXPLAIN, DEFAULT storage, error messages).
#include "parser/ast.h"

namespace tributary {

std::string QuoteIdentifier(const std::string& name) {
  bool plain =
      !name.empty() && (std::islower(static_cast<unsigned char>(name[0])) || name[0] == '_');
  for (char c : name) {
    plain = plain && (std::islower(static_cast<unsigned char>(c)) ||
                      std::isdigit(static_cast<unsigned char>(c)) || c == '_' || c == '$');
  }
  if (plain)
    return name;
  std::string quoted = "\"";
  for (char c : name) {
    if (c == '"')
      quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string JoinExpressions(const ExpressionList& list, const char* separator) {
  std::string s;
  for (size_t i = 0; i < list.size(); i++)
    s += (i ? separator : "") + list[i]->ToString();
  return s;
}

std::string ConstantExpression::ToString() const {
  if (value.IsNull())
    return "NULL";
  if (value.type().IsString()) {
    std::string s = "'";
    for (char c : value.GetString()) {
      if (c == '\'')
        s += '\'';
      s += c;
    }
    return s + "'";
  }
  if (value.type().id() == LogicalTypeId::kBoolean)
    return value.GetBool() ? "true" : "false";
  return value.ToString();
}

std::string FunctionExpression::ToString() const {
  std::string s = (schema.empty() ? "" : schema + ".") + name + "(";
  if (distinct)
    s += "DISTINCT ";
  s += is_star ? "*" : JoinExpressions(children);
  if (!order_by.empty() && !within_group) {
    s += " ORDER BY ";
    for (size_t i = 0; i < order_by.size(); i++)
      s += (i ? ", " : "") + order_by[i].ToString();
  }
  s += ")";
  if (within_group) {
    s += " WITHIN GROUP (ORDER BY ";
    for (size_t i = 0; i < order_by.size(); i++)
      s += (i ? ", " : "") + order_by[i].ToString();
    s += ")";
  }
  if (filter)
    s += " FILTER (WHERE " + filter->ToString() + ")";
  if (over)
    s += " OVER (...)";
  return s;
}

std::string SubqueryExpression::ToString() const {
  std::string body = "(" + subquery->ToString() + ")";
  switch (subquery_type) {
    case SubqueryType::kExists:
      return "EXISTS " + body;
    case SubqueryType::kAny:
      return "(" + child->ToString() + " " + comparison_op + " ANY " + body + ")";
    case SubqueryType::kAll:
      return "(" + child->ToString() + " " + comparison_op + " ALL " + body + ")";
    default:
      return body;
  }
}

std::string TableRef::AliasString() const {
  if (alias.empty())
    return "";
  std::string s = " AS " + QuoteIdentifier(alias);
  if (!column_aliases.empty()) {
    s += "(";
    for (size_t i = 0; i < column_aliases.size(); i++) {
      s += (i ? ", " : "") + QuoteIdentifier(column_aliases[i]);
    }
    s += ")";
  }
  return s;
}

std::string JoinRef::ToString() const {
  static const char* kNames[] = {" JOIN ", " LEFT JOIN ", " RIGHT JOIN ", " FULL JOIN ",
                                 " CROSS JOIN "};
  std::string s = left->ToString() + (natural ? " NATURAL" : "") +
                  kNames[static_cast<int>(join_type)] + right->ToString();
  if (condition)
    s += " ON " + condition->ToString();
  if (!using_columns.empty()) {
    s += " USING (";
    for (size_t i = 0; i < using_columns.size(); i++)
      s += (i ? ", " : "") + using_columns[i];
    s += ")";
  }
  return s;
}

std::string SubqueryRef::ToString() const {
  return "(" + subquery->ToString() + ")" + AliasString();
}

std::string TableFunctionRef::ToString() const {
  return function->ToString() + AliasString();
}

std::string QueryNode::ModifiersToString(const std::string& body) const {
  std::string s;
  if (!ctes.empty()) {
    s = recursive_ctes ? "WITH RECURSIVE " : "WITH ";
    for (size_t i = 0; i < ctes.size(); i++) {
      s += (i ? ", " : "") + QuoteIdentifier(ctes[i].name) + " AS (" + ctes[i].query->ToString() +
           ")";
    }
    s += " ";
  }
  s += body;
  if (!order_by.empty()) {
    s += " ORDER BY ";
    for (size_t i = 0; i < order_by.size(); i++)
      s += (i ? ", " : "") + order_by[i].ToString();
  }
  if (limit)
    s += " LIMIT " + limit->ToString();
  if (offset)
    s += " OFFSET " + offset->ToString();
  return s;
}

std::string SelectNode::ToString() const {
  std::string s = "SELECT ";
  if (!distinct_on.empty())
    s += "DISTINCT ON (" + JoinExpressions(distinct_on) + ") ";
  else if (distinct)
    s += "DISTINCT ";
  for (size_t i = 0; i < select_list.size(); i++) {
    s += (i ? ", " : "") + select_list[i]->ToString();
    if (!select_list[i]->alias.empty())
      s += " AS " + QuoteIdentifier(select_list[i]->alias);
  }
  if (from)
    s += " FROM " + from->ToString();
  if (where)
    s += " WHERE " + where->ToString();
  if (!grouping_sets.empty()) {
    s += " GROUP BY GROUPING SETS (";
    for (size_t i = 0; i < grouping_sets.size(); i++) {
      s += i ? ", (" : "(";
      for (size_t j = 0; j < grouping_sets[i].size(); j++)
        s += (j ? ", " : "") + group_by[grouping_sets[i][j]]->ToString();
      s += ")";
    }
    s += ")";
  } else if (!group_by.empty()) {
    s += " GROUP BY " + JoinExpressions(group_by);
  }
  if (having)
    s += " HAVING " + having->ToString();
  return ModifiersToString(s);
}

std::string SetOperationNode::ToString() const {
  static const char* kNames[] = {" UNION ", " INTERSECT ", " EXCEPT "};
  return ModifiersToString("(" + left->ToString() + ")" + kNames[static_cast<int>(op)] +
                           (all ? "ALL " : "") + "(" + right->ToString() + ")");
}

std::string ValuesNode::ToString() const {
  std::string s = "VALUES ";
  for (size_t i = 0; i < rows.size(); i++)
    s += (i ? ", (" : "(") + JoinExpressions(rows[i]) + ")";
  return ModifiersToString(s);
}

}  // namespace tributary
