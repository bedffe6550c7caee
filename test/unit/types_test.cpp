// Types: text forms as PostgreSQL prints them, casts and their errors.
#include <gtest/gtest.h>

#include "common/exception.h"
#include "types/cast.h"
#include "types/date.h"
#include "types/decimal.h"
#include "types/timestamp.h"
#include "types/value.h"

namespace tributary {
namespace {

std::string Cast(const std::string& text, const LogicalType& type) {
  return CastValue(Value::Varchar(text), type).ToString();
}

std::string ErrorState(const std::string& text, const LogicalType& type) {
  try {
    CastValue(Value::Varchar(text), type);
  } catch (const Exception& e) {
    return e.SqlState();
  }
  return "ok";
}

TEST(TypesTest, OutputForms) {
  EXPECT_EQ(Value::Boolean(true).ToString(), "t");
  EXPECT_EQ(Value::Decimal(1230, 5, 2).ToString(), "12.30");
  EXPECT_EQ(Value::Decimal(-5, 5, 2).ToString(), "-0.05");
  EXPECT_EQ(Value::Double(0.1).ToString(), "0.1");
  EXPECT_EQ(Value::Double(1e100).ToString(), "1e+100");
  EXPECT_EQ(Value::Double(1e15).ToString(), "1e+15");
  EXPECT_EQ(Value::Double(123456789012345.0).ToString(), "123456789012345");
  EXPECT_EQ(Value::Double(0.0001).ToString(), "0.0001");
  EXPECT_EQ(Value::Double(0.00001).ToString(), "1e-05");
  EXPECT_EQ(Value::Double(1.0 / 3).ToString(), "0.3333333333333333");
  EXPECT_EQ(Value::Real(1.5f).ToString(), "1.5");
  EXPECT_EQ(Value::Real(1234567.0f).ToString(), "1.234567e+06");
  EXPECT_EQ(Value::Date(Date::FromYmd(2024, 2, 29)).ToString(), "2024-02-29");
  EXPECT_EQ(Value::Date(Date::FromYmd(-43, 3, 15)).ToString(), "0044-03-15 BC");
  EXPECT_EQ(Value::Timestamp(Timestamp::Parse("2024-01-31 13:45:00.125", false)).ToString(),
            "2024-01-31 13:45:00.125");
  EXPECT_EQ(Value::TimestampTz(Timestamp::Parse("2024-01-31 13:45:00+02", true)).ToString(),
            "2024-01-31 11:45:00+00");
  EXPECT_EQ(Interval::Format(Interval::Parse("1 year 2 months 3 days 04:05:06")),
            "1 year 2 mons 3 days 04:05:06");
  EXPECT_EQ(Interval::Format(Interval::Parse("-1 day")), "-1 days");
  EXPECT_EQ(Interval::Format(interval_t{}), "00:00:00");
}

TEST(TypesTest, Casts) {
  EXPECT_EQ(Cast(" 17 ", LogicalTypeId::kInteger), "17");
  EXPECT_EQ(Cast("1.005", LogicalType::Decimal(10, 2)), "1.01");
  EXPECT_EQ(Cast("-2.5", LogicalType::Decimal(10, 0)), "-3");
  EXPECT_EQ(Cast("yes", LogicalTypeId::kBoolean), "t");
  EXPECT_EQ(Cast("abcdef", LogicalType::Varchar(3)), "abc");
  EXPECT_EQ(Cast("ab", LogicalType::Char(4)), "ab  ");
  EXPECT_EQ(CastValue(Value::Double(2.5), LogicalTypeId::kInteger).ToString(), "2");
  EXPECT_EQ(CastValue(Value::Double(3.5), LogicalTypeId::kInteger).ToString(), "4");
  EXPECT_EQ(CastValue(Value::Decimal(25, 2, 1), LogicalTypeId::kInteger).ToString(), "3");
  EXPECT_EQ(CastValue(Value::Char("ab  ", 4), LogicalType::Varchar()).ToString(), "ab");
  EXPECT_EQ(ErrorState("abc", LogicalTypeId::kInteger), "22P02");
  EXPECT_EQ(ErrorState("99999", LogicalTypeId::kSmallInt), "22003");
  EXPECT_EQ(ErrorState("2024-02-30", LogicalTypeId::kDate), "22008");
  EXPECT_EQ(ErrorState("2024-13", LogicalTypeId::kDate), "22007");
  EXPECT_EQ(ErrorState("1000", LogicalType::Decimal(5, 2)), "22003");
  EXPECT_EQ(ErrorState("maybe", LogicalTypeId::kBoolean), "22P02");
}

TEST(TypesTest, DateArithmetic) {
  EXPECT_EQ(Date::Format(Date::AddMonths(Date::FromYmd(2024, 1, 31), 1)), "2024-02-29");
  EXPECT_EQ(Date::Format(Date::AddMonths(Date::FromYmd(2023, 1, 31), 1)), "2023-02-28");
  EXPECT_EQ(Date::Format(Date::AddMonths(Date::FromYmd(2024, 3, 15), -15)), "2022-12-15");
  EXPECT_EQ(Date::DayOfWeek(Date::FromYmd(2024, 11, 24)), 0);
}

TEST(TypesTest, CommonSupertype) {
  EXPECT_EQ(CommonSupertype(LogicalTypeId::kInteger, LogicalType::Decimal(15, 2), "UNION"),
            LogicalType::Decimal(15, 2));
  EXPECT_EQ(CommonSupertype(LogicalTypeId::kBigInt, LogicalType::Decimal(5, 2), "UNION"),
            LogicalType::Decimal(21, 2));
  EXPECT_EQ(CommonSupertype(LogicalTypeId::kInteger, LogicalTypeId::kDouble, "UNION"),
            LogicalType(LogicalTypeId::kDouble));
  EXPECT_THROW(CommonSupertype(LogicalTypeId::kInteger, LogicalTypeId::kDate, "UNION"), Exception);
  EXPECT_EQ(ImplicitCastCost(LogicalTypeId::kInteger, LogicalTypeId::kBigInt), 1);
  EXPECT_EQ(ImplicitCastCost(LogicalType::Varchar(), LogicalTypeId::kInteger), -1);
}

}  // namespace
}  // namespace tributary
