// SourceSessions: the remote sessions of the statement a connection is
// running, one per source (host, port, database, IAM role and secret), so
// that every external table of one source read by one statement shares a
// snapshot (PostgreSQL) or a set of connections (MySQL). Created lazily by
// the binder and the scans; ended (every remote transaction closed) when
// the statement ends, however it ends.
//
// This is where the source kinds meet: the binder, the system views and
// the scans ask for the session of a schema's kind, and ReadSchema reads a
// source's catalog whatever its kind.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "connector/postgres/postgres_source_session.h"
#include "connector/remote_table.h"

namespace tributary {

class Database;
class MySqlSourceSession;
class SessionSettings;

class SourceSessions {
 public:
  SourceSessions();
  ~SourceSessions();

  // The session for `schema`'s source, opening it on first use. Thread-safe.
  PostgresSourceSession& Postgres(const ExternalSchemaDefinition& schema, Database& db,
                                  const SessionSettings& settings);
  MySqlSourceSession& MySql(const ExternalSchemaDefinition& schema, Database& db);
  // Every relation of `schema`'s remote namespace, read on a connection of
  // this statement's session for it (PostgresCatalog or MySqlCatalog).
  // MySQL sources: connecting and reading watch `interrupted` (57014).
  std::vector<RemoteTable> ReadSchema(const std::shared_ptr<const ExternalSchemaDefinition>& schema,
                                      Database& db, const SessionSettings& settings,
                                      const std::atomic<bool>* interrupted = nullptr);
  // Ends every session (closing their connections).
  void Clear();

 private:
  std::mutex lock_;
  std::map<std::string, std::unique_ptr<PostgresSourceSession>> sessions_;
  std::map<std::string, std::unique_ptr<MySqlSourceSession>> mysql_sessions_;
};

}  // namespace tributary
