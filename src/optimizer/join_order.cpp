// Pass 3: join order. Each maximal tree of inner joins and cross products
// (as the FROM list and filter pushdown left it) becomes a join graph:
// relations (the tree's inputs, reordered inside on their own) and
// predicates (the joins' conditions and residual conjuncts). A greedy
// operator ordering then rebuilds the tree: of the pairs of subtrees that
// some predicate connects, the one with the smallest estimated result is
// joined first, so a connected graph never gets a cross product; only
// unconnected parts are crossed, smallest first. Every predicate is applied
// exactly once, at the lowest join that has all its columns. Outer, semi,
// anti, mark and single joins are barriers: they are relations of the tree
// above them and are reordered only inside their inputs. Build sides are
// left to join side selection.
#include <algorithm>
#include <unordered_map>

#include "optimizer/expression_bindings.h"
#include "optimizer/optimizer.h"
#include "planner/expression/bound_column_ref_expression.h"
#include "planner/expression/bound_comparison_expression.h"
#include "planner/expression/bound_conjunction_expression.h"
#include "planner/operator/logical_filter.h"
#include "planner/operator/logical_get.h"
#include "planner/operator/logical_join.h"
#include "planner/operator/logical_remote_get.h"

namespace tributary {

namespace {

using RelationSet = uint64_t;
constexpr idx_t kMaxRelations = 64;

bool IsInnerJoin(const LogicalOperator& op) {
  return op.type == LogicalOperatorType::kJoin &&
         op.Cast<LogicalJoin>().join_type == JoinType::kInner;
}

idx_t CountRelations(const LogicalOperator& op) {
  if (!IsInnerJoin(op))
    return 1;
  return CountRelations(*op.children[0]) + CountRelations(*op.children[1]);
}

// Rows of the stored table under a relation's filters (its estimate when it
// is something else): the number of distinct keys a join column of it can
// have at most.
double BaseRows(LogicalOperator& relation) {
  LogicalOperator* op = &relation;
  while (
      (op->type == LogicalOperatorType::kFilter || op->type == LogicalOperatorType::kProjection) &&
      op->children.size() == 1) {
    op = op->children[0].get();
  }
  if (op->type == LogicalOperatorType::kRemoteGet)
    return std::max(op->Cast<LogicalRemoteGet>().table->estimated_rows,
                    static_cast<double>(op->estimated_cardinality));
  if (op->type == LogicalOperatorType::kGet)
    return static_cast<double>(op->estimated_cardinality);
  return static_cast<double>(relation.estimated_cardinality);
}

struct Relation {
  LogicalOperatorPtr op;
  double rows = 1;
  double base_rows = 1;
};

struct Predicate {
  ExpressionPtr expr;
  RelationSet relations = 0;
  // For `a = b` with each side over one relation: the largest fraction
  // of pairs that can match, assuming the smaller table's side is a key.
  double equality_selectivity = 0;
  bool applied = false;
};

struct Subtree {
  RelationSet relations = 0;
  LogicalOperatorPtr op;
  double rows = 1;
};

// Orders one tree of inner joins (a fresh instance for each tree).
class JoinOrderer {
 public:
  static LogicalOperatorPtr Reorder(LogicalOperatorPtr op) {
    if (IsInnerJoin(*op)) {
      idx_t count = CountRelations(*op);
      if (count > 2 && count <= kMaxRelations)
        return JoinOrderer().ReorderTree(std::move(op));
    }
    for (auto& child : op->children)
      child = Reorder(std::move(child));
    return op;
  }

 private:
  std::vector<Relation> relations_;
  std::vector<Predicate> predicates_;
  std::unordered_map<ColumnBinding, idx_t, ColumnBindingHash> relation_of_;
  // Union-find of the columns equalities connect, and each class's bound
  // on distinct values.
  std::unordered_map<ColumnBinding, ColumnBinding, ColumnBindingHash> equivalent_;
  std::unordered_map<ColumnBinding, double, ColumnBindingHash> class_keys_;

  void Collect(LogicalOperatorPtr op) {
    if (!IsInnerJoin(*op)) {
      Relation relation;
      relation.op = Reorder(std::move(op));
      relations_.push_back(std::move(relation));
      return;
    }
    auto& join = op->Cast<LogicalJoin>();
    for (auto& c : join.conditions) {
      predicates_.push_back({std::make_unique<BoundComparisonExpression>(
          c.comparison, std::move(c.left), std::move(c.right))});
    }
    if (join.residual) {
      std::vector<ExpressionPtr> conjuncts;
      SplitConjunction(std::move(join.residual), conjuncts);
      for (auto& e : conjuncts)
        predicates_.push_back({std::move(e)});
    }
    Collect(std::move(join.children[0]));
    Collect(std::move(join.children[1]));
  }

