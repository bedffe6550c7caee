// ExpressionExecutor: evaluates bound expressions over DataChunks, a vector
// at a time. Two entry points:
//   Execute - computes a value per row into a result vector.
//   Select  - evaluates a predicate and returns the rows where it is TRUE
//             as a selection vector (no boolean vector is materialized for
//             comparisons and AND/OR chains).
// Sub-expressions under a selection (AND's second operand, CASE branches)
// are evaluated only on the rows that reach them, so errors such as division
// by zero are raised only where PostgreSQL would raise them.
//
// Not thread-safe: each thread owns its executor (the expressions it points
// to are shared and immutable). The expressions must outlive the executor.
#pragma once

#include <memory>
#include <vector>

#include "execution/expression_state.h"
#include "planner/expression.h"
#include "vector/data_chunk.h"

namespace tributary {

class ExpressionExecutor {
 public:
  ExpressionExecutor() = default;
  explicit ExpressionExecutor(const Expression& expression);
  explicit ExpressionExecutor(const std::vector<ExpressionPtr>& expressions);

  void AddExpression(const Expression& expression);
  idx_t ExpressionCount() const { return expressions_.size(); }

  // Evaluates every expression on all rows of `input` into result.column(i);
  // sets result's cardinality to input.size().
  void Execute(DataChunk& input, DataChunk& result);
  // Evaluates expression `index` into `result` (input.size() rows).
  void ExecuteExpression(idx_t index, DataChunk& input, Vector& result);
  // Evaluates expression 0 as a predicate; writes the indexes of rows where
  // it is TRUE into `sel` (capacity >= input.size()) and returns their count.
  idx_t Select(DataChunk& input, SelectionVector& sel);

  // Evaluates an expression without column references (constant folding).
  static Value EvaluateConstant(const Expression& expression);

 private:
  // Evaluates `expr` on rows sel(0..count) of the current chunk; `result`
  // receives `count` compacted rows (or a CONSTANT vector).
  void Execute(const Expression& expr, ExpressionState& state, const SelectionVector* sel,
               idx_t count, Vector& result);
  // Writes the rows (indexes into the current chunk) where `expr` is TRUE to
  // true_sel and returns how many; false_sel (optional) gets the others
  // (FALSE or NULL).
  idx_t Select(const Expression& expr, ExpressionState& state, const SelectionVector* sel,
               idx_t count, SelectionVector* true_sel, SelectionVector* false_sel);

  void ExecuteReference(const Expression& expr, const SelectionVector* sel, idx_t count,
                        Vector& result);
  void ExecuteFunction(const Expression& expr, ExpressionState& state, const SelectionVector* sel,
                       idx_t count, Vector& result);
  void ExecuteCast(const Expression& expr, ExpressionState& state, const SelectionVector* sel,
                   idx_t count, Vector& result);
  void ExecuteCase(const Expression& expr, ExpressionState& state, const SelectionVector* sel,
                   idx_t count, Vector& result);
  void ExecuteOperator(const Expression& expr, ExpressionState& state, const SelectionVector* sel,
                       idx_t count, Vector& result);
  // Runs `execute` (ExecuteCase or ExecuteOperator) on a compacted copy of
  // rows sel(0..count), so that row ids equal result positions.
  using ExecuteMethod = void (ExpressionExecutor::*)(const Expression&, ExpressionState&,
                                                     const SelectionVector*, idx_t, Vector&);
  void ExecuteCompacted(ExecuteMethod execute, const Expression& expr, ExpressionState& state,
                        const SelectionVector& sel, idx_t count, Vector& result);
  // Comparisons and conjunctions as values: via Select, then boolean output.
  void ExecutePredicate(const Expression& expr, ExpressionState& state, const SelectionVector* sel,
                        idx_t count, Vector& result);
  idx_t SelectComparison(const Expression& expr, ExpressionState& state, const SelectionVector* sel,
                         idx_t count, SelectionVector* true_sel, SelectionVector* false_sel);
  idx_t SelectConjunction(const Expression& expr, ExpressionState& state,
                          const SelectionVector* sel, idx_t count, SelectionVector* true_sel,
                          SelectionVector* false_sel);
  idx_t SelectGeneric(const Expression& expr, ExpressionState& state, const SelectionVector* sel,
                      idx_t count, SelectionVector* true_sel, SelectionVector* false_sel);

  DataChunk* chunk_ = nullptr;
  std::vector<const Expression*> expressions_;
  std::vector<std::unique_ptr<ExpressionState>> states_;
};

}  // namespace tributary
