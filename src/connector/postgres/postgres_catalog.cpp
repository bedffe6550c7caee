#include "connector/postgres/postgres_catalog.h"

#include <algorithm>
#include <map>

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

// The cast the remote SELECT applies so the binary bytes always have the
// type the decoder expects, even if the column's type changed on the source
// since its metadata was cached (a no-op cast costs nothing there).
std::string WireCast(const std::string& typname, const RemoteColumn& column) {
  if (column.read_as_text || typname == "varchar" || typname == "text" || typname == "name")
    return "text";
  if (typname == "numeric") {
    return "numeric(" + std::to_string(column.type.width()) + "," +
           std::to_string(column.type.scale()) + ")";
  }
  return typname;  // int2, int4, int8, float4, float8, bool, date, timestamp(tz), bpchar
}

}  // namespace

std::vector<RemoteTable> PostgresCatalog::ReadSchema(
    PostgresConnection& connection, const std::shared_ptr<const ExternalSchemaDefinition>& schema) {
  // Collations: collisdeterministic exists since PostgreSQL 12 (all were
  // deterministic before), datlocprovider since 15 (libc before). The
  // default collation ('d') is the database's.
  int version = PQserverVersion(connection.get());
  std::string deterministic = version >= 120000 ? "coalesce(co.collisdeterministic, true)" : "true";
  std::string database_c =
      "(SELECT pg_catalog.pg_encoding_to_char(d.encoding) IN ('UTF8', 'SQL_ASCII') AND "
      "d.datcollate IN ('C', 'POSIX')" +
      std::string(version >= 150000 ? " AND d.datlocprovider = 'c'" : "") +
      " FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database())";
  std::string bytewise =
      "CASE WHEN co.oid IS NULL THEN false WHEN co.collprovider = 'd' THEN " + database_c +
      " ELSE co.collprovider = 'c' AND co.collcollate IN ('C', 'POSIX') AND " +
      "(SELECT pg_catalog.pg_encoding_to_char(d.encoding) IN ('UTF8', 'SQL_ASCII') FROM "
      "pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database()) END";
  std::string query =
      "SELECT c.relname, a.attname, t.typname, a.atttypmod, format_type(a.atttypid, a.atttypmod), "
      "a.attnotnull, CASE WHEN c.reltuples < 0 OR (c.reltuples = 0 AND c.relpages = 0) "
      "THEN coalesce(st.n_live_tup, 0) ELSE c.reltuples END, c.relpages, c.relkind, "
      "coalesce(co.collprovider::text, ''), " +
      deterministic + ", coalesce(" + bytewise +
      ", false), (SELECT pg_catalog.pg_encoding_to_char(d.encoding) IN ('UTF8', 'SQL_ASCII') "
      "FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database()) "
      "FROM pg_catalog.pg_class c "
      "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
      "JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT "
      "a.attisdropped "
      "JOIN pg_catalog.pg_type t ON t.oid = a.atttypid "
      "LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation "
      "LEFT JOIN pg_catalog.pg_stat_all_tables st ON st.relid = c.oid "
      "WHERE n.nspname = $1 AND c.relkind IN ('r', 'v', 'm', 'p', 'f') "
      "ORDER BY c.relname, a.attnum";
  const char* params[] = {schema->remote_schema.c_str()};
  PGresult* result =
      PQexecParams(connection.get(), query.c_str(), 1, nullptr, params, nullptr, nullptr, 0);
  if (PQresultStatus(result) != PGRES_TUPLES_OK)
    connection.Fail(result, "reading the metadata of schema \"" + schema->remote_schema + "\"");
  std::vector<RemoteTable> tables;
  int rows = PQntuples(result);
  for (int r = 0; r < rows; r++) {
    std::string relname = PQgetvalue(result, r, 0);
    if (tables.empty() || tables.back().remote_name != relname) {
      RemoteTable table;
      table.schema = schema;
      table.remote_schema = schema->remote_schema;
      table.remote_name = relname;
      table.local_name = relname;
      table.estimated_rows = std::max(0.0, std::atof(PQgetvalue(result, r, 6)));
      table.pages = std::max<int64_t>(0, std::atoll(PQgetvalue(result, r, 7)));
      table.relkind = PQgetvalue(result, r, 8)[0];
      tables.push_back(std::move(table));
    }
    RemoteColumn column;
    column.name = PQgetvalue(result, r, 1);
    column.local_name = column.name;
    column.remote_type = PQgetvalue(result, r, 4);
    column.nullable = std::string(PQgetvalue(result, r, 5)) != "t";
    column.deterministic_collation = std::string(PQgetvalue(result, r, 10)) == "t";
    column.bytewise_collation = std::string(PQgetvalue(result, r, 11)) == "t";
    column.utf8 = std::string(PQgetvalue(result, r, 12)) == "t";
    std::string typname = PQgetvalue(result, r, 2);
    MapType(typname, std::atoi(PQgetvalue(result, r, 3)), column);
    column.wire_cast = WireCast(typname, column);
    tables.back().columns.push_back(std::move(column));
  }
  PQclear(result);
  ReadStatistics(connection, schema, tables);
  ReadIndexes(connection, schema, tables);
  return tables;
}

