// PostgresConnectionPool: the connections a Database keeps to its
// PostgreSQL sources between statements, bounded per source.
//
// Contract:
// - A source is (host, port, database, user, password): a rotated password
//   never reuses a connection made with the old one.
// - At most `max_per_source` connections to one source are open at once
//   (in use or idle). Acquire(wait = true) waits for a free slot up to
//   the connect timeout, then fails with 53300; Acquire(wait = false)
//   returns nullptr instead (callers that can do with fewer connections,
//   such as extra split readers).
// - Idle connections are checked (status OK, outside any transaction)
//   before reuse and closed after `idle_timeout`; the egress policy is
//   checked again on every Acquire, so a tightened policy takes effect for
//   pooled connections too.
// - Release always frees the slot: a healthy idle connection is kept, any
//   other is closed. Destroying the pool closes every idle connection.
#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "connector/postgres/postgres_connection.h"

namespace tributary {

class PostgresConnectionPool {
 public:
  PostgresConnectionPool(size_t max_per_source, std::chrono::seconds idle_timeout)
      : max_per_source_(max_per_source), idle_timeout_(idle_timeout) {}
  ~PostgresConnectionPool();

  // Limits from tributary.conf's "federation" section:
  // pool_max_connections (per source, default 16) and
  // pool_idle_timeout_seconds (default 60).
  static std::unique_ptr<PostgresConnectionPool> FromConfig(const std::string& data_directory);

  static std::string SourceKey(const ExternalSchemaDefinition& schema,
                               const SourceCredentials& credentials);

  std::unique_ptr<PostgresConnection> Acquire(const ExternalSchemaDefinition& schema,
                                              const SourceCredentials& credentials,
                                              const std::string& data_directory, bool wait);
  void Release(const std::string& key, std::unique_ptr<PostgresConnection> connection);

  size_t max_per_source() const { return max_per_source_; }

 private:
  struct Idle {
    std::unique_ptr<PostgresConnection> connection;
    std::chrono::steady_clock::time_point since;
  };
  struct Source {
    size_t open = 0;
    std::vector<Idle> idle;
  };

  size_t max_per_source_;
  std::chrono::seconds idle_timeout_;
  std::mutex lock_;
  std::condition_variable released_;
  std::map<std::string, Source> sources_;
};

}  // namespace tributary
