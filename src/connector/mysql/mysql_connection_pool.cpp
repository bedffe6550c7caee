#include "connector/mysql/mysql_connection_pool.h"

#include <algorithm>

#include "common/config_file.h"
#include "common/exception.h"
#include "security/egress_policy.h"

namespace tributary {

MySqlConnectionPool::~MySqlConnectionPool() = default;

std::unique_ptr<MySqlConnectionPool> MySqlConnectionPool::FromConfig(
    const std::string& data_directory) {
  auto conf = ReadConfigFile(data_directory);
  auto federation = conf.contains("federation") ? conf["federation"] : nlohmann::json::object();
  auto count = [&](const char* name, int64_t default_value) {
    if (!federation.contains(name))
      return default_value;
    auto& value = federation[name];
    if (!value.is_number_integer() || value.get<int64_t>() < 1) {
      throw Exception(
          sqlstate::kInvalidParameterValue,
          std::string("federation.") + name + " in tributary.conf must be a positive integer");
    }
    return value.get<int64_t>();
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

std::string MySqlConnectionPool::SourceKey(const ExternalSchemaDefinition& schema,
                                           const SourceCredentials& credentials) {
  return schema.host + '\n' + std::to_string(schema.port) + '\n' + schema.database + '\n' +
         credentials.username + '\n' + credentials.password;
}

std::unique_ptr<MySqlConnection> MySqlConnectionPool::Acquire(
    const ExternalSchemaDefinition& schema, const SourceCredentials& credentials,
    const std::string& data_directory, bool wait, const std::atomic<bool>* interrupted) {
  std::string key = SourceKey(schema, credentials);
  std::vector<std::unique_ptr<MySqlConnection>> candidates;  // idle ones, newest first
  {
    std::unique_lock<std::mutex> guard(lock_);
    auto deadline =
        std::chrono::steady_clock::now() + std::chrono::seconds(options_.connect_timeout_seconds);
    while (true) {
      auto& source = sources_[key];
      auto now = std::chrono::steady_clock::now();
      while (!source.idle.empty()) {
        Idle idle = std::move(source.idle.back());
        source.idle.pop_back();
        if (now - idle.since < idle_timeout_) {
          candidates.push_back(std::move(idle.connection));
          break;
        }
        source.open--;  // expired: closed when `idle` goes
      }
      if (!candidates.empty())
        break;
      if (source.open < max_per_source_) {
        source.open++;
        break;
      }
      if (!wait)
        return nullptr;
      if (released_.wait_until(guard, deadline) == std::cv_status::timeout) {
        throw Exception("53300", "too many connections to the source of external schema \"" +
                                     schema.name + "\" (the pool allows " +
                                     std::to_string(max_per_source_) + ")")
            .WithHint("Raise federation.pool_max_connections in tributary.conf.");
      }
    }
  }
  // The slot is ours now (an idle connection's or a new one's).
  if (!candidates.empty()) {
    auto reused = std::move(candidates.back());
    try {
      EgressPolicy::Load(data_directory).Resolve(schema.host, schema.port);
    } catch (...) {
      Release(key, std::move(reused));
      throw;
    }
    if (reused->Ping(interrupted))
      return reused;
    reused.reset();  // the source closed it or is silent: open a fresh one in its slot
  }
  try {
    return MySqlConnection::Open(schema, credentials, data_directory, options_, interrupted);
  } catch (...) {
    std::lock_guard<std::mutex> guard(lock_);
    sources_[key].open--;
    released_.notify_one();
    throw;
  }
}

void MySqlConnectionPool::Release(const std::string& key,
                                  std::unique_ptr<MySqlConnection> connection) {
  if (!connection)
    return;
  bool keep = connection->Healthy();
  {
    std::lock_guard<std::mutex> guard(lock_);
    auto& source = sources_[key];
    if (keep) {
      source.idle.push_back({std::move(connection), std::chrono::steady_clock::now()});
    } else {
      source.open--;
    }
  }
  released_.notify_one();
}

}  // namespace tributary
