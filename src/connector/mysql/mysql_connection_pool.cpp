#include "connector/mysql/mysql_connection_pool.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "common/exception.h"

namespace tributary {

MySqlConnectionPool::~MySqlConnectionPool() = default;

std::unique_ptr<MySqlConnectionPool> MySqlConnectionPool::FromConfig(
    const std::string& data_directory) {
  auto federation = FederationConfig(data_directory);
  auto count = [&](const char* name, int64_t default_value) {
    return FederationCount(federation, name, default_value);
  };
  MySqlConnectOptions options;
  options.metadata_timeout_seconds =
      static_cast<int>(std::min<int64_t>(count("mysql_metadata_timeout_seconds", 60), 24 * 3600));
  if (federation.contains("mysql_tls")) {
    auto& value = federation["mysql_tls"];
    std::string mode = value.is_string() ? value.get<std::string>() : "";
    if (mode == "disable") {
      options.tls = MySqlTlsMode::kDisable;
    } else if (mode == "prefer") {
      options.tls = MySqlTlsMode::kPrefer;
    } else if (mode == "require") {
      options.tls = MySqlTlsMode::kRequire;
    } else if (mode == "verify") {
      options.tls = MySqlTlsMode::kVerify;
    } else {
      throw Exception(sqlstate::kInvalidParameterValue,
                      "federation.mysql_tls in tributary.conf must be \"disable\", \"prefer\", "
                      "\"require\" or \"verify\"");
    }
  }
  if (federation.contains("mysql_tls_ca")) {
    auto& value = federation["mysql_tls_ca"];
    if (!value.is_string() || value.get<std::string>().empty()) {
      throw Exception(sqlstate::kInvalidParameterValue,
                      "federation.mysql_tls_ca in tributary.conf must be the path of a CA "
                      "certificate file (PEM)");
    }
    options.tls_ca = value.get<std::string>();
  }
  return std::make_unique<MySqlConnectionPool>(
      count("pool_max_connections", 16),
      std::chrono::seconds(count("pool_idle_timeout_seconds", 60)), options);
}

std::unique_ptr<MySqlConnection> MySqlConnectionPool::Acquire(
    const ExternalSchemaDefinition& schema, const SourceCredentials& credentials,
    const std::string& data_directory, bool wait, const std::atomic<bool>* interrupted) {
  return AcquireSlot(
      schema, credentials, data_directory, wait,
      std::chrono::seconds(options_.connect_timeout_seconds),
      [&](MySqlConnection& connection) { return connection.Ping(interrupted); },
      [&] {
        return MySqlConnection::Open(schema, credentials, data_directory, options_, interrupted);
      });
}

}  // namespace tributary
