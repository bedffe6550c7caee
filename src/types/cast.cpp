#include "types/cast.h"

#include "common/utf8_length.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "common/exception.h"
#include "types/date.h"
#include "types/decimal.h"
#include "types/float_format.h"
#include "types/timestamp.h"

namespace tributary {

namespace {

using Id = LogicalTypeId;

int NumericRank(Id id) {
  switch (id) {
    case Id::kSmallInt:
      return 0;
    case Id::kInteger:
      return 1;
    case Id::kBigInt:
      return 2;
    case Id::kDecimal:
      return 3;
    case Id::kReal:
      return 4;
    case Id::kDouble:
      return 5;
    default:
      return -1;
  }
}

int TemporalRank(Id id) {
  switch (id) {
    case Id::kDate:
      return 0;
    case Id::kTimestamp:
      return 1;
    case Id::kTimestampTz:
      return 2;
    default:
      return -1;
  }
}

int IntegerDigits(Id id) {
  return id == Id::kSmallInt ? 5 : id == Id::kInteger ? 10 : 19;
}

const char* IntegerTypeName(Id id) {
  return id == Id::kSmallInt ? "smallint" : id == Id::kInteger ? "integer" : "bigint";
}

[[noreturn]] void IntegerOutOfRange(Id id) {
  throw Exception(sqlstate::kNumericValueOutOfRange,
                  std::string(IntegerTypeName(id)) + " out of range");
}

template <class T>
T CheckedInteger(hugeint_t v, Id id) {
  if (v < static_cast<hugeint_t>(std::numeric_limits<T>::min()) ||
      v > static_cast<hugeint_t>(std::numeric_limits<T>::max())) {
    IntegerOutOfRange(id);
  }
  return static_cast<T>(v);
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
    s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
    s.remove_suffix(1);
  return s;
}

int64_t ParseInteger(std::string_view raw, Id id) {
  std::string_view s = Trim(raw);
  const char* type = IntegerTypeName(id);
  auto bad = [&]() -> int64_t {
    throw Exception(
        sqlstate::kInvalidTextRepresentation,
        std::string("invalid input syntax for type ") + type + ": \"" + std::string(raw) + "\"");
  };
  if (s.empty())
    return bad();
  bool negative = false;
  size_t i = 0;
  if (s[0] == '+' || s[0] == '-')
    negative = s[i++] == '-';
  if (i == s.size())
    return bad();
  hugeint_t value = 0;
  for (; i < s.size(); i++) {
    if (s[i] < '0' || s[i] > '9')
      return bad();
    value = value * 10 + (s[i] - '0');
    if (value > static_cast<hugeint_t>(1) << 64)
      break;
  }
  if (negative)
    value = -value;
  hugeint_t lo = id == Id::kSmallInt ? INT16_MIN : id == Id::kInteger ? INT32_MIN : INT64_MIN;
  hugeint_t hi = id == Id::kSmallInt ? INT16_MAX : id == Id::kInteger ? INT32_MAX : INT64_MAX;
  if (value < lo || value > hi) {
    throw Exception(sqlstate::kNumericValueOutOfRange,
                    "value \"" + std::string(raw) + "\" is out of range for type " + type);
  }
  return static_cast<int64_t>(value);
}

double ParseDouble(std::string_view raw, bool is_real) {
  std::string s(Trim(raw));
  const char* type = is_real ? "real" : "double precision";
  std::string lower;
  for (char c : s)
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "nan")
    return std::nan("");
  if (lower == "infinity" || lower == "+infinity" || lower == "inf" || lower == "+inf") {
    return std::numeric_limits<double>::infinity();
  }
  if (lower == "-infinity" || lower == "-inf")
    return -std::numeric_limits<double>::infinity();
  char* end = nullptr;
  errno = 0;
  double v = s.empty() ? 0 : std::strtod(s.c_str(), &end);
  if (s.empty() || end != s.c_str() + s.size() || lower.find("inf") != std::string::npos ||
      lower.find("nan") != std::string::npos || lower.find('x') != std::string::npos) {
    throw Exception(
        sqlstate::kInvalidTextRepresentation,
        std::string("invalid input syntax for type ") + type + ": \"" + std::string(raw) + "\"");
  }
  if (errno == ERANGE && std::isinf(v)) {
    throw Exception(sqlstate::kNumericValueOutOfRange,
                    "\"" + std::string(raw) + "\" is out of range for type " + type);
  }
  return v;
}

bool ParseBoolean(std::string_view raw) {
  std::string s(Trim(raw));
  for (auto& c : s)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto prefix_of = [&](const char* word) {
    return !s.empty() && std::string(word).compare(0, s.size(), s) == 0;
  };
  if (s == "1" || (s.size() >= 1 && prefix_of("true")) || (s.size() >= 1 && prefix_of("yes")) ||
      s == "on") {
    return true;
  }
  if (s == "0" || (s.size() >= 1 && prefix_of("false")) || (s.size() >= 1 && prefix_of("no")) ||
      (s.size() >= 2 && prefix_of("off"))) {
    return false;
  }
  throw Exception(sqlstate::kInvalidTextRepresentation,
                  "invalid input syntax for type boolean: \"" + std::string(raw) + "\"");
}

// The byte length of the first `chars` UTF-8 characters.
size_t Utf8Prefix(std::string_view s, size_t chars) {
  size_t count = 0;
  for (size_t i = 0; i < s.size(); i++) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (count == chars)
        return i;
      count++;
    }
  }
  return s.size();
}

