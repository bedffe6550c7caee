#include "connector/mysql/mysql_row_decoder.h"

#include <charconv>
#include <cstdlib>

#include "common/exception.h"
#include "common/utf8_length.h"
#include "types/date.h"
#include "types/decimal.h"
#include "types/timestamp.h"

namespace tributary {

namespace {

using Column = MySqlRowDecoder::Column;

[[noreturn]] void Malformed(std::string_view text, const Column& column) {
  throw Exception(sqlstate::kProtocolViolation, "the source sent \"" + std::string(text) +
                                                    "\" for column \"" + column.name +
                                                    "\" of type " + column.type.ToString());
}

template <class T>
T ParseInteger(std::string_view text, const Column& column) {
  T value{};
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size())
    Malformed(text, column);
  return value;
}

void DecodeInt16(std::string_view t, Vector& out, idx_t row, const Column& c) {
  out.Data<int16_t>()[row] = ParseInteger<int16_t>(t, c);
}
void DecodeInt32(std::string_view t, Vector& out, idx_t row, const Column& c) {
  out.Data<int32_t>()[row] = ParseInteger<int32_t>(t, c);
}
void DecodeInt64(std::string_view t, Vector& out, idx_t row, const Column& c) {
  out.Data<int64_t>()[row] = ParseInteger<int64_t>(t, c);
}
void DecodeBool(std::string_view t, Vector& out, idx_t row, const Column& c) {
  out.Data<bool>()[row] = ParseInteger<int64_t>(t, c) != 0;
}
double ParseDouble(std::string_view t, const Column& c) {
  std::string text(t);
  char* end = nullptr;
  double value = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size())
    Malformed(t, c);
  return value;
}
void DecodeFloat(std::string_view t, Vector& out, idx_t row, const Column& c) {
  out.Data<float>()[row] = static_cast<float>(ParseDouble(t, c));
}
void DecodeDouble(std::string_view t, Vector& out, idx_t row, const Column& c) {
  out.Data<double>()[row] = ParseDouble(t, c);
}
void DecodeDecimal(std::string_view t, Vector& out, idx_t row, const Column& c) {
  hugeint_t value = Decimal::Parse(t, c.type.width(), c.type.scale());
  if (c.type.physical() == PhysicalType::kInt64)
    out.Data<int64_t>()[row] = static_cast<int64_t>(value);
  else
    out.Data<hugeint_t>()[row] = value;
}
void DecodeText(std::string_view t, Vector& out, idx_t row, const Column&) {
  out.Data<string_t>()[row] = out.AddString(t);
}

// CHAR(n): MySQL sends the value without its trailing blanks; ours is
// blank-padded to n characters (as PostgreSQL's, and as LIKE sees it).
void DecodeChar(std::string_view t, Vector& out, idx_t row, const Column& c) {
  size_t width = static_cast<size_t>(c.type.width());
  size_t chars = t.size() < width ? Utf8Length(t) : width;
  if (chars >= width) {
    DecodeText(t, out, row, c);
    return;
  }
  std::string padded(t);
  padded.append(width - chars, ' ');
  out.Data<string_t>()[row] = out.AddString(padded);
}

// `[-]H+:MM:SS[.f+]` within 00:00:00..24:00:00.
void DecodeTime(std::string_view t, Vector& out, idx_t row, const Column& c) {
  std::string_view rest = t;
  bool negative = !rest.empty() && rest[0] == '-';
  if (negative)
    rest.remove_prefix(1);
  auto colon = rest.find(':');
  if (colon == std::string_view::npos || rest.size() < colon + 6)
    Malformed(t, c);
  int64_t hours = ParseInteger<int64_t>(rest.substr(0, colon), c);
  bool rest_zero = true;
  for (char ch : rest.substr(colon + 1)) {
    if (ch >= '1' && ch <= '9')
      rest_zero = false;
  }
  bool zero = hours == 0 && rest_zero;
  if ((negative && !zero) || hours > 24 || (hours == 24 && !rest_zero)) {
    throw Exception(sqlstate::kDatetimeFieldOverflow, "TIME value \"" + std::string(t) +
                                                          "\" of column \"" + c.name +
                                                          "\" is outside 00:00:00..24:00:00")
        .WithHint("Read it as text on the source (a view with CAST(" + c.name +
                  " AS CHAR)), or as seconds with TIME_TO_SEC.");
  }
  out.Data<string_t>()[row] = out.AddString(negative ? rest : t);
}

