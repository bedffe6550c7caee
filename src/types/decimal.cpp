#include "types/decimal.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>

#include "common/exception.h"

namespace tributary {

namespace {

std::string ToDecimalString(uhugeint_t v) {
  if (v == 0)
    return "0";
  std::string s;
  while (v > 0) {
    s += static_cast<char>('0' + static_cast<int>(v % 10));
    v /= 10;
  }
  return std::string(s.rbegin(), s.rend());
}

[[noreturn]] void Overflow(int precision, int scale) {
  throw Exception(sqlstate::kNumericValueOutOfRange, "numeric field overflow")
      .WithDetail(
          "A field with precision " + std::to_string(precision) + ", scale " +
          std::to_string(scale) + " must round to an absolute value less than " +
          (precision - scale == 0 ? std::string("1") : "10^" + std::to_string(precision - scale)) +
          ".");
}

[[noreturn]] void QuotientOverflow() {
  throw Exception(sqlstate::kNumericValueOutOfRange, "numeric field overflow");
}

}  // namespace

hugeint_t Decimal::PowerOfTen(int n) {
  static hugeint_t table[39] = {};
  static bool init = [] {
    table[0] = 1;
    for (int i = 1; i <= 38; i++)
      table[i] = table[i - 1] * 10;
    return true;
  }();
  (void)init;
  return table[n];
}

hugeint_t Decimal::DivideRound(hugeint_t a, hugeint_t b) {
  hugeint_t q = a / b;
  hugeint_t r = a % b;
  if (r < 0)
    r = -r;
  if (r * 2 >= b)
    q += a < 0 ? -1 : 1;
  return q;
}

void Decimal::QuotientType(int int_digits, int min_scale, int& precision, int& scale) {
  scale = std::min(38, std::max(min_scale, kMinQuotientScale));
  int_digits = std::max(int_digits, 1);
  if (int_digits + scale <= 38) {
    precision = int_digits + scale;
    return;
  }
  precision = 38;
  scale = std::min(scale, std::max(kMinQuotientScale, 38 - int_digits));
}

hugeint_t Decimal::DivideScaled(hugeint_t a, int shift, hugeint_t b) {
  bool negative = (a < 0) != (b < 0);
  uhugeint_t n = a < 0 ? -static_cast<uhugeint_t>(a) : static_cast<uhugeint_t>(a);
  uhugeint_t d = b < 0 ? -static_cast<uhugeint_t>(b) : static_cast<uhugeint_t>(b);
  // A negative shift scales the divisor instead; a divisor beyond 128 bits
  // is more than twice any dividend, so the quotient rounds to zero.
  for (; shift < 0; shift++) {
    if (__builtin_mul_overflow(d, static_cast<uhugeint_t>(10), &d))
      return 0;
  }
  const uhugeint_t max = static_cast<uhugeint_t>(std::numeric_limits<hugeint_t>::max());
  uhugeint_t q, r;
  uhugeint_t scaled;
  if (shift <= 38 &&
      !__builtin_mul_overflow(n, static_cast<uhugeint_t>(PowerOfTen(shift)), &scaled)) {
    q = scaled / d;
    r = scaled % d;
  } else {
    // Long division, one decimal digit of the quotient at a time. 10 r is
    // formed by repeated addition modulo d: each partial sum stays below
    // 2 d <= 2^128, so nothing wraps.
    q = n / d;
    r = n % d;
    for (int i = 0; i < shift; i++) {
      if (q > max / 10)
        QuotientOverflow();
      uhugeint_t remainder = 0;
      unsigned digit = 0;
      for (int k = 0; k < 10; k++) {
        remainder += r;
        if (remainder >= d) {
          remainder -= d;
          digit++;
        }
      }
      q = q * 10 + digit;
      r = remainder;
    }
  }
  // Half away from zero: round up when 2 r >= d, written without 2 r.
  if (r >= d - r)
    q++;
  if (q > max)
    QuotientOverflow();
  return negative ? -static_cast<hugeint_t>(q) : static_cast<hugeint_t>(q);
}

namespace {

// An unsigned 256-bit integer as four 64-bit limbs, least significant first:
// just enough for a 128 x 128-bit product divided by powers of ten.
struct Wide {
  uint64_t limb[4] = {0, 0, 0, 0};

