// PostgresSourceSession: every connection one warehouse query holds to one
// PostgreSQL source (one host, database and credential), all reading the
// same data.
//
// Contract:
// - With repeatable_read (the default, `pg_federation_repeatable_read`),
//   the first connection opens `BEGIN ISOLATION LEVEL REPEATABLE READ READ
//   ONLY` and exports its snapshot; every later connection imports it with
//   `SET TRANSACTION SNAPSHOT`, so the metadata lookups and all scans of all
//   tables of this source in one query see one state of the database. The
//   first connection stays open until the session ends (the exporting
//   transaction must outlive the importers).
// - Without it, each connection runs its own `READ ONLY` READ COMMITTED
//   transaction (needed on hot standbys, where exporting can fail; the
//   error says so).
// - Credentials (IAM chain + secret) are resolved once, when the session
//   is created; the password is never kept in an error or log.
// - Acquire/Release are thread-safe. A connection released in a broken or
//   busy state is closed, never reused. Destroying the session ends every
//   remote transaction and closes every connection.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "catalog/external_schema_definition.h"
#include "connector/postgres/postgres_connection.h"
#include "security/source_credentials.h"

namespace tributary {

class PostgresSourceSession {
 public:
  PostgresSourceSession(const ExternalSchemaDefinition& schema, std::string data_directory,
                        bool repeatable_read);
  ~PostgresSourceSession();
  PostgresSourceSession(const PostgresSourceSession&) = delete;
  PostgresSourceSession& operator=(const PostgresSourceSession&) = delete;

  // A connection inside the query's remote transaction: an idle one if
  // any, else a new one (importing the snapshot).
  std::unique_ptr<PostgresConnection> Acquire();
  // Gives a connection back for reuse within this query.
  void Release(std::unique_ptr<PostgresConnection> connection);

  // PQserverVersion of the source, e.g. 150004.
  int ServerVersion();

 private:
  std::unique_ptr<PostgresConnection> Open();

  ExternalSchemaDefinition schema_;
  std::string data_directory_;
  bool repeatable_read_;
  SourceCredentials credentials_;
  std::mutex open_lock_;
  bool opened_first_ = false;
  std::mutex lock_;
  std::string snapshot_id_;
  int server_version_ = 0;
  std::vector<std::unique_ptr<PostgresConnection>> idle_;
};

}  // namespace tributary
