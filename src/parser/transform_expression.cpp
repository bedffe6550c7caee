// Transformer: expressions.
#include <algorithm>

#include "common/exception.h"
#include "parser/transformer.h"
#include "types/decimal.h"

namespace tributary {

namespace {

int Loc(int32_t location) {
  return location >= 0 ? location + 1 : 0;
}

const char* SqlValueFunctionName(PgQuery__SQLValueFunctionOp op) {
  switch (op) {
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_DATE:
      return "current_date";
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIME:
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIME_N:
      return "current_time";
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIMESTAMP:
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIMESTAMP_N:
      return "current_timestamp";
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIME:
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIME_N:
      return "localtime";
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIMESTAMP:
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIMESTAMP_N:
      return "localtimestamp";
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_ROLE:
      return "current_role";
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_USER:
      return "current_user";
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_USER:
      return "user";
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_SESSION_USER:
      return "session_user";
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_CATALOG:
      return "current_catalog";
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_SCHEMA:
      return "current_schema";
    default:
      return "?";
  }
}

}  // namespace

void ThrowNotSupported(const std::string& what, int location) {
  throw Exception(sqlstate::kFeatureNotSupported, what + " is not supported")
      .WithPosition(location >= 0 ? location + 1 : 0);
}

std::string Transformer::Identifier(const char* name) const {
  std::string s = name ? name : "";
  if (!options_.case_sensitive_identifiers) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  }
  return s;
}

std::string Transformer::StringValue(const PgQuery__Node* node) {
  if (!node || node->node_case != PG_QUERY__NODE__NODE_STRING) {
    throw InternalException("expected a String node");
  }
  return node->string->sval ? node->string->sval : "";
}

ExpressionList Transformer::TransformExpressionList(PgQuery__Node** nodes, size_t count) {
  ExpressionList result;
  for (size_t i = 0; i < count; i++)
    result.push_back(TransformExpression(nodes[i]));
  return result;
}