  static Wide Multiply(uhugeint_t a, uhugeint_t b) {
    uint64_t x[2] = {static_cast<uint64_t>(a), static_cast<uint64_t>(a >> 64)};
    uint64_t y[2] = {static_cast<uint64_t>(b), static_cast<uint64_t>(b >> 64)};
    Wide w;
    for (int i = 0; i < 2; i++) {
      uhugeint_t carry = 0;
      for (int j = 0; j < 2; j++) {
        uhugeint_t t = static_cast<uhugeint_t>(x[i]) * y[j] + w.limb[i + j] + carry;
        w.limb[i + j] = static_cast<uint64_t>(t);
        carry = t >> 64;
      }
      w.limb[i + 2] = static_cast<uint64_t>(carry);
    }
    return w;
  }
  // Divides in place by d > 0 (truncating); returns the remainder.
  uint64_t Divide(uint64_t d) {
    uhugeint_t remainder = 0;
    for (int i = 3; i >= 0; i--) {
      uhugeint_t t = (remainder << 64) | limb[i];
      limb[i] = static_cast<uint64_t>(t / d);
      remainder = t % d;
    }
    return static_cast<uint64_t>(remainder);
  }
  bool FitsIn128() const { return limb[2] == 0 && limb[3] == 0; }
  uhugeint_t Low128() const { return (static_cast<uhugeint_t>(limb[1]) << 64) | limb[0]; }
};

}  // namespace

hugeint_t Decimal::MultiplyRescale(hugeint_t a, hugeint_t b, int drop) {
  hugeint_t product;
  if (!__builtin_mul_overflow(a, b, &product)) {
    if (drop > 38)
      return 0;  // |product| < 2^127 < 10^39 / 2
    return drop > 0 ? Rescale(product, drop, 0) : product;
  }
  bool negative = (a < 0) != (b < 0);
  Wide w = Wide::Multiply(a < 0 ? -static_cast<uhugeint_t>(a) : static_cast<uhugeint_t>(a),
                          b < 0 ? -static_cast<uhugeint_t>(b) : static_cast<uhugeint_t>(b));
  // Truncate all but the last dropped digit, then round on that digit:
  // half away from zero rounds up exactly when it is 5 or more.
  bool round_up = false;
  if (drop > 0) {
    for (int left = drop - 1; left > 0;) {
      int step = std::min(left, 19);
      w.Divide(static_cast<uint64_t>(PowerOfTen(step)));
      left -= step;
    }
    round_up = w.Divide(10) >= 5;
  }
  const uhugeint_t max = static_cast<uhugeint_t>(std::numeric_limits<hugeint_t>::max());
  if (!w.FitsIn128() || w.Low128() + (round_up ? 1 : 0) > max)
    QuotientOverflow();
  uhugeint_t q = w.Low128() + (round_up ? 1 : 0);
  return negative ? -static_cast<hugeint_t>(q) : static_cast<hugeint_t>(q);
}

bool Decimal::InferType(std::string_view text, int& precision, int& scale) {
  size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-'))
    i++;
  int int_digits = 0, frac_digits = 0;
  bool dot = false, leading = true;
  for (; i < text.size(); i++) {
    char c = text[i];
    if (c == '.') {
      if (dot)
        return false;
      dot = true;
    } else if (c >= '0' && c <= '9') {
      if (dot) {
        frac_digits++;
      } else if (!(leading && c == '0')) {
        int_digits++;
        leading = false;
      }
    } else {
      return false;
    }
  }
  scale = frac_digits;
  precision = std::max(1, int_digits + frac_digits);
  return precision <= 38;
}

hugeint_t Decimal::Parse(std::string_view text, int precision, int scale) {
  std::string_view s = text;
  while (!s.empty() && s.front() == ' ')
    s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ')
    s.remove_suffix(1);
  auto bad = [&]() -> hugeint_t {
    throw Exception(sqlstate::kInvalidTextRepresentation,
                    "invalid input syntax for type numeric: \"" + std::string(text) + "\"");
  };
  if (s.empty())
    return bad();
  bool negative = false;
  size_t i = 0;
  if (s[i] == '+' || s[i] == '-')
    negative = s[i++] == '-';
  // Mantissa digits and exponent.
  std::string digits;
  int point = -1;
  bool any = false;
  for (; i < s.size(); i++) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      digits += c;
      any = true;
    } else if (c == '.' && point < 0) {
      point = static_cast<int>(digits.size());
    } else {
      break;
    }
  }
  if (!any)
    return bad();
  long exponent = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    i++;
    size_t start = i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-'))
      i++;
    if (i == s.size() || !std::isdigit(static_cast<unsigned char>(s[i])))
      return bad();
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])))
      i++;
    exponent = std::stol(std::string(s.substr(start, i - start)));
    if (exponent > 1000 || exponent < -1000)
      Overflow(precision, scale);
  }
  if (i != s.size())
    return bad();
  if (point < 0)
    point = static_cast<int>(digits.size());
  // Value = digits * 10^(exponent - (digits.size() - point)).
  long frac_digits = static_cast<long>(digits.size()) - point - exponent;
  // Keep `scale` fractional digits: shift by (scale - frac_digits).
  long shift = scale - frac_digits;
  uhugeint_t value = 0;
  bool round_up = false;
  long keep = static_cast<long>(digits.size()) + std::min<long>(shift, 0);
  for (long k = 0; k < static_cast<long>(digits.size()); k++) {
    if (k < keep) {
      value = value * 10 + (digits[k] - '0');
      if (value > static_cast<uhugeint_t>(PowerOfTen(38)))
        Overflow(precision, scale);
    } else if (k == keep) {
      round_up = digits[k] >= '5';
    }
  }
  for (long k = 0; k < shift; k++) {
    value *= 10;
    if (value > static_cast<uhugeint_t>(PowerOfTen(38)))
      Overflow(precision, scale);
  }
  if (round_up)
    value += 1;
  hugeint_t result = static_cast<hugeint_t>(value);
  CheckPrecision(result, precision, scale);
  return negative ? -result : result;
}

