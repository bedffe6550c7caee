#include "connector/source_sessions.h"

#include "main/database.h"
#include "main/session_settings.h"

namespace tributary {

PostgresSourceSession& SourceSessions::Postgres(const ExternalSchemaDefinition& schema,
                                                Database& db, const SessionSettings& settings) {
  std::string key = schema.host + '\n' + std::to_string(schema.port) + '\n' + schema.database +
                    '\n' + schema.iam_role + '\n' + schema.secret_arn;
  std::lock_guard<std::mutex> guard(lock_);
  auto& session = sessions_[key];
  if (!session) {
    try {
      session = std::make_unique<PostgresSourceSession>(
          schema, db.config().data_directory, db.postgres_pool(),
          settings.pg_federation_repeatable_read(), settings.Get("statement_timeout"));
    } catch (...) {
      sessions_.erase(key);
      throw;
    }
  }
  return *session;
}

void SourceSessions::Clear() {
  std::map<std::string, std::unique_ptr<PostgresSourceSession>> ended;
  {
    std::lock_guard<std::mutex> guard(lock_);
    ended.swap(sessions_);
  }
}

}  // namespace tributary