// Text form of one value of `type` stored as T.
template <class T>
std::string FormatOne(const T& v, const LogicalType& type) {
  if constexpr (std::is_same_v<T, bool>) {
    return v ? "true" : "false";  // bool -> text is "true"/"false" in PostgreSQL
  } else if constexpr (std::is_same_v<T, float>) {
    return FormatFloat(v);
  } else if constexpr (std::is_same_v<T, double>) {
    return FormatDouble(v);
  } else if constexpr (std::is_same_v<T, string_t>) {
    return v.ToString();
  } else if constexpr (std::is_same_v<T, interval_t>) {
    return Interval::Format(v);
  } else if constexpr (std::is_same_v<T, hugeint_t>) {
    return Decimal::Format(v, type.scale());
  } else {
    switch (type.id()) {
      case Id::kDecimal:
        return Decimal::Format(v, type.scale());
      case Id::kDate:
        return Date::Format(static_cast<int32_t>(v));
      case Id::kTimestamp:
        return Timestamp::Format(v, false);
      case Id::kTimestampTz:
        return Timestamp::Format(v, true);
      default: {
        char buf[32];
        auto r = std::to_chars(buf, buf + sizeof(buf), v);
        return std::string(buf, r.ptr);
      }
    }
  }
}

// The generic loop: fn(source value) -> target value, NULLs passed through.
template <class S, class T, class F>
void CastLoop(const Vector& source, Vector& result, idx_t count, F&& fn) {
  auto src = source.Data<S>();
  auto dst = result.Data<T>();
  auto& validity = source.validity();
  if (validity.AllValid()) {
    for (idx_t i = 0; i < count; i++)
      dst[i] = fn(src[i]);
  } else {
    for (idx_t i = 0; i < count; i++) {
      if (validity.RowIsValid(i)) {
        dst[i] = fn(src[i]);
      } else {
        result.validity().SetInvalid(i);
      }
    }
  }
}

// Reads the numeric value of a source row as hugeint (integers, decimals).
template <class S>
hugeint_t AsHuge(const S& v) {
  if constexpr (std::is_same_v<S, string_t> || std::is_same_v<S, interval_t> ||
                std::is_same_v<S, float> || std::is_same_v<S, double>) {
    return 0;
  } else {
    return static_cast<hugeint_t>(v);
  }
}

