#include "connector/source_sessions.h"

namespace tributary {

PostgresSourceSession& SourceSessions::Postgres(const ExternalSchemaDefinition& schema,
                                                const std::string& data_directory,
                                                bool repeatable_read) {
  std::string key = schema.host + '\n' + std::to_string(schema.port) + '\n' + schema.database +
                    '\n' + schema.iam_role + '\n' + schema.secret_arn;
  std::lock_guard<std::mutex> guard(lock_);
  auto& session = sessions_[key];
  if (!session) {
    try {
      session = std::make_unique<PostgresSourceSession>(schema, data_directory, repeatable_read);
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
