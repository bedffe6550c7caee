// String functions (PostgreSQL semantics; lengths count UTF-8 characters).
#include <algorithm>
#include <cctype>
#include <memory>

#include <openssl/evp.h>

#include "common/exception.h"
#include "function/function_registry.h"
#include "function/scalar/scalar_kernel.h"

namespace tributary {

namespace {

using Id = LogicalTypeId;
const LogicalType kText = LogicalType::Varchar();

bool IsContinuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

int64_t CharLength(std::string_view s) {
  int64_t n = 0;
  for (char c : s)
    n += !IsContinuation(c);
  return n;
}

// Byte offset of character `index` (0-based), clamped to the string's end.
size_t ByteOffset(std::string_view s, int64_t index) {
  if (index <= 0)
    return 0;
  int64_t chars = 0;
  for (size_t i = 0; i < s.size(); i++) {
    if (!IsContinuation(s[i])) {
      if (chars == index)
        return i;
      chars++;
    }
  }
  return s.size();
}

std::string_view Substring(std::string_view s, int64_t start, int64_t length, bool has_length) {
  // PostgreSQL: characters from position `start` (1-based) for `length`;
  // positions before 1 count toward the length.
  if (has_length && length < 0) {
    throw Exception("22011", "negative substring length not allowed");
  }
  int64_t first = start - 1;
  int64_t last = has_length ? first + length : INT64_MAX;
  if (first < 0)
    first = 0;
  if (last <= first)
    return std::string_view();
  size_t b = ByteOffset(s, first);
  size_t e = last == INT64_MAX ? s.size() : ByteOffset(s, last);
  return s.substr(b, e - b);
}

void Concat2(DataChunk& args, ExpressionState&, Vector& result) {
  std::string buffer;
  BinaryExecute<string_t, string_t, string_t>(args.column(0), args.column(1), result, args.size(),
                                              [&](string_t a, string_t b) {
                                                buffer.assign(a.ptr, a.len);
                                                buffer.append(b.ptr, b.len);
                                                return result.AddString(buffer);
                                              });
}

void ConcatVarargs(DataChunk& args, ExpressionState&, Vector& result) {
  std::string buffer;
  bool all_constant = true;
  for (idx_t c = 0; c < args.ColumnCount(); c++)
    all_constant = all_constant && args.column(c).IsConstant();
  idx_t n = all_constant ? 1 : args.size();
  auto out = result.Data<string_t>();
  for (idx_t i = 0; i < n; i++) {
    buffer.clear();
    for (idx_t c = 0; c < args.ColumnCount(); c++) {
      auto& v = args.column(c);
      idx_t row = v.IsConstant() ? 0 : i;
      if (v.IsNull(row))
        continue;  // concat() skips NULLs
      auto s = v.Data<string_t>()[row];
      buffer.append(s.ptr, s.len);
    }
    out[i] = result.AddString(buffer);
  }
  if (all_constant)
    result.MarkConstant();
}

void Length(DataChunk& args, ExpressionState&, Vector& result) {
  UnaryExecute<string_t, int32_t>(args.column(0), result, args.size(), [](string_t s) {
    return static_cast<int32_t>(CharLength(s.View()));
  });
}

void OctetLength(DataChunk& args, ExpressionState&, Vector& result) {
  UnaryExecute<string_t, int32_t>(args.column(0), result, args.size(),
                                  [](string_t s) { return static_cast<int32_t>(s.len); });
}

template <bool kUpper>
void ChangeCase(DataChunk& args, ExpressionState&, Vector& result) {
  std::string buffer;
  UnaryExecute<string_t, string_t>(args.column(0), result, args.size(), [&](string_t s) {
    buffer.assign(s.ptr, s.len);
    for (auto& c : buffer) {
      c = static_cast<char>(kUpper ? std::toupper(static_cast<unsigned char>(c))
                                   : std::tolower(static_cast<unsigned char>(c)));
    }
    return result.AddString(buffer);
  });
}

void Substr2(DataChunk& args, ExpressionState&, Vector& result) {
  BinaryExecute<string_t, int32_t, string_t>(
      args.column(0), args.column(1), result, args.size(), [&](string_t s, int32_t start) {
        auto v = Substring(s.View(), start, 0, false);
        return string_t(v.data(), static_cast<uint32_t>(v.size()));
      });
  result.heap().KeepAlive(args.column(0).heap_ptr());
}

void Substr3(DataChunk& args, ExpressionState&, Vector& result) {
  TernaryExecute<string_t, int32_t, int32_t, string_t>(
      args.column(0), args.column(1), args.column(2), result, args.size(),
      [&](string_t s, int32_t start, int32_t length) {
        auto v = Substring(s.View(), start, length, true);
        return string_t(v.data(), static_cast<uint32_t>(v.size()));
      });
  result.heap().KeepAlive(args.column(0).heap_ptr());
}

int32_t Strpos(std::string_view s, std::string_view sub) {
  auto pos = s.find(sub);
  if (pos == std::string_view::npos)
    return 0;
  return static_cast<int32_t>(CharLength(s.substr(0, pos)) + 1);
}

void StrposKernel(DataChunk& args, ExpressionState&, Vector& result) {
  BinaryExecute<string_t, string_t, int32_t>(
      args.column(0), args.column(1), result, args.size(),
      [](string_t s, string_t sub) { return Strpos(s.View(), sub.View()); });
}

void Replace(DataChunk& args, ExpressionState&, Vector& result) {
  std::string buffer;
  TernaryExecute<string_t, string_t, string_t, string_t>(
      args.column(0), args.column(1), args.column(2), result, args.size(),
      [&](string_t s, string_t from, string_t to) {
        buffer.clear();
        auto view = s.View();
        auto f = from.View();
        if (f.empty())
          return result.AddString(view);
        size_t pos = 0;
        while (true) {
          auto next = view.find(f, pos);
          if (next == std::string_view::npos)
            break;
          buffer.append(view.substr(pos, next - pos));
          buffer.append(to.View());
          pos = next + f.size();
        }
        buffer.append(view.substr(pos));
        return result.AddString(buffer);
      });
}

enum class TrimSide { kBoth, kLeft, kRight };

template <TrimSide kSide>
std::string_view TrimChars(std::string_view s, std::string_view chars) {
  if (kSide != TrimSide::kRight) {
    while (!s.empty() && chars.find(s.front()) != std::string_view::npos)
      s.remove_prefix(1);
  }
  if (kSide != TrimSide::kLeft) {
    while (!s.empty() && chars.find(s.back()) != std::string_view::npos)
      s.remove_suffix(1);
  }
  return s;
}

template <TrimSide kSide>
void Trim1(DataChunk& args, ExpressionState&, Vector& result) {
  UnaryExecute<string_t, string_t>(args.column(0), result, args.size(), [](string_t s) {
    auto v = TrimChars<kSide>(s.View(), " ");
    return string_t(v.data(), static_cast<uint32_t>(v.size()));
  });
  result.heap().KeepAlive(args.column(0).heap_ptr());
}

template <TrimSide kSide>
void Trim2(DataChunk& args, ExpressionState&, Vector& result) {
  BinaryExecute<string_t, string_t, string_t>(
      args.column(0), args.column(1), result, args.size(), [](string_t s, string_t chars) {
        auto v = TrimChars<kSide>(s.View(), chars.View());
        return string_t(v.data(), static_cast<uint32_t>(v.size()));
      });
  result.heap().KeepAlive(args.column(0).heap_ptr());
}

template <bool kLeft>
void LeftRight(DataChunk& args, ExpressionState&, Vector& result) {
  BinaryExecute<string_t, int32_t, string_t>(
      args.column(0), args.column(1), result, args.size(), [](string_t s, int32_t n) {
        auto view = s.View();
        int64_t len = CharLength(view);
        int64_t take = n >= 0 ? std::min<int64_t>(n, len) : std::max<int64_t>(0, len + n);
        std::string_view part = kLeft ? view.substr(0, ByteOffset(view, take))
                                      : view.substr(ByteOffset(view, len - take));
        return string_t(part.data(), static_cast<uint32_t>(part.size()));
      });
  result.heap().KeepAlive(args.column(0).heap_ptr());
}

void Repeat(DataChunk& args, ExpressionState&, Vector& result) {
  std::string buffer;
  BinaryExecute<string_t, int32_t, string_t>(args.column(0), args.column(1), result, args.size(),
                                             [&](string_t s, int32_t n) {
                                               buffer.clear();
                                               for (int32_t i = 0; i < n; i++)
                                                 buffer.append(s.ptr, s.len);
                                               return result.AddString(buffer);
                                             });
}

void Reverse(DataChunk& args, ExpressionState&, Vector& result) {
  std::string buffer;
  UnaryExecute<string_t, string_t>(args.column(0), result, args.size(), [&](string_t s) {
    buffer.clear();
    auto v = s.View();
    // Reverse by characters, keeping UTF-8 sequences intact.
    size_t end = v.size();
    while (end > 0) {
      size_t start = end - 1;
      while (start > 0 && IsContinuation(v[start]))
        start--;
      buffer.append(v.substr(start, end - start));
      end = start;
    }
    return result.AddString(buffer);
  });
}

template <bool kLeft>
void Pad(DataChunk& args, ExpressionState&, Vector& result) {
  std::string buffer;
  auto pad = [&](string_t s, int32_t length, std::string_view fill) {
    auto v = s.View();
    int64_t len = CharLength(v);
    if (length <= len) {
      auto part = v.substr(0, ByteOffset(v, length));
      return result.AddString(part);
    }
    buffer.clear();
    std::string filler;
    if (!fill.empty()) {
      int64_t need = length - len;
      size_t i = 0;
      while (need > 0) {
        size_t e = i + 1;
        while (e < fill.size() && IsContinuation(fill[e]))
          e++;
        filler.append(fill.substr(i, e - i));
        i = e >= fill.size() ? 0 : e;
        need--;
      }
    }
    if (kLeft) {
      buffer = filler;
      buffer.append(v);
    } else {
      buffer.assign(v);
      buffer.append(filler);
    }
    return result.AddString(buffer);
  };
  if (args.ColumnCount() == 2) {
    BinaryExecute<string_t, int32_t, string_t>(
        args.column(0), args.column(1), result, args.size(),
        [&](string_t s, int32_t n) { return pad(s, n, " "); });
  } else {
    TernaryExecute<string_t, int32_t, string_t, string_t>(
        args.column(0), args.column(1), args.column(2), result, args.size(),
        [&](string_t s, int32_t n, string_t f) { return pad(s, n, f.View()); });
  }
}

void SplitPart(DataChunk& args, ExpressionState&, Vector& result) {
  TernaryExecute<string_t, string_t, int32_t, string_t>(
      args.column(0), args.column(1), args.column(2), result, args.size(),
      [&](string_t s, string_t delimiter, int32_t n) {
        if (n == 0)
          throw Exception(sqlstate::kInvalidParameterValue, "field position must not be zero");
        auto v = s.View();
        auto d = delimiter.View();
        std::vector<std::string_view> parts;
        if (d.empty()) {
          parts.push_back(v);
        } else {
          size_t pos = 0;
          while (true) {
            auto next = v.find(d, pos);
            parts.push_back(v.substr(
                pos, next == std::string_view::npos ? std::string_view::npos : next - pos));
            if (next == std::string_view::npos)
              break;
            pos = next + d.size();
          }
        }
        int64_t index = n > 0 ? n - 1 : static_cast<int64_t>(parts.size()) + n;
        if (index < 0 || index >= static_cast<int64_t>(parts.size()))
          return string_t("", 0);
        return string_t(parts[index].data(), static_cast<uint32_t>(parts[index].size()));
      });
  result.heap().KeepAlive(args.column(0).heap_ptr());
}

void Initcap(DataChunk& args, ExpressionState&, Vector& result) {
  std::string buffer;
  UnaryExecute<string_t, string_t>(args.column(0), result, args.size(), [&](string_t s) {
    buffer.assign(s.ptr, s.len);
    bool start = true;
    for (auto& c : buffer) {
      unsigned char u = static_cast<unsigned char>(c);
      if (std::isalnum(u)) {
        c = static_cast<char>(start ? std::toupper(u) : std::tolower(u));
        start = false;
      } else {
        start = true;
      }
    }
    return result.AddString(buffer);
  });
}

// md5(text): the 32 lower-case hex digits of the MD5 digest (OpenSSL EVP).
void Md5(DataChunk& args, ExpressionState&, Vector& result) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  UnaryExecute<string_t, string_t>(args.column(0), result, args.size(), [&](string_t s) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_md5(), nullptr) != 1 ||
        EVP_DigestUpdate(ctx.get(), s.ptr, s.len) != 1 ||
        EVP_DigestFinal_ex(ctx.get(), digest, &size) != 1) {
      throw Exception(sqlstate::kOutOfMemory, "could not compute MD5 hash");
    }
    static constexpr char kHex[] = "0123456789abcdef";
    char hex[2 * EVP_MAX_MD_SIZE];
    for (unsigned int i = 0; i < size; i++) {
      hex[2 * i] = kHex[digest[i] >> 4];
      hex[2 * i + 1] = kHex[digest[i] & 15];
    }
    return result.AddString(std::string_view(hex, 2 * size));
  });
}
}  // namespace