ParsedExpressionPtr Transformer::TransformExpression(const PgQuery__Node* node) {
  if (!node)
    throw InternalException("missing expression node");
  switch (node->node_case) {
    case PG_QUERY__NODE__NODE_COLUMN_REF:
      return TransformColumnRef(node->column_ref);
    case PG_QUERY__NODE__NODE_A_CONST:
      return TransformConstant(node->a_const);
    case PG_QUERY__NODE__NODE_A_EXPR:
      return TransformAExpr(node->a_expr);
    case PG_QUERY__NODE__NODE_FUNC_CALL:
      return TransformFuncCall(node->func_call);
    case PG_QUERY__NODE__NODE_SUB_LINK:
      return TransformSubLink(node->sub_link);
    case PG_QUERY__NODE__NODE_PARAM_REF: {
      auto result = std::make_unique<ParameterExpression>(node->param_ref->number);
      result->location = Loc(node->param_ref->location);
      return result;
    }
    case PG_QUERY__NODE__NODE_BOOL_EXPR: {
      auto* b = node->bool_expr;
      auto args = TransformExpressionList(b->args, b->n_args);
      ParsedExpressionPtr result;
      if (b->boolop == PG_QUERY__BOOL_EXPR_TYPE__NOT_EXPR) {
        result = std::make_unique<NotExpression>(std::move(args[0]));
      } else {
        auto type = b->boolop == PG_QUERY__BOOL_EXPR_TYPE__AND_EXPR
                        ? ConjunctionExpression::Type::kAnd
                        : ConjunctionExpression::Type::kOr;
        // Flatten nested conjunctions of the same kind.
        ExpressionList flat;
        for (auto& a : args) {
          if (a->expression_class == ExpressionClass::kConjunction &&
              a->Cast<ConjunctionExpression>().type == type) {
            for (auto& c : a->Cast<ConjunctionExpression>().children)
              flat.push_back(std::move(c));
          } else {
            flat.push_back(std::move(a));
          }
        }
        result = std::make_unique<ConjunctionExpression>(type, std::move(flat));
      }
      result->location = Loc(b->location);
      return result;
    }
    case PG_QUERY__NODE__NODE_TYPE_CAST: {
      auto* c = node->type_cast;
      auto child = TransformExpression(c->arg);
      bool unconstrained = false;
      std::string catalog_type = CatalogTypeName(c->type_name);
      LogicalType type = catalog_type.empty() ? TransformTypeName(c->type_name, &unconstrained)
                                              : LogicalType(LogicalTypeId::kInteger);
      std::string child_name = child->figure_name;
      auto result = std::make_unique<CastExpression>(std::move(child), type);
      result->unconstrained_numeric = unconstrained;
      result->catalog_type = catalog_type;
      result->location = Loc(c->location);
      if (child_name != "?column?") {
        result->figure_name = child_name;
      } else if (c->type_name && c->type_name->n_names > 0) {
        result->figure_name = StringValue(c->type_name->names[c->type_name->n_names - 1]);
      }
      return result;
    }
    case PG_QUERY__NODE__NODE_CASE_EXPR: {
      auto* c = node->case_expr;
      auto result = std::make_unique<CaseExpression>();
      if (c->arg)
        result->operand = TransformExpression(c->arg);
      for (size_t i = 0; i < c->n_args; i++) {
        auto* when = c->args[i]->case_when;
        result->checks.push_back(
            {TransformExpression(when->expr), TransformExpression(when->result)});
      }
      if (c->defresult)
        result->else_expr = TransformExpression(c->defresult);
      result->location = Loc(c->location);
      result->figure_name = "case";
      return result;
    }
    case PG_QUERY__NODE__NODE_NULL_TEST: {
      auto* t = node->null_test;
      auto result = std::make_unique<NullTestExpression>(
          TransformExpression(t->arg), t->nulltesttype == PG_QUERY__NULL_TEST_TYPE__IS_NOT_NULL);
      result->location = Loc(t->location);
      return result;
    }
    case PG_QUERY__NODE__NODE_BOOLEAN_TEST: {
      auto* t = node->boolean_test;
      BooleanTestExpression::Kind kind;
      switch (t->booltesttype) {
        case PG_QUERY__BOOL_TEST_TYPE__IS_TRUE:
          kind = BooleanTestExpression::Kind::kIsTrue;
          break;
        case PG_QUERY__BOOL_TEST_TYPE__IS_NOT_TRUE:
          kind = BooleanTestExpression::Kind::kIsNotTrue;
          break;
        case PG_QUERY__BOOL_TEST_TYPE__IS_FALSE:
          kind = BooleanTestExpression::Kind::kIsFalse;
          break;
        case PG_QUERY__BOOL_TEST_TYPE__IS_NOT_FALSE:
          kind = BooleanTestExpression::Kind::kIsNotFalse;
          break;
        case PG_QUERY__BOOL_TEST_TYPE__IS_UNKNOWN:
          kind = BooleanTestExpression::Kind::kIsUnknown;
          break;
        default:
          kind = BooleanTestExpression::Kind::kIsNotUnknown;
      }
      auto result = std::make_unique<BooleanTestExpression>(TransformExpression(t->arg), kind);
      result->location = Loc(t->location);
      return result;
    }
    case PG_QUERY__NODE__NODE_COALESCE_EXPR: {
      auto* c = node->coalesce_expr;
      auto result = std::make_unique<FunctionExpression>(
          "", "coalesce", TransformExpressionList(c->args, c->n_args));
      result->location = Loc(c->location);
      result->figure_name = "coalesce";
      return result;
    }
    case PG_QUERY__NODE__NODE_MIN_MAX_EXPR: {
      auto* m = node->min_max_expr;
      const char* name = m->op == PG_QUERY__MIN_MAX_OP__IS_GREATEST ? "greatest" : "least";
      auto result = std::make_unique<FunctionExpression>(
          "", name, TransformExpressionList(m->args, m->n_args));
      result->location = Loc(m->location);
      result->figure_name = name;
      return result;
    }
    case PG_QUERY__NODE__NODE_SQLVALUE_FUNCTION: {
      auto* f = node->sqlvalue_function;
      const char* name = SqlValueFunctionName(f->op);
      auto result = std::make_unique<FunctionExpression>("", name, ExpressionList());
      result->location = Loc(f->location);
      result->figure_name = name;
      return result;
    }
    case PG_QUERY__NODE__NODE_COLLATE_CLAUSE: {
      auto* c = node->collate_clause;
      std::string name = c->n_collname ? StringValue(c->collname[c->n_collname - 1]) : "";
      auto child = TransformExpression(c->arg);
      std::string figure = child->figure_name;
      auto result = std::make_unique<CollateExpression>(std::move(child), name);
      result->location = Loc(c->location);
      result->figure_name = figure;
      return result;
    }
    case PG_QUERY__NODE__NODE_SET_TO_DEFAULT:
      return std::make_unique<DefaultExpression>();
    case PG_QUERY__NODE__NODE_A_INDIRECTION:
      return TransformIndirection(node->a_indirection);
    case PG_QUERY__NODE__NODE_A_ARRAY_EXPR:
      ThrowNotSupported("ARRAY expressions");
    case PG_QUERY__NODE__NODE_ROW_EXPR:
      ThrowNotSupported("row constructors");
    case PG_QUERY__NODE__NODE_GROUPING_SET:
      ThrowNotSupported("GROUPING SETS, ROLLUP and CUBE here", node->grouping_set->location);
    case PG_QUERY__NODE__NODE_GROUPING_FUNC: {
      // GROUPING(a, b): bound against the query's GROUP BY (grouping_function.cpp).
      auto* g = node->grouping_func;
      auto result = std::make_unique<FunctionExpression>(
          "", "grouping", TransformExpressionList(g->args, g->n_args));
      result->location = Loc(g->location);
      result->figure_name = "grouping";
      return result;
    }
    default:
      throw Exception(
          sqlstate::kFeatureNotSupported,
          "expression of kind " + std::to_string(node->node_case) + " is not supported");
  }
}

