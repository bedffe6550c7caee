// LIKE / NOT LIKE / ILIKE / NOT ILIKE (operators ~~ !~~ ~~* !~~*) and
// like_escape. `%` matches any run of characters, `_` one character (UTF-8
// aware), `\` escapes. Constant patterns of the common shapes (prefix%,
// %suffix, %infix%, exact) use plain comparisons; others use an iterative
// matcher that never backtracks exponentially.
#include <algorithm>
#include <cctype>
#include <vector>

#include "common/exception.h"
#include "function/function_registry.h"
#include "function/scalar/scalar_kernel.h"

namespace tributary {

namespace {

const LogicalType kText = LogicalType::Varchar();

[[noreturn]] void BadEscape() {
  throw Exception("22025", "LIKE pattern must not end with escape character");
}

size_t CharEnd(std::string_view s, size_t i) {
  size_t e = i + 1;
  while (e < s.size() && (static_cast<unsigned char>(s[e]) & 0xC0) == 0x80)
    e++;
  return e;
}

bool LikeMatch(std::string_view s, std::string_view p) {
  size_t si = 0, pi = 0;
  size_t star_p = std::string_view::npos, star_s = 0;
  while (si < s.size()) {
    if (pi < p.size()) {
      char c = p[pi];
      if (c == '%') {
        star_p = ++pi;
        star_s = si;
        continue;
      }
      if (c == '_') {
        si = CharEnd(s, si);
        pi++;
        continue;
      }
      if (c == '\\') {
        if (pi + 1 >= p.size())
          BadEscape();
        c = p[pi + 1];
        if (s[si] == c) {
          si++;
          pi += 2;
          continue;
        }
      } else if (s[si] == c) {
        si++;
        pi++;
        continue;
      }
    }
    if (star_p == std::string_view::npos)
      return false;
    pi = star_p;
    star_s = CharEnd(s, star_s);
    si = star_s;
  }
  while (pi < p.size() && p[pi] == '%')
    pi++;
  return pi == p.size();
}

// A constant pattern's shape, when it is one of the simple ones.
struct SimplePattern {
  enum class Kind { kGeneral, kExact, kPrefix, kSuffix, kInfix, kSegments } kind = Kind::kGeneral;
  std::string literal;
  // kSegments: literals separated by %, e.g. %special%requests%; the first
  // is anchored at the start unless the pattern starts with %, the last at
  // the end unless it ends with %.
  std::vector<std::string> segments;
  bool anchored_start = false;
  bool anchored_end = false;
};

// Literals separated by % match when found in order, each leftmost after
// the previous one (leftmost is always safe: % absorbs anything).
bool SegmentsMatch(const SimplePattern& p, std::string_view s) {
  size_t first = 0, last = p.segments.size();
  size_t pos = 0, limit = s.size();
  if (p.anchored_start) {
    const auto& head = p.segments[0];
    if (s.size() < head.size() || s.compare(0, head.size(), head) != 0)
      return false;
    pos = head.size();
    first = 1;
  }
  if (p.anchored_end) {
    const auto& tail = p.segments[--last];
    if (s.size() < pos + tail.size() || s.compare(s.size() - tail.size(), tail.size(), tail) != 0)
      return false;
    limit = s.size() - tail.size();
  }
  std::string_view body = s.substr(0, limit);
  for (size_t i = first; i < last; i++) {
    size_t found = body.find(p.segments[i], pos);
    if (found == std::string_view::npos)
      return false;
    pos = found + p.segments[i].size();
  }
  return true;
}

// kSegments for a pattern of literals and % only (at least one %, no _ or
// escape); kGeneral otherwise.
SimplePattern AnalyzeSegments(std::string_view p) {
  SimplePattern result;
  if (p.find_first_of("_\\") != std::string_view::npos || p.find('%') == std::string_view::npos)
    return result;
  result.anchored_start = p.front() != '%';
  result.anchored_end = p.back() != '%';
  size_t start = 0;
  while (start <= p.size()) {
    size_t end = p.find('%', start);
    if (end == std::string_view::npos)
      end = p.size();
    std::string_view segment = p.substr(start, end - start);
    bool edge = (start == 0 && result.anchored_start) || (end == p.size() && result.anchored_end);
    if (!segment.empty() || edge)
      result.segments.emplace_back(segment);
    start = end + 1;
  }
  result.kind = SimplePattern::Kind::kSegments;
  return result;
}

SimplePattern Analyze(std::string_view p) {
  SimplePattern result;
  bool leading = !p.empty() && p.front() == '%';
  bool trailing = p.size() > 1 && p.back() == '%' && p[p.size() - 2] != '\\';
  std::string_view core = p.substr(leading ? 1 : 0);
  if (trailing)
    core.remove_suffix(1);
  for (char c : core) {
    if (c == '%' || c == '_' || c == '\\')
      return AnalyzeSegments(p);
  }
  result.literal = std::string(core);
  result.kind = leading && trailing ? SimplePattern::Kind::kInfix
                : leading           ? SimplePattern::Kind::kSuffix
                : trailing          ? SimplePattern::Kind::kPrefix
                                    : SimplePattern::Kind::kExact;
  return result;
}

bool SimpleMatch(const SimplePattern& p, std::string_view s) {
  const std::string& l = p.literal;
  switch (p.kind) {
    case SimplePattern::Kind::kExact:
      return s == l;
    case SimplePattern::Kind::kPrefix:
      return s.size() >= l.size() && s.compare(0, l.size(), l) == 0;
    case SimplePattern::Kind::kSuffix:
      return s.size() >= l.size() && s.compare(s.size() - l.size(), l.size(), l) == 0;
    case SimplePattern::Kind::kInfix:
      return s.find(l) != std::string_view::npos;
    case SimplePattern::Kind::kSegments:
      return SegmentsMatch(p, s);
    default:
      return false;
  }
}

std::string Lower(std::string_view s) {
  std::string r(s);
  for (auto& c : r)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return r;
}

template <bool kNegate, bool kIgnoreCase>
void LikeKernel(DataChunk& args, ExpressionState&, Vector& result) {
  auto& pattern = args.column(1);
  if (pattern.IsConstant() && !pattern.IsNull(0)) {
    std::string p = pattern.Data<string_t>()[0].ToString();
    if (kIgnoreCase)
      p = Lower(p);
    auto simple = Analyze(p);
    bool general = simple.kind == SimplePattern::Kind::kGeneral;
    UnaryExecute<string_t, bool>(args.column(0), result, args.size(), [&](string_t s) {
      bool match;
      if (kIgnoreCase) {
        std::string lower = Lower(s.View());
        match = general ? LikeMatch(lower, p) : SimpleMatch(simple, lower);
      } else {
        match = general ? LikeMatch(s.View(), p) : SimpleMatch(simple, s.View());
      }
      return match != kNegate;
    });
    return;
  }
  BinaryExecute<string_t, string_t, bool>(
      args.column(0), pattern, result, args.size(), [](string_t s, string_t p) {
        bool match = kIgnoreCase ? LikeMatch(Lower(s.View()), Lower(p.View()))
                                 : LikeMatch(s.View(), p.View());
        return match != kNegate;
      });
}

void LikeEscape(DataChunk& args, ExpressionState&, Vector& result) {
  std::string buffer;
  BinaryExecute<string_t, string_t, string_t>(
      args.column(0), args.column(1), result, args.size(), [&](string_t pattern, string_t escape) {
        auto p = pattern.View();
        auto e = escape.View();
        if (e.size() > 1) {
          throw Exception("22019", "invalid escape string")
              .WithHint("Escape string must be empty or one character.");
        }
        buffer.clear();
        for (size_t i = 0; i < p.size(); i++) {
          char c = p[i];
          if (!e.empty() && c == e[0]) {
            if (i + 1 >= p.size())
              BadEscape();
            buffer += '\\';
            buffer += p[++i];
          } else if (c == '\\') {
            buffer += "\\\\";
          } else {
            buffer += c;
          }
        }
        return result.AddString(buffer);
      });
}

}  // namespace

void RegisterLikeFunctions(FunctionRegistry& r) {
  // CHAR keeps its blank padding under LIKE, as PostgreSQL's bpchar LIKE
  // does ('c1  ' LIKE 'c_' is false). Registered first: preferred for CHAR.
  LogicalType any_char(LogicalTypeId::kChar);
  r.AddScalar({"~~", {any_char, kText}, LogicalTypeId::kBoolean, LikeKernel<false, false>});
  r.AddScalar({"!~~", {any_char, kText}, LogicalTypeId::kBoolean, LikeKernel<true, false>});
  r.AddScalar({"~~*", {any_char, kText}, LogicalTypeId::kBoolean, LikeKernel<false, true>});
  r.AddScalar({"!~~*", {any_char, kText}, LogicalTypeId::kBoolean, LikeKernel<true, true>});
  r.AddScalar({"~~", {kText, kText}, LogicalTypeId::kBoolean, LikeKernel<false, false>});
  r.AddScalar({"!~~", {kText, kText}, LogicalTypeId::kBoolean, LikeKernel<true, false>});
  r.AddScalar({"~~*", {kText, kText}, LogicalTypeId::kBoolean, LikeKernel<false, true>});
  r.AddScalar({"!~~*", {kText, kText}, LogicalTypeId::kBoolean, LikeKernel<true, true>});
  r.AddScalar({"like_escape", {kText, kText}, kText, LikeEscape});
}

}  // namespace tributary
