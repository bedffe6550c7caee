// PgTypeMapping: how warehouse types appear on the wire. Each LogicalType
// has a PostgreSQL type OID, length and typmod for RowDescription; values are
// sent in PostgreSQL's text form (Value::ToString) or its binary form, and
// Bind parameters are decoded from either form.
//
//   BOOLEAN bool 16      SMALLINT int2 21     INTEGER int4 23   BIGINT int8 20
//   DECIMAL numeric 1700 (typmod ((p << 16) | s) + 4)
//   REAL float4 700      DOUBLE float8 701
//   CHAR(n) bpchar 1042  VARCHAR(n) varchar 1043 (typmod n + 4)
//   VARCHAR without a length: text 25
//   DATE 1082  TIMESTAMP 1114  TIMESTAMPTZ 1184  INTERVAL 1186
//   an untyped NULL column: text 25
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "main/parameter_value.h"
#include "types/logical_type.h"
#include "types/value.h"

namespace tributary {

namespace pg_oid {
constexpr int32_t kBool = 16;
constexpr int32_t kInt8 = 20;
constexpr int32_t kInt2 = 21;
constexpr int32_t kInt4 = 23;
constexpr int32_t kText = 25;
constexpr int32_t kFloat4 = 700;
constexpr int32_t kFloat8 = 701;
constexpr int32_t kUnknown = 705;
constexpr int32_t kBpchar = 1042;
constexpr int32_t kVarchar = 1043;
constexpr int32_t kDate = 1082;
constexpr int32_t kTimestamp = 1114;
constexpr int32_t kTimestampTz = 1184;
constexpr int32_t kInterval = 1186;
constexpr int32_t kNumeric = 1700;
}  // namespace pg_oid

struct PgColumnType {
  int32_t oid;
  int16_t length;  // bytes, -1 for variable length
  int32_t typmod;  // -1 when none
};

PgColumnType PgTypeOf(const LogicalType& type);

// Appends the binary form of non-NULL `value` to `out`. Throws 0A000 for a
// type without one here.
void AppendPgBinary(const Value& value, std::string& out);

// A NULL of the type `oid` names (an untyped NULL for 0 or an unknown OID),
// for describing a statement before its parameters are bound.
Value PgTypedNull(int32_t oid);

// Decodes a Bind parameter. `oid` 0 (or one we do not know) leaves a text
// parameter untyped. `binary` parameters need a known `oid` (08P01 otherwise).
ParameterValue DecodePgParameter(int32_t oid, bool binary, std::string_view bytes);

}  // namespace tributary
