// PgTypeMapping: OIDs and typmods, and binary values as PostgreSQL lays
// them out (numeric's base-10000 digits especially), both ways.
#include "server/pg_type_mapping.h"

#include <gtest/gtest.h>

#include "common/exception.h"

namespace tributary {
namespace {

std::string Hex(const std::string& bytes) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

std::string Binary(const Value& value) {
  std::string out;
  AppendPgBinary(value, out);
  return out;
}

TEST(PgTypeMappingTest, OidsAndTypmods) {
  EXPECT_EQ(PgTypeOf(LogicalType::Decimal(15, 2)).oid, 1700);
  EXPECT_EQ(PgTypeOf(LogicalType::Decimal(15, 2)).typmod, ((15 << 16) | 2) + 4);
  EXPECT_EQ(PgTypeOf(LogicalType::Varchar(25)).oid, 1043);
  EXPECT_EQ(PgTypeOf(LogicalType::Varchar(25)).typmod, 29);
  EXPECT_EQ(PgTypeOf(LogicalType::Varchar()).oid, 25);
  EXPECT_EQ(PgTypeOf(LogicalType::Char(3)).oid, 1042);
  EXPECT_EQ(PgTypeOf(LogicalTypeId::kTimestampTz).oid, 1184);
  EXPECT_EQ(PgTypeOf(LogicalTypeId::kBigInt).length, 8);
}

TEST(PgTypeMappingTest, NumericBinaryMatchesPostgres) {
  // Bytes as PostgreSQL 15 sends them (SELECT x::numeric(p,s) in binary).
  // 1.50: ndigits 2, weight 0, sign +, dscale 2, digits 1 5000.
  EXPECT_EQ(Hex(Binary(Value::Decimal(150, 5, 2))),
            "00020000000000020001"
            "1388");
  // -0.05: ndigits 1, weight -1, sign -, dscale 2, digit 500.
  EXPECT_EQ(Hex(Binary(Value::Decimal(-5, 5, 2))), "0001ffff4000000201f4");
  // 0.00: no digits.
  EXPECT_EQ(Hex(Binary(Value::Decimal(0, 5, 2))), "0000000000000002");
  // 10000: ndigits 1, weight 1, digit 1.
  EXPECT_EQ(Hex(Binary(Value::Decimal(10000, 10, 0))), "00010001000000000001");
}

TEST(PgTypeMappingTest, NumericBinaryParametersRoundTrip) {
  for (auto [unscaled, scale] : std::vector<std::pair<int64_t, int>>{
           {150, 2}, {-5, 2}, {0, 2}, {10000, 0}, {123456789012345, 4}, {1, 6}, {-99990000, 4}}) {
    auto value = Value::Decimal(unscaled, 18, scale);
    auto decoded = DecodePgParameter(1700, true, Binary(value));
    EXPECT_EQ(decoded.value.ToString(), value.ToString()) << value.ToString();
  }
}

TEST(PgTypeMappingTest, FixedWidthParameters) {
  EXPECT_EQ(DecodePgParameter(23, true, std::string("\xff\xff\xff\xfe", 4)).value.ToString(), "-2");
  EXPECT_EQ(DecodePgParameter(16, true, std::string("\x01", 1)).value.ToString(), "t");
  EXPECT_EQ(Binary(Value::Date(0)), std::string(4, '\0'));  // 2000-01-01
  EXPECT_EQ(DecodePgParameter(1082, true, std::string(4, '\0')).value.ToString(), "2000-01-01");
  EXPECT_THROW(DecodePgParameter(23, true, "abc"), Exception);
  EXPECT_THROW(DecodePgParameter(1700, true, "ab"), Exception);
  EXPECT_EQ(DecodePgParameter(23, false, "42").value.ToString(), "42");
  EXPECT_TRUE(DecodePgParameter(0, false, "42").untyped);
  EXPECT_THROW(DecodePgParameter(23, false, "x"), Exception);
}

}  // namespace
}  // namespace tributary
