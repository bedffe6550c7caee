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
  // PostgreSQL's numeric division keeps at least 16 significant digits
  // (NUMERIC_MIN_SIG_DIGITS) and at least its inputs' scales, at a scale that
  // depends on the value. A column needs one type, so quotients (decimal /
  // decimal, avg of integers and decimals) get scale max(min_scale, 16) and
  // room for `int_digits` integer digits; past 38 digits the scale gives way
  // to integer digits, but never below 16 (a quotient of 10^22 or more then
  // raises 22003). Values of 1e-7 or more thus agree with PostgreSQL's to
  // 1e-9 relative or better, and mostly digit for digit.
  static constexpr int kMinQuotientScale = 16;
  static void QuotientType(int int_digits, int min_scale, int& precision, int& scale);

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
  // a * 10^shift / b rounded half away from zero, for any signs and any
  // shift in [-76, 76], without an intermediate overflow (a long division
  // when a * 10^shift does not fit in 128 bits). Precondition: b != 0.
  // Throws 22003 ("numeric field overflow") when the quotient does not fit.
  static hugeint_t DivideScaled(hugeint_t a, int shift, hugeint_t b);
  // a * b / 10^drop rounded half away from zero, drop in [0, 76], through a
  // 256-bit product when a * b does not fit in 128 bits. Throws 22003
  // ("numeric field overflow") when the result does not fit.
  static hugeint_t MultiplyRescale(hugeint_t a, hugeint_t b, int drop);
};

}  // namespace tributary
