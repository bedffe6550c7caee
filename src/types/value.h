// Value: one SQL value of any type (or NULL). Used for constants, parameters
// and results handed to clients; never inside hot loops (use Vectors there).
#pragma once

#include <string>

#include "types/interval.h"
#include "types/logical_type.h"

namespace tributary {

class Value {
 public:
  // An untyped NULL.
  Value() : type_(LogicalTypeId::kNull) {}
  static Value Null(LogicalType type);
  static Value Boolean(bool v);
  static Value SmallInt(int16_t v);
  static Value Integer(int32_t v);
  static Value BigInt(int64_t v);
  // `unscaled` is the integer 12.34 -> 1234 for scale 2.
  static Value Decimal(hugeint_t unscaled, int precision, int scale);
  static Value Real(float v);
  static Value Double(double v);
  static Value Varchar(std::string v);
  static Value Char(std::string v, int length);
  static Value Date(int32_t days);
  static Value Timestamp(int64_t micros);
  static Value TimestampTz(int64_t micros);
  static Value Interval(interval_t v);

  const LogicalType& type() const { return type_; }
  bool IsNull() const { return is_null_; }

  // Accessors; the caller must know the physical type.
  bool GetBool() const { return u_.b; }
  int64_t GetInt64() const { return u_.i64; }       // SMALLINT/INTEGER/BIGINT/DATE/TIMESTAMP*
  hugeint_t GetHugeint() const { return u_.i128; }  // DECIMAL (any precision)
  double GetDouble() const { return u_.d; }         // REAL/DOUBLE
  const std::string& GetString() const { return str_; }
  interval_t GetInterval() const { return u_.iv; }

  // PostgreSQL's text output form ("t", "12.30", "2024-01-31", ...).
  // NULL gives "NULL" (callers that print NULL differently check IsNull()).
  std::string ToString() const;

  // Converts to `target` with SQL cast semantics; throws the cast's error.
  Value CastAs(const LogicalType& target) const;

  // Structural equality (NULL equals NULL); for tests and constant folding.
  bool operator==(const Value& other) const;

 private:
  LogicalType type_;
  bool is_null_ = true;
  union {
    bool b;
    int64_t i64;
    hugeint_t i128;
    double d;
    interval_t iv;
  } u_{};
  std::string str_;
};

}  // namespace tributary
