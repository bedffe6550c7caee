// PostgresCatalog: reads a source table's columns and types from pg_catalog
// (tables, views, materialized views, partitioned and foreign tables) with
// one parameterized query, and maps each type to the warehouse's
// (REDSHIFT.md's table). NUMERIC without a typmod and every type without a
// binary mapping arrive as VARCHAR(65535) in PostgreSQL's text form, so no
// digit is ever lost.
#pragma once

#include "connector/postgres/postgres_connection.h"
#include "connector/remote_table.h"

namespace tributary {

class PostgresCatalog {
 public:
  // Throws 42P01 naming the remote table when it does not exist.
  static RemoteTable DescribeTable(PostgresConnection& connection,
                                   std::shared_ptr<const ExternalSchemaDefinition> schema,
                                   const std::string& table, bool case_sensitive);
};

}  // namespace tributary