ParsedExpressionPtr Transformer::TransformColumnRef(const PgQuery__ColumnRef* ref) {
  std::vector<std::string> names;
  for (size_t i = 0; i < ref->n_fields; i++) {
    auto* f = ref->fields[i];
    if (f->node_case == PG_QUERY__NODE__NODE_A_STAR) {
      auto star = std::make_unique<StarExpression>(names.empty() ? "" : names.back());
      star->location = Loc(ref->location);
      return star;
    }
    names.push_back(Identifier(StringValue(f).c_str()));
  }
  auto result = std::make_unique<ColumnRefExpression>(names);
  result->location = Loc(ref->location);
  result->figure_name = names.back();
  return result;
}

ParsedExpressionPtr Transformer::TransformConstant(const PgQuery__AConst* c) {
  std::unique_ptr<ConstantExpression> result;
  if (c->isnull) {
    result = std::make_unique<ConstantExpression>(Value());
  } else {
    switch (c->val_case) {
      case PG_QUERY__A__CONST__VAL_IVAL:
        result = std::make_unique<ConstantExpression>(Value::Integer(c->ival->ival));
        break;
      case PG_QUERY__A__CONST__VAL_BOOLVAL:
        result = std::make_unique<ConstantExpression>(Value::Boolean(c->boolval->boolval));
        break;
      case PG_QUERY__A__CONST__VAL_SVAL:
        result = std::make_unique<ConstantExpression>(
            Value::Varchar(c->sval->sval ? c->sval->sval : ""));
        result->is_unknown_literal = true;
        break;
      case PG_QUERY__A__CONST__VAL_FVAL: {
        std::string text = c->fval->fval;
        bool integral = text.find_first_of(".eE") == std::string::npos;
        if (integral) {
          try {
            size_t used = 0;
            long long v = std::stoll(text, &used);
            if (used == text.size()) {
              // PostgreSQL's make_const: -2147483648 (a negated float
              // token) is an integer, like every value that fits int4.
              result = std::make_unique<ConstantExpression>(
                  v >= INT32_MIN && v <= INT32_MAX ? Value::Integer(static_cast<int32_t>(v))
                                                   : Value::BigInt(v));
              break;
            }
          } catch (const std::exception&) {
          }
        }
        // A numeric literal: exact DECIMAL when it fits 38 digits.
        std::string mantissa = text;
        long exponent = 0;
        auto e = text.find_first_of("eE");
        if (e != std::string::npos) {
          mantissa = text.substr(0, e);
          exponent = std::stol(text.substr(e + 1));
        }
        int precision = 0, scale = 0;
        if (Decimal::InferType(mantissa, precision, scale)) {
          int int_digits = precision - scale;
          scale = static_cast<int>(std::max<long>(0, scale - exponent));
          int_digits = static_cast<int>(std::max<long>(1, int_digits + exponent));
          precision = int_digits + scale;
          if (precision <= 38) {
            result = std::make_unique<ConstantExpression>(
                Value::Decimal(Decimal::Parse(text, precision, scale), precision, scale));
            break;
          }
        }
        // Beyond DECIMAL(38): a double (documented deviation from PostgreSQL).
        result = std::make_unique<ConstantExpression>(Value::Double(std::stod(text)));
        break;
      }
      case PG_QUERY__A__CONST__VAL_BSVAL:
        ThrowNotSupported("bit string literals", c->location);
      default:
        throw InternalException("constant without a value");
    }
  }
  result->location = Loc(c->location);
  return result;
}