template <class S>
void CastFromTyped(const Vector& source, Vector& result, idx_t count) {
  const LogicalType& from = source.type();
  const LogicalType& to = result.type();
  Id f = from.id(), t = to.id();

  // To text.
  if constexpr (std::is_same_v<S, string_t>) {
    if (to.IsString() && t != Id::kChar) {
      // Text to VARCHAR: the result is a prefix of the source bytes, so it
      // is a view into them (kept alive through the source's heap) unless
      // it must be truncated to the target width.
      size_t width = to.width() > 0 ? static_cast<size_t>(to.width()) : 0;
      CastLoop<S, string_t>(source, result, count, [&](const S& v) {
        std::string_view view = v.View();
        if (f == Id::kChar) {
          // CHAR(n) values carry their blank padding: drop it 8 bytes at a
          // time, then byte by byte.
          size_t n = view.size();
          uint64_t word;
          while (n >= 8 &&
                 (std::memcpy(&word, view.data() + n - 8, 8), word == 0x2020202020202020ULL))
            n -= 8;
          while (n > 0 && view[n - 1] == ' ')
            n--;
          view = view.substr(0, n);
        }
        if (width > 0 && view.size() > width && Utf8Length(view) > width) {
          std::string s(view);
          s.resize(Utf8Prefix(s, to.width()));
          return result.AddString(s);
        }
        return string_t(view.data(), static_cast<uint32_t>(view.size()));
      });
      if (source.heap_ptr())
        result.heap().KeepAlive(source.heap_ptr());
      return;
    }
  }
  if (to.IsString()) {
    CastLoop<S, string_t>(source, result, count, [&](const S& v) {
      std::string s;
      if constexpr (std::is_same_v<S, string_t>) {
        std::string_view view = v.View();
        if (f == Id::kChar) {
          while (!view.empty() && view.back() == ' ')
            view.remove_suffix(1);
        }
        s = std::string(view);
      } else if constexpr (std::is_same_v<S, bool>) {
        s = v ? "true" : "false";
      } else {
        s = FormatOne<S>(v, from);
      }
      if (to.width() > 0 && s.size() > static_cast<size_t>(to.width())) {
        size_t chars = Utf8Length(s);
        if (chars > static_cast<size_t>(to.width()))
          s.resize(Utf8Prefix(s, to.width()));
      }
      if (t == Id::kChar) {
        size_t chars = Utf8Length(s);
        if (chars < static_cast<size_t>(to.width()))
          s.append(to.width() - chars, ' ');
      }
      return result.AddString(s);
    });
    return;
  }

  if constexpr (std::is_same_v<S, string_t>) {
    // From text.
    switch (t) {
      case Id::kBoolean:
        CastLoop<S, bool>(source, result, count, [](const S& v) { return ParseBoolean(v.View()); });
        return;
      case Id::kSmallInt:
        CastLoop<S, int16_t>(source, result, count, [](const S& v) {
          return static_cast<int16_t>(ParseInteger(v.View(), Id::kSmallInt));
        });
        return;
      case Id::kInteger:
        CastLoop<S, int32_t>(source, result, count, [](const S& v) {
          return static_cast<int32_t>(ParseInteger(v.View(), Id::kInteger));
        });
        return;
      case Id::kBigInt:
        CastLoop<S, int64_t>(source, result, count,
                             [](const S& v) { return ParseInteger(v.View(), Id::kBigInt); });
        return;
      case Id::kDecimal:
        if (to.physical() == PhysicalType::kInt64) {
          CastLoop<S, int64_t>(source, result, count, [&](const S& v) {
            return static_cast<int64_t>(Decimal::Parse(v.View(), to.width(), to.scale()));
          });
        } else {
          CastLoop<S, hugeint_t>(source, result, count, [&](const S& v) {
            return Decimal::Parse(v.View(), to.width(), to.scale());
          });
        }
        return;
      case Id::kReal:
        CastLoop<S, float>(source, result, count, [](const S& v) {
          double d = ParseDouble(v.View(), true);
          if (std::isfinite(d) && std::fabs(d) > std::numeric_limits<float>::max()) {
            throw Exception(sqlstate::kNumericValueOutOfRange,
                            "\"" + v.ToString() + "\" is out of range for type real");
          }
          return static_cast<float>(d);
        });
        return;
      case Id::kDouble:
        CastLoop<S, double>(source, result, count,
                            [](const S& v) { return ParseDouble(v.View(), false); });
        return;
      case Id::kDate:
        CastLoop<S, int32_t>(source, result, count,
                             [](const S& v) { return Date::Parse(v.View()); });
        return;
      case Id::kTimestamp:
      case Id::kTimestampTz:
        CastLoop<S, int64_t>(source, result, count, [&](const S& v) {
          return Timestamp::Parse(v.View(), t == Id::kTimestampTz);
        });
        return;
      case Id::kInterval:
        CastLoop<S, interval_t>(source, result, count,
                                [](const S& v) { return Interval::Parse(v.View()); });
        return;
      default:
        break;
    }
  } else if constexpr (std::is_same_v<S, interval_t>) {
    // Only interval -> interval / text, handled elsewhere.
  } else {
    // Numeric, boolean and temporal sources.
    bool from_float = f == Id::kReal || f == Id::kDouble;
    if (t == Id::kBoolean && (from.IsInteger() || f == Id::kBoolean)) {
      CastLoop<S, bool>(source, result, count, [](const S& v) { return v != 0; });
      return;
    }
    if (to.IsInteger() &&
        (from.IsInteger() || f == Id::kBoolean || f == Id::kDecimal || from_float)) {
      auto convert = [&](const S& v) -> hugeint_t {
        if constexpr (std::is_same_v<S, float> || std::is_same_v<S, double>) {
          double d = static_cast<double>(v);
          if (std::isnan(d) || std::isinf(d) || d < -9.3e18 || d > 9.3e18)
            IntegerOutOfRange(t);
          return static_cast<hugeint_t>(std::nearbyint(d));  // half to even, like rint()
        } else {
          hugeint_t h = AsHuge(v);
          if (f == Id::kDecimal)
            h = Decimal::Rescale(h, from.scale(), 0);
          return h;
        }
      };
      switch (t) {
        case Id::kSmallInt:
          CastLoop<S, int16_t>(source, result, count,
                               [&](const S& v) { return CheckedInteger<int16_t>(convert(v), t); });
          return;
        case Id::kInteger:
          CastLoop<S, int32_t>(source, result, count,
                               [&](const S& v) { return CheckedInteger<int32_t>(convert(v), t); });
          return;
        default:
          CastLoop<S, int64_t>(source, result, count,
                               [&](const S& v) { return CheckedInteger<int64_t>(convert(v), t); });
          return;
      }
    }
    if (t == Id::kDecimal && (from.IsInteger() || f == Id::kDecimal || from_float)) {
      auto convert = [&](const S& v) -> hugeint_t {
        if constexpr (std::is_same_v<S, float> || std::is_same_v<S, double>) {
          return Decimal::FromDouble(static_cast<double>(v), to.width(), to.scale());
        } else {
          hugeint_t h =
              Decimal::Rescale(AsHuge(v), f == Id::kDecimal ? from.scale() : 0, to.scale());
          Decimal::CheckPrecision(h, to.width(), to.scale());
          return h;
        }
      };
      if (to.physical() == PhysicalType::kInt64) {
        CastLoop<S, int64_t>(source, result, count,
                             [&](const S& v) { return static_cast<int64_t>(convert(v)); });
      } else {
        CastLoop<S, hugeint_t>(source, result, count, convert);
      }
      return;
    }
    if ((t == Id::kReal || t == Id::kDouble) &&
        (from.IsInteger() || f == Id::kDecimal || from_float)) {
      auto convert = [&](const S& v) -> double {
        if (f == Id::kDecimal)
          return Decimal::ToDouble(AsHuge(v), from.scale());
        return static_cast<double>(v);
      };
      if (t == Id::kReal) {
        CastLoop<S, float>(source, result, count, [&](const S& v) {
          double d = convert(v);
          if (std::isfinite(d) && std::fabs(d) > std::numeric_limits<float>::max()) {
            throw Exception(sqlstate::kNumericValueOutOfRange, "value out of range: overflow");
          }
          return static_cast<float>(d);
        });
      } else {
        CastLoop<S, double>(source, result, count, convert);
      }
      return;
    }
    if (TemporalRank(f) >= 0 && TemporalRank(t) >= 0) {
      if (t == Id::kDate) {
        CastLoop<S, int32_t>(source, result, count, [&](const S& v) {
          return f == Id::kDate ? static_cast<int32_t>(v)
                                : Timestamp::ToDate(static_cast<int64_t>(v));
        });
      } else {
        CastLoop<S, int64_t>(source, result, count, [&](const S& v) {
          return f == Id::kDate ? Timestamp::FromDate(static_cast<int32_t>(v))
                                : static_cast<int64_t>(v);
        });
      }
      return;
    }
  }
  throw Exception("42846", "cannot cast type " + from.ToString() + " to " + to.ToString());
}

}  // namespace

