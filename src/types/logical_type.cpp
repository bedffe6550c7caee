#include "types/logical_type.h"

#include "common/exception.h"
#include "types/interval.h"
#include "types/string_t.h"

namespace tributary {

LogicalType LogicalType::Decimal(int precision, int scale) {
  if (precision < 1 || precision > kMaxDecimalPrecision) {
    throw Exception(sqlstate::kInvalidParameterValue,
                    "NUMERIC precision " + std::to_string(precision) + " must be between 1 and " +
                        std::to_string(kMaxDecimalPrecision));
  }
  if (scale < 0 || scale > precision) {
    throw Exception(sqlstate::kInvalidParameterValue, "NUMERIC scale " + std::to_string(scale) +
                                                          " must be between 0 and precision " +
                                                          std::to_string(precision));
  }
  LogicalType t(LogicalTypeId::kDecimal);
  t.width_ = precision;
  t.scale_ = scale;
  return t;
}

LogicalType LogicalType::Varchar(int length) {
  if (length < 0 || length > kMaxVarcharLength) {
    throw Exception(sqlstate::kInvalidParameterValue,
                    "length for type varchar cannot exceed " + std::to_string(kMaxVarcharLength));
  }
  LogicalType t(LogicalTypeId::kVarchar);
  t.width_ = length;
  return t;
}

LogicalType LogicalType::Char(int length) {
  if (length < 1 || length > kMaxVarcharLength) {
    throw Exception(
        sqlstate::kInvalidParameterValue,
        length < 1 ? std::string("length for type char must be at least 1")
                   : "length for type char cannot exceed " + std::to_string(kMaxVarcharLength));
  }
  LogicalType t(LogicalTypeId::kChar);
  t.width_ = length;
  return t;
}

PhysicalType LogicalType::physical() const {
  switch (id_) {
    case LogicalTypeId::kBoolean:
      return PhysicalType::kBool;
    case LogicalTypeId::kSmallInt:
      return PhysicalType::kInt16;
    case LogicalTypeId::kInteger:
    case LogicalTypeId::kDate:
      return PhysicalType::kInt32;
    case LogicalTypeId::kBigInt:
    case LogicalTypeId::kTimestamp:
    case LogicalTypeId::kTimestampTz:
      return PhysicalType::kInt64;
    case LogicalTypeId::kDecimal:
      return width_ <= kMaxInt64DecimalPrecision ? PhysicalType::kInt64 : PhysicalType::kInt128;
    case LogicalTypeId::kReal:
      return PhysicalType::kFloat;
    case LogicalTypeId::kDouble:
      return PhysicalType::kDouble;
    case LogicalTypeId::kChar:
    case LogicalTypeId::kVarchar:
      return PhysicalType::kString;
    case LogicalTypeId::kInterval:
      return PhysicalType::kInterval;
    case LogicalTypeId::kNull:
      // An untyped NULL is stored as a (always NULL) boolean.
      return PhysicalType::kBool;
    default:
      return PhysicalType::kInvalid;
  }
}

bool LogicalType::IsNumeric() const {
  switch (id_) {
    case LogicalTypeId::kSmallInt:
    case LogicalTypeId::kInteger:
    case LogicalTypeId::kBigInt:
    case LogicalTypeId::kDecimal:
    case LogicalTypeId::kReal:
    case LogicalTypeId::kDouble:
      return true;
    default:
      return false;
  }
}

bool LogicalType::IsInteger() const {
  return id_ == LogicalTypeId::kSmallInt || id_ == LogicalTypeId::kInteger ||
         id_ == LogicalTypeId::kBigInt;
}

bool LogicalType::IsTemporal() const {
  return id_ == LogicalTypeId::kDate || id_ == LogicalTypeId::kTimestamp ||
         id_ == LogicalTypeId::kTimestampTz || id_ == LogicalTypeId::kInterval;
}

std::string LogicalType::ToString() const {
  switch (id_) {
    case LogicalTypeId::kNull:
      return "unknown";
    case LogicalTypeId::kBoolean:
      return "boolean";
    case LogicalTypeId::kSmallInt:
      return "smallint";
    case LogicalTypeId::kInteger:
      return "integer";
    case LogicalTypeId::kBigInt:
      return "bigint";
    case LogicalTypeId::kDecimal:
      if (width_ == 0)
        return "numeric";
      return "numeric(" + std::to_string(width_) + "," + std::to_string(scale_) + ")";
    case LogicalTypeId::kReal:
      return "real";
    case LogicalTypeId::kDouble:
      return "double precision";
    case LogicalTypeId::kChar:
      return "character(" + std::to_string(width_) + ")";
    case LogicalTypeId::kVarchar:
      return width_ == 0 ? "character varying"
                         : "character varying(" + std::to_string(width_) + ")";
    case LogicalTypeId::kDate:
      return "date";
    case LogicalTypeId::kTimestamp:
      return "timestamp without time zone";
    case LogicalTypeId::kTimestampTz:
      return "timestamp with time zone";
    case LogicalTypeId::kInterval:
      return "interval";
    default:
      return "invalid";
  }
}

idx_t PhysicalTypeSize(PhysicalType type) {
  switch (type) {
    case PhysicalType::kBool:
      return 1;
    case PhysicalType::kInt16:
      return 2;
    case PhysicalType::kInt32:
    case PhysicalType::kFloat:
      return 4;
    case PhysicalType::kInt64:
    case PhysicalType::kDouble:
      return 8;
    case PhysicalType::kInt128:
      return 16;
    case PhysicalType::kString:
      return sizeof(string_t);
    case PhysicalType::kInterval:
      return sizeof(interval_t);
    default:
      return 0;
  }
}

}  // namespace tributary
