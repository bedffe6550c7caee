// PostgresCatalog: reads every relation of an external schema's remote
// schema (tables, views, materialized views, partitioned and foreign tables)
// with its columns, types, relpages and reltuples in one parameterized query
// on pg_class, pg_attribute, pg_type and pg_namespace, and maps each type to
// the warehouse's (REDSHIFT.md's table); then the columns' pg_stats rows and
// which columns lead a btree index. NUMERIC without a typmod and every type
// without a binary mapping arrive as VARCHAR(65535) in PostgreSQL's text
// form, so no digit is ever lost.
#pragma once

#include <vector>

#include "connector/postgres/postgres_connection.h"
#include "connector/remote_table.h"

namespace tributary {

class PostgresCatalog {
 public:
  // Columns' local_name is the remote name as is (the binder folds it).
  static std::vector<RemoteTable> ReadSchema(
      PostgresConnection& connection,
      const std::shared_ptr<const ExternalSchemaDefinition>& schema);
  // The elements of an array in PostgreSQL's text form ({a,"b c"}); NULL
  // elements come back as the text NULL (estimates only).
  static std::vector<std::string> ParseTextArray(const std::string& text);

 private:
  // Per-column statistics from pg_stats (one query for the whole schema).
  static void ReadStatistics(PostgresConnection& connection,
                             const std::shared_ptr<const ExternalSchemaDefinition>& schema,
                             std::vector<RemoteTable>& tables);
  // Columns that lead a btree index (RemoteColumn::indexed).
  static void ReadIndexes(PostgresConnection& connection,
                          const std::shared_ptr<const ExternalSchemaDefinition>& schema,
                          std::vector<RemoteTable>& tables);
};

}  // namespace tributary
