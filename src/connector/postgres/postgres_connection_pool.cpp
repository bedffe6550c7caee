#include "connector/postgres/postgres_connection_pool.h"

#include <nlohmann/json.hpp>

namespace tributary {

namespace {

constexpr int kConnectTimeoutSeconds = 10;

}  // namespace

PostgresConnectionPool::~PostgresConnectionPool() = default;

bool PostgresConnectionPool::Reusable(PostgresConnection& connection) {
  return PQstatus(connection.get()) == CONNECTION_OK &&
         PQtransactionStatus(connection.get()) == PQTRANS_IDLE;
}

std::unique_ptr<PostgresConnectionPool> PostgresConnectionPool::FromConfig(
    const std::string& data_directory) {
  auto federation = FederationConfig(data_directory);
  return std::make_unique<PostgresConnectionPool>(
      FederationCount(federation, "pool_max_connections", 16),
      std::chrono::seconds(FederationCount(federation, "pool_idle_timeout_seconds", 60)));
}

std::unique_ptr<PostgresConnection> PostgresConnectionPool::Acquire(
    const ExternalSchemaDefinition& schema, const SourceCredentials& credentials,
    const std::string& data_directory, bool wait) {
  return AcquireSlot(
      schema, credentials, data_directory, wait, std::chrono::seconds(kConnectTimeoutSeconds),
      [](PostgresConnection&) { return true; },
      [&] {
        return std::make_unique<PostgresConnection>(
            PostgresConnection::Open(schema, credentials, data_directory, kConnectTimeoutSeconds));
      });
}

}  // namespace tributary