  // The relations `expr` references; every relation when it references a
  // column no relation produces (kept at the top, never dropped).
  RelationSet RelationsOf(const Expression& expr) const {
    std::vector<ColumnBinding> bindings;
    CollectBindings(expr, bindings);
    RelationSet set = 0;
    for (auto& b : bindings) {
      auto it = relation_of_.find(b);
      if (it == relation_of_.end())
        return AllRelations();
      set |= RelationSet(1) << it->second;
    }
    return set;
  }

  RelationSet AllRelations() const {
    return relations_.size() == 64 ? ~RelationSet(0) : (RelationSet(1) << relations_.size()) - 1;
  }

  static bool IsSingle(RelationSet set) { return set != 0 && (set & (set - 1)) == 0; }
  static idx_t SingleIndex(RelationSet set) {
    idx_t i = 0;
    while (!(set & (RelationSet(1) << i)))
      i++;
    return i;
  }

  // `a = b` of two columns (of different relations), else nullptr.
  const BoundComparisonExpression* ColumnEquality(const Predicate& p) const {
    if (!p.expr || p.expr->expression_class != ExpressionClass::kComparison)
      return nullptr;
    auto& cmp = p.expr->Cast<BoundComparisonExpression>();
    if (cmp.type != ComparisonType::kEqual ||
        cmp.left->expression_class != ExpressionClass::kColumnRef ||
        cmp.right->expression_class != ExpressionClass::kColumnRef)
      return nullptr;
    return &cmp;
  }

  static ColumnBinding Binding(const Expression& column_ref) {
    return column_ref.Cast<BoundColumnRefExpression>().binding;
  }

  ColumnBinding Find(ColumnBinding b) {
    auto it = equivalent_.find(b);
    if (it == equivalent_.end() || it->second == b)
      return b;
    return it->second = Find(it->second);
  }

  // Columns equated by the predicates form classes (c_nationkey =
  // s_nationkey = n_nationkey); a class has at most as many distinct
  // values as its smallest table has rows (25 nations), which bounds the
  // matches of every equality inside it.
  void BuildEquivalenceClasses() {
    for (auto& p : predicates_) {
      auto* cmp = ColumnEquality(p);
      if (!cmp)
        continue;
      ColumnBinding a = Find(Binding(*cmp->left)), b = Find(Binding(*cmp->right));
      equivalent_[a] = a;
      equivalent_[b] = a;
    }
    for (auto& [binding, parent] : equivalent_) {
      auto relation = relation_of_.find(binding);
      if (relation == relation_of_.end())
        continue;
      double rows = relations_[relation->second].base_rows;
      auto root = Find(binding);
      auto it = class_keys_.find(root);
      if (it == class_keys_.end() || rows < it->second)
        class_keys_[root] = rows;
    }
  }

  void AnalyzePredicate(Predicate& p) {
    p.relations = RelationsOf(*p.expr);
    if (p.expr->expression_class != ExpressionClass::kComparison)
      return;
    auto& cmp = p.expr->Cast<BoundComparisonExpression>();
    if (cmp.type != ComparisonType::kEqual)
      return;
    RelationSet left = RelationsOf(*cmp.left), right = RelationsOf(*cmp.right);
    if (!IsSingle(left) || !IsSingle(right) || left == right)
      return;
    double keys =
        std::min(relations_[SingleIndex(left)].base_rows, relations_[SingleIndex(right)].base_rows);
    if (ColumnEquality(p)) {
      auto it = class_keys_.find(Find(Binding(*cmp.left)));
      if (it != class_keys_.end())
        keys = std::min(keys, it->second);
    }
    p.equality_selectivity = 1.0 / std::max(1.0, keys);
  }

  // Rows of joining `a` and `b` on the predicates that become applicable;
  // false when none connects them.
  bool EstimateJoin(const Subtree& a, const Subtree& b, double& rows) const {
    RelationSet both = a.relations | b.relations;
    double equality = 1, other = 1;
    bool connected = false;
    for (auto& p : predicates_) {
      if (p.applied || (p.relations & ~both) || !(p.relations & a.relations) ||
          !(p.relations & b.relations))
        continue;
      connected = true;
      if (p.equality_selectivity > 0) {
        equality = std::min(equality, p.equality_selectivity);
      } else {
        other *= 0.2;
      }
    }
    rows = std::max(1.0, a.rows * b.rows * equality * other);
    return connected;
  }