std::string Decimal::Format(hugeint_t unscaled, int scale) {
  bool negative = unscaled < 0;
  uhugeint_t v = negative ? static_cast<uhugeint_t>(-unscaled) : static_cast<uhugeint_t>(unscaled);
  std::string digits = ToDecimalString(v);
  if (scale > 0) {
    if (static_cast<int>(digits.size()) <= scale) {
      digits = std::string(scale - digits.size() + 1, '0') + digits;
    }
    digits.insert(digits.size() - scale, ".");
  }
  return negative && unscaled != 0 ? "-" + digits : digits;
}

hugeint_t Decimal::Rescale(hugeint_t value, int from_scale, int to_scale) {
  if (to_scale >= from_scale)
    return value * PowerOfTen(to_scale - from_scale);
  return DivideRound(value, PowerOfTen(from_scale - to_scale));
}

void Decimal::CheckPrecision(hugeint_t value, int precision, int scale) {
  hugeint_t limit = PowerOfTen(precision);
  if (value >= limit || value <= -limit)
    Overflow(precision, scale);
}

double Decimal::ToDouble(hugeint_t value, int scale) {
  return static_cast<double>(value) / std::pow(10.0, scale);
}

hugeint_t Decimal::FromDouble(double value, int precision, int scale) {
  if (std::isnan(value) || std::isinf(value)) {
    throw Exception(
        sqlstate::kFeatureNotSupported,
        std::string("cannot convert ") + (std::isnan(value) ? "NaN" : "infinity") + " to numeric");
  }
  double scaled = std::round(value * std::pow(10.0, scale));
  if (std::fabs(scaled) >= 1e38)
    Overflow(precision, scale);
  hugeint_t result = static_cast<hugeint_t>(scaled);
  CheckPrecision(result, precision, scale);
  return result;
}

}  // namespace tributary