bool CanCast(const LogicalType& from, const LogicalType& to) {
  Id f = from.id(), t = to.id();
  if (f == t || f == Id::kNull || from.IsString() || to.IsString())
    return true;
  bool fnum = NumericRank(f) >= 0, tnum = NumericRank(t) >= 0;
  if (fnum && tnum)
    return true;
  if ((f == Id::kBoolean && to.IsInteger()) || (t == Id::kBoolean && from.IsInteger()))
    return true;
  return TemporalRank(f) >= 0 && TemporalRank(t) >= 0;
}

void CastVector(const Vector& source, Vector& result, idx_t count) {
  const LogicalType& from = source.type();
  const LogicalType& to = result.type();
  if (source.IsConstant()) {
    // Cast the single value, keep the result constant.
    Vector one(to, 1);
    Vector flat(from, 1);
    flat.CopyFrom(source, SelectionVector(), 1, 0);
    CastVector(flat, one, 1);
    result.SetConstant(one.GetValue(0));
    return;
  }
  if (from.id() == Id::kNull) {
    for (idx_t i = 0; i < count; i++)
      result.validity().SetInvalid(i);
    return;
  }
  if (from == to && !(to.id() == Id::kChar)) {
    result.Reference(source);
    return;
  }
  if (from.id() == to.id() && !to.IsString() && to.id() != Id::kDecimal) {
    result.Reference(source);
    return;
  }
  if (from.id() == Id::kInterval && to.id() == Id::kInterval) {
    result.Reference(source);
    return;
  }
  DispatchPhysical(from.physical(), [&](auto tag) {
    using S = typename decltype(tag)::type;
    CastFromTyped<S>(source, result, count);
  });
}