void RegisterLikeFunctions(FunctionRegistry& registry);

void RegisterStringFunctions(FunctionRegistry& r) {
  r.AddScalar({"||", {kText, kText}, kText, Concat2});
  r.AddScalar({"md5", {kText}, kText, Md5});
  ScalarFunction concat{"concat", {}, kText, ConcatVarargs};
  concat.varargs = kText;
  concat.null_handling = FunctionNullHandling::kSpecial;
  r.AddScalar(concat);
  for (const char* name : {"length", "char_length", "character_length", "len"}) {
    r.AddScalar({name, {kText}, Id::kInteger, Length});
  }
  r.AddScalar({"octet_length", {kText}, Id::kInteger, OctetLength});
  r.AddScalar({"upper", {kText}, kText, ChangeCase<true>});
  r.AddScalar({"lower", {kText}, kText, ChangeCase<false>});
  for (const char* name : {"substring", "substr"}) {
    r.AddScalar({name, {kText, Id::kInteger}, kText, Substr2});
    r.AddScalar({name, {kText, Id::kInteger, Id::kInteger}, kText, Substr3});
  }
  r.AddScalar({"strpos", {kText, kText}, Id::kInteger, StrposKernel});
  // POSITION(sub IN s) arrives as position(s, sub).
  r.AddScalar({"position", {kText, kText}, Id::kInteger, StrposKernel});
  r.AddScalar({"replace", {kText, kText, kText}, kText, Replace});
  r.AddScalar({"btrim", {kText}, kText, Trim1<TrimSide::kBoth>});
  r.AddScalar({"trim", {kText}, kText, Trim1<TrimSide::kBoth>});
  r.AddScalar({"ltrim", {kText}, kText, Trim1<TrimSide::kLeft>});
  r.AddScalar({"rtrim", {kText}, kText, Trim1<TrimSide::kRight>});
  r.AddScalar({"btrim", {kText, kText}, kText, Trim2<TrimSide::kBoth>});
  r.AddScalar({"ltrim", {kText, kText}, kText, Trim2<TrimSide::kLeft>});
  r.AddScalar({"rtrim", {kText, kText}, kText, Trim2<TrimSide::kRight>});
  r.AddScalar({"left", {kText, Id::kInteger}, kText, LeftRight<true>});
  r.AddScalar({"right", {kText, Id::kInteger}, kText, LeftRight<false>});
  r.AddScalar({"repeat", {kText, Id::kInteger}, kText, Repeat});
  r.AddScalar({"reverse", {kText}, kText, Reverse});
  r.AddScalar({"lpad", {kText, Id::kInteger}, kText, Pad<true>});
  r.AddScalar({"lpad", {kText, Id::kInteger, kText}, kText, Pad<true>});
  r.AddScalar({"rpad", {kText, Id::kInteger}, kText, Pad<false>});
  r.AddScalar({"rpad", {kText, Id::kInteger, kText}, kText, Pad<false>});
  r.AddScalar({"split_part", {kText, kText, Id::kInteger}, kText, SplitPart});
  r.AddScalar({"initcap", {kText}, kText, Initcap});
  RegisterLikeFunctions(r);
}

}  // namespace tributary
