// WindowFunctionType: the window-only functions (ranking, offsets, frame
// values); every aggregate can also run OVER a window (kAggregate).
#pragma once

#include <optional>
#include <string>

namespace tributary {

enum class WindowFunctionType : uint8_t {
  kAggregate,
  kRowNumber,
  kRank,
  kDenseRank,
  kPercentRank,
  kCumeDist,
  kNtile,
  kLag,
  kLead,
  kFirstValue,
  kLastValue,
  kNthValue,
};

// The window-only function called `name`, if any.
inline std::optional<WindowFunctionType> LookupWindowFunction(const std::string& name) {
  if (name == "row_number")
    return WindowFunctionType::kRowNumber;
  if (name == "rank")
    return WindowFunctionType::kRank;
  if (name == "dense_rank")
    return WindowFunctionType::kDenseRank;
  if (name == "percent_rank")
    return WindowFunctionType::kPercentRank;
  if (name == "cume_dist")
    return WindowFunctionType::kCumeDist;
  if (name == "ntile")
    return WindowFunctionType::kNtile;
  if (name == "lag")
    return WindowFunctionType::kLag;
  if (name == "lead")
    return WindowFunctionType::kLead;
  if (name == "first_value")
    return WindowFunctionType::kFirstValue;
  if (name == "last_value")
    return WindowFunctionType::kLastValue;
  if (name == "nth_value")
    return WindowFunctionType::kNthValue;
  return std::nullopt;
}

}  // namespace tributary
