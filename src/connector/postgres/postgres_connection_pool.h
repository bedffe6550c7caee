// PostgresConnectionPool: the connections a Database keeps to its
// PostgreSQL sources between statements, bounded per source: the contract
// of ConnectionPool (connector/connection_pool.h). An idle connection is
// reused while its status is OK and it is outside any transaction.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "connector/connection_pool.h"
#include "connector/postgres/postgres_connection.h"

namespace tributary {

class PostgresConnectionPool : public ConnectionPool<PostgresConnection, PostgresConnectionPool> {
 public:
  PostgresConnectionPool(size_t max_per_source, std::chrono::seconds idle_timeout)
      : ConnectionPool(max_per_source, idle_timeout) {}
  ~PostgresConnectionPool();

  // Limits from tributary.conf's "federation" section:
  // pool_max_connections (per source, default 16) and
  // pool_idle_timeout_seconds (default 60).
  static std::unique_ptr<PostgresConnectionPool> FromConfig(const std::string& data_directory);

  std::unique_ptr<PostgresConnection> Acquire(const ExternalSchemaDefinition& schema,
                                              const SourceCredentials& credentials,
                                              const std::string& data_directory, bool wait);

  // Status OK and outside any transaction (ConnectionPool's check).
  static bool Reusable(PostgresConnection& connection);
};

}  // namespace tributary
