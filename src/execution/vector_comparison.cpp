#include "execution/vector_comparison.h"

namespace tributary {

namespace {

template <class T, class Op>
inline bool Apply(const T& a, const T& b) {
  if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double> ||
                std::is_same_v<T, interval_t>) {
    return Op::Test(CompareValues<T>(a, b));
  } else if constexpr (std::is_same_v<T, string_t>) {
    if constexpr (Op::kIsEquality) {
      return Op::Test(StringsEqual(a, b) ? 0 : 1);
    } else {
      return Op::Test(CompareValues<T>(a, b));
    }
  } else {
    return Op::Direct(a, b);
  }
}

struct Eq {
  static constexpr bool kIsEquality = true;
  static bool Test(int c) { return c == 0; }
  template <class T>
  static bool Direct(const T& a, const T& b) {
    return a == b;
  }
};
struct Ne {
  static constexpr bool kIsEquality = true;
  static bool Test(int c) { return c != 0; }
  template <class T>
  static bool Direct(const T& a, const T& b) {
    return a != b;
  }
};
struct Lt {
  static constexpr bool kIsEquality = false;
  static bool Test(int c) { return c < 0; }
  template <class T>
  static bool Direct(const T& a, const T& b) {
    return a < b;
  }
};
struct Le {
  static constexpr bool kIsEquality = false;
  static bool Test(int c) { return c <= 0; }
  template <class T>
  static bool Direct(const T& a, const T& b) {
    return a <= b;
  }
};
struct Gt {
  static constexpr bool kIsEquality = false;
  static bool Test(int c) { return c > 0; }
  template <class T>
  static bool Direct(const T& a, const T& b) {
    return a > b;
  }
};
struct Ge {
  static constexpr bool kIsEquality = false;
  static bool Test(int c) { return c >= 0; }
  template <class T>
  static bool Direct(const T& a, const T& b) {
    return a >= b;
  }
};

// The hot loop. kLeftConst/kRightConst and kHasNulls are compile-time so the
// common "column < constant, no NULLs" case is a branch-free array loop.
template <class T, class Op, bool kLeftConst, bool kRightConst, bool kHasNulls, bool kHasSel>
idx_t SelectLoop(const T* ldata, const T* rdata, const ValidityMask& lmask,
                 const ValidityMask& rmask, const SelectionVector* sel, idx_t count,
                 SelectionVector* true_sel, SelectionVector* false_sel) {
  idx_t true_count = 0, false_count = 0;
  sel_t* tsel = true_sel ? true_sel->data() : nullptr;
  sel_t* fsel = false_sel ? false_sel->data() : nullptr;
  for (idx_t i = 0; i < count; i++) {
    idx_t row = kHasSel ? sel->get_index(i) : i;
    idx_t li = kLeftConst ? 0 : row;
    idx_t ri = kRightConst ? 0 : row;
    bool match;
    if constexpr (kHasNulls) {
      match = lmask.RowIsValid(li) && rmask.RowIsValid(ri) && Apply<T, Op>(ldata[li], rdata[ri]);
    } else {
      match = Apply<T, Op>(ldata[li], rdata[ri]);
    }
    if (tsel) {
      tsel[true_count] = static_cast<sel_t>(row);
    }
    true_count += match;
    if (fsel) {
      fsel[false_count] = static_cast<sel_t>(row);
      false_count += !match;
    }
  }
  return true_count;
}

template <class T, class Op, bool kLeftConst, bool kRightConst>
idx_t SelectWithNulls(const Vector& left, const Vector& right, const SelectionVector* sel,
                      idx_t count, SelectionVector* true_sel, SelectionVector* false_sel) {
  auto ldata = left.Data<T>();
  auto rdata = right.Data<T>();
  bool nulls = !left.validity().AllValid() || !right.validity().AllValid();
  bool has_sel = sel && !sel->IsIdentity();
  if (nulls) {
    return has_sel ? SelectLoop<T, Op, kLeftConst, kRightConst, true, true>(
                         ldata, rdata, left.validity(), right.validity(), sel, count, true_sel,
                         false_sel)
                   : SelectLoop<T, Op, kLeftConst, kRightConst, true, false>(
                         ldata, rdata, left.validity(), right.validity(), sel, count, true_sel,
                         false_sel);
  }
  return has_sel
             ? SelectLoop<T, Op, kLeftConst, kRightConst, false, true>(
                   ldata, rdata, left.validity(), right.validity(), sel, count, true_sel, false_sel)
             : SelectLoop<T, Op, kLeftConst, kRightConst, false, false>(
                   ldata, rdata, left.validity(), right.validity(), sel, count, true_sel,
                   false_sel);
}

template <class T, class Op>
idx_t SelectTyped(const Vector& left, const Vector& right, const SelectionVector* sel, idx_t count,
                  SelectionVector* true_sel, SelectionVector* false_sel) {
  if (left.IsConstant() && right.IsConstant()) {
    return SelectWithNulls<T, Op, true, true>(left, right, sel, count, true_sel, false_sel);
  } else if (left.IsConstant()) {
    return SelectWithNulls<T, Op, true, false>(left, right, sel, count, true_sel, false_sel);
  } else if (right.IsConstant()) {
    return SelectWithNulls<T, Op, false, true>(left, right, sel, count, true_sel, false_sel);
  }
  return SelectWithNulls<T, Op, false, false>(left, right, sel, count, true_sel, false_sel);
}

// IS [NOT] DISTINCT FROM: NULLs compare equal to each other, never unknown.
template <class T>
idx_t SelectDistinct(bool want_distinct, const Vector& left, const Vector& right,
                     const SelectionVector* sel, idx_t count, SelectionVector* true_sel,
                     SelectionVector* false_sel) {
  auto ldata = left.Data<T>();
  auto rdata = right.Data<T>();
  idx_t true_count = 0, false_count = 0;
  for (idx_t i = 0; i < count; i++) {
    idx_t row = sel ? sel->get_index(i) : i;
    idx_t li = left.IsConstant() ? 0 : row;
    idx_t ri = right.IsConstant() ? 0 : row;
    bool lvalid = left.validity().RowIsValid(li), rvalid = right.validity().RowIsValid(ri);
    bool distinct;
    if (!lvalid || !rvalid) {
      distinct = lvalid != rvalid;
    } else {
      distinct = CompareValues<T>(ldata[li], rdata[ri]) != 0;
    }
    bool match = distinct == want_distinct;
    if (match) {
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

}  // namespace

idx_t SelectComparison(ComparisonType type, const Vector& left, const Vector& right,
                       const SelectionVector* sel, idx_t count, SelectionVector* true_sel,
                       SelectionVector* false_sel) {
  return DispatchPhysical(left.type().physical(), [&](auto tag) -> idx_t {
    using T = typename decltype(tag)::type;
    switch (type) {
      case ComparisonType::kEqual:
        return SelectTyped<T, Eq>(left, right, sel, count, true_sel, false_sel);
      case ComparisonType::kNotEqual:
        return SelectTyped<T, Ne>(left, right, sel, count, true_sel, false_sel);
      case ComparisonType::kLessThan:
        return SelectTyped<T, Lt>(left, right, sel, count, true_sel, false_sel);
      case ComparisonType::kLessThanOrEqual:
        return SelectTyped<T, Le>(left, right, sel, count, true_sel, false_sel);
      case ComparisonType::kGreaterThan:
        return SelectTyped<T, Gt>(left, right, sel, count, true_sel, false_sel);
      case ComparisonType::kGreaterThanOrEqual:
        return SelectTyped<T, Ge>(left, right, sel, count, true_sel, false_sel);
      case ComparisonType::kDistinctFrom:
        return SelectDistinct<T>(true, left, right, sel, count, true_sel, false_sel);
      case ComparisonType::kNotDistinctFrom:
        return SelectDistinct<T>(false, left, right, sel, count, true_sel, false_sel);
    }
    return 0;
  });
}

}  // namespace tributary