ParsedExpressionPtr Transformer::TransformAExpr(const PgQuery__AExpr* e) {
  std::string op = e->n_name ? StringValue(e->name[e->n_name - 1]) : "";
  int location = Loc(e->location);
  ParsedExpressionPtr result;
  switch (e->kind) {
    case PG_QUERY__A__EXPR__KIND__AEXPR_OP:
    case PG_QUERY__A__EXPR__KIND__AEXPR_LIKE:
    case PG_QUERY__A__EXPR__KIND__AEXPR_ILIKE:
    case PG_QUERY__A__EXPR__KIND__AEXPR_SIMILAR: {
      if (op == "!=")
        op = "<>";
      auto left = e->lexpr ? TransformExpression(e->lexpr) : nullptr;
      auto right = TransformExpression(e->rexpr);
      result = std::make_unique<OperatorExpression>(op, std::move(left), std::move(right));
      break;
    }
    case PG_QUERY__A__EXPR__KIND__AEXPR_DISTINCT:
    case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_DISTINCT:
      result = std::make_unique<OperatorExpression>(
          e->kind == PG_QUERY__A__EXPR__KIND__AEXPR_DISTINCT ? "IS DISTINCT FROM"
                                                             : "IS NOT DISTINCT FROM",
          TransformExpression(e->lexpr), TransformExpression(e->rexpr));
      break;
    case PG_QUERY__A__EXPR__KIND__AEXPR_NULLIF: {
      ExpressionList args;
      args.push_back(TransformExpression(e->lexpr));
      args.push_back(TransformExpression(e->rexpr));
      result = std::make_unique<FunctionExpression>("", "nullif", std::move(args));
      result->figure_name = "nullif";
      break;
    }
    case PG_QUERY__A__EXPR__KIND__AEXPR_IN: {
      auto input = TransformExpression(e->lexpr);
      if (!e->rexpr || e->rexpr->node_case != PG_QUERY__NODE__NODE_LIST) {
        ThrowNotSupported("IN with this right-hand side", e->location);
      }
      auto values = TransformExpressionList(e->rexpr->list->items, e->rexpr->list->n_items);
      result = std::make_unique<InListExpression>(std::move(input), std::move(values), op == "<>");
      break;
    }
    case PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN:
    case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN:
    case PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN_SYM:
    case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN_SYM: {
      auto* list = e->rexpr->list;
      auto between = std::make_unique<BetweenExpression>(TransformExpression(e->lexpr),
                                                         TransformExpression(list->items[0]),
                                                         TransformExpression(list->items[1]));
      between->negated = e->kind == PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN ||
                         e->kind == PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN_SYM;
      between->symmetric = e->kind == PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN_SYM ||
                           e->kind == PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN_SYM;
      result = std::move(between);
      break;
    }
    case PG_QUERY__A__EXPR__KIND__AEXPR_OP_ANY:
    case PG_QUERY__A__EXPR__KIND__AEXPR_OP_ALL:
      ThrowNotSupported("operator ANY/ALL (array)", e->location);
    default:
      ThrowNotSupported("this operator expression", e->location);
  }
  result->location = location;
  return result;
}

