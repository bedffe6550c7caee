#include "connector/connection_pool.h"

#include <nlohmann/json.hpp>

#include "common/config_file.h"
#include "security/egress_policy.h"

namespace tributary {

std::string PoolSourceKey(const ExternalSchemaDefinition& schema,
                          const SourceCredentials& credentials) {
  return schema.host + '\n' + std::to_string(schema.port) + '\n' + schema.database + '\n' +
         credentials.username + '\n' + credentials.password;
}

nlohmann::json FederationConfig(const std::string& data_directory) {
  auto conf = ReadConfigFile(data_directory);
  return conf.contains("federation") ? conf["federation"] : nlohmann::json::object();
}

int64_t FederationCount(const nlohmann::json& federation, const char* name, int64_t default_value) {
  if (!federation.contains(name))
    return default_value;
  auto& value = federation[name];
  if (!value.is_number_integer() || value.get<int64_t>() < 1) {
    throw Exception(
        sqlstate::kInvalidParameterValue,
        std::string("federation.") + name + " in tributary.conf must be a positive integer");
  }
  return value.get<int64_t>();
}

void CheckPooledEgress(const ExternalSchemaDefinition& schema, const std::string& data_directory) {
  EgressPolicy::Load(data_directory).Resolve(schema.host, schema.port);
}

void ThrowPoolExhausted(const ExternalSchemaDefinition& schema, size_t max_per_source) {
  throw Exception("53300", "too many connections to the source of external schema \"" +
                               schema.name + "\" (the pool allows " +
                               std::to_string(max_per_source) + ")")
      .WithHint("Raise federation.pool_max_connections in tributary.conf.");
}

}  // namespace tributary
