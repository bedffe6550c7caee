// Transformer: GROUP BY. GROUPING SETS, ROLLUP and CUBE are expanded here
// into the plain list of grouping sets they denote (PostgreSQL's
// expand_grouping_sets): the top-level items multiply (GROUP BY a, ROLLUP(b)
// = GROUPING SETS ((a, b), (a))), GROUPING SETS concatenates, ROLLUP gives
// its prefixes, CUBE every subset. An implicit row (a, b) inside them is one
// element of several columns.
#include <algorithm>

#include "common/exception.h"
#include "parser/transformer.h"

namespace tributary {

namespace {

using GroupingSet = std::vector<size_t>;
using GroupingSetList = std::vector<GroupingSet>;

// PostgreSQL's limits (54001 statement_too_complex).
constexpr size_t kMaxGroupingSets = 4096;
constexpr size_t kMaxCubeElements = 12;

void CheckCount(size_t count) {
  if (count > kMaxGroupingSets) {
    throw Exception("54001", "too many grouping sets present (maximum 4096)");
  }
}

class GroupingSetExpander {
 public:
  GroupingSetExpander(Transformer& transformer, ExpressionList& expressions)
      : transformer_(transformer), expressions_(expressions) {}

  // One top-level GROUP BY item.
  GroupingSetList Item(const PgQuery__Node* node) {
    if (node->node_case != PG_QUERY__NODE__NODE_GROUPING_SET)
      return {Element(node)};
    auto* set = node->grouping_set;
    switch (set->kind) {
      case PG_QUERY__GROUPING_SET_KIND__GROUPING_SET_EMPTY:
        return {GroupingSet()};
      case PG_QUERY__GROUPING_SET_KIND__GROUPING_SET_SIMPLE: {
        GroupingSet all;
        for (size_t i = 0; i < set->n_content; i++) {
          auto e = Element(set->content[i]);
          all.insert(all.end(), e.begin(), e.end());
        }
        return {all};
      }
      case PG_QUERY__GROUPING_SET_KIND__GROUPING_SET_ROLLUP: {
        std::vector<GroupingSet> elements;
        for (size_t i = 0; i < set->n_content; i++)
          elements.push_back(Element(set->content[i]));
        GroupingSetList result;
        for (size_t n = elements.size() + 1; n-- > 0;) {
          GroupingSet prefix;
          for (size_t i = 0; i < n; i++)
            prefix.insert(prefix.end(), elements[i].begin(), elements[i].end());
          result.push_back(std::move(prefix));
        }
        return result;
      }
      case PG_QUERY__GROUPING_SET_KIND__GROUPING_SET_CUBE: {
        if (set->n_content > kMaxCubeElements)
          throw Exception("54011", "CUBE is limited to 12 elements");
        std::vector<GroupingSet> elements;
        for (size_t i = 0; i < set->n_content; i++)
          elements.push_back(Element(set->content[i]));
        // Larger subsets first, like PostgreSQL.
        size_t n = elements.size();
        std::vector<size_t> masks;
        for (size_t mask = 0; mask < (size_t(1) << n); mask++)
          masks.push_back(mask);
        std::stable_sort(masks.begin(), masks.end(), [](size_t a, size_t b) {
          return __builtin_popcountll(a) > __builtin_popcountll(b);
        });
        GroupingSetList result;
        for (size_t mask : masks) {
          GroupingSet subset;
          for (size_t i = 0; i < n; i++) {
            if (mask & (size_t(1) << (n - 1 - i)))
              subset.insert(subset.end(), elements[i].begin(), elements[i].end());
          }
          result.push_back(std::move(subset));
        }
        return result;
      }
      case PG_QUERY__GROUPING_SET_KIND__GROUPING_SET_SETS: {
        GroupingSetList result;
        for (size_t i = 0; i < set->n_content; i++) {
          auto part = Item(set->content[i]);
          result.insert(result.end(), part.begin(), part.end());
          CheckCount(result.size());
        }
        return result;
      }
      default:
        ThrowNotSupported("this kind of grouping set", set->location);
    }
  }

 private:
  // An expression, or an implicit row (a, b) of several.
  GroupingSet Element(const PgQuery__Node* node) {
    if (node->node_case == PG_QUERY__NODE__NODE_ROW_EXPR &&
        node->row_expr->row_format == PG_QUERY__COERCION_FORM__COERCE_IMPLICIT_CAST) {
      GroupingSet result;
      for (size_t i = 0; i < node->row_expr->n_args; i++) {
        auto e = Element(node->row_expr->args[i]);
        result.insert(result.end(), e.begin(), e.end());
      }
      return result;
    }
    expressions_.push_back(transformer_.TransformExpression(node));
    return {expressions_.size() - 1};
  }

  Transformer& transformer_;
  ExpressionList& expressions_;
};

}  // namespace

void Transformer::TransformGroupBy(const PgQuery__SelectStmt* stmt, SelectNode& select) {
  bool has_sets = false;
  for (size_t i = 0; i < stmt->n_group_clause; i++)
    has_sets = has_sets || stmt->group_clause[i]->node_case == PG_QUERY__NODE__NODE_GROUPING_SET;
  if (!has_sets) {
    for (size_t i = 0; i < stmt->n_group_clause; i++)
      select.group_by.push_back(TransformExpression(stmt->group_clause[i]));
    return;
  }
  GroupingSetExpander expander(*this, select.group_by);
  GroupingSetList product = {GroupingSet()};
  for (size_t i = 0; i < stmt->n_group_clause; i++) {
    auto item = expander.Item(stmt->group_clause[i]);
    CheckCount(product.size() * item.size());
    GroupingSetList next;
    for (auto& left : product) {
      for (auto& right : item) {
        GroupingSet combined = left;
        combined.insert(combined.end(), right.begin(), right.end());
        next.push_back(std::move(combined));
      }
    }
    product = std::move(next);
  }
  if (stmt->group_distinct) {
    // GROUP BY DISTINCT: each set once (compared as sets of expressions;
    // the binder merges equal expressions, so compare their text here).
    GroupingSetList unique;
    std::vector<std::vector<std::string>> seen;
    for (auto& set : product) {
      std::vector<std::string> key;
      for (size_t index : set)
        key.push_back(select.group_by[index]->ToString());
      std::sort(key.begin(), key.end());
      key.erase(std::unique(key.begin(), key.end()), key.end());
      if (std::find(seen.begin(), seen.end(), key) == seen.end()) {
        seen.push_back(key);
        unique.push_back(set);
      }
    }
    product = std::move(unique);
  }
  select.grouping_sets = std::move(product);
}

}  // namespace tributary