ParsedExpressionPtr Transformer::TransformFuncCall(const PgQuery__FuncCall* call) {
  std::string schema, name;
  if (call->n_funcname == 2) {
    schema = Identifier(StringValue(call->funcname[0]).c_str());
    name = Identifier(StringValue(call->funcname[1]).c_str());
  } else if (call->n_funcname == 1) {
    name = Identifier(StringValue(call->funcname[0]).c_str());
  } else {
    ThrowNotSupported("function names with more than two parts", call->location);
  }
  if (schema == "pg_catalog")
    schema = "";
  if (call->func_variadic)
    ThrowNotSupported("VARIADIC", call->location);
  ExpressionList args;
  for (size_t i = 0; i < call->n_args; i++) {
    if (call->args[i]->node_case == PG_QUERY__NODE__NODE_NAMED_ARG_EXPR) {
      ThrowNotSupported("named function arguments", call->location);
    }
    args.push_back(TransformExpression(call->args[i]));
  }
  auto result = std::make_unique<FunctionExpression>(schema, name, std::move(args));
  result->distinct = call->agg_distinct;
  result->is_star = call->agg_star;
  result->within_group = call->agg_within_group;
  if (call->agg_filter)
    result->filter = TransformExpression(call->agg_filter);
  TransformOrderBy(call->agg_order, call->n_agg_order, result->order_by);
  if (call->over)
    result->over = TransformWindow(call->over);
  result->location = Loc(call->location);
  result->figure_name = name;
  return result;
}

std::unique_ptr<WindowSpec> Transformer::TransformWindow(const PgQuery__WindowDef* def) {
  auto spec = std::make_unique<WindowSpec>();
  // Protobuf strings are never null: unset names are empty.
  bool has_refname = def->refname && def->refname[0] != '\0';
  if (has_refname)
    spec->name = Identifier(def->refname);
  if (def->name && def->name[0] != '\0' && !has_refname && def->n_partition_clause == 0 &&
      def->n_order_clause == 0) {
    spec->name = Identifier(def->name);
  }
  spec->partitions = TransformExpressionList(def->partition_clause, def->n_partition_clause);
  TransformOrderBy(def->order_clause, def->n_order_clause, spec->order_by);
  int opts = def->frame_options;
  using B = WindowFrame::BoundKind;
  // FRAMEOPTION_EXCLUDE_CURRENT_ROW / _GROUP / _TIES
  spec->frame.exclude = (opts & 0x08000)   ? WindowFrame::Exclude::kCurrentRow
                        : (opts & 0x10000) ? WindowFrame::Exclude::kGroup
                        : (opts & 0x20000) ? WindowFrame::Exclude::kTies
                                           : WindowFrame::Exclude::kNoOthers;
  if (opts & 1) {  // FRAMEOPTION_NONDEFAULT
    spec->frame.mode = (opts & 4)   ? WindowFrame::FrameMode::kRows
                       : (opts & 8) ? WindowFrame::FrameMode::kGroups
                                    : WindowFrame::FrameMode::kRange;
    spec->frame.start = (opts & 32)     ? B::kUnboundedPreceding
                        : (opts & 512)  ? B::kCurrentRow
                        : (opts & 2048) ? B::kPreceding
                        : (opts & 8192) ? B::kFollowing
                                        : B::kUnboundedPreceding;
    spec->frame.end = (opts & 256)     ? B::kUnboundedFollowing
                      : (opts & 1024)  ? B::kCurrentRow
                      : (opts & 4096)  ? B::kPreceding
                      : (opts & 16384) ? B::kFollowing
                                       : B::kCurrentRow;
    if (def->start_offset)
      spec->frame.start_offset = TransformExpression(def->start_offset);
    if (def->end_offset)
      spec->frame.end_offset = TransformExpression(def->end_offset);
  }
  return spec;
}

