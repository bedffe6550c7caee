// Templates that turn a per-value operation into a vectorized scalar kernel
// (see the kernel contract in function/scalar_function.h): one type
// dispatch per call, a tight loop per vector, NULL in -> NULL out, and a
// CONSTANT result when every input is CONSTANT. Operations may throw.
#pragma once

#include "execution/expression_state.h"
#include "vector/data_chunk.h"

namespace tributary {

template <class A, class R, class Op>
void UnaryExecute(const Vector& a, Vector& result, idx_t count, Op&& op) {
  auto in = a.Data<A>();
  auto out = result.Data<R>();
  if (a.IsConstant()) {
    if (a.IsNull(0)) {
      result.SetNull(0);
    } else {
      out[0] = op(in[0]);
    }
    result.MarkConstant();
    return;
  }
  auto& validity = a.validity();
  if (validity.AllValid()) {
    for (idx_t i = 0; i < count; i++)
      out[i] = op(in[i]);
    return;
  }
  for (idx_t i = 0; i < count; i++) {
    if (validity.RowIsValid(i)) {
      out[i] = op(in[i]);
    } else {
      result.SetNull(i);
    }
  }
}

template <class A, class B, class R, class Op>
void BinaryExecute(const Vector& a, const Vector& b, Vector& result, idx_t count, Op&& op) {
  auto ad = a.Data<A>();
  auto bd = b.Data<B>();
  auto out = result.Data<R>();
  bool ac = a.IsConstant(), bc = b.IsConstant();
  if (ac && bc) {
    if (a.IsNull(0) || b.IsNull(0)) {
      result.SetNull(0);
    } else {
      out[0] = op(ad[0], bd[0]);
    }
    result.MarkConstant();
    return;
  }
  if ((ac && a.IsNull(0)) || (bc && b.IsNull(0))) {
    for (idx_t i = 0; i < count; i++)
      result.SetNull(i);
    return;
  }
  bool nulls = (!ac && !a.validity().AllValid()) || (!bc && !b.validity().AllValid());
  if (!nulls) {
    if (ac) {
      A av = ad[0];
      for (idx_t i = 0; i < count; i++)
        out[i] = op(av, bd[i]);
    } else if (bc) {
      B bv = bd[0];
      for (idx_t i = 0; i < count; i++)
        out[i] = op(ad[i], bv);
    } else {
      for (idx_t i = 0; i < count; i++)
        out[i] = op(ad[i], bd[i]);
    }
    return;
  }
  for (idx_t i = 0; i < count; i++) {
    idx_t ai = ac ? 0 : i, bi = bc ? 0 : i;
    if (a.validity().RowIsValid(ai) && b.validity().RowIsValid(bi)) {
      out[i] = op(ad[ai], bd[bi]);
    } else {
      result.SetNull(i);
    }
  }
}

template <class A, class B, class C, class R, class Op>
void TernaryExecute(const Vector& a, const Vector& b, const Vector& c, Vector& result, idx_t count,
                    Op&& op) {
  auto ad = a.Data<A>();
  auto bd = b.Data<B>();
  auto cd = c.Data<C>();
  auto out = result.Data<R>();
  bool all_constant = a.IsConstant() && b.IsConstant() && c.IsConstant();
  idx_t n = all_constant ? 1 : count;
  for (idx_t i = 0; i < n; i++) {
    idx_t ai = a.IsConstant() ? 0 : i, bi = b.IsConstant() ? 0 : i, ci = c.IsConstant() ? 0 : i;
    if (a.validity().RowIsValid(ai) && b.validity().RowIsValid(bi) && c.validity().RowIsValid(ci)) {
      out[i] = op(ad[ai], bd[bi], cd[ci]);
    } else {
      result.SetNull(i);
    }
  }
  if (all_constant)
    result.MarkConstant();
}

// For kernels with any number of arguments: calls op(row, rows) for every
// output row whose arguments are all non-NULL, where rows[c] is the row to
// read in argument c (0 for a CONSTANT argument); op writes result row `row`
// itself. Rows with a NULL argument become NULL. CONSTANT result when every
// argument is CONSTANT.
template <class Op>
void NaryExecute(DataChunk& args, Vector& result, Op&& op) {
  constexpr idx_t kMaxArguments = 8;
  idx_t columns = args.ColumnCount();
  bool all_constant = true;
  for (idx_t c = 0; c < columns; c++)
    all_constant = all_constant && args.column(c).IsConstant();
  idx_t n = all_constant ? 1 : args.size();
  idx_t rows[kMaxArguments] = {};
  for (idx_t i = 0; i < n; i++) {
    bool null = false;
    for (idx_t c = 0; c < columns && c < kMaxArguments; c++) {
      auto& v = args.column(c);
      rows[c] = v.IsConstant() ? 0 : i;
      null = null || v.IsNull(rows[c]);
    }
    if (null) {
      result.SetNull(i);
      continue;
    }
    op(i, rows);
  }
  if (all_constant)
    result.MarkConstant();
}

}  // namespace tributary