  Subtree Join(Subtree a, Subtree b, double rows) {
    auto join = std::make_unique<LogicalJoin>(JoinType::kInner);
    RelationSet both = a.relations | b.relations;
    std::vector<ExpressionPtr> residual;
    for (auto& p : predicates_) {
      if (p.applied || (p.relations & ~both))
        continue;
      p.applied = true;
      if (p.expr->expression_class == ExpressionClass::kComparison) {
        auto& cmp = p.expr->Cast<BoundComparisonExpression>();
        RelationSet left = RelationsOf(*cmp.left), right = RelationsOf(*cmp.right);
        bool usable = cmp.type != ComparisonType::kDistinctFrom && left && right;
        if (usable && !(left & ~a.relations) && !(right & ~b.relations)) {
          join->conditions.push_back({std::move(cmp.left), std::move(cmp.right), cmp.type});
          continue;
        }
        if (usable && !(left & ~b.relations) && !(right & ~a.relations)) {
          join->conditions.push_back(
              {std::move(cmp.right), std::move(cmp.left), FlipComparison(cmp.type)});
          continue;
        }
      }
      residual.push_back(std::move(p.expr));
    }
    if (!residual.empty()) {
      join->residual = residual.size() == 1 ? std::move(residual[0])
                                            : std::make_unique<BoundConjunctionExpression>(
                                                  ConjunctionType::kAnd, std::move(residual));
    }
    join->children.push_back(std::move(a.op));
    join->children.push_back(std::move(b.op));
    join->estimated_cardinality = static_cast<idx_t>(rows);
    return {both, std::move(join), rows};
  }

  static LogicalOperatorPtr AddFilter(LogicalOperatorPtr op, std::vector<ExpressionPtr> filters) {
    if (filters.empty())
      return op;
    auto filter = std::make_unique<LogicalFilter>();
    filter->expressions = std::move(filters);
    filter->children.push_back(std::move(op));
    return filter;
  }

  LogicalOperatorPtr ReorderTree(LogicalOperatorPtr op) {
    Collect(std::move(op));
    for (idx_t i = 0; i < relations_.size(); i++) {
      for (auto& b : relations_[i].op->GetColumnBindings())
        relation_of_[b] = i;
    }
    // Conjuncts over one relation (or none) filter it before any join.
    std::vector<std::vector<ExpressionPtr>> relation_filters(relations_.size());
    std::vector<ExpressionPtr> top_filters;
    for (auto& p : predicates_) {
      RelationSet set = RelationsOf(*p.expr);
      if (set == 0 || IsSingle(set)) {
        p.applied = true;
        (set == 0 ? top_filters : relation_filters[SingleIndex(set)]).push_back(std::move(p.expr));
      }
    }
    for (idx_t i = 0; i < relations_.size(); i++) {
      auto& r = relations_[i];
      r.op = AddFilter(std::move(r.op), std::move(relation_filters[i]));
      EstimateCardinalities(*r.op);
      r.rows = std::max<double>(1, r.op->estimated_cardinality);
      r.base_rows = std::max({1.0, r.rows, BaseRows(*r.op)});
    }
    BuildEquivalenceClasses();
    for (auto& p : predicates_) {
      if (!p.applied)
        AnalyzePredicate(p);
    }
    std::vector<Subtree> subtrees;
    for (idx_t i = 0; i < relations_.size(); i++)
      subtrees.push_back({RelationSet(1) << i, std::move(relations_[i].op), relations_[i].rows});
    while (subtrees.size() > 1) {
      // The connected pair with the smallest result; without one (the
      // graph is not connected), the smallest cross product.
      idx_t best_a = 0, best_b = 1;
      double best_rows = 0;
      bool best_connected = false;
      for (idx_t a = 0; a < subtrees.size(); a++) {
        for (idx_t b = a + 1; b < subtrees.size(); b++) {
          double rows;
          bool connected = EstimateJoin(subtrees[a], subtrees[b], rows);
          bool better = (connected && !best_connected) ||
                        (connected == best_connected && (best_rows == 0 || rows < best_rows));
          if (better) {
            best_a = a;
            best_b = b;
            best_rows = rows;
            best_connected = connected;
          }
        }
      }
      Subtree joined = Join(std::move(subtrees[best_a]), std::move(subtrees[best_b]), best_rows);
      subtrees.erase(subtrees.begin() + best_b);
      subtrees[best_a] = std::move(joined);
    }
    // Whatever is left references a column of no relation here.
    for (auto& p : predicates_) {
      if (!p.applied)
        top_filters.push_back(std::move(p.expr));
    }
    return AddFilter(std::move(subtrees[0].op), std::move(top_filters));
  }
};

}  // namespace

LogicalOperatorPtr ReorderJoins(LogicalOperatorPtr op) {
  return JoinOrderer::Reorder(std::move(op));
}

}  // namespace tributary
