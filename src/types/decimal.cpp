#include "types/decimal.h"

#include <algorithm>
#include <cctype>
#include <cmath>

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
