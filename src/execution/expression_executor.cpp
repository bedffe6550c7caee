#include "execution/expression_executor.h"

#include <algorithm>

#include "execution/vector_comparison.h"
#include "planner/expression/bound_case_expression.h"
#include "planner/expression/bound_cast_expression.h"
#include "planner/expression/bound_comparison_expression.h"
#include "planner/expression/bound_conjunction_expression.h"
#include "planner/expression/bound_constant_expression.h"
#include "planner/expression/bound_function_expression.h"
#include "planner/expression/bound_operator_expression.h"
#include "planner/expression/bound_reference_expression.h"
#include "types/cast.h"

namespace tributary {

namespace {

// Writes src row j to dst row positions[j] for j < count (dst is flat).
void Scatter(const Vector& src, const SelectionVector& positions, idx_t count, Vector& dst) {
  if (count == 0)
    return;
  DispatchPhysical(dst.type().physical(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    auto sdata = src.Data<T>();
    auto ddata = dst.Data<T>();
    bool constant = src.IsConstant();
    for (idx_t j = 0; j < count; j++) {
      idx_t s = constant ? 0 : j;
      idx_t d = positions.get_index(j);
      if (src.validity().RowIsValid(s)) {
        ddata[d] = sdata[s];
        dst.validity().SetValid(d);
      } else {
        dst.validity().SetInvalid(d);
      }
    }
  });
  if (dst.type().physical() == PhysicalType::kString) {
    dst.heap().KeepAlive(src.heap_ptr());
  }
}

void SetAllBoolean(Vector& result, idx_t count, bool value) {
  result.ResetToFlat();
  auto data = result.Data<bool>();
  std::fill(data, data + count, value);
}

bool IsDirectInput(const Expression& expr) {
  return expr.expression_class == ExpressionClass::kReference ||
         expr.expression_class == ExpressionClass::kConstant;
}

}  // namespace

ExpressionExecutor::ExpressionExecutor(const Expression& expression) {
  AddExpression(expression);
}

ExpressionExecutor::ExpressionExecutor(const std::vector<ExpressionPtr>& expressions) {
  for (auto& e : expressions)
    AddExpression(*e);
}

void ExpressionExecutor::AddExpression(const Expression& expression) {
  expressions_.push_back(&expression);
  states_.push_back(std::make_unique<ExpressionState>(expression));
}

void ExpressionExecutor::Execute(DataChunk& input, DataChunk& result) {
  TRIB_ASSERT(result.ColumnCount() == expressions_.size());
  chunk_ = &input;
  for (idx_t i = 0; i < expressions_.size(); i++) {
    Execute(*expressions_[i], *states_[i], nullptr, input.size(), result.column(i));
  }
  result.SetCardinality(input.size());
  chunk_ = nullptr;
}

void ExpressionExecutor::ExecuteExpression(idx_t index, DataChunk& input, Vector& result) {
  chunk_ = &input;
  Execute(*expressions_[index], *states_[index], nullptr, input.size(), result);
  chunk_ = nullptr;
}

idx_t ExpressionExecutor::Select(DataChunk& input, SelectionVector& sel) {
  chunk_ = &input;
  idx_t n = Select(*expressions_[0], *states_[0], nullptr, input.size(), &sel, nullptr);
  chunk_ = nullptr;
  return n;
}

Value ExpressionExecutor::EvaluateConstant(const Expression& expression) {
  ExpressionExecutor executor(expression);
  DataChunk dummy;
  dummy.SetCardinality(1);
  Vector result(expression.return_type);
  executor.ExecuteExpression(0, dummy, result);
  Value v = result.GetValue(0);
  return v;
}

// ---------------------------------------------------------------------------
// Value evaluation
// ---------------------------------------------------------------------------

void ExpressionExecutor::Execute(const Expression& expr, ExpressionState& state,
                                 const SelectionVector* sel, idx_t count, Vector& result) {
  if (sel && sel->IsIdentity())
    sel = nullptr;
  switch (expr.expression_class) {
    case ExpressionClass::kReference:
      ExecuteReference(expr, sel, count, result);
      return;
    case ExpressionClass::kConstant:
      result.SetConstant(expr.Cast<BoundConstantExpression>().value);
      return;
    case ExpressionClass::kFunction:
      ExecuteFunction(expr, state, sel, count, result);
      return;
    case ExpressionClass::kCast:
      ExecuteCast(expr, state, sel, count, result);
      return;
    case ExpressionClass::kCase:
      ExecuteCase(expr, state, sel, count, result);
      return;
    case ExpressionClass::kOperator:
      ExecuteOperator(expr, state, sel, count, result);
      return;
    case ExpressionClass::kComparison:
    case ExpressionClass::kConjunction:
      ExecutePredicate(expr, state, sel, count, result);
      return;
    default:
      throw InternalException("expression cannot be executed: " + expr.ToString());
  }
}

void ExpressionExecutor::ExecuteReference(const Expression& expr, const SelectionVector* sel,
                                          idx_t count, Vector& result) {
  auto& column = chunk_->column(expr.Cast<BoundReferenceExpression>().index);
  if (!sel || column.IsConstant()) {
    result.Reference(column);
    return;
  }
  result.ResetToFlat();
  result.CopyFrom(column, *sel, count, 0);
}

void ExpressionExecutor::ExecuteFunction(const Expression& expr, ExpressionState& state,
                                         const SelectionVector* sel, idx_t count, Vector& result) {
  auto& func = expr.Cast<BoundFunctionExpression>();
  auto& args = state.intermediate;
  for (idx_t i = 0; i < func.children.size(); i++) {
    Execute(*func.children[i], *state.children[i], sel, count, args.column(i));
  }
  args.SetCardinality(count);
  result.ResetToFlat();
  func.function.function(args, state, result);
}

void ExpressionExecutor::ExecuteCast(const Expression& expr, ExpressionState& state,
                                     const SelectionVector* sel, idx_t count, Vector& result) {
  auto& cast = expr.Cast<BoundCastExpression>();
  auto& child = state.intermediate.column(0);
  Execute(*cast.child, *state.children[0], sel, count, child);
  result.ResetToFlat();
  CastVector(child, result, count);
}

void ExpressionExecutor::ExecutePredicate(const Expression& expr, ExpressionState& state,
                                          const SelectionVector* sel, idx_t count, Vector& result) {
  if (expr.expression_class == ExpressionClass::kComparison) {
    auto& cmp = expr.Cast<BoundComparisonExpression>();
    auto& left = state.intermediate.column(0);
    auto& right = state.intermediate.column(1);
    Execute(*cmp.left, *state.children[0], sel, count, left);
    Execute(*cmp.right, *state.children[1], sel, count, right);
    SelectionVector true_sel(count ? count : 1);
    idx_t n =
        tributary::SelectComparison(cmp.type, left, right, nullptr, count, &true_sel, nullptr);
    SetAllBoolean(result, count, false);
    auto data = result.Data<bool>();
    for (idx_t i = 0; i < n; i++)
      data[true_sel.get_index(i)] = true;
    bool never_null =
        cmp.type == ComparisonType::kDistinctFrom || cmp.type == ComparisonType::kNotDistinctFrom;
    if (!never_null && (!left.validity().AllValid() || !right.validity().AllValid())) {
      for (idx_t i = 0; i < count; i++) {
        if (left.IsNull(i) || right.IsNull(i))
          result.validity().SetInvalid(i);
      }
    }
    if (left.IsConstant() && right.IsConstant() && count > 0) {
      Value v = result.GetValue(0);
      result.SetConstant(v);
    }
    return;
  }
  // AND / OR as a value: three-valued logic over all children.
  auto& conj = expr.Cast<BoundConjunctionExpression>();
  bool is_and = conj.type == ConjunctionType::kAnd;
  SetAllBoolean(result, count, is_and);
  auto out = result.Data<bool>();
  auto& child = state.intermediate.column(0);
  for (idx_t c = 0; c < conj.children.size(); c++) {
    Execute(*conj.children[c], *state.children[c], sel, count, child);
    auto in = child.Data<bool>();
    bool constant = child.IsConstant();
    for (idx_t i = 0; i < count; i++) {
      idx_t ci = constant ? 0 : i;
      bool valid = child.validity().RowIsValid(ci);
      if (is_and) {
        // FALSE dominates; otherwise NULL dominates TRUE.
        if (valid && !in[ci]) {
          out[i] = false;
          result.validity().SetValid(i);
        } else if (!valid && out[i]) {
          result.validity().SetInvalid(i);
        }
      } else {
        if (valid && in[ci]) {
          out[i] = true;
          result.validity().SetValid(i);
        } else if (!valid && !out[i]) {
          result.validity().SetInvalid(i);
        }
      }
    }
  }
}

void ExpressionExecutor::ExecuteCompacted(ExecuteMethod execute, const Expression& expr,
                                          ExpressionState& state, const SelectionVector& sel,
                                          idx_t count, Vector& result) {
  DataChunk compact;
  compact.Initialize(chunk_->Types(), std::max<idx_t>(count, 1));
  compact.Append(*chunk_, sel, count);
  DataChunk* saved = chunk_;
  chunk_ = &compact;
  try {
    (this->*execute)(expr, state, nullptr, count, result);
  } catch (...) {
    chunk_ = saved;
    throw;
  }
  chunk_ = saved;
}

void ExpressionExecutor::ExecuteCase(const Expression& expr, ExpressionState& state,
                                     const SelectionVector* sel, idx_t count, Vector& result) {
  auto& case_expr = expr.Cast<BoundCaseExpression>();
  if (sel) {
    ExecuteCompacted(&ExpressionExecutor::ExecuteCase, expr, state, *sel, count, result);
    return;
  }
  result.ResetToFlat();
  SelectionVector remaining;  // identity
  idx_t remaining_count = count;
  SelectionVector true_sel(std::max<idx_t>(count, 1));
  SelectionVector false_sel(std::max<idx_t>(count, 1));
  SelectionVector next_remaining(std::max<idx_t>(count, 1));
  Vector branch(expr.return_type, std::max<idx_t>(count, 1));
  idx_t child = 0;
  for (auto& check : case_expr.checks) {
    if (remaining_count == 0)
      break;
    idx_t tc = Select(*check.when_expr, *state.children[child], &remaining, remaining_count,
                      &true_sel, &false_sel);
    idx_t fc = remaining_count - tc;
    if (tc > 0) {
      Execute(*check.then_expr, *state.children[child + 1], &true_sel, tc, branch);
      Scatter(branch, true_sel, tc, result);
    }
    std::copy(false_sel.data(), false_sel.data() + fc, next_remaining.data());
    std::swap(remaining, next_remaining);
    if (next_remaining.IsIdentity())
      next_remaining.Initialize(std::max<idx_t>(count, 1));
    remaining_count = fc;
    child += 2;
  }
  if (remaining_count > 0) {
    Execute(*case_expr.else_expr, *state.children.back(), &remaining, remaining_count, branch);
    Scatter(branch, remaining, remaining_count, result);
  }
}

void ExpressionExecutor::ExecuteOperator(const Expression& expr, ExpressionState& state,
                                         const SelectionVector* sel, idx_t count, Vector& result) {
  auto& op = expr.Cast<BoundOperatorExpression>();
  switch (op.type) {
    case OperatorType::kIsNull:
    case OperatorType::kIsNotNull: {
      auto& child = state.intermediate.column(0);
      Execute(*op.children[0], *state.children[0], sel, count, child);
      bool want_null = op.type == OperatorType::kIsNull;
      SetAllBoolean(result, count, false);
      auto out = result.Data<bool>();
      for (idx_t i = 0; i < count; i++)
        out[i] = child.IsNull(i) == want_null;
      return;
    }
    case OperatorType::kNot: {
      auto& child = state.intermediate.column(0);
      Execute(*op.children[0], *state.children[0], sel, count, child);
      SetAllBoolean(result, count, false);
      auto out = result.Data<bool>();
      auto in = child.Data<bool>();
      bool constant = child.IsConstant();
      for (idx_t i = 0; i < count; i++) {
        idx_t ci = constant ? 0 : i;
        if (child.validity().RowIsValid(ci)) {
          out[i] = !in[ci];
        } else {
          result.validity().SetInvalid(i);
        }
      }
      return;
    }
    case OperatorType::kIn:
    case OperatorType::kNotIn: {
      auto& input = state.intermediate.column(0);
      Execute(*op.children[0], *state.children[0], sel, count, input);
      SetAllBoolean(result, count, false);
      auto out = result.Data<bool>();
      std::vector<uint8_t> saw_null(count, 0);
      SelectionVector true_sel(std::max<idx_t>(count, 1));
      for (idx_t c = 1; c < op.children.size(); c++) {
        auto& element = state.intermediate.column(c);
        Execute(*op.children[c], *state.children[c], sel, count, element);
        idx_t n = tributary::SelectComparison(ComparisonType::kEqual, input, element, nullptr,
                                              count, &true_sel, nullptr);
        for (idx_t i = 0; i < n; i++)
          out[true_sel.get_index(i)] = true;
        if (!element.validity().AllValid()) {
          for (idx_t i = 0; i < count; i++)
            saw_null[i] |= element.IsNull(i);
        }
      }
      bool negate = op.type == OperatorType::kNotIn;
      for (idx_t i = 0; i < count; i++) {
        if (!out[i] && (saw_null[i] || input.IsNull(i))) {
          result.validity().SetInvalid(i);
        } else if (input.IsNull(i)) {
          result.validity().SetInvalid(i);
        } else if (negate) {
          out[i] = !out[i];
        }
      }
      return;
    }
    case OperatorType::kCoalesce: {
      if (sel) {
        ExecuteCompacted(&ExpressionExecutor::ExecuteOperator, expr, state, *sel, count, result);
        return;
      }
      result.ResetToFlat();
      for (idx_t i = 0; i < count; i++)
        result.validity().SetInvalid(i);
      SelectionVector remaining;
      idx_t remaining_count = count;
      SelectionVector still_null(std::max<idx_t>(count, 1));
      SelectionVector found(std::max<idx_t>(count, 1));
      Vector branch(expr.return_type, std::max<idx_t>(count, 1));
      for (idx_t c = 0; c < op.children.size() && remaining_count > 0; c++) {
        Execute(*op.children[c], *state.children[c], &remaining, remaining_count, branch);
        idx_t found_count = 0, null_count = 0;
        for (idx_t j = 0; j < remaining_count; j++) {
          if (branch.IsNull(j)) {
            still_null.set_index(null_count++, remaining.get_index(j));
          } else {
            found.set_index(found_count++, j);
          }
        }
        // Compact the non-NULL values, then scatter to their rows.
        if (found_count > 0) {
          Vector compact(expr.return_type, std::max<idx_t>(found_count, 1));
          compact.CopyFrom(branch, found, found_count, 0);
          SelectionVector positions(found_count);
          for (idx_t j = 0; j < found_count; j++) {
            positions.set_index(j, remaining.get_index(found.get_index(j)));
          }
          Scatter(compact, positions, found_count, result);
        }
        SelectionVector next(std::max<idx_t>(count, 1));
        std::copy(still_null.data(), still_null.data() + null_count, next.data());
        remaining = std::move(next);
        remaining_count = null_count;
      }
      return;
    }
  }
}

// ---------------------------------------------------------------------------
// Predicate selection
// ---------------------------------------------------------------------------

idx_t ExpressionExecutor::Select(const Expression& expr, ExpressionState& state,
                                 const SelectionVector* sel, idx_t count, SelectionVector* true_sel,
                                 SelectionVector* false_sel) {
  if (count == 0)
    return 0;
  if (sel && sel->IsIdentity())
    sel = nullptr;
  switch (expr.expression_class) {
    case ExpressionClass::kComparison:
      return SelectComparison(expr, state, sel, count, true_sel, false_sel);
    case ExpressionClass::kConjunction:
      return SelectConjunction(expr, state, sel, count, true_sel, false_sel);
    default:
      return SelectGeneric(expr, state, sel, count, true_sel, false_sel);
  }
}

idx_t ExpressionExecutor::SelectComparison(const Expression& expr, ExpressionState& state,
                                           const SelectionVector* sel, idx_t count,
                                           SelectionVector* true_sel, SelectionVector* false_sel) {
  auto& cmp = expr.Cast<BoundComparisonExpression>();
  auto& left = state.intermediate.column(0);
  auto& right = state.intermediate.column(1);
  if (IsDirectInput(*cmp.left) && IsDirectInput(*cmp.right)) {
    // Compare in place: no copies, the selection indexes the chunk.
    Execute(*cmp.left, *state.children[0], nullptr, count, left);
    Execute(*cmp.right, *state.children[1], nullptr, count, right);
    return tributary::SelectComparison(cmp.type, left, right, sel, count, true_sel, false_sel);
  }
  Execute(*cmp.left, *state.children[0], sel, count, left);
  Execute(*cmp.right, *state.children[1], sel, count, right);
  idx_t n = tributary::SelectComparison(cmp.type, left, right, nullptr, count, true_sel, false_sel);
  if (sel) {
    // Map compact positions back to chunk rows.
    if (true_sel) {
      for (idx_t i = 0; i < n; i++)
        true_sel->set_index(i, sel->get_index(true_sel->get_index(i)));
    }
    if (false_sel) {
      for (idx_t i = 0; i < count - n; i++) {
        false_sel->set_index(i, sel->get_index(false_sel->get_index(i)));
      }
    }
  }
  return n;
}

idx_t ExpressionExecutor::SelectConjunction(const Expression& expr, ExpressionState& state,
                                            const SelectionVector* sel, idx_t count,
                                            SelectionVector* true_sel, SelectionVector* false_sel) {
  auto& conj = expr.Cast<BoundConjunctionExpression>();
  idx_t capacity = std::max<idx_t>(count, 1);
  if (conj.type == ConjunctionType::kAnd) {
    // Each child sees only the rows every earlier child accepted.
    SelectionVector current_owned(capacity);
    SelectionVector child_false(capacity);
    const SelectionVector* current = sel;
    idx_t current_count = count;
    idx_t false_count = 0;
    for (idx_t c = 0; c < conj.children.size(); c++) {
      SelectionVector next(capacity);
      idx_t tc = Select(*conj.children[c], *state.children[c], current, current_count, &next,
                        false_sel ? &child_false : nullptr);
      if (false_sel) {
        for (idx_t i = 0; i < current_count - tc; i++) {
          false_sel->set_index(false_count++, child_false.get_index(i));
        }
      }
      current_owned = std::move(next);
      current = &current_owned;
      current_count = tc;
      if (current_count == 0)
        break;
    }
    if (true_sel) {
      for (idx_t i = 0; i < current_count; i++)
        true_sel->set_index(i, current->get_index(i));
    }
    if (false_sel && false_count > 1) {
      std::sort(false_sel->data(), false_sel->data() + false_count);
    }
    return current_count;
  }
  // OR: each child sees only the rows no earlier child accepted.
  SelectionVector remaining_owned(capacity);
  const SelectionVector* remaining = sel;
  idx_t remaining_count = count;
  idx_t true_count = 0;
  SelectionVector child_true(capacity);
  for (idx_t c = 0; c < conj.children.size() && remaining_count > 0; c++) {
    SelectionVector next(capacity);
    idx_t tc = Select(*conj.children[c], *state.children[c], remaining, remaining_count,
                      &child_true, &next);
    if (true_sel) {
      for (idx_t i = 0; i < tc; i++)
        true_sel->set_index(true_count + i, child_true.get_index(i));
    }
    true_count += tc;
    remaining_owned = std::move(next);
    remaining = &remaining_owned;
    remaining_count -= tc;
  }
  if (true_sel && true_count > 1)
    std::sort(true_sel->data(), true_sel->data() + true_count);
  if (false_sel) {
    for (idx_t i = 0; i < remaining_count; i++) {
      false_sel->set_index(i, remaining ? remaining->get_index(i) : i);
    }
  }
  return true_count;
}

idx_t ExpressionExecutor::SelectGeneric(const Expression& expr, ExpressionState& state,
                                        const SelectionVector* sel, idx_t count,
                                        SelectionVector* true_sel, SelectionVector* false_sel) {
  if (expr.expression_class == ExpressionClass::kConstant) {
    auto& v = expr.Cast<BoundConstantExpression>().value;
    bool pass = !v.IsNull() && v.type().id() == LogicalTypeId::kBoolean && v.GetBool();
    SelectionVector* target = pass ? true_sel : false_sel;
    if (target) {
      for (idx_t i = 0; i < count; i++)
        target->set_index(i, sel ? sel->get_index(i) : i);
    }
    return pass ? count : 0;
  }
  Vector result(LogicalTypeId::kBoolean, std::max<idx_t>(count, 1));
  Execute(expr, state, sel, count, result);
  auto data = result.Data<bool>();
  bool constant = result.IsConstant();
  idx_t true_count = 0, false_count = 0;
  for (idx_t i = 0; i < count; i++) {
    idx_t ri = constant ? 0 : i;
    idx_t row = sel ? sel->get_index(i) : i;
    if (result.validity().RowIsValid(ri) && data[ri]) {
      if (true_sel)
        true_sel->set_index(true_count, row);
      true_count++;
    } else {
      if (false_sel)
        false_sel->set_index(false_count, row);
      false_count++;
    }
  }
  return true_count;
}

}  // namespace tributary
