#include "connector/postgres/postgres_catalog.h"

#include <algorithm>

#include "common/exception.h"

namespace tributary {

namespace {

constexpr int kTextLength = 65535;

// Maps a PostgreSQL type; sets read_as_text for types without a mapping.
void MapType(const std::string& typname, int typmod, RemoteColumn& column) {
  column.read_as_text = false;
  if (typname == "int2") {
    column.type = LogicalTypeId::kSmallInt;
  } else if (typname == "int4") {
    column.type = LogicalTypeId::kInteger;
  } else if (typname == "int8") {
    column.type = LogicalTypeId::kBigInt;
  } else if (typname == "float4") {
    column.type = LogicalTypeId::kReal;
  } else if (typname == "float8") {
    column.type = LogicalTypeId::kDouble;
  } else if (typname == "bool") {
    column.type = LogicalTypeId::kBoolean;
  } else if (typname == "date") {
    column.type = LogicalTypeId::kDate;
  } else if (typname == "timestamp") {
    column.type = LogicalTypeId::kTimestamp;
  } else if (typname == "timestamptz") {
    column.type = LogicalTypeId::kTimestampTz;
  } else if (typname == "numeric" && typmod >= 4) {
    int precision = ((typmod - 4) >> 16) & 0xFFFF;
    int scale = (typmod - 4) & 0xFFFF;
    if (precision >= 1 && precision <= 38 && scale <= precision) {
      column.type = LogicalType::Decimal(precision, scale);
    } else {
      column.type = LogicalType::Varchar(kTextLength);
      column.read_as_text = true;
    }
  } else if (typname == "bpchar" && typmod >= 5 && typmod - 4 <= kTextLength) {
    column.type = LogicalType::Char(typmod - 4);
  } else if (typname == "varchar") {
    column.type =
        LogicalType::Varchar(typmod >= 5 && typmod - 4 <= kTextLength ? typmod - 4 : kTextLength);
  } else if (typname == "text" || typname == "name" || typname == "bpchar") {
    column.type = LogicalType::Varchar(kTextLength);
  } else {
    column.type = LogicalType::Varchar(kTextLength);
    column.read_as_text = true;
  }
}

}  // namespace

RemoteTable PostgresCatalog::DescribeTable(PostgresConnection& connection,
                                           std::shared_ptr<const ExternalSchemaDefinition> schema,
                                           const std::string& table, bool case_sensitive) {
  // With folding on, an unquoted name matches the remote name
  // case-insensitively when that is unambiguous (Redshift's behaviour for
  // lower-case remote names; mixed-case needs case sensitivity).
  static const char* kQuery =
      "SELECT c.relname, a.attname, t.typname, a.atttypmod, format_type(a.atttypid, a.atttypmod), "
      "a.attnotnull, c.reltuples, c.relpages, c.relkind, coalesce(co.collprovider::text, '') "
      "FROM pg_catalog.pg_class c "
      "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
      "JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT "
      "a.attisdropped "
      "JOIN pg_catalog.pg_type t ON t.oid = a.atttypid "
      "LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation "
      "WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'v', 'm', 'p', 'f') "
      "ORDER BY a.attnum";
  const char* params[] = {schema->remote_schema.c_str(), table.c_str()};
  PGresult* result =
      PQexecParams(connection.get(), kQuery, 2, nullptr, params, nullptr, nullptr, 0);
  if (PQresultStatus(result) != PGRES_TUPLES_OK)
    connection.Fail(result, "reading table metadata");
  int rows = PQntuples(result);
  if (rows == 0) {
    PQclear(result);
    throw Exception(sqlstate::kUndefinedTable,
                    "relation \"" + schema->name + "." + table + "\" does not exist (no table \"" +
                        table + "\" in schema \"" + schema->remote_schema + "\" of database \"" +
                        schema->database + "\" on the source)");
  }
  RemoteTable remote;
  remote.schema = std::move(schema);
  remote.remote_schema = remote.schema->remote_schema;
  remote.remote_name = PQgetvalue(result, 0, 0);
  remote.local_name = table;
  remote.estimated_rows = std::max(0.0, std::atof(PQgetvalue(result, 0, 6)));
  remote.pages = std::max<int64_t>(0, std::atoll(PQgetvalue(result, 0, 7)));
  remote.relkind = PQgetvalue(result, 0, 8)[0];
  for (int r = 0; r < rows; r++) {
    RemoteColumn column;
    column.name = PQgetvalue(result, r, 1);
    column.local_name = column.name;
    if (!case_sensitive) {
      std::transform(column.local_name.begin(), column.local_name.end(), column.local_name.begin(),
                     [](unsigned char c) { return std::tolower(c); });
    }
    column.remote_type = PQgetvalue(result, r, 4);
    column.nullable = std::string(PQgetvalue(result, r, 5)) != "t";
    // libc ('c') and default ('d') collations are deterministic.
    std::string provider = PQgetvalue(result, r, 9);
    column.deterministic_collation = provider.empty() || provider == "c" || provider == "d";
    MapType(PQgetvalue(result, r, 2), std::atoi(PQgetvalue(result, r, 3)), column);
    remote.columns.push_back(std::move(column));
  }
  PQclear(result);
  return remote;
}

}  // namespace tributary
