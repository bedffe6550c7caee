#include "security/wildcard_match.h"

#include <cctype>

namespace tributary {

namespace {

// Iterative glob matching with single-star backtracking: linear in practice
// and never exponential, whatever the pattern.
template <bool kIgnoreCase>
bool Match(std::string_view p, std::string_view t) {
  size_t pi = 0, ti = 0, star = std::string_view::npos, mark = 0;
  auto eq = [](char a, char b) {
    if constexpr (kIgnoreCase) {
      return std::tolower(static_cast<unsigned char>(a)) ==
             std::tolower(static_cast<unsigned char>(b));
    } else {
      return a == b;
    }
  };
  while (ti < t.size()) {
    if (pi < p.size() && (p[pi] == '?' || (p[pi] != '*' && eq(p[pi], t[ti])))) {
      pi++;
      ti++;
    } else if (pi < p.size() && p[pi] == '*') {
      star = pi++;
      mark = ti;
    } else if (star != std::string_view::npos) {
      pi = star + 1;
      ti = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi] == '*')
    pi++;
  return pi == p.size();
}

}  // namespace

bool WildcardMatch(std::string_view pattern, std::string_view text) {
  return Match<false>(pattern, text);
}

bool WildcardMatchIgnoreCase(std::string_view pattern, std::string_view text) {
  return Match<true>(pattern, text);
}

}  // namespace tributary
