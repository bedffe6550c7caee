// MySqlConnectionPool: the connections a Database keeps to its MySQL and
// MariaDB sources between statements, bounded per source: the contract of
// ConnectionPool (connector/connection_pool.h). An idle connection is
// reused while healthy (not broken, no result in progress) and after it
// answers a ping within MySqlConnection::kPingTimeout (one that does not
// is closed and replaced). Pinging and connecting watch `interrupted`
// (57014).
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

#include "connector/connection_pool.h"
#include "connector/mysql/mysql_connection.h"

namespace tributary {

class MySqlConnectionPool : public ConnectionPool<MySqlConnection, MySqlConnectionPool> {
 public:
  MySqlConnectionPool(size_t max_per_source, std::chrono::seconds idle_timeout,
                      MySqlConnectOptions options)
      : ConnectionPool(max_per_source, idle_timeout), options_(options) {}
  ~MySqlConnectionPool();

  // tributary.conf's "federation" section: pool_max_connections (default
  // 16), pool_idle_timeout_seconds (default 60), mysql_metadata_timeout_seconds
  // (default 60), mysql_tls ("disable", "prefer" (default), "require" or
  // "verify") and mysql_tls_ca (the CA file "verify" trusts).
  static std::unique_ptr<MySqlConnectionPool> FromConfig(const std::string& data_directory);

  std::unique_ptr<MySqlConnection> Acquire(const ExternalSchemaDefinition& schema,
                                           const SourceCredentials& credentials,
                                           const std::string& data_directory, bool wait,
                                           const std::atomic<bool>* interrupted = nullptr);

  const MySqlConnectOptions& options() const { return options_; }

  // Not broken and no result in progress (ConnectionPool's check).
  static bool Reusable(MySqlConnection& connection) { return connection.Healthy(); }

 private:
  MySqlConnectOptions options_;
};

}  // namespace tributary
