#include "connector/postgres/postgres_source_session.h"

#include "common/exception.h"

namespace tributary {

PostgresSourceSession::PostgresSourceSession(const ExternalSchemaDefinition& schema,
                                             std::string data_directory,
                                             PostgresConnectionPool& pool, bool repeatable_read,
                                             std::string statement_timeout)
    : schema_(schema),
      data_directory_(std::move(data_directory)),
      pool_(pool),
      repeatable_read_(repeatable_read),
      statement_timeout_(std::move(statement_timeout)),
      credentials_(ResolveSourceCredentials(data_directory_, schema_)),
      pool_key_(PostgresConnectionPool::SourceKey(schema_, credentials_)) {}

PostgresSourceSession::~PostgresSourceSession() {
  // End the read-only transactions (nothing to commit) and pool the rest.
  for (auto& connection : idle_) {
    PGresult* result = PQexec(connection->get(), "ROLLBACK");
    PQclear(result);
    pool_.Release(pool_key_, std::move(connection));
  }
}

void PostgresSourceSession::Begin(PostgresConnection& connection) {
  connection.Execute(repeatable_read_
                         ? "BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY"
                         : "BEGIN TRANSACTION ISOLATION LEVEL READ COMMITTED READ ONLY");
  if (!statement_timeout_.empty() && statement_timeout_ != "0")
    connection.Execute("SET LOCAL statement_timeout = " +
                       connection.QuoteLiteral(statement_timeout_));
}

std::unique_ptr<PostgresConnection> PostgresSourceSession::Open(bool required) {
  auto connection = pool_.Acquire(schema_, credentials_, data_directory_, required);
  if (!connection)
    return nullptr;
  try {
    Begin(*connection);
  } catch (const Exception&) {
    // A pooled connection the source closed meanwhile: one fresh attempt.
    pool_.Release(pool_key_, std::move(connection));
    connection = pool_.Acquire(schema_, credentials_, data_directory_, required);
    if (!connection)
      return nullptr;
    try {
      Begin(*connection);
    } catch (...) {
      pool_.Release(pool_key_, std::move(connection));
      throw;
    }
  }
  try {
    std::lock_guard<std::mutex> guard(lock_);
    if (server_version_ == 0)
      server_version_ = PQserverVersion(connection->get());
    if (!repeatable_read_)
      return connection;
    if (snapshot_id_.empty()) {
      PGresult* result = PQexec(connection->get(), "SELECT pg_catalog.pg_export_snapshot()");
      if (PQresultStatus(result) != PGRES_TUPLES_OK) {
        try {
          connection->Fail(result, "exporting the statement's snapshot");
        } catch (Exception& e) {
          throw e.WithHint(
              "A hot standby cannot export snapshots; run SET pg_federation_repeatable_read TO "
              "false to read it without a shared snapshot.");
        }
      }
      snapshot_id_ = PQgetvalue(result, 0, 0);
      PQclear(result);
    } else {
      connection->Execute("SET TRANSACTION SNAPSHOT " + connection->QuoteLiteral(snapshot_id_));
    }
  } catch (...) {
    pool_.Release(pool_key_, std::move(connection));
    throw;
  }
  return connection;
}

PostgresSourceSession::Lease PostgresSourceSession::Acquire(bool required) {
  return Lease(this, Take(required));
}

std::unique_ptr<PostgresConnection> PostgresSourceSession::Take(bool required) {
  {
    std::lock_guard<std::mutex> guard(lock_);
    if (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      return connection;
    }
  }
  // The first connection exports the snapshot before any other opens.
  std::unique_lock<std::mutex> first(open_lock_);
  if (!opened_first_) {
    auto connection = Open(true);
    opened_first_ = true;
    return connection;
  }
  first.unlock();
  return Open(required);
}

void PostgresSourceSession::Release(std::unique_ptr<PostgresConnection> connection) {
  if (!connection)
    return;
  if (PQstatus(connection->get()) != CONNECTION_OK ||
      PQtransactionStatus(connection->get()) != PQTRANS_INTRANS) {
    pool_.Release(pool_key_, std::move(connection));  // broken or busy: closed
    return;
  }
  std::lock_guard<std::mutex> guard(lock_);
  idle_.push_back(std::move(connection));
}

int PostgresSourceSession::ServerVersion() {
  {
    std::lock_guard<std::mutex> guard(lock_);
    if (server_version_ != 0)
      return server_version_;
  }
  auto connection = Acquire();
  return PQserverVersion(connection->get());
}

}  // namespace tributary
