// Transformer: SELECT, set operations, VALUES, FROM items, WITH.
#include "common/exception.h"
#include "parser/transformer.h"

namespace tributary {

namespace {
int Loc(int32_t location) {
  return location >= 0 ? location + 1 : 0;
}
}  // namespace

std::unique_ptr<SelectStatement> Transformer::TransformSelect(const PgQuery__Node* node) {
  if (!node || node->node_case != PG_QUERY__NODE__NODE_SELECT_STMT) {
    throw InternalException("expected a SELECT statement");
  }
  auto result = std::make_unique<SelectStatement>();
  result->node = TransformSelectNode(node->select_stmt);
  return result;
}

void Transformer::TransformCtes(const PgQuery__WithClause* with, QueryNode& node) {
  if (!with)
    return;
  node.recursive_ctes = with->recursive;
  for (size_t i = 0; i < with->n_ctes; i++) {
    auto* cte = with->ctes[i]->common_table_expr;
    CommonTableExpression result;
    result.name = Identifier(cte->ctename);
    for (size_t j = 0; j < cte->n_aliascolnames; j++) {
      result.column_aliases.push_back(Identifier(StringValue(cte->aliascolnames[j]).c_str()));
    }
    if (!cte->ctequery || cte->ctequery->node_case != PG_QUERY__NODE__NODE_SELECT_STMT) {
      ThrowNotSupported("data-modifying statements in WITH", cte->location);
    }
    if (cte->ctematerialized == PG_QUERY__CTEMATERIALIZE__CTEMaterializeAlways)
      result.materialize = CteMaterialize::kAlways;
    if (cte->ctematerialized == PG_QUERY__CTEMATERIALIZE__CTEMaterializeNever)
      result.materialize = CteMaterialize::kNever;
    result.query = TransformSelect(cte->ctequery);
    result.location = Loc(cte->location);
    node.ctes.push_back(std::move(result));
  }
}

std::unique_ptr<QueryNode> Transformer::TransformSelectNode(const PgQuery__SelectStmt* stmt) {
  std::unique_ptr<QueryNode> node;
  if (stmt->into_clause)
    ThrowNotSupported("SELECT INTO (use CREATE TABLE AS)");
  if (stmt->n_locking_clause)
    ThrowNotSupported("FOR UPDATE/SHARE");
  if (stmt->op != PG_QUERY__SET_OPERATION__SETOP_NONE &&
      stmt->op != PG_QUERY__SET_OPERATION__SET_OPERATION_UNDEFINED) {
    auto setop = std::make_unique<SetOperationNode>();
    setop->op = stmt->op == PG_QUERY__SET_OPERATION__SETOP_UNION
                    ? SetOperationNode::SetOpType::kUnion
                : stmt->op == PG_QUERY__SET_OPERATION__SETOP_INTERSECT
                    ? SetOperationNode::SetOpType::kIntersect
                    : SetOperationNode::SetOpType::kExcept;
    setop->all = stmt->all;
    setop->left = TransformSelectNode(stmt->larg);
    setop->right = TransformSelectNode(stmt->rarg);
    node = std::move(setop);
  } else if (stmt->n_values_lists > 0) {
    auto values = std::make_unique<ValuesNode>();
    for (size_t i = 0; i < stmt->n_values_lists; i++) {
      auto* list = stmt->values_lists[i]->list;
      values->rows.push_back(TransformExpressionList(list->items, list->n_items));
    }
    node = std::move(values);
  } else {
    auto select = std::make_unique<SelectNode>();
    for (size_t i = 0; i < stmt->n_target_list; i++) {
      auto* target = stmt->target_list[i]->res_target;
      if (target->n_indirection)
        ThrowNotSupported("subscripts in the select list", target->location);
      auto expr = TransformExpression(target->val);
      if (target->name)
        expr->alias = Identifier(target->name);
      select->select_list.push_back(std::move(expr));
    }
    // FROM a, b, c -> cross joins, left-deep.
    for (size_t i = 0; i < stmt->n_from_clause; i++) {
      auto ref = TransformTableRef(stmt->from_clause[i]);
      if (!select->from) {
        select->from = std::move(ref);
      } else {
        auto join = std::make_unique<JoinRef>();
        join->join_type = JoinRef::JoinType::kCross;
        join->left = std::move(select->from);
        join->right = std::move(ref);
        select->from = std::move(join);
      }
    }
    if (stmt->where_clause)
      select->where = TransformExpression(stmt->where_clause);
    TransformGroupBy(stmt, *select);
    if (stmt->having_clause)
      select->having = TransformExpression(stmt->having_clause);
    if (stmt->n_distinct_clause > 0) {
      select->distinct = true;
      // DISTINCT is a one-element list holding NULL; DISTINCT ON has expressions.
      for (size_t i = 0; i < stmt->n_distinct_clause; i++) {
        auto* d = stmt->distinct_clause[i];
        if (d && d->node_case != PG_QUERY__NODE__NODE__NOT_SET) {
          select->distinct_on.push_back(TransformExpression(d));
        }
      }
    }
    for (size_t i = 0; i < stmt->n_window_clause; i++) {
      auto* def = stmt->window_clause[i]->window_def;
      auto spec = TransformWindow(def);
      select->windows.emplace_back(Identifier(def->name), std::move(*spec));
    }
    ExpandArrayCalls(*select);
    node = std::move(select);
  }
  TransformCtes(stmt->with_clause, *node);
  TransformOrderBy(stmt->sort_clause, stmt->n_sort_clause, node->order_by);
  if (stmt->limit_option == PG_QUERY__LIMIT_OPTION__LIMIT_OPTION_WITH_TIES) {
    ThrowNotSupported("FETCH ... WITH TIES");
  }
  if (stmt->limit_count) {
    // LIMIT ALL arrives as a NULL constant.
    auto* c = stmt->limit_count;
    if (!(c->node_case == PG_QUERY__NODE__NODE_A_CONST && c->a_const->isnull)) {
      node->limit = TransformExpression(c);
    }
  }
  if (stmt->limit_offset)
    node->offset = TransformExpression(stmt->limit_offset);
  return node;
}

void Transformer::ApplyAlias(const PgQuery__Alias* alias, TableRef& ref) {
  if (!alias)
    return;
  ref.alias = Identifier(alias->aliasname);
  for (size_t i = 0; i < alias->n_colnames; i++) {
    ref.column_aliases.push_back(Identifier(StringValue(alias->colnames[i]).c_str()));
  }
}

std::unique_ptr<TableRef> Transformer::TransformTableRef(const PgQuery__Node* node) {
  switch (node->node_case) {
    case PG_QUERY__NODE__NODE_RANGE_VAR: {
      auto* r = node->range_var;
      auto ref = std::make_unique<BaseTableRef>();
      if (r->catalogname && *r->catalogname)
        ref->catalog = Identifier(r->catalogname);
      if (r->schemaname && *r->schemaname)
        ref->schema = Identifier(r->schemaname);
      ref->table = Identifier(r->relname);
      ref->location = Loc(r->location);
      ApplyAlias(r->alias, *ref);
      return ref;
    }
    case PG_QUERY__NODE__NODE_JOIN_EXPR: {
      auto* j = node->join_expr;
      auto ref = std::make_unique<JoinRef>();
      switch (j->jointype) {
        case PG_QUERY__JOIN_TYPE__JOIN_INNER:
          ref->join_type = j->quals || j->n_using_clause || j->is_natural
                               ? JoinRef::JoinType::kInner
                               : JoinRef::JoinType::kCross;
          break;
        case PG_QUERY__JOIN_TYPE__JOIN_LEFT:
          ref->join_type = JoinRef::JoinType::kLeft;
          break;
        case PG_QUERY__JOIN_TYPE__JOIN_RIGHT:
          ref->join_type = JoinRef::JoinType::kRight;
          break;
        case PG_QUERY__JOIN_TYPE__JOIN_FULL:
          ref->join_type = JoinRef::JoinType::kFull;
          break;
        default:
          ThrowNotSupported("this join type");
      }
      ref->left = TransformTableRef(j->larg);
      ref->right = TransformTableRef(j->rarg);
      ref->natural = j->is_natural;
      for (size_t i = 0; i < j->n_using_clause; i++) {
        ref->using_columns.push_back(Identifier(StringValue(j->using_clause[i]).c_str()));
      }
      if (j->quals)
        ref->condition = TransformExpression(j->quals);
      if (j->alias)
        ThrowNotSupported("aliases on JOIN expressions");
      return ref;
    }
    case PG_QUERY__NODE__NODE_RANGE_SUBSELECT: {
      auto* s = node->range_subselect;
      auto ref = std::make_unique<SubqueryRef>();
      ref->subquery = TransformSelect(s->subquery);
      ref->lateral = s->lateral;
      ApplyAlias(s->alias, *ref);
      return ref;
    }
    case PG_QUERY__NODE__NODE_RANGE_FUNCTION: {
      auto* f = node->range_function;
      if (f->ordinality)
        ThrowNotSupported("WITH ORDINALITY");
      if (f->is_rowsfrom || f->n_functions != 1)
        ThrowNotSupported("ROWS FROM");
      if (f->n_coldeflist)
        ThrowNotSupported("column definition lists");
      auto* pair = f->functions[0]->list;
      auto expr = TransformExpression(pair->items[0]);
      if (expr->expression_class != ExpressionClass::kFunction) {
        ThrowNotSupported("this function in FROM");
      }
      auto ref = std::make_unique<TableFunctionRef>();
      ref->location = expr->location;
      ref->function.reset(static_cast<FunctionExpression*>(expr.release()));
      if (f->lateral)
        ThrowNotSupported("LATERAL");
      ApplyAlias(f->alias, *ref);
      return ref;
    }
    default:
      ThrowNotSupported("this FROM item");
  }
}

}  // namespace tributary
