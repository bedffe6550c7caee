// Join kinds shared by logical and physical join operators.
#pragma once

#include <cstdint>

namespace tributary {

enum class JoinType : uint8_t {
  kInner,
  kLeft,   // all left rows; right columns NULL when unmatched
  kRight,  // all right rows; left columns NULL when unmatched
  kFull,
  kSemi,    // left rows with at least one match; left columns only
  kAnti,    // left rows with no match; left columns only
  kMark,    // left columns + BOOLEAN "has match" (NULL when no match but a
            // NULL key was involved: IN-subquery semantics)
  kSingle,  // like kLeft, but more than one match is an error (scalar subquery)
  // kSemi/kAnti with the inputs swapped, so the hash join builds on the
  // smaller (outer) side: right rows with at least one / no match; right
  // columns only. Chosen by the optimizer (join_side_selection.cpp) after
  // remote pushdown, never made by the binder.
  kRightSemi,
  kRightAnti,
};

const char* JoinTypeToString(JoinType type);

}  // namespace tributary
