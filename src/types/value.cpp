#include "types/value.h"

#include "common/exception.h"
#include "types/cast.h"
#include "types/date.h"
#include "types/decimal.h"
#include "types/float_format.h"
#include "types/timestamp.h"

namespace tributary {

Value Value::Null(LogicalType type) {
  Value v;
  v.type_ = type;
  return v;
}

Value Value::Boolean(bool b) {
  Value v;
  v.type_ = LogicalTypeId::kBoolean;
  v.is_null_ = false;
  v.u_.b = b;
  return v;
}

Value Value::SmallInt(int16_t x) {
  Value v;
  v.type_ = LogicalTypeId::kSmallInt;
  v.is_null_ = false;
  v.u_.i64 = x;
  return v;
}

Value Value::Integer(int32_t x) {
  Value v;
  v.type_ = LogicalTypeId::kInteger;
  v.is_null_ = false;
  v.u_.i64 = x;
  return v;
}

Value Value::BigInt(int64_t x) {
  Value v;
  v.type_ = LogicalTypeId::kBigInt;
  v.is_null_ = false;
  v.u_.i64 = x;
  return v;
}

Value Value::Decimal(hugeint_t unscaled, int precision, int scale) {
  Value v;
  v.type_ = LogicalType::Decimal(precision, scale);
  v.is_null_ = false;
  v.u_.i128 = unscaled;
  return v;
}

Value Value::Real(float x) {
  Value v;
  v.type_ = LogicalTypeId::kReal;
  v.is_null_ = false;
  v.u_.d = x;
  return v;
}

Value Value::Double(double x) {
  Value v;
  v.type_ = LogicalTypeId::kDouble;
  v.is_null_ = false;
  v.u_.d = x;
  return v;
}

Value Value::Varchar(std::string s) {
  Value v;
  v.type_ = LogicalType::Varchar();
  v.is_null_ = false;
  v.str_ = std::move(s);
  return v;
}

Value Value::Char(std::string s, int length) {
  Value v;
  v.type_ = LogicalType::Char(length);
  v.is_null_ = false;
  if (static_cast<int>(s.size()) < length)
    s.append(length - s.size(), ' ');
  v.str_ = std::move(s);
  return v;
}

Value Value::Date(int32_t days) {
  Value v;
  v.type_ = LogicalTypeId::kDate;
  v.is_null_ = false;
  v.u_.i64 = days;
  return v;
}

Value Value::Timestamp(int64_t micros) {
  Value v;
  v.type_ = LogicalTypeId::kTimestamp;
  v.is_null_ = false;
  v.u_.i64 = micros;
  return v;
}

Value Value::TimestampTz(int64_t micros) {
  Value v;
  v.type_ = LogicalTypeId::kTimestampTz;
  v.is_null_ = false;
  v.u_.i64 = micros;
  return v;
}

Value Value::Interval(interval_t x) {
  Value v;
  v.type_ = LogicalTypeId::kInterval;
  v.is_null_ = false;
  v.u_.iv = x;
  return v;
}

std::string Value::ToString() const {
  if (is_null_)
    return "NULL";
  switch (type_.id()) {
    case LogicalTypeId::kBoolean:
      return u_.b ? "t" : "f";
    case LogicalTypeId::kSmallInt:
    case LogicalTypeId::kInteger:
    case LogicalTypeId::kBigInt:
      return std::to_string(u_.i64);
    case LogicalTypeId::kDecimal:
      return tributary::Decimal::Format(u_.i128, type_.scale());
    case LogicalTypeId::kReal:
      return FormatFloat(static_cast<float>(u_.d));
    case LogicalTypeId::kDouble:
      return FormatDouble(u_.d);
    case LogicalTypeId::kChar:
    case LogicalTypeId::kVarchar:
      return str_;
    case LogicalTypeId::kDate:
      return tributary::Date::Format(static_cast<int32_t>(u_.i64));
    case LogicalTypeId::kTimestamp:
      return tributary::Timestamp::Format(u_.i64, false);
    case LogicalTypeId::kTimestampTz:
      return tributary::Timestamp::Format(u_.i64, true);
    case LogicalTypeId::kInterval:
      return tributary::Interval::Format(u_.iv);
    default:
      return "NULL";
  }
}

Value Value::CastAs(const LogicalType& target) const {
  return CastValue(*this, target);
}

bool Value::operator==(const Value& other) const {
  if (type_ != other.type_ || is_null_ != other.is_null_)
    return false;
  if (is_null_)
    return true;
  switch (type_.physical()) {
    case PhysicalType::kBool:
      return u_.b == other.u_.b;
    case PhysicalType::kInt128:
      return u_.i128 == other.u_.i128;
    case PhysicalType::kFloat:
    case PhysicalType::kDouble:
      return u_.d == other.u_.d || (u_.d != u_.d && other.u_.d != other.u_.d);
    case PhysicalType::kString:
      return str_ == other.str_;
    case PhysicalType::kInterval:
      return u_.iv == other.u_.iv;
    default:
      if (type_.id() == LogicalTypeId::kDecimal)
        return u_.i128 == other.u_.i128;
      return u_.i64 == other.u_.i64;
  }
}

}  // namespace tributary
