// ConnectionPool: the slot bookkeeping every source's connection pool
// shares (PostgresConnectionPool, MySqlConnectionPool): the connections a
// Database keeps to its sources between statements, bounded per source.
//
// Contract:
// - A source is (host, port, database, user, password): a rotated password
//   never reuses a connection made with the old one.
// - At most `max_per_source` connections to one source are open at once
//   (in use or idle). Acquire(wait = true) waits for a free slot up to the
//   connect timeout, then fails with 53300; Acquire(wait = false) returns
//   nullptr instead (callers that can do with fewer connections, such as
//   extra split readers).
// - An idle connection is reused only while younger than `idle_timeout`
//   and Derived::Reusable(connection) holds; the egress policy is checked
//   again on every reuse (a tightened policy takes effect for pooled
//   connections too), then `revive` may still reject it (its slot then
//   opens a fresh connection). Expired connections close outside the lock.
// - Release always frees the slot: a connection Derived::Reusable accepts
//   is kept idle, any other is closed (outside the lock). Destroying the
//   pool closes every idle connection. Thread-safe.
//
// Derived (CRTP) provides `static bool Reusable(Connection&)`, a check of
// the connection's local state (no round trip).
#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "catalog/external_schema_definition.h"
#include "common/exception.h"
#include "security/source_credentials.h"

namespace tributary {

// The pool key of a source (see the contract).
std::string PoolSourceKey(const ExternalSchemaDefinition& schema,
                          const SourceCredentials& credentials);
// tributary.conf's "federation" section (empty when there is none).
nlohmann::json FederationConfig(const std::string& data_directory);
// A positive integer setting of that section (22023 otherwise).
int64_t FederationCount(const nlohmann::json& federation, const char* name, int64_t default_value);
// Checks a reused connection's destination against the egress policy.
void CheckPooledEgress(const ExternalSchemaDefinition& schema, const std::string& data_directory);
[[noreturn]] void ThrowPoolExhausted(const ExternalSchemaDefinition& schema, size_t max_per_source);

template <class Connection, class Derived>
class ConnectionPool {
 public:
  ConnectionPool(size_t max_per_source, std::chrono::seconds idle_timeout)
      : max_per_source_(max_per_source), idle_timeout_(idle_timeout) {}

  static std::string SourceKey(const ExternalSchemaDefinition& schema,
                               const SourceCredentials& credentials) {
    return PoolSourceKey(schema, credentials);
  }

  size_t max_per_source() const { return max_per_source_; }

  void Release(const std::string& key, std::unique_ptr<Connection> connection) {
    if (!connection)
      return;
    bool keep = Derived::Reusable(*connection);
    {
      std::lock_guard<std::mutex> guard(lock_);
      auto& source = sources_[key];
      if (keep) {
        source.idle.push_back({std::move(connection), std::chrono::steady_clock::now()});
      } else {
        source.open--;
      }
    }
    released_.notify_one();
    // A connection not kept closes here, outside the lock.
  }

 protected:
  ~ConnectionPool() = default;

  // A connection of the source in a slot of its own: a reused idle one
  // `revive(connection)` accepts, or `open()`'s (which may throw: the slot
  // is freed). nullptr when !wait and every slot is taken.
  template <class Revive, class Open>
  std::unique_ptr<Connection> AcquireSlot(const ExternalSchemaDefinition& schema,
                                          const SourceCredentials& credentials,
                                          const std::string& data_directory, bool wait,
                                          std::chrono::seconds connect_timeout, Revive revive,
                                          Open open) {
    std::string key = SourceKey(schema, credentials);
    std::vector<std::unique_ptr<Connection>> expired;  // closed outside the lock
    std::unique_ptr<Connection> reused;
    {
      std::unique_lock<std::mutex> guard(lock_);
      auto deadline = std::chrono::steady_clock::now() + connect_timeout;
      while (true) {
        auto& source = sources_[key];
        auto now = std::chrono::steady_clock::now();
        while (!source.idle.empty()) {
          Idle idle = std::move(source.idle.back());
          source.idle.pop_back();
          if (now - idle.since < idle_timeout_ && Derived::Reusable(*idle.connection)) {
            reused = std::move(idle.connection);
            break;
          }
          expired.push_back(std::move(idle.connection));
          source.open--;
        }
        if (reused)
          break;
        if (source.open < max_per_source_) {
          source.open++;
          break;
        }
        if (!wait)
          return nullptr;
        if (released_.wait_until(guard, deadline) == std::cv_status::timeout)
          ThrowPoolExhausted(schema, max_per_source_);
      }
    }
    // The slot is ours now (an idle connection's or a new one's).
    if (reused) {
      // A pooled connection's destination must still be allowed (a new one
      // is checked when it opens); if not, it goes back.
      try {
        CheckPooledEgress(schema, data_directory);
      } catch (...) {
        Release(key, std::move(reused));
        throw;
      }
      if (revive(*reused))
        return reused;
      reused.reset();  // the source closed it or is silent: a fresh one takes its slot
    }
    try {
      return open();
    } catch (...) {
      std::lock_guard<std::mutex> guard(lock_);
      sources_[key].open--;
      released_.notify_one();
      throw;
    }
  }

 private:
  struct Idle {
    std::unique_ptr<Connection> connection;
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
