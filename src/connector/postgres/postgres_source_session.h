// PostgresSourceSession: every connection one warehouse statement holds to
// one PostgreSQL source (one host, database and credential), all reading
// the same data.
//
// Contract:
// - With repeatable_read (the default, `pg_federation_repeatable_read`),
//   the first connection opens `BEGIN ISOLATION LEVEL REPEATABLE READ READ
//   ONLY` and exports its snapshot; every later connection imports it with
//   `SET TRANSACTION SNAPSHOT`, so the metadata lookups and all scans of all
//   tables of this source in one statement see one state of the database.
//   The first connection stays in the session until it ends (the exporting
//   transaction must outlive the importers).
// - Without it, each connection runs its own `READ ONLY` READ COMMITTED
//   transaction (needed on hot standbys, where exporting can fail; the
//   error says so).
// - A non-zero `statement_timeout` (the warehouse setting) applies to every
//   remote statement (SET LOCAL).
// - Connections come from the Database's PostgresConnectionPool; when the
//   session ends, their transactions are rolled back and healthy ones go
//   back to the pool. Credentials (IAM chain + secret) are resolved once,
//   when the session is created.
// - Acquire/Release are thread-safe. A connection released in a broken or
//   busy state is closed, never reused.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "catalog/external_schema_definition.h"
#include "connector/postgres/postgres_connection.h"
#include "connector/postgres/postgres_connection_pool.h"
#include "connector/session_lease.h"
#include "security/source_credentials.h"

namespace tributary {

class PostgresSourceSession {
 public:
  // A connection lent by the session (see SessionLease).
  using Lease = SessionLease<PostgresSourceSession, PostgresConnection>;

  PostgresSourceSession(const ExternalSchemaDefinition& schema, std::string data_directory,
                        PostgresConnectionPool& pool, bool repeatable_read,
                        std::string statement_timeout);
  ~PostgresSourceSession();
  PostgresSourceSession(const PostgresSourceSession&) = delete;
  PostgresSourceSession& operator=(const PostgresSourceSession&) = delete;

  // A connection inside the statement's remote transaction: an idle one of
  // this session if any, else one from the pool. With `required` false,
  // returns nullptr when the pool is at its limit instead of waiting.
  // (An empty Lease then.)
  Lease Acquire(bool required = true);

  // PQserverVersion of the source, e.g. 150004.
  int ServerVersion();

 private:
  friend Lease;

  std::unique_ptr<PostgresConnection> Take(bool required);
  std::unique_ptr<PostgresConnection> Open(bool required);
  // Keeps a connection for reuse within this statement (or closes it).
  void Release(std::unique_ptr<PostgresConnection> connection);
  void Begin(PostgresConnection& connection);

  ExternalSchemaDefinition schema_;
  std::string data_directory_;
  PostgresConnectionPool& pool_;
  bool repeatable_read_;
  std::string statement_timeout_;
  SourceCredentials credentials_;
  std::string pool_key_;
  std::mutex open_lock_;
  bool opened_first_ = false;
  std::mutex lock_;
  std::string snapshot_id_;
  int server_version_ = 0;
  std::vector<std::unique_ptr<PostgresConnection>> idle_;
};

}  // namespace tributary
