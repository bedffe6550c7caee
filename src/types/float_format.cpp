#include "types/float_format.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string_view>

namespace tributary {

namespace {

// `scientific` is to_chars' shortest scientific form, e.g. "1.2345e+02".
std::string Reformat(const std::string& scientific, int max_exponent) {
  bool negative = scientific[0] == '-';
  std::string_view s(scientific);
  if (negative)
    s.remove_prefix(1);
  auto e = s.find('e');
  std::string mantissa(s.substr(0, e));
  int exponent = std::atoi(std::string(s.substr(e + 1)).c_str());
  std::string digits;
  for (char c : mantissa) {
    if (c != '.')
      digits += c;
  }
  std::string out = negative ? "-" : "";
  if (exponent < -4 || exponent >= max_exponent) {
    out += digits.substr(0, 1);
    if (digits.size() > 1)
      out += "." + digits.substr(1);
    char buf[16];
    std::snprintf(buf, sizeof(buf), "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
    return out + buf;
  }
  if (exponent < 0) {
    return out + "0." + std::string(-exponent - 1, '0') + digits;
  }
  if (static_cast<int>(digits.size()) <= exponent + 1) {
    return out + digits + std::string(exponent + 1 - digits.size(), '0');
  }
  return out + digits.substr(0, exponent + 1) + "." + digits.substr(exponent + 1);
}

template <class T>
std::string Format(T value, int max_exponent) {
  if (std::isnan(value))
    return "NaN";
  if (std::isinf(value))
    return value > 0 ? "Infinity" : "-Infinity";
  if (value == 0)
    return std::signbit(value) ? "-0" : "0";
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof(buf), value, std::chars_format::scientific);
  return Reformat(std::string(buf, r.ptr), max_exponent);
}

}  // namespace

std::string FormatDouble(double value) {
  return Format(value, 15);
}
std::string FormatFloat(float value) {
  return Format(value, 6);
}

}  // namespace tributary
