// LogicalType: the SQL type of a column or expression, and the physical
// representation its values have inside a Vector.
//
//   BOOLEAN      -> bool (1 byte)
//   SMALLINT     -> int16_t         INTEGER -> int32_t     BIGINT -> int64_t
//   DECIMAL(p,s) -> int64_t when p <= 18, hugeint_t (int128) when p <= 38;
//                   the value is the unscaled integer (12.34 in (5,2) = 1234)
//   REAL         -> float           DOUBLE PRECISION -> double
//   CHAR(n), VARCHAR(n) -> string_t (CHAR values are stored blank-padded)
//   DATE         -> int32_t days since 2000-01-01 (PostgreSQL's epoch)
//   TIMESTAMP, TIMESTAMPTZ -> int64_t microseconds since 2000-01-01 00:00 UTC
//   INTERVAL     -> interval_t (months, days, microseconds)
#pragma once

#include <string>

#include "common/constants.h"

namespace tributary {

enum class LogicalTypeId : uint8_t {
  kInvalid,
  kNull,  // the type of an untyped NULL literal; coerces to anything
  kBoolean,
  kSmallInt,
  kInteger,
  kBigInt,
  kDecimal,
  kReal,
  kDouble,
  kChar,
  kVarchar,
  kDate,
  kTimestamp,
  kTimestampTz,
  kInterval,
};

enum class PhysicalType : uint8_t {
  kInvalid,
  kBool,
  kInt16,
  kInt32,
  kInt64,
  kInt128,
  kFloat,
  kDouble,
  kString,
  kInterval,
};

class LogicalType {
 public:
  static constexpr int kMaxDecimalPrecision = 38;
  static constexpr int kMaxInt64DecimalPrecision = 18;
  // Redshift's limit for CHAR/VARCHAR lengths (in bytes).
  static constexpr int kMaxVarcharLength = 65535;

  constexpr LogicalType() = default;
  constexpr LogicalType(LogicalTypeId id) : id_(id) {}  // NOLINT: implicit on purpose

  static LogicalType Decimal(int precision, int scale);
  // length 0 = no declared length (PostgreSQL's TEXT / unbounded VARCHAR).
  static LogicalType Varchar(int length = 0);
  static LogicalType Char(int length);

  LogicalTypeId id() const { return id_; }
  PhysicalType physical() const;
  // DECIMAL precision, or the declared CHAR/VARCHAR length (0 = none).
  int width() const { return width_; }
  int scale() const { return scale_; }

  bool IsNumeric() const;
  bool IsInteger() const;
  bool IsString() const { return id_ == LogicalTypeId::kVarchar || id_ == LogicalTypeId::kChar; }
  bool IsTemporal() const;

  // PostgreSQL's format_type() spelling: "integer", "numeric(15,2)",
  // "character varying(25)", "timestamp without time zone", ...
  std::string ToString() const;

  bool operator==(const LogicalType& other) const {
    return id_ == other.id_ && width_ == other.width_ && scale_ == other.scale_;
  }
  bool operator!=(const LogicalType& other) const { return !(*this == other); }

 private:
  LogicalTypeId id_ = LogicalTypeId::kInvalid;
  int width_ = 0;
  int scale_ = 0;
};

// Bytes a value of this physical type occupies in a vector.
idx_t PhysicalTypeSize(PhysicalType type);

}  // namespace tributary
