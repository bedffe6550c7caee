// Regular expressions through RE2: the POSIX match operators (~ ~* !~ !~*),
// SIMILAR TO (rewritten by the parser to `~ similar_to_escape(pattern)`),
// and Redshift's REGEXP_COUNT, REGEXP_INSTR, REGEXP_REPLACE and
// REGEXP_SUBSTR with Redshift's argument orders. Positions count UTF-8
// characters. A pattern (and parameter string) that is constant in the query
// is compiled once at bind time; other patterns are compiled when they
// change from one row to the next.
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <string>

#include "common/exception.h"
#include "execution/expression_executor.h"
#include "function/function_registry.h"
#include "function/scalar/scalar_kernel.h"
#include "planner/expression/bound_constant_expression.h"

namespace tributary {

namespace {

using Id = LogicalTypeId;
const LogicalType kText = LogicalType::Varchar();

bool IsContinuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// Characters in s[0, bytes).
int32_t CharCount(std::string_view s, size_t bytes) {
  int32_t n = 0;
  for (size_t i = 0; i < bytes && i < s.size(); i++)
    n += !IsContinuation(s[i]);
  return n;
}

// Byte offset of 1-based character position `position` (clamped).
size_t ByteOffsetOfPosition(std::string_view s, int64_t position) {
  int64_t skip = position - 1;
  size_t i = 0;
  while (skip > 0 && i < s.size()) {
    i++;
    while (i < s.size() && IsContinuation(s[i]))
      i++;
    skip--;
  }
  return skip > 0 ? s.size() + 1 : i;
}

size_t NextCharEnd(std::string_view s, size_t i) {
  i++;
  while (i < s.size() && IsContinuation(s[i]))
    i++;
  return i;
}

// How a pattern is interpreted: Redshift's parameter string ('c', 'i',
// 'e', 'p') or the operator's fixed case sensitivity.
struct RegexOptions {
  bool case_insensitive = false;
  bool subexpression = false;
};

RegexOptions ParseParameters(std::string_view parameters) {
  RegexOptions options;
  for (char c : parameters) {
    switch (c) {
      case 'c':
        options.case_insensitive = false;
        break;
      case 'i':
        options.case_insensitive = true;
        break;
      case 'e':
        options.subexpression = true;
        break;
      case 'p':
        break;  // RE2 already speaks the Perl dialect.
      default:
        throw Exception(sqlstate::kInvalidParameterValue,
                        "invalid regular expression option: \"" + std::string(1, c) + "\"");
    }
  }
  return options;
}

std::shared_ptr<const RE2> Compile(std::string_view pattern, bool case_insensitive) {
  RE2::Options options;
  options.set_log_errors(false);
  // PostgreSQL's `.` matches a newline too.
  options.set_dot_nl(true);
  options.set_case_sensitive(!case_insensitive);
  auto regex =
      std::make_shared<const RE2>(re2::StringPiece(pattern.data(), pattern.size()), options);
  if (!regex->ok()) {
    throw Exception(sqlstate::kInvalidRegularExpression,
                    "invalid regular expression: " + regex->error());
  }
  return regex;
}

// Which argument holds what, per function.
struct RegexLayout {
  idx_t parameters_index = 0;  // 0: no parameter string
  bool fixed_case_insensitive = false;
};

RegexLayout LayoutOf(const ScalarFunction& f) {
  RegexLayout layout;
  const std::string& n = f.name;
  idx_t argc = f.arguments.size();
  layout.fixed_case_insensitive = n == "~*" || n == "!~*";
  idx_t index = 0;
  if (n == "regexp_count")
    index = 3;
  else if (n == "regexp_instr")
    index = 5;
  else if (n == "regexp_substr" || n == "regexp_replace")
    index = 4;
  layout.parameters_index = index != 0 && index < argc ? index : 0;
  return layout;
}

struct RegexBindData : public FunctionData {
  RegexLayout layout;
  // Set when the pattern and the parameters are constant.
  std::shared_ptr<const RE2> regex;
  RegexOptions options;
  std::unique_ptr<FunctionData> Copy() const override {
    return std::make_unique<RegexBindData>(*this);
  }
};

std::unique_ptr<FunctionData> BindRegex(ScalarFunction& bound, std::vector<ExpressionPtr>& args) {
  auto data = std::make_unique<RegexBindData>();
  data->layout = LayoutOf(bound);
  auto constant_text = [&](idx_t i, std::string& out) {
    if (!args[i]->IsFoldable())
      return false;
    Value v = ExpressionExecutor::EvaluateConstant(*args[i]);
    if (v.IsNull())
      return false;
    out = v.GetString();
    return true;
  };
  std::string pattern, parameters;
  if (!constant_text(1, pattern))
    return data;
  if (data->layout.parameters_index && !constant_text(data->layout.parameters_index, parameters))
    return data;
  data->options = ParseParameters(parameters);
  data->options.case_insensitive =
      data->options.case_insensitive || data->layout.fixed_case_insensitive;
  data->regex = Compile(pattern, data->options.case_insensitive);
  return data;
}

// Per kernel call: the compiled regex of the current row (the bound one, or
// the last one compiled when patterns vary).
class RegexSource {
 public:
  RegexSource(DataChunk& args, ExpressionState& state)
      : args_(args), data_(state.BindData()->Cast<RegexBindData>()) {}

