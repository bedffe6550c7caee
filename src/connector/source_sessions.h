// SourceSessions: the remote sessions of the statement a connection is
// running, one per source (host, port, database, IAM role and secret), so
// that every external table of one source read by one statement shares a
// snapshot. Created lazily by the binder and the scans; ended (every remote
// transaction closed) when the statement ends, however it ends.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "connector/postgres/postgres_source_session.h"

namespace tributary {

class Database;
class SessionSettings;

class SourceSessions {
 public:
  // The session for `schema`'s source, opening it on first use. Thread-safe.
  PostgresSourceSession& Postgres(const ExternalSchemaDefinition& schema, Database& db,
                                  const SessionSettings& settings);
  // Ends every session (closing their connections).
  void Clear();

 private:
  std::mutex lock_;
  std::map<std::string, std::unique_ptr<PostgresSourceSession>> sessions_;
};

}  // namespace tributary
