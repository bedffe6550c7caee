// MySqlSourceSession: the connections one warehouse statement holds to one
// MySQL or MariaDB source (one host, database and credential).
//
// Contract:
// - Each connection runs READ ONLY READ COMMITTED (MySQL sources have no
//   exported snapshots: each remote query sees the data committed when it
//   starts, as Redshift documents for MySQL).
// - Credentials (IAM chain + secret) are resolved once, when the session is
//   created. Connections come from the Database's MySqlConnectionPool and
//   go back to it when the session ends; one released broken or in the
//   middle of a result is closed, never reused.
// - Acquire/Release are thread-safe.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "catalog/external_schema_definition.h"
#include "connector/mysql/mysql_connection.h"
#include "connector/session_lease.h"
#include "security/source_credentials.h"

namespace tributary {

class MySqlConnectionPool;

class MySqlSourceSession {
 public:
  // A connection lent by the session (see SessionLease).
  using Lease = SessionLease<MySqlSourceSession, MySqlConnection>;

  MySqlSourceSession(const ExternalSchemaDefinition& schema, std::string data_directory,
                     MySqlConnectionPool& pool);
  ~MySqlSourceSession();
  MySqlSourceSession(const MySqlSourceSession&) = delete;
  MySqlSourceSession& operator=(const MySqlSourceSession&) = delete;

  // An idle connection of this session if any, else one from the pool
  // (pinging and connecting watch `interrupted`). With `required` false,
  // an empty Lease when the pool is at its limit.
  Lease Acquire(bool required = true, const std::atomic<bool>* interrupted = nullptr);

 private:
  friend Lease;

  void Release(std::unique_ptr<MySqlConnection> connection);

  ExternalSchemaDefinition schema_;
  std::string data_directory_;
  MySqlConnectionPool& pool_;
  SourceCredentials credentials_;
  std::string pool_key_;
  std::mutex lock_;
  std::vector<std::unique_ptr<MySqlConnection>> idle_;
};

}  // namespace tributary