void Transformer::TransformOrderBy(PgQuery__Node** nodes, size_t count,
                                   std::vector<OrderByNode>& out) {
  for (size_t i = 0; i < count; i++) {
    if (nodes[i]->node_case != PG_QUERY__NODE__NODE_SORT_BY) {
      throw InternalException("expected SortBy");
    }
    auto* s = nodes[i]->sort_by;
    if (s->sortby_dir == PG_QUERY__SORT_BY_DIR__SORTBY_USING) {
      ThrowNotSupported("ORDER BY ... USING", s->location);
    }
    OrderByNode order;
    order.expression = TransformExpression(s->node);
    order.type = s->sortby_dir == PG_QUERY__SORT_BY_DIR__SORTBY_DESC
                     ? OrderByNode::OrderType::kDescending
                     : OrderByNode::OrderType::kAscending;
    order.nulls = s->sortby_nulls == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_FIRST
                      ? OrderByNode::NullsOrder::kNullsFirst
                  : s->sortby_nulls == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_LAST
                      ? OrderByNode::NullsOrder::kNullsLast
                      : OrderByNode::NullsOrder::kDefault;
    out.push_back(std::move(order));
  }
}

ParsedExpressionPtr Transformer::TransformSubLink(const PgQuery__SubLink* link) {
  auto result = std::make_unique<SubqueryExpression>();
  result->subquery = TransformSelect(link->subselect);
  result->location = Loc(link->location);
  switch (link->sub_link_type) {
    case PG_QUERY__SUB_LINK_TYPE__EXISTS_SUBLINK:
      result->subquery_type = SubqueryExpression::SubqueryType::kExists;
      result->figure_name = "exists";
      break;
    case PG_QUERY__SUB_LINK_TYPE__EXPR_SUBLINK: {
      result->subquery_type = SubqueryExpression::SubqueryType::kScalar;
      auto* node = result->subquery->node.get();
      if (node->type == QueryNodeType::kSelect) {
        auto& select = static_cast<SelectNode&>(*node);
        if (!select.select_list.empty()) {
          auto& first = *select.select_list[0];
          result->figure_name = first.alias.empty() ? first.figure_name : first.alias;
        }
      }
      break;
    }
    case PG_QUERY__SUB_LINK_TYPE__ANY_SUBLINK:
    case PG_QUERY__SUB_LINK_TYPE__ALL_SUBLINK:
      result->subquery_type = link->sub_link_type == PG_QUERY__SUB_LINK_TYPE__ANY_SUBLINK
                                  ? SubqueryExpression::SubqueryType::kAny
                                  : SubqueryExpression::SubqueryType::kAll;
      result->child = TransformExpression(link->testexpr);
      result->comparison_op =
          link->n_oper_name ? StringValue(link->oper_name[link->n_oper_name - 1]) : "=";
      break;
    case PG_QUERY__SUB_LINK_TYPE__ARRAY_SUBLINK:
      return ArraySubqueryAsText(std::move(result->subquery), Loc(link->location));
    default:
      ThrowNotSupported("this kind of subquery", link->location);
  }
  return result;
}

}  // namespace tributary
