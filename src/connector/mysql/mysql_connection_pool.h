// MySqlConnectionPool: the connections a Database keeps to its MySQL and
// MariaDB sources between statements, bounded per source. The same
// contract as PostgresConnectionPool:
// - A source is (host, port, database, user, password): a rotated password
//   never reuses a connection made with the old one.
// - At most `max_per_source` connections to one source are open at once
//   (in use or idle). Acquire(wait = true) waits for a free slot up to the
//   connect timeout, then fails with 53300; Acquire(wait = false) returns
//   nullptr instead.
// - Idle connections are pinged before reuse (one that does not answer
//   within MySqlConnection::kPingTimeout is closed and replaced) and closed
//   after `idle_timeout`; the egress policy is checked again on every
//   Acquire. Pinging and connecting watch `interrupted` (57014).
// - Release always frees the slot: a healthy connection is kept, any other
//   (broken, or in the middle of a result) is closed. Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "connector/mysql/mysql_connection.h"

namespace tributary {

class MySqlConnectionPool {
 public:
  MySqlConnectionPool(size_t max_per_source, std::chrono::seconds idle_timeout,
                      MySqlConnectOptions options)
      : max_per_source_(max_per_source), idle_timeout_(idle_timeout), options_(options) {}
  ~MySqlConnectionPool();

  // tributary.conf's "federation" section: pool_max_connections (default
  // 16), pool_idle_timeout_seconds (default 60), mysql_metadata_timeout_seconds
  // (default 60), mysql_tls ("disable", "prefer" (default), "require" or
  // "verify") and mysql_tls_ca (the CA file "verify" trusts).
  static std::unique_ptr<MySqlConnectionPool> FromConfig(const std::string& data_directory);

  static std::string SourceKey(const ExternalSchemaDefinition& schema,
                               const SourceCredentials& credentials);

  std::unique_ptr<MySqlConnection> Acquire(const ExternalSchemaDefinition& schema,
                                           const SourceCredentials& credentials,
                                           const std::string& data_directory, bool wait,
                                           const std::atomic<bool>* interrupted = nullptr);
  void Release(const std::string& key, std::unique_ptr<MySqlConnection> connection);

  const MySqlConnectOptions& options() const { return options_; }

 private:
  struct Idle {
    std::unique_ptr<MySqlConnection> connection;
    std::chrono::steady_clock::time_point since;
  };
  struct Source {
    size_t open = 0;
    std::vector<Idle> idle;
  };

  size_t max_per_source_;
  std::chrono::seconds idle_timeout_;
  MySqlConnectOptions options_;
  std::mutex lock_;
  std::condition_variable released_;
  std::map<std::string, Source> sources_;
};

}  // namespace tributary