int Digits(std::string_view t, size_t from, size_t count, const Column& c) {
  if (t.size() < from + count)
    Malformed(t, c);
  int value = 0;
  for (size_t i = from; i < from + count; i++) {
    if (t[i] < '0' || t[i] > '9')
      Malformed(t, c);
    value = value * 10 + (t[i] - '0');
  }
  return value;
}

// `YYYY-MM-DD` at the start of `t`: false for the zero date (NULL).
bool ParseDate(std::string_view t, const Column& c, int32_t& days) {
  if (t.size() < 10 || t[4] != '-' || t[7] != '-')
    Malformed(t, c);
  int year = Digits(t, 0, 4, c), month = Digits(t, 5, 2, c), day = Digits(t, 8, 2, c);
  if (year == 0 && month == 0 && day == 0)
    return false;
  if (year == 0 || !Date::IsValid(year, month, day)) {
    throw Exception(sqlstate::kDatetimeFieldOverflow,
                    "date \"" + std::string(t) + "\" of column \"" + c.name +
                        "\" is not a valid date (only the all-zero date reads as NULL)");
  }
  days = Date::FromYmd(year, month, day);
  return true;
}

void DecodeDate(std::string_view t, Vector& out, idx_t row, const Column& c) {
  int32_t days = 0;
  if (t.size() != 10)
    Malformed(t, c);
  if (!ParseDate(t, c, days)) {
    out.SetNull(row);
    return;
  }
  out.Data<int32_t>()[row] = days;
}

// `YYYY-MM-DD HH:MM:SS[.ffffff]`.
void DecodeTimestamp(std::string_view t, Vector& out, idx_t row, const Column& c) {
  int32_t days = 0;
  if (t.size() < 19 || t[10] != ' ' || t[13] != ':' || t[16] != ':')
    Malformed(t, c);
  if (!ParseDate(t, c, days)) {
    out.SetNull(row);
    return;
  }
  int hour = Digits(t, 11, 2, c), minute = Digits(t, 14, 2, c), second = Digits(t, 17, 2, c);
  int micros = 0;
  if (t.size() > 19) {
    if (t[19] != '.' || t.size() > 26 || t.size() == 20)
      Malformed(t, c);
    size_t n = t.size() - 20;
    micros = Digits(t, 20, n, c);
    for (size_t i = n; i < 6; i++)
      micros *= 10;
  }
  if (hour > 23 || minute > 59 || second > 59)
    Malformed(t, c);
  out.Data<int64_t>()[row] = Timestamp::FromParts(days, hour, minute, second, micros);
}

}  // namespace

MySqlRowDecoder::MySqlRowDecoder(std::vector<Column> columns) : columns_(std::move(columns)) {
  for (auto& column : columns_) {
    if (column.wire == MySqlWireKind::kBoolean) {
      decoders_.push_back(DecodeBool);
      continue;
    }
    if (column.wire == MySqlWireKind::kTime) {
      decoders_.push_back(DecodeTime);
      continue;
    }
    switch (column.type.id()) {
      case LogicalTypeId::kBoolean:
        decoders_.push_back(DecodeBool);
        break;
      case LogicalTypeId::kSmallInt:
        decoders_.push_back(DecodeInt16);
        break;
      case LogicalTypeId::kInteger:
        decoders_.push_back(DecodeInt32);
        break;
      case LogicalTypeId::kBigInt:
        decoders_.push_back(DecodeInt64);
        break;
      case LogicalTypeId::kReal:
        decoders_.push_back(DecodeFloat);
        break;
      case LogicalTypeId::kDouble:
        decoders_.push_back(DecodeDouble);
        break;
      case LogicalTypeId::kDecimal:
        decoders_.push_back(DecodeDecimal);
        break;
      case LogicalTypeId::kDate:
        decoders_.push_back(DecodeDate);
        break;
      case LogicalTypeId::kTimestamp:
        decoders_.push_back(DecodeTimestamp);
        break;
      case LogicalTypeId::kChar:
        decoders_.push_back(DecodeChar);
        break;
      case LogicalTypeId::kVarchar:
        decoders_.push_back(DecodeText);
        break;
      default:
        throw InternalException("no MySQL decoder for " + column.type.ToString());
    }
  }
}

}  // namespace tributary
