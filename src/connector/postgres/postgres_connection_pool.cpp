#include "connector/postgres/postgres_connection_pool.h"

#include "common/config_file.h"
#include "common/exception.h"
#include "security/egress_policy.h"

namespace tributary {

namespace {

constexpr int kConnectTimeoutSeconds = 10;

bool Reusable(PostgresConnection& connection) {
  return PQstatus(connection.get()) == CONNECTION_OK &&
         PQtransactionStatus(connection.get()) == PQTRANS_IDLE;
}

}  // namespace

PostgresConnectionPool::~PostgresConnectionPool() = default;

std::unique_ptr<PostgresConnectionPool> PostgresConnectionPool::FromConfig(
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
  return std::make_unique<PostgresConnectionPool>(
      count("pool_max_connections", 16),
      std::chrono::seconds(count("pool_idle_timeout_seconds", 60)));
}

std::string PostgresConnectionPool::SourceKey(const ExternalSchemaDefinition& schema,
                                              const SourceCredentials& credentials) {
  return schema.host + '\n' + std::to_string(schema.port) + '\n' + schema.database + '\n' +
         credentials.username + '\n' + credentials.password;
}

std::unique_ptr<PostgresConnection> PostgresConnectionPool::Acquire(
    const ExternalSchemaDefinition& schema, const SourceCredentials& credentials,
    const std::string& data_directory, bool wait) {
  std::string key = SourceKey(schema, credentials);
  std::vector<std::unique_ptr<PostgresConnection>> expired;  // closed outside the lock
  std::unique_ptr<PostgresConnection> reused;
  {
    std::unique_lock<std::mutex> guard(lock_);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(kConnectTimeoutSeconds);
    while (true) {
      auto& source = sources_[key];
      auto now = std::chrono::steady_clock::now();
      while (!source.idle.empty()) {
        Idle idle = std::move(source.idle.back());
        source.idle.pop_back();
        if (now - idle.since < idle_timeout_ && Reusable(*idle.connection)) {
          reused = std::move(idle.connection);
          break;
        }
        expired.push_back(std::move(idle.connection));
        source.open--;
      }
      if (reused)
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
  if (reused) {
    // A pooled connection's destination must still be allowed (a new one
    // is checked by PostgresConnection::Open); if not, it goes back.
    try {
      EgressPolicy::Load(data_directory).Resolve(schema.host, schema.port);
    } catch (...) {
      Release(key, std::move(reused));
      throw;
    }
    return reused;
  }
  try {
    return std::make_unique<PostgresConnection>(
        PostgresConnection::Open(schema, credentials, data_directory, kConnectTimeoutSeconds));
  } catch (...) {
    std::lock_guard<std::mutex> guard(lock_);
    sources_[key].open--;
    released_.notify_one();
    throw;
  }
}

void PostgresConnectionPool::Release(const std::string& key,
                                     std::unique_ptr<PostgresConnection> connection) {
  if (!connection)
    return;
  bool keep = Reusable(*connection);
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
  // A connection not kept closes here, outside the lock.
}

}  // namespace tributary
