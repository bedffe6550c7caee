#include "connector/source_sessions.h"

#include "connector/mysql/mysql_catalog.h"
#include "connector/mysql/mysql_source_session.h"
#include "connector/postgres/postgres_catalog.h"
#include "main/database.h"
#include "main/session_settings.h"

namespace tributary {

namespace {

std::string SourceKey(const ExternalSchemaDefinition& schema) {
  return schema.host + '\n' + std::to_string(schema.port) + '\n' + schema.database + '\n' +
         schema.iam_role + '\n' + schema.secret_arn;
}

}  // namespace

SourceSessions::SourceSessions() = default;

SourceSessions::~SourceSessions() = default;

PostgresSourceSession& SourceSessions::Postgres(const ExternalSchemaDefinition& schema,
                                                Database& db, const SessionSettings& settings) {
  std::string key = SourceKey(schema);
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

MySqlSourceSession& SourceSessions::MySql(const ExternalSchemaDefinition& schema, Database& db) {
  std::string key = SourceKey(schema);
  std::lock_guard<std::mutex> guard(lock_);
  auto& session = mysql_sessions_[key];
  if (!session) {
    try {
      session =
          std::make_unique<MySqlSourceSession>(schema, db.config().data_directory, db.mysql_pool());
    } catch (...) {
      mysql_sessions_.erase(key);
      throw;
    }
  }
  return *session;
}

std::vector<RemoteTable> SourceSessions::ReadSchema(
    const std::shared_ptr<const ExternalSchemaDefinition>& schema, Database& db,
    const SessionSettings& settings, const std::atomic<bool>* interrupted) {
  if (schema->kind == ExternalSourceKind::kMySql) {
    auto connection = MySql(*schema, db).Acquire(true, interrupted);
    return MySqlCatalog::ReadSchema(*connection, schema, interrupted);
  }
  auto connection = Postgres(*schema, db, settings).Acquire();
  return PostgresCatalog::ReadSchema(*connection, schema);
}

void SourceSessions::Clear() {
  std::map<std::string, std::unique_ptr<PostgresSourceSession>> ended;
  std::map<std::string, std::unique_ptr<MySqlSourceSession>> ended_mysql;
  {
    std::lock_guard<std::mutex> guard(lock_);
    ended.swap(sessions_);
    ended_mysql.swap(mysql_sessions_);
  }
}

}  // namespace tributary
