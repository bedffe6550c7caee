#include "connector/postgres/postgres_source_session.h"

#include "common/exception.h"

namespace tributary {

PostgresSourceSession::PostgresSourceSession(const ExternalSchemaDefinition& schema,
                                             std::string data_directory, bool repeatable_read)
    : schema_(schema),
      data_directory_(std::move(data_directory)),
      repeatable_read_(repeatable_read),
      credentials_(ResolveSourceCredentials(data_directory_, schema_)) {}

PostgresSourceSession::~PostgresSourceSession() = default;

std::unique_ptr<PostgresConnection> PostgresSourceSession::Open() {
  auto connection = std::make_unique<PostgresConnection>(
      PostgresConnection::Open(schema_, credentials_, data_directory_));
  if (!repeatable_read_) {
    connection->Execute("BEGIN TRANSACTION ISOLATION LEVEL READ COMMITTED READ ONLY");
    return connection;
  }
  connection->Execute("BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
  std::lock_guard<std::mutex> guard(lock_);
  if (server_version_ == 0)
    server_version_ = PQserverVersion(connection->get());
  if (snapshot_id_.empty()) {
    PGresult* result = PQexec(connection->get(), "SELECT pg_catalog.pg_export_snapshot()");
    if (PQresultStatus(result) != PGRES_TUPLES_OK) {
      try {
        connection->Fail(result, "exporting the query's snapshot");
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
  return connection;
}

std::unique_ptr<PostgresConnection> PostgresSourceSession::Acquire() {
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
    auto connection = Open();
    opened_first_ = true;
    return connection;
  }
  first.unlock();
  return Open();
}

void PostgresSourceSession::Release(std::unique_ptr<PostgresConnection> connection) {
  if (!connection || PQstatus(connection->get()) != CONNECTION_OK ||
      PQtransactionStatus(connection->get()) != PQTRANS_INTRANS) {
    return;  // broken, busy or out of its transaction: closed here
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
  int version = PQserverVersion(connection->get());
  Release(std::move(connection));
  return version;
}

}  // namespace tributary
