// Vectorized comparison kernels that produce selection vectors directly
// (no boolean vector), used by filters, join residuals and CASE.
#pragma once

#include "planner/expression/bound_comparison_expression.h"
#include "vector/vector.h"

namespace tributary {

// For i < count, row = sel ? sel(i) : i: compares left[row] <cmp> right[row]
// (a CONSTANT side uses its single value). Rows where the comparison is
// TRUE go to true_sel, the others (FALSE or NULL) to false_sel; either may
// be null. Returns the number of TRUE rows. Both vectors have the same type.
idx_t SelectComparison(ComparisonType type, const Vector& left, const Vector& right,
                       const SelectionVector* sel, idx_t count, SelectionVector* true_sel,
                       SelectionVector* false_sel);

// SQL ordering of two values of one physical type, as PostgreSQL compares
// them: NaN equals NaN and sorts above every other number; -0.0 == 0.0;
// intervals compare by their total span (month = 30 days).
template <class T>
inline int CompareValues(const T& a, const T& b);

// CompareValues(a, b) == 0, faster (short strings compared without memcmp).
template <class T>
inline bool ValuesEqual(const T& a, const T& b);

}  // namespace tributary

#include "execution/vector_comparison_inl.h"
