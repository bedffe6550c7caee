// Casts between SQL types with PostgreSQL's semantics and errors:
// integer overflow 22003 ("integer out of range"), bad text 22P02
// ("invalid input syntax for type integer: "abc""), bad dates 22007/22008,
// numeric overflow 22003, impossible casts 42846. Explicit-cast semantics:
// VARCHAR(n)/CHAR(n) targets truncate silently; CHAR to VARCHAR drops
// trailing blanks.
#pragma once

#include <string>

#include "types/value.h"
#include "vector/vector.h"

namespace tributary {

// Converts `count` rows of `source` into `result` (a vector of the target
// type). A CONSTANT source gives a CONSTANT result. NULL stays NULL.
void CastVector(const Vector& source, Vector& result, idx_t count);
Value CastValue(const Value& value, const LogicalType& target);
// True when a cast between the types exists (explicitly).
bool CanCast(const LogicalType& from, const LogicalType& to);

// The cost of an implicit cast from -> to (0 = same type), or -1 when
// PostgreSQL would not cast implicitly (e.g. text -> integer).
int64_t ImplicitCastCost(const LogicalType& from, const LogicalType& to);
// The type two values are converted to when they meet in `construct`
// (UNION, CASE, comparison, ...): PostgreSQL's select_common_type. Throws
// 42804 "<construct> types X and Y cannot be matched".
LogicalType CommonSupertype(const LogicalType& a, const LogicalType& b,
                            const std::string& construct);

}  // namespace tributary
