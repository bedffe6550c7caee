#include "execution/copy/text_field_decoder.h"

#include <charconv>
#include <cmath>
#include <cstring>

#include "common/exception.h"
#include "types/cast.h"
#include "types/date.h"
#include "types/decimal.h"
#include "types/timestamp.h"

namespace tributary {

namespace {

constexpr const char* kCharacterNotInRepertoire = "22021";

int64_t Pow10(int n) {
  int64_t v = 1;
  while (n-- > 0)
    v *= 10;
  return v;
}

// [-]digits, at most 18 of them: no overflow possible.
inline __attribute__((always_inline)) bool FastInteger(std::string_view s, int64_t& v) {
  size_t i = 0;
  bool negative = false;
  if (!s.empty() && s[0] == '-') {
    negative = true;
    i = 1;
  }
  if (i == s.size() || s.size() - i > 18)
    return false;
  int64_t value = 0;
  for (; i < s.size(); i++) {
    unsigned d = static_cast<unsigned char>(s[i]) - '0';
    if (d > 9)
      return false;
    value = value * 10 + d;
  }
  v = negative ? -value : value;
  return true;
}

// [-]int[.frac] within (precision, scale), frac no longer than scale.
inline __attribute__((always_inline)) bool FastDecimal(std::string_view s, int precision, int scale,
                                                       int64_t& v) {
  // The common shape first: digits, '.', exactly `scale` digits, no sign,
  // no more integer digits than the type allows (leading zeros included,
  // so every value taken here fits).
  if (scale > 0 && s.size() > static_cast<size_t>(scale) + 1 &&
      s.size() - scale - 1 <= static_cast<size_t>(precision - scale) &&
      s[s.size() - scale - 1] == '.') {
    int64_t value = 0;
    size_t dot = s.size() - scale - 1;
    bool digits = true;
    for (size_t k = 0; k < s.size(); k++) {
      if (k == dot)
        continue;
      unsigned d = static_cast<unsigned char>(s[k]) - '0';
      digits &= d <= 9;
      value = value * 10 + d;
    }
    if (digits) {
      v = value;
      return true;
    }
  }
  size_t i = 0;
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    i = 1;
  }
  int64_t whole = 0;
  int whole_digits = 0;
  for (; i < s.size(); i++) {
    unsigned d = static_cast<unsigned char>(s[i]) - '0';
    if (d > 9)
      break;
    if (whole_digits > 0 || d != 0)
      whole_digits++;
    if (whole_digits > precision - scale)
      return false;
    whole = whole * 10 + d;
  }
  bool any = i > (negative || (!s.empty() && s[0] == '+') ? 1u : 0u);
  int64_t frac = 0;
  int frac_digits = 0;
  if (i < s.size() && s[i] == '.') {
    i++;
    for (; i < s.size(); i++) {
      unsigned d = static_cast<unsigned char>(s[i]) - '0';
      if (d > 9)
        return false;
      if (++frac_digits > scale)
        return false;
      frac = frac * 10 + d;
      any = true;
    }
  }
  if (i != s.size() || !any)
    return false;
  int64_t value = whole * Pow10(scale) + frac * Pow10(scale - frac_digits);
  v = negative ? -value : value;
  return true;
}

// Days (since 2000-01-01) of January 1st of each year from 1 to 9999, and
// of the first of each month from January 1st, in common and leap years.
struct DateTables {
  int32_t year_start[10000];
  uint8_t leap[10000];
  int16_t month_start[2][13];
  DateTables() {
    for (int y = 1; y < 10000; y++) {
      year_start[y] = Date::FromYmd(y, 1, 1);
      leap[y] = Date::IsLeapYear(y);
    }
    for (int l = 0; l < 2; l++) {
      int16_t days = 0;
      for (int m = 1; m <= 12; m++) {
        month_start[l][m] = days;
        days = static_cast<int16_t>(days + (m == 2 ? 28 + l : Date::DaysInMonth(2001, m)));
      }
    }
  }
};

// Built when the program starts (10,000 years: microseconds), so the date
// parser reads it without a guard.
const DateTables kDateTables;

// YYYY-MM-DD with a year from 1 to 9999 (year 0 and every other form take
// the general path, which rejects or converts them).
inline __attribute__((always_inline)) bool FastDate(std::string_view s, int32_t& days) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-')
    return false;
  const unsigned char* c = reinterpret_cast<const unsigned char*>(s.data());
  unsigned d[8] = {c[0] - 48u, c[1] - 48u, c[2] - 48u, c[3] - 48u,
                   c[5] - 48u, c[6] - 48u, c[8] - 48u, c[9] - 48u};
  if (d[0] > 9 || d[1] > 9 || d[2] > 9 || d[3] > 9 || d[4] > 9 || d[5] > 9 || d[6] > 9 || d[7] > 9)
    return false;
  unsigned year = d[0] * 1000 + d[1] * 100 + d[2] * 10 + d[3];
  unsigned month = d[4] * 10 + d[5];
  unsigned day = d[6] * 10 + d[7];
  if (year == 0 || month == 0 || month > 12 || day == 0)
    return false;
  static constexpr uint8_t kDays[2][13] = {{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31},
                                           {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}};
  const DateTables& t = kDateTables;
  unsigned leap = t.leap[year];
  if (day > kDays[leap][month])
    return false;
  days = t.year_start[year] + t.month_start[leap][month] + static_cast<int32_t>(day) - 1;
  return true;
}

