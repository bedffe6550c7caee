#include "planner/join_type.h"

namespace tributary {

const char* JoinTypeToString(JoinType type) {
  switch (type) {
    case JoinType::kInner:
      return "INNER";
    case JoinType::kLeft:
      return "LEFT";
    case JoinType::kRight:
      return "RIGHT";
    case JoinType::kFull:
      return "FULL";
    case JoinType::kSemi:
      return "SEMI";
    case JoinType::kAnti:
      return "ANTI";
    case JoinType::kMark:
      return "MARK";
    case JoinType::kSingle:
      return "SINGLE";
    case JoinType::kRightSemi:
      return "RIGHT_SEMI";
    case JoinType::kRightAnti:
      return "RIGHT_ANTI";
  }
  return "?";
}

}  // namespace tributary