void PostgresCatalog::ReadIndexes(PostgresConnection& connection,
                                  const std::shared_ptr<const ExternalSchemaDefinition>& schema,
                                  std::vector<RemoteTable>& tables) {
  static const char* kQuery =
      "SELECT DISTINCT c.relname, a.attname FROM pg_catalog.pg_index i "
      "JOIN pg_catalog.pg_class c ON c.oid = i.indrelid "
      "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
      "JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid "
      "JOIN pg_catalog.pg_am am ON am.oid = ic.relam AND am.amname = 'btree' "
      "JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[0] "
      "WHERE n.nspname = $1 AND i.indisvalid";
  const char* params[] = {schema->remote_schema.c_str()};
  PGresult* result =
      PQexecParams(connection.get(), kQuery, 1, nullptr, params, nullptr, nullptr, 0);
  if (PQresultStatus(result) != PGRES_TUPLES_OK)
    connection.Fail(result, "reading the indexes of schema \"" + schema->remote_schema + "\"");
  std::map<std::pair<std::string, std::string>, RemoteColumn*> columns;
  for (auto& table : tables) {
    for (auto& column : table.columns)
      columns[{table.remote_name, column.name}] = &column;
  }
  for (int r = 0; r < PQntuples(result); r++) {
    auto it = columns.find({PQgetvalue(result, r, 0), PQgetvalue(result, r, 1)});
    if (it != columns.end())
      it->second->indexed = true;
  }
  PQclear(result);
}

std::vector<std::string> PostgresCatalog::ParseTextArray(const std::string& text) {
  std::vector<std::string> values;
  if (text.size() < 2 || text.front() != '{' || text.back() != '}')
    return values;
  size_t i = 1, end = text.size() - 1;
  while (i < end) {
    std::string value;
    if (text[i] == '"') {
      for (i++; i < end && text[i] != '"'; i++) {
        if (text[i] == '\\' && i + 1 < end)
          i++;
        value += text[i];
      }
      i++;  // the closing quote
    } else {
      for (; i < end && text[i] != ','; i++)
        value += text[i];
    }
    values.push_back(std::move(value));
    if (i < end && text[i] == ',')
      i++;
  }
  return values;
}

void PostgresCatalog::ReadStatistics(PostgresConnection& connection,
                                     const std::shared_ptr<const ExternalSchemaDefinition>& schema,
                                     std::vector<RemoteTable>& tables) {
  // Non-inherited rows first: a plain table's own statistics win over its
  // inheritance tree's; a partitioned table only has the latter.
  static const char* kQuery =
      "SELECT tablename, attname, null_frac, n_distinct, most_common_vals::text, "
      "most_common_freqs::text, histogram_bounds::text FROM pg_catalog.pg_stats "
      "WHERE schemaname = $1 ORDER BY tablename, attname, inherited DESC";
  const char* params[] = {schema->remote_schema.c_str()};
  PGresult* result =
      PQexecParams(connection.get(), kQuery, 1, nullptr, params, nullptr, nullptr, 0);
  if (PQresultStatus(result) != PGRES_TUPLES_OK)
    connection.Fail(result, "reading the statistics of schema \"" + schema->remote_schema + "\"");
  std::map<std::pair<std::string, std::string>, std::pair<RemoteColumn*, double>> columns;
  for (auto& table : tables) {
    for (auto& column : table.columns)
      columns[{table.remote_name, column.name}] = {&column, table.estimated_rows};
  }
  for (int r = 0; r < PQntuples(result); r++) {
    auto it = columns.find({PQgetvalue(result, r, 0), PQgetvalue(result, r, 1)});
    if (it == columns.end())
      continue;
    auto& stats = it->second.first->stats;
    stats = RemoteColumnStats();
    stats.analyzed = true;
    stats.null_frac = std::atof(PQgetvalue(result, r, 2));
    stats.n_distinct = std::atof(PQgetvalue(result, r, 3));
    stats.distinct =
        stats.n_distinct >= 0 ? stats.n_distinct : -stats.n_distinct * it->second.second;
    stats.most_common_values = ParseTextArray(PQgetvalue(result, r, 4));
    for (auto& freq : ParseTextArray(PQgetvalue(result, r, 5)))
      stats.most_common_freqs.push_back(std::atof(freq.c_str()));
    if (stats.most_common_freqs.size() != stats.most_common_values.size()) {
      stats.most_common_values.clear();
      stats.most_common_freqs.clear();
    }
    stats.histogram_bounds = ParseTextArray(PQgetvalue(result, r, 6));
  }
  PQclear(result);
}

}  // namespace tributary
