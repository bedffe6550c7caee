// PostgresCatalog: reads every relation of an external schema's remote
// schema (tables, views, materialized views, partitioned and foreign tables)
// with its columns, types, relpages and reltuples in one parameterized query
// on pg_class, pg_attribute, pg_type and pg_namespace, and maps each type to
// the warehouse's (REDSHIFT.md's table). NUMERIC without a typmod and every
// type without a binary mapping arrive as VARCHAR(65535) in PostgreSQL's text
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
};

}  // namespace tributary