  const RE2& Get(const idx_t* rows, RegexOptions& options) {
    if (data_.regex) {
      options = data_.options;
      return *data_.regex;
    }
    auto pattern = args_.column(1).Data<string_t>()[rows[1]].View();
    std::string_view parameters;
    idx_t p = data_.layout.parameters_index;
    if (p)
      parameters = args_.column(p).Data<string_t>()[rows[p]].View();
    options = ParseParameters(parameters);
    options.case_insensitive = options.case_insensitive || data_.layout.fixed_case_insensitive;
    if (!last_ || pattern != last_pattern_ || options.case_insensitive != last_icase_) {
      last_ = Compile(pattern, options.case_insensitive);
      last_pattern_.assign(pattern);
      last_icase_ = options.case_insensitive;
    }
    return *last_;
  }

 private:
  DataChunk& args_;
  const RegexBindData& data_;
  std::shared_ptr<const RE2> last_;
  std::string last_pattern_;
  bool last_icase_ = false;
};

int64_t IntArg(DataChunk& args, idx_t column, const idx_t* rows, int64_t fallback) {
  if (column >= args.ColumnCount())
    return fallback;
  return args.column(column).Data<int32_t>()[rows[column]];
}

// Finds the `occurrence`-th match at or after byte `from`. Empty matches
// advance by one character so the scan always ends.
bool FindMatch(const RE2& re, std::string_view s, size_t from, int64_t occurrence,
               re2::StringPiece* groups, int ngroups) {
  re2::StringPiece text(s.data(), s.size());
  while (from <= s.size()) {
    if (!re.Match(text, from, s.size(), RE2::UNANCHORED, groups, ngroups))
      return false;
    if (--occurrence <= 0)
      return true;
    size_t end = groups[0].data() - s.data() + groups[0].size();
    from = groups[0].empty() ? NextCharEnd(s, end) : end;
  }
  return false;
}

// The `occurrence`-th match at or after character `position`: the whole
// match, or its first capture group when the 'e' option asks for one (its
// data() is null when that group took no part). False when there is none.
bool FindOccurrence(const RE2& re, std::string_view s, int64_t position, int64_t occurrence,
                    const RegexOptions& options, re2::StringPiece* found) {
  re2::StringPiece groups[2];
  int ngroups = options.subexpression && re.NumberOfCapturingGroups() > 0 ? 2 : 1;
  if (!FindMatch(re, s, ByteOffsetOfPosition(s, position), occurrence, groups, ngroups))
    return false;
  *found = groups[ngroups - 1];
  return true;
}

template <bool kNegate>
void MatchOperator(DataChunk& args, ExpressionState& state, Vector& result) {
  RegexSource source(args, state);
  auto out = result.Data<bool>();
  auto strings = args.column(0).Data<string_t>();
  NaryExecute(args, result, [&](idx_t i, const idx_t* rows) {
    RegexOptions options;
    const RE2& re = source.Get(rows, options);
    auto s = strings[rows[0]];
    bool found = RE2::PartialMatch(re2::StringPiece(s.ptr, s.len), re);
    out[i] = found != kNegate;
  });
}

void RegexpCount(DataChunk& args, ExpressionState& state, Vector& result) {
  RegexSource source(args, state);
  auto out = result.Data<int32_t>();
  auto strings = args.column(0).Data<string_t>();
  NaryExecute(args, result, [&](idx_t i, const idx_t* rows) {
    RegexOptions options;
    const RE2& re = source.Get(rows, options);
    auto s = strings[rows[0]].View();
    int64_t position = IntArg(args, 2, rows, 1);
    if (position < 1)
      throw Exception(sqlstate::kInvalidParameterValue, "position must be positive");
    size_t from = ByteOffsetOfPosition(s, position);
    int32_t count = 0;
    re2::StringPiece match;
    while (from <= s.size() && FindMatch(re, s, from, 1, &match, 1)) {
      count++;
      size_t end = match.data() - s.data() + match.size();
      from = match.empty() ? NextCharEnd(s, end) : end;
    }
    out[i] = count;
  });
}

void RegexpInstr(DataChunk& args, ExpressionState& state, Vector& result) {
  RegexSource source(args, state);
  auto out = result.Data<int32_t>();
  auto strings = args.column(0).Data<string_t>();
  NaryExecute(args, result, [&](idx_t i, const idx_t* rows) {
    RegexOptions options;
    const RE2& re = source.Get(rows, options);
    auto s = strings[rows[0]].View();
    int64_t position = IntArg(args, 2, rows, 1);
    int64_t occurrence = IntArg(args, 3, rows, 1);
    int64_t option = IntArg(args, 4, rows, 0);
    if (position < 1)
      throw Exception(sqlstate::kInvalidParameterValue, "position must be positive");
    if (occurrence < 1)
      throw Exception(sqlstate::kInvalidParameterValue, "occurrence must be positive");
    if (option != 0 && option != 1)
      throw Exception(sqlstate::kInvalidParameterValue, "option must be 0 or 1");
    re2::StringPiece g;
    if (!FindOccurrence(re, s, position, occurrence, options, &g) || g.data() == nullptr) {
      out[i] = 0;
      return;
    }
    size_t begin = g.data() - s.data();
    size_t at = option == 0 ? begin : begin + g.size();
    out[i] = CharCount(s, at) + 1;
  });
}

void RegexpSubstr(DataChunk& args, ExpressionState& state, Vector& result) {
  RegexSource source(args, state);
  auto out = result.Data<string_t>();
  auto strings = args.column(0).Data<string_t>();
  NaryExecute(args, result, [&](idx_t i, const idx_t* rows) {
    RegexOptions options;
    const RE2& re = source.Get(rows, options);
    auto s = strings[rows[0]].View();
    int64_t position = IntArg(args, 2, rows, 1);
    int64_t occurrence = IntArg(args, 3, rows, 1);
    if (position < 1)
      throw Exception(sqlstate::kInvalidParameterValue, "position must be positive");
    re2::StringPiece g;
    if (occurrence < 1 || !FindOccurrence(re, s, position, occurrence, options, &g)) {
      out[i] = string_t();
      return;
    }
    out[i] = result.AddString(std::string_view(g.data() ? g.data() : "", g.size()));
  });
}

void RegexpReplace(DataChunk& args, ExpressionState& state, Vector& result) {
  RegexSource source(args, state);
  auto out = result.Data<string_t>();
  auto strings = args.column(0).Data<string_t>();
  std::string buffer;
  re2::StringPiece groups[10];
  NaryExecute(args, result, [&](idx_t i, const idx_t* rows) {
    RegexOptions options;
    const RE2& re = source.Get(rows, options);
    auto s = strings[rows[0]].View();
    std::string_view replacement;
    if (args.ColumnCount() > 2)
      replacement = args.column(2).Data<string_t>()[rows[2]].View();
    int64_t position = IntArg(args, 3, rows, 1);
    if (position < 1)
      throw Exception(sqlstate::kInvalidParameterValue, "position must be positive");
    re2::StringPiece rewrite(replacement.data(), replacement.size());
    std::string error;
    if (!re.CheckRewriteString(rewrite, &error))
      throw Exception(sqlstate::kInvalidRegularExpression, "invalid replacement: " + error);
    int ngroups = std::min(re.NumberOfCapturingGroups() + 1, 10);
    size_t from = std::min(ByteOffsetOfPosition(s, position), s.size());
    buffer.assign(s.substr(0, from));
    size_t copied = from;
    while (from <= s.size() && FindMatch(re, s, from, 1, groups, ngroups)) {
      size_t begin = groups[0].data() - s.data();
      size_t end = begin + groups[0].size();
      buffer.append(s.substr(copied, begin - copied));
      re.Rewrite(&buffer, rewrite, groups, ngroups);
      copied = end;
      if (groups[0].empty()) {
        // Keep the character after an empty match and step over it.
        size_t next = std::min(NextCharEnd(s, end), s.size());
        buffer.append(s.substr(end, next - end));
        copied = next;
        if (end >= s.size())
          break;
        from = next;
      } else {
        from = end;
      }
    }
    if (copied < s.size())
      buffer.append(s.substr(copied));
    out[i] = result.AddString(buffer);
  });
}

// SIMILAR TO pattern -> anchored regular expression (PostgreSQL's rules:
// `%` any string, `_` any character, the escape character quotes the next
// one, regex metacharacters other than `.`, `^` and `$` keep their meaning).
std::string TranslateSimilar(std::string_view pattern, std::string_view escape) {
  if (escape.size() > 1)
    throw Exception("22025", "invalid escape string");
  char esc = escape.empty() ? '\0' : escape[0];
  bool has_escape = !escape.empty();
  std::string out = "^(?:";
  bool in_bracket = false;
  for (size_t i = 0; i < pattern.size(); i++) {
    char c = pattern[i];
    if (has_escape && c == esc) {
      if (i + 1 >= pattern.size())
        throw Exception("22025", "SIMILAR TO pattern must not end with escape character");
      char next = pattern[++i];
      if (std::isalnum(static_cast<unsigned char>(next))) {
        out += next;
      } else {
        out += '\\';
        out += next;
      }
      continue;
    }
    if (in_bracket) {
      if (c == ']')
        in_bracket = false;
      if (c == '\\')
        out += '\\';
      out += c;
      continue;
    }
    switch (c) {
      case '%':
        out += ".*";
        break;
      case '_':
        out += '.';
        break;
      case '(':
        out += "(?:";
        break;
      case '[':
        in_bracket = true;
        out += c;
        break;
      case '.':
      case '^':
      case '$':
      case '\\':
        out += '\\';
        out += c;
        break;
      default:
        out += c;
    }
  }
  out += ")$";
  return out;
}

void SimilarToEscape1(DataChunk& args, ExpressionState&, Vector& result) {
  UnaryExecute<string_t, string_t>(args.column(0), result, args.size(), [&](string_t p) {
    return result.AddString(TranslateSimilar(p.View(), "\\"));
  });
}

void SimilarToEscape2(DataChunk& args, ExpressionState&, Vector& result) {
  BinaryExecute<string_t, string_t, string_t>(
      args.column(0), args.column(1), result, args.size(), [&](string_t p, string_t e) {
        return result.AddString(TranslateSimilar(p.View(), e.View()));
      });
}

}  // namespace

void RegisterRegexpFunctions(FunctionRegistry& r) {
  auto add = [&](const char* name, std::vector<LogicalType> arguments, LogicalType type,
                 scalar_function_t kernel) {
    ScalarFunction f{name, std::move(arguments), std::move(type), kernel, BindRegex};
    r.AddScalar(std::move(f));
  };
  const LogicalType kInt = Id::kInteger;
  add("~", {kText, kText}, Id::kBoolean, MatchOperator<false>);
  add("~*", {kText, kText}, Id::kBoolean, MatchOperator<false>);
  add("!~", {kText, kText}, Id::kBoolean, MatchOperator<true>);
  add("!~*", {kText, kText}, Id::kBoolean, MatchOperator<true>);
  add("regexp_count", {kText, kText}, kInt, RegexpCount);
  add("regexp_count", {kText, kText, kInt}, kInt, RegexpCount);
  add("regexp_count", {kText, kText, kInt, kText}, kInt, RegexpCount);
  add("regexp_instr", {kText, kText}, kInt, RegexpInstr);
  add("regexp_instr", {kText, kText, kInt}, kInt, RegexpInstr);
  add("regexp_instr", {kText, kText, kInt, kInt}, kInt, RegexpInstr);
  add("regexp_instr", {kText, kText, kInt, kInt, kInt}, kInt, RegexpInstr);
  add("regexp_instr", {kText, kText, kInt, kInt, kInt, kText}, kInt, RegexpInstr);
  add("regexp_substr", {kText, kText}, kText, RegexpSubstr);
  add("regexp_substr", {kText, kText, kInt}, kText, RegexpSubstr);
  add("regexp_substr", {kText, kText, kInt, kInt}, kText, RegexpSubstr);
  add("regexp_substr", {kText, kText, kInt, kInt, kText}, kText, RegexpSubstr);
  add("regexp_replace", {kText, kText}, kText, RegexpReplace);
  add("regexp_replace", {kText, kText, kText}, kText, RegexpReplace);
  add("regexp_replace", {kText, kText, kText, kInt}, kText, RegexpReplace);
  add("regexp_replace", {kText, kText, kText, kInt, kText}, kText, RegexpReplace);
  r.AddScalar({"similar_to_escape", {kText}, kText, SimilarToEscape1});
  r.AddScalar({"similar_to_escape", {kText, kText}, kText, SimilarToEscape2});
}

}  // namespace tributary
