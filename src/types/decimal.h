// Decimal: DECIMAL(p,s) values as unscaled integers (12.34 in (5,2) is
// 1234), in int64 for p <= 18 and int128 up to p = 38. Rounding is half
// away from zero, as PostgreSQL's numeric does.
#pragma once

#include <string>
#include <string_view>

#include "common/constants.h"

namespace tributary {

class Decimal {
 public:
  // 10^n for n in [0, 38].
  static hugeint_t PowerOfTen(int n);

  // Parses text into the unscaled value at `scale`, rounding extra digits;
  // throws 22P02 for bad syntax and 22003 when it needs more than
  // `precision` digits.
  static hugeint_t Parse(std::string_view text, int precision, int scale);
  // The (precision, scale) a numeric literal needs ("12.340" -> (5,3)).
  // Returns false for text that is not a plain decimal literal.
  static bool InferType(std::string_view text, int& precision, int& scale);
  static std::string Format(hugeint_t unscaled, int scale);

  // Rescales from one scale to another, rounding when reducing.
  static hugeint_t Rescale(hugeint_t value, int from_scale, int to_scale);
  // Throws 22003 ("numeric field overflow") unless |value| < 10^precision.
  static void CheckPrecision(hugeint_t value, int precision, int scale);
  static double ToDouble(hugeint_t value, int scale);
  // Throws 22003 for values that do not fit, 22P02 for NaN/Infinity.
  static hugeint_t FromDouble(double value, int precision, int scale);
  // Rounds away from zero: a / b for b > 0.
  static hugeint_t DivideRound(hugeint_t a, hugeint_t b);
};

}  // namespace tributary