Value CastValue(const Value& value, const LogicalType& target) {
  if (value.IsNull())
    return Value::Null(target);
  if (value.type() == target)
    return value;
  Vector source(value);
  Vector result(target, 1);
  CastVector(source, result, 1);
  return result.GetValue(0);
}

int64_t ImplicitCastCost(const LogicalType& from, const LogicalType& to) {
  Id f = from.id(), t = to.id();
  if (f == Id::kNull)
    return 0;
  if (f == t) {
    if (f == Id::kDecimal && from != to)
      return 1;
    return 0;
  }
  int fr = NumericRank(f), tr = NumericRank(t);
  if (fr >= 0 && tr >= 0)
    return tr > fr ? tr - fr : -1;
  if (f == Id::kChar && t == Id::kVarchar)
    return 1;
  int ftr = TemporalRank(f), ttr = TemporalRank(t);
  if (ftr >= 0 && ttr >= 0)
    return ttr > ftr ? ttr - ftr : -1;
  return -1;
}

LogicalType CommonSupertype(const LogicalType& a, const LogicalType& b,
                            const std::string& construct) {
  if (a.id() == Id::kNull)
    return b;
  if (b.id() == Id::kNull)
    return a;
  Id x = a.id(), y = b.id();
  if (x == y) {
    switch (x) {
      case Id::kDecimal: {
        int scale = std::max(a.scale(), b.scale());
        int digits = std::max(a.width() - a.scale(), b.width() - b.scale());
        return LogicalType::Decimal(std::min(38, digits + scale), scale);
      }
      case Id::kChar:
        return a.width() == b.width() ? a : LogicalType::Varchar();
      case Id::kVarchar:
        return (a.width() == 0 || b.width() == 0)
                   ? LogicalType::Varchar()
                   : LogicalType::Varchar(std::max(a.width(), b.width()));
      default:
        return a;
    }
  }
  int xr = NumericRank(x), yr = NumericRank(y);
  if (xr >= 0 && yr >= 0) {
    const LogicalType& hi = xr > yr ? a : b;
    const LogicalType& lo = xr > yr ? b : a;
    if (hi.id() == Id::kDecimal && lo.IsInteger()) {
      int digits = std::max(hi.width() - hi.scale(), IntegerDigits(lo.id()));
      return LogicalType::Decimal(std::min(38, digits + hi.scale()), hi.scale());
    }
    return hi;
  }
  if (a.IsString() && b.IsString())
    return LogicalType::Varchar();
  int xt = TemporalRank(x), yt = TemporalRank(y);
  if (xt >= 0 && yt >= 0)
    return xt > yt ? a : b;
  throw Exception(sqlstate::kDatatypeMismatch, construct + " types " + a.ToString() + " and " +
                                                   b.ToString() + " cannot be matched");
}

}  // namespace tributary
