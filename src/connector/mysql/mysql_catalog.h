// MySqlCatalog: reads a MySQL or MariaDB database's tables and columns
// from information_schema (one query per load) and maps each column to
// the warehouse type REDSHIFT.md's MySQL table gives:
//   TINYINT(1) -> BOOLEAN; TINYINT, TINYINT UNSIGNED, SMALLINT -> SMALLINT;
//   SMALLINT UNSIGNED, MEDIUMINT [UNSIGNED], INT -> INTEGER;
//   INT UNSIGNED, BIGINT -> BIGINT; BIGINT UNSIGNED -> DECIMAL(20,0);
//   DECIMAL(M,D) -> DECIMAL(M,D) (M > 38: VARCHAR(65535), its text form);
//   FLOAT -> REAL; DOUBLE -> DOUBLE PRECISION; CHAR(n), VARCHAR(n) as is;
//   DATE; DATETIME, TIMESTAMP -> TIMESTAMP (read in UTC);
//   YEAR -> VARCHAR(4); TIME -> VARCHAR(65535) (we have no TIME type; its
//   text form, an error outside 00:00:00..24:00:00);
//   BIT -> VARCHAR(65535) as BIN(), BINARY/VARBINARY/*BLOB as HEX(),
//   *TEXT, ENUM, SET, JSON as text, spatial types as ST_AsText() WKT, all
//   VARCHAR(65535).
// Thread-safety: stateless; the connection is the caller's.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "connector/remote_table.h"

namespace tributary {

class MySqlConnection;

// How a column is selected and decoded (RemoteColumn::wire_cast holds its
// name for MySQL columns).
enum class MySqlWireKind : uint8_t {
  kPlain,    // the column itself, decoded as the warehouse type
  kBoolean,  // TINYINT(1): 0 is false, anything else true
  kFloat,    // FLOAT read as a DOUBLE (exact), stored as REAL
  kYear,     // YEAR as 4 digits
  kTime,     // TIME, checked against 00:00:00..24:00:00
  kHex,      // binary strings: HEX(col)
  kBits,     // BIT: BIN(col)
  kSpatial,  // ST_AsText(col)
};

struct MySqlColumnType {
  LogicalType type;
  MySqlWireKind wire = MySqlWireKind::kPlain;
};

class MySqlCatalog {
 public:
  // Every table and view of `schema->database`, with their columns. The
  // query watches `interrupted` and is bounded by the connection's
  // metadata timeout: either fails with 57014 (the connection broken).
  static std::vector<RemoteTable> ReadSchema(
      MySqlConnection& connection, const std::shared_ptr<const ExternalSchemaDefinition>& schema,
      const std::atomic<bool>* interrupted = nullptr);

  // The mapping above, from information_schema.COLUMNS' DATA_TYPE and
  // COLUMN_TYPE (lower case), precision/scale and character length.
  static MySqlColumnType MapType(const std::string& data_type, const std::string& column_type,
                                 int64_t precision, int64_t scale, int64_t char_length);

  static MySqlWireKind WireKind(const RemoteColumn& column);
  // The SELECT list expression for `column` (`quoted` is its quoted name).
  static std::string SelectExpression(const RemoteColumn& column, const std::string& quoted);
};

}  // namespace tributary