// Length of the valid UTF-8 sequence at s[i], or 0.
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  unsigned char c = s[i];
  size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || i + n > s.size())
    return 0;
  for (size_t k = 1; k < n; k++) {
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80)
      return 0;
  }
  if (n == 2 && c < 0xC2)
    return 0;  // overlong
  return n;
}

bool HasHighBytes(std::string_view s) {
  const char* p = s.data();
  size_t n = s.size();
  uint64_t any = 0;
  if (n >= 8) {
    for (size_t i = 0; i + 8 <= n; i += 8) {
      uint64_t word;
      std::memcpy(&word, p + i, 8);
      any |= word;
    }
    uint64_t last;  // the last 8 bytes (overlapping the words above)
    std::memcpy(&last, p + n - 8, 8);
    any |= last;
  } else if (n >= 4) {
    uint32_t a, b;
    std::memcpy(&a, p, 4);
    std::memcpy(&b, p + n - 4, 4);
    any = a | b;
  } else {
    for (size_t i = 0; i < n; i++)
      any |= static_cast<unsigned char>(p[i]);
  }
  return (any & 0x8080808080808080ull) != 0;
}

size_t CharacterCount(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

TextFieldDecoder::TextFieldDecoder(std::string column_name, std::string table_name,
                                   LogicalType type, bool not_null, const CopyOptions& options,
                                   bool force_not_null, bool force_null)
    : column_name_(std::move(column_name)),
      table_name_(std::move(table_name)),
      type_(type),
      not_null_(not_null),
      force_not_null_(force_not_null),
      force_null_(force_null),
      options_(options) {
  if (!options.date_format.empty())
    date_format_.emplace(options.date_format);
  if (!options.time_format.empty())
    time_format_.emplace(options.time_format);
  text_nulls_ = options.format != CopyFormat::kCsv && !options.blanks_as_null;
  empty_is_null_ = options.redshift && !type_.IsString();
  empty_string_is_null_ = options.redshift && type_.IsString() && options.empty_as_null;
}

bool TextFieldDecoder::IsNullGeneral(const TextField& field, RawField raw_field) const {
  if (field.missing)
    return true;
  std::string_view raw(raw_field.data, raw_field.size);
  if (options_.format == CopyFormat::kCsv && !force_not_null_) {
    if (!field.quoted
            ? raw == options_.null_string
            : force_null_ && std::string_view(field.data, field.size) == options_.null_string) {
      return true;
    }
  } else if (options_.format != CopyFormat::kCsv && raw == options_.null_string) {
    return true;
  }
  if (!options_.redshift)
    return false;
  std::string_view value(field.data, field.size);
  if (options_.blanks_as_null && !value.empty() &&
      value.find_first_not_of(" \t") == std::string_view::npos) {
    return true;
  }
  if (value.empty()) {
    // Redshift: empty fields of non-string columns are NULL; of strings
    // only with EMPTYASNULL.
    return !type_.IsString() || (options_.empty_as_null && !field.quoted);
  }
  return false;
}

void TextFieldDecoder::DecodeSlow(std::string_view text, Vector& out, idx_t row) const {
  bool is_date = type_.id() == LogicalTypeId::kDate;
  bool is_timestamp =
      type_.id() == LogicalTypeId::kTimestamp || type_.id() == LogicalTypeId::kTimestampTz;
  const auto& format = is_date ? date_format_ : time_format_;
  if ((is_date || is_timestamp) && format) {
    const std::string& spec = is_date ? options_.date_format : options_.time_format;
    bool is_auto = spec == "auto" || spec == "AUTO";
    auto store = [&](int64_t micros) {
      if (is_date)
        out.Data<int32_t>()[row] = Timestamp::ToDate(micros);
      else
        out.Data<int64_t>()[row] = micros;
    };
    int64_t micros = 0;
    if (!is_auto) {
      if (!format->Parse(text, micros)) {
        throw Exception(sqlstate::kInvalidDatetimeFormat,
                        "invalid input syntax for type " + type_.ToString() + ": \"" +
                            std::string(text) + "\" (expected the format '" + spec + "')");
      }
      store(micros);
      return;
    }
    // 'auto': ISO forms first, then the common ones.
    try {
      out.SetValue(row, CastValue(Value::Varchar(std::string(text)), type_));
      return;
    } catch (const Exception&) {
      if (!format->Parse(text, micros))
        throw;
    }
    store(micros);
    return;
  }
  out.SetValue(row, CastValue(Value::Varchar(std::string(text)), type_));
}

template <class T, class Fast>
void TextFieldDecoder::DecodeFixed(TextBatch& batch, idx_t input_column, Vector& out,
                                   std::vector<FieldError>& errors, Fast fast) const {
  T* data = out.Data<T>();
  auto& validity = out.validity();
  for (idx_t r = 0; r < batch.rows; r++) {
    if (!batch.ok[r])
      continue;
    const TextField& field = batch.Field(r, input_column);
    if (IsNull(batch, r, input_column, field)) {
      validity.SetInvalid(r);
      continue;
    }
    validity.SetValid(r);
    std::string_view text(field.data, field.size);
    if (fast(text, data[r]))
      continue;
    try {
      DecodeSlow(text, out, r);
    } catch (const Exception& e) {
      batch.ok[r] = 0;
      errors.push_back({r, input_column, e.SqlState(), e.Message()});
    }
  }
}

void TextFieldDecoder::DecodeStrings(TextBatch& batch, idx_t input_column, Vector& out,
                                     std::vector<FieldError>& errors) const {
  auto* data = out.Data<string_t>();
  auto& validity = out.validity();
  const bool is_char = type_.id() == LogicalTypeId::kChar;
  const size_t width = static_cast<size_t>(type_.width());
  StringHeap& heap = out.heap();
  std::string fixed;
  for (idx_t r = 0; r < batch.rows; r++) {
    if (!batch.ok[r])
      continue;
    const TextField& field = batch.Field(r, input_column);
    if (IsNull(batch, r, input_column, field)) {
      validity.SetInvalid(r);
      continue;
    }
    validity.SetValid(r);
    std::string_view text(field.data, field.size);
    if (options_.trim_blanks) {
      while (!text.empty() && text.back() == ' ')
        text.remove_suffix(1);
    }
    bool high = HasHighBytes(text);
    if (high) {
      // Validate UTF-8 (or replace bad bytes with ACCEPTINVCHARS).
      bool bad = false;
      size_t bad_at = 0;
      for (size_t i = 0; i < text.size();) {
        size_t n = Utf8SequenceLength(text, i);
        if (n == 0) {
          bad = true;
          bad_at = i;
          break;
        }
        i += n;
      }
      if (bad && !options_.accept_invalid_chars) {
        char hex[8];
        std::snprintf(hex, sizeof(hex), "0x%02x", static_cast<unsigned char>(text[bad_at]));
        batch.ok[r] = 0;
        errors.push_back({r, input_column, kCharacterNotInRepertoire,
                          std::string("invalid byte sequence for encoding \"UTF8\": ") + hex});
        continue;
      }
      if (bad) {
        fixed.clear();
        for (size_t i = 0; i < text.size();) {
          size_t n = Utf8SequenceLength(text, i);
          if (n == 0) {
            fixed += options_.replacement_char;
            i++;
          } else {
            fixed.append(text.data() + i, n);
            i += n;
          }
        }
        text = fixed;
      }
    }
    if (width > 0 && text.size() > width) {
      size_t length = high ? CharacterCount(text) : text.size();
      if (length > width) {
        // CHAR(n) drops trailing blanks beyond n, as PostgreSQL does.
        size_t keep = text.size();
        if (is_char) {
          while (keep > 0 && text[keep - 1] == ' ' &&
                 (high ? CharacterCount(text.substr(0, keep)) : keep) > width)
            keep--;
        }
        if ((high ? CharacterCount(text.substr(0, keep)) : keep) > width) {
          batch.ok[r] = 0;
          errors.push_back({r, input_column, sqlstate::kStringDataRightTruncation,
                            "value too long for type " + type_.ToString()});
          continue;
        }
        text = text.substr(0, keep);
      }
    }
    if (is_char) {
      size_t length = high ? CharacterCount(text) : text.size();
      if (length < width) {
        size_t pad = width - length;
        char* p = heap.Allocate(text.size() + pad);
        std::memcpy(p, text.data(), text.size());
        std::memset(p + text.size(), ' ', pad);
        data[r] = string_t(p, static_cast<uint32_t>(text.size() + pad));
        continue;
      }
    }
    data[r] = heap.Add(text);
  }
}

void TextFieldDecoder::Decode(TextBatch& batch, idx_t input_column, Vector& out,
                              std::vector<FieldError>& errors) const {
  size_t before = errors.size();
  switch (type_.id()) {
    case LogicalTypeId::kSmallInt:
      DecodeFixed<int16_t>(batch, input_column, out, errors, [](std::string_view s, int16_t& v) {
        int64_t x;
        if (!FastInteger(s, x) || x < INT16_MIN || x > INT16_MAX)
          return false;
        v = static_cast<int16_t>(x);
        return true;
      });
      break;
    case LogicalTypeId::kInteger:
      DecodeFixed<int32_t>(batch, input_column, out, errors, [](std::string_view s, int32_t& v) {
        int64_t x;
        if (!FastInteger(s, x) || x < INT32_MIN || x > INT32_MAX)
          return false;
        v = static_cast<int32_t>(x);
        return true;
      });
      break;
    case LogicalTypeId::kBigInt:
      DecodeFixed<int64_t>(batch, input_column, out, errors,
                           [](std::string_view s, int64_t& v) { return FastInteger(s, v); });
      break;
    case LogicalTypeId::kDecimal:
      if (type_.width() <= LogicalType::kMaxInt64DecimalPrecision) {
        int precision = type_.width(), scale = type_.scale();
        DecodeFixed<int64_t>(batch, input_column, out, errors,
                             [precision, scale](std::string_view s, int64_t& v) {
                               return FastDecimal(s, precision, scale, v);
                             });
      } else {
        DecodeFixed<hugeint_t>(batch, input_column, out, errors,
                               [](std::string_view, hugeint_t&) { return false; });
      }
      break;
    case LogicalTypeId::kReal:
      DecodeFixed<float>(batch, input_column, out, errors, [](std::string_view s, float& v) {
        auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        return ec == std::errc() && end == s.data() + s.size() && !s.empty() && std::isfinite(v);
      });
      break;
    case LogicalTypeId::kDouble:
      DecodeFixed<double>(batch, input_column, out, errors, [](std::string_view s, double& v) {
        auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        return ec == std::errc() && end == s.data() + s.size() && !s.empty() && std::isfinite(v);
      });
      break;
    case LogicalTypeId::kBoolean:
      DecodeFixed<bool>(batch, input_column, out, errors, [](std::string_view s, bool& v) {
        if (s == "t" || s == "true" || s == "1") {
          v = true;
          return true;
        }
        if (s == "f" || s == "false" || s == "0") {
          v = false;
          return true;
        }
        return false;
      });
      break;
    case LogicalTypeId::kDate: {
      bool plain = options_.date_format.empty() || options_.date_format == "auto";
      DecodeFixed<int32_t>(
          batch, input_column, out, errors,
          [plain](std::string_view s, int32_t& v) { return plain && FastDate(s, v); });
      break;
    }
    case LogicalTypeId::kTimestamp:
    case LogicalTypeId::kTimestampTz:
      DecodeFixed<int64_t>(batch, input_column, out, errors,
                           [](std::string_view, int64_t&) { return false; });
      break;
    case LogicalTypeId::kInterval:
      DecodeFixed<interval_t>(batch, input_column, out, errors,
                              [](std::string_view, interval_t&) { return false; });
      break;
    case LogicalTypeId::kChar:
    case LogicalTypeId::kVarchar:
      DecodeStrings(batch, input_column, out, errors);
      break;
    default:
      throw Exception(sqlstate::kFeatureNotSupported,
                      "COPY does not support columns of type " + type_.ToString());
  }
  if (!not_null_)
    return;
  // NOT NULL: rows decoded as NULL fail.
  auto& validity = out.validity();
  if (validity.AllValid())
    return;
  for (idx_t r = 0; r < batch.rows; r++) {
    if (batch.ok[r] && !validity.RowIsValid(r)) {
      batch.ok[r] = 0;
      errors.push_back({r, input_column, sqlstate::kNotNullViolation,
                        "null value in column \"" + column_name_ + "\" of relation \"" +
                            table_name_ + "\" violates not-null constraint"});
    }
  }
  (void)before;
}

}  // namespace tributary
