#include "server/pg_type_mapping.h"

#include <bit>
#include <cstring>
#include <vector>

#include "common/exception.h"

namespace tributary {

namespace {

constexpr int16_t kNumericPositive = 0x0000;
constexpr int16_t kNumericNegative = 0x4000;
constexpr int16_t kNumericNaN = static_cast<int16_t>(0xC000);

void Put16(std::string& out, int16_t v) {
  auto u = static_cast<uint16_t>(v);
  out.push_back(static_cast<char>(u >> 8));
  out.push_back(static_cast<char>(u & 0xFF));
}

void Put32(std::string& out, int32_t v) {
  auto u = static_cast<uint32_t>(v);
  for (int shift = 24; shift >= 0; shift -= 8)
    out.push_back(static_cast<char>((u >> shift) & 0xFF));
}

void Put64(std::string& out, int64_t v) {
  auto u = static_cast<uint64_t>(v);
  for (int shift = 56; shift >= 0; shift -= 8)
    out.push_back(static_cast<char>((u >> shift) & 0xFF));
}

uint64_t GetBigEndian(std::string_view bytes) {
  uint64_t v = 0;
  for (unsigned char c : bytes)
    v = (v << 8) | c;
  return v;
}

[[noreturn]] void BadBinary(const char* type) {
  throw Exception(sqlstate::kInvalidParameterValue  // PostgreSQL: 22P03
                  ,
                  std::string("incorrect binary data format in bind parameter (") + type + ")");
}

// PostgreSQL's binary numeric: base-10000 digits around the decimal point.
// Built from the exact decimal text ("-123.4500").
void AppendNumericBinary(const std::string& text, int scale, std::string& out) {
  std::string_view s = text;
  bool negative = !s.empty() && s[0] == '-';
  if (negative)
    s.remove_prefix(1);
  auto dot = s.find('.');
  std::string integer(s.substr(0, dot));
  std::string fraction(dot == std::string_view::npos ? "" : s.substr(dot + 1));
  // Pad both sides to whole groups of four digits.
  integer.insert(0, (4 - integer.size() % 4) % 4, '0');
  fraction.append((4 - fraction.size() % 4) % 4, '0');
  std::vector<int16_t> digits;
  for (size_t i = 0; i < integer.size(); i += 4)
    digits.push_back(static_cast<int16_t>(std::stoi(integer.substr(i, 4))));
  int weight = static_cast<int>(integer.size() / 4) - 1;
  for (size_t i = 0; i < fraction.size(); i += 4)
    digits.push_back(static_cast<int16_t>(std::stoi(fraction.substr(i, 4))));
  // Leading and trailing zero groups are implied by weight and count.
  size_t first = 0;
  while (first < digits.size() && digits[first] == 0) {
    first++;
    weight--;
  }
  size_t last = digits.size();
  while (last > first && digits[last - 1] == 0)
    last--;
  if (first == last)
    weight = 0;
  Put16(out, static_cast<int16_t>(last - first));
  Put16(out, static_cast<int16_t>(weight));
  Put16(out, first == last ? kNumericPositive : (negative ? kNumericNegative : kNumericPositive));
  Put16(out, static_cast<int16_t>(scale));
  for (size_t i = first; i < last; i++)
    Put16(out, digits[i]);
}

std::string NumericBinaryToText(std::string_view bytes) {
  if (bytes.size() < 8)
    BadBinary("numeric");
  auto ndigits = static_cast<int16_t>(GetBigEndian(bytes.substr(0, 2)));
  auto weight = static_cast<int16_t>(GetBigEndian(bytes.substr(2, 2)));
  auto sign = static_cast<int16_t>(GetBigEndian(bytes.substr(4, 2)));
  auto dscale = static_cast<int16_t>(GetBigEndian(bytes.substr(6, 2)));
  if (ndigits < 0 || dscale < 0 || bytes.size() != 8 + 2 * static_cast<size_t>(ndigits))
    BadBinary("numeric");
  if (sign == kNumericNaN)
    throw Exception(sqlstate::kInvalidTextRepresentation, "NaN is not a valid decimal value");
  std::vector<int> digits;
  for (int i = 0; i < ndigits; i++) {
    int d = static_cast<int>(GetBigEndian(bytes.substr(8 + 2 * i, 2)));
    if (d > 9999)
      BadBinary("numeric");
    digits.push_back(d);
  }
  // Digit group i has weight (weight - i); print groups weight..0 before
  // the point and -1.. after it.
  auto group = [&](int w) {
    int i = weight - w;
    return i >= 0 && i < ndigits ? digits[i] : 0;
  };
  std::string integer;
  for (int w = std::max<int>(weight, 0); w >= 0; w--) {
    char buf[8];
    std::snprintf(buf, sizeof(buf), integer.empty() ? "%d" : "%04d", group(w));
    integer += buf;
  }
  std::string fraction;
  for (int w = -1; static_cast<int>(fraction.size()) < dscale; w--) {
    char buf[8];
    std::snprintf(buf, sizeof(buf), "%04d", group(w));
    fraction += buf;
  }
  fraction.resize(static_cast<size_t>(dscale));
  std::string text = (sign == kNumericNegative ? "-" : "") + integer;
  if (!fraction.empty())
    text += "." + fraction;
  return text;
}

LogicalType LogicalTypeOfOid(int32_t oid, bool& known) {
  known = true;
  switch (oid) {
    case pg_oid::kBool:
      return LogicalTypeId::kBoolean;
    case pg_oid::kInt2:
      return LogicalTypeId::kSmallInt;
    case pg_oid::kInt4:
      return LogicalTypeId::kInteger;
    case pg_oid::kInt8:
      return LogicalTypeId::kBigInt;
    case pg_oid::kFloat4:
      return LogicalTypeId::kReal;
    case pg_oid::kFloat8:
      return LogicalTypeId::kDouble;
    case pg_oid::kText:
    case pg_oid::kVarchar:
    case pg_oid::kBpchar:
      return LogicalType::Varchar();
    case pg_oid::kDate:
      return LogicalTypeId::kDate;
    case pg_oid::kTimestamp:
      return LogicalTypeId::kTimestamp;
    case pg_oid::kTimestampTz:
      return LogicalTypeId::kTimestampTz;
    case pg_oid::kInterval:
      return LogicalTypeId::kInterval;
    case pg_oid::kNumeric:
      return LogicalType::Decimal(38, 10);
    default:
      known = false;
      return LogicalType::Varchar();
  }
}

}  // namespace

PgColumnType PgTypeOf(const LogicalType& type) {
  switch (type.id()) {
    case LogicalTypeId::kBoolean:
      return {pg_oid::kBool, 1, -1};
    case LogicalTypeId::kSmallInt:
      return {pg_oid::kInt2, 2, -1};
    case LogicalTypeId::kInteger:
      return {pg_oid::kInt4, 4, -1};
    case LogicalTypeId::kBigInt:
      return {pg_oid::kInt8, 8, -1};
    case LogicalTypeId::kDecimal:
      return {pg_oid::kNumeric, -1, ((type.width() << 16) | type.scale()) + 4};
    case LogicalTypeId::kReal:
      return {pg_oid::kFloat4, 4, -1};
    case LogicalTypeId::kDouble:
      return {pg_oid::kFloat8, 8, -1};
    case LogicalTypeId::kChar:
      return {pg_oid::kBpchar, -1, type.width() > 0 ? type.width() + 4 : -1};
    case LogicalTypeId::kVarchar:
      if (type.width() == 0)
        return {pg_oid::kText, -1, -1};
      return {pg_oid::kVarchar, -1, type.width() + 4};
    case LogicalTypeId::kDate:
      return {pg_oid::kDate, 4, -1};
    case LogicalTypeId::kTimestamp:
      return {pg_oid::kTimestamp, 8, -1};
    case LogicalTypeId::kTimestampTz:
      return {pg_oid::kTimestampTz, 8, -1};
    case LogicalTypeId::kInterval:
      return {pg_oid::kInterval, 16, -1};
    default:
      return {pg_oid::kText, -1, -1};
  }
}

void AppendPgBinary(const Value& value, std::string& out) {
  const auto& type = value.type();
  switch (type.id()) {
    case LogicalTypeId::kBoolean:
      out.push_back(value.GetBool() ? 1 : 0);
      return;
    case LogicalTypeId::kSmallInt:
      Put16(out, static_cast<int16_t>(value.GetInt64()));
      return;
    case LogicalTypeId::kInteger:
    case LogicalTypeId::kDate:  // days since 2000-01-01, as PostgreSQL
      Put32(out, static_cast<int32_t>(value.GetInt64()));
      return;
    case LogicalTypeId::kBigInt:
    case LogicalTypeId::kTimestamp:  // microseconds since 2000-01-01
    case LogicalTypeId::kTimestampTz:
      Put64(out, value.GetInt64());
      return;
    case LogicalTypeId::kReal:
      Put32(out,
            static_cast<int32_t>(std::bit_cast<uint32_t>(static_cast<float>(value.GetDouble()))));
      return;
    case LogicalTypeId::kDouble:
      Put64(out, static_cast<int64_t>(std::bit_cast<uint64_t>(value.GetDouble())));
      return;
    case LogicalTypeId::kDecimal:
      AppendNumericBinary(value.ToString(), type.scale(), out);
      return;
    case LogicalTypeId::kChar:
    case LogicalTypeId::kVarchar:
      out += value.GetString();
      return;
    case LogicalTypeId::kInterval: {
      auto iv = value.GetInterval();
      Put64(out, iv.micros);
      Put32(out, iv.days);
      Put32(out, iv.months);
      return;
    }
    default:
      out += value.ToString();
      return;
  }
}

Value PgTypedNull(int32_t oid) {
  bool known = false;
  LogicalType type = LogicalTypeOfOid(oid, known);
  return known ? Value::Null(type) : Value();
}

ParameterValue DecodePgParameter(int32_t oid, bool binary, std::string_view bytes) {
  bool known = false;
  LogicalType type = LogicalTypeOfOid(oid, known);
  if (!binary) {
    Value text = Value::Varchar(std::string(bytes));
    if (!known || type.IsString())
      return {std::move(text), !known};
    return {text.CastAs(type), false};
  }
  if (!known) {
    throw Exception(
        sqlstate::kFeatureNotSupported,
        "binary format is not supported for parameters of type OID " + std::to_string(oid));
  }
  auto fixed = [&](size_t size, const char* name) {
    if (bytes.size() != size)
      BadBinary(name);
    return GetBigEndian(bytes);
  };
  switch (type.id()) {
    case LogicalTypeId::kBoolean:
      return {Value::Boolean(fixed(1, "boolean") != 0), false};
    case LogicalTypeId::kSmallInt:
      return {Value::SmallInt(static_cast<int16_t>(fixed(2, "smallint"))), false};
    case LogicalTypeId::kInteger:
      return {Value::Integer(static_cast<int32_t>(fixed(4, "integer"))), false};
    case LogicalTypeId::kBigInt:
      return {Value::BigInt(static_cast<int64_t>(fixed(8, "bigint"))), false};
    case LogicalTypeId::kReal:
      return {Value::Real(std::bit_cast<float>(static_cast<uint32_t>(fixed(4, "real")))), false};
    case LogicalTypeId::kDouble:
      return {Value::Double(std::bit_cast<double>(fixed(8, "double precision"))), false};
    case LogicalTypeId::kDate:
      return {Value::Date(static_cast<int32_t>(fixed(4, "date"))), false};
    case LogicalTypeId::kTimestamp:
      return {Value::Timestamp(static_cast<int64_t>(fixed(8, "timestamp"))), false};
    case LogicalTypeId::kTimestampTz:
      return {Value::TimestampTz(static_cast<int64_t>(fixed(8, "timestamptz"))), false};
    case LogicalTypeId::kInterval: {
      if (bytes.size() != 16)
        BadBinary("interval");
      interval_t iv{};
      iv.micros = static_cast<int64_t>(GetBigEndian(bytes.substr(0, 8)));
      iv.days = static_cast<int32_t>(GetBigEndian(bytes.substr(8, 4)));
      iv.months = static_cast<int32_t>(GetBigEndian(bytes.substr(12, 4)));
      return {Value::Interval(iv), false};
    }
    case LogicalTypeId::kDecimal:
      // The text keeps the client's scale; the binder coerces it like a
      // numeric literal.
      return {Value::Varchar(NumericBinaryToText(bytes)), true};
    default:
      return {Value::Varchar(std::string(bytes)), oid != pg_oid::kText && oid != pg_oid::kVarchar};
  }
}

}  // namespace tributary
