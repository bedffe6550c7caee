#include "catalog/external_schema_store.h"

#include <unistd.h>

#include "common/exception.h"

namespace tributary {

namespace {

nlohmann::json ToJson(const ExternalSchemaDefinition& d) {
  return {{"name", d.name},
          {"kind", d.kind == ExternalSourceKind::kPostgres ? "postgres" : "mysql"},
          {"database", d.database},
          {"schema", d.remote_schema},
          {"uri", d.host},
          {"port", d.port},
          {"iam_role", d.iam_role},
          {"secret_arn", d.secret_arn},
          {"owner", d.owner}};
}

ExternalSchemaDefinition FromJson(const nlohmann::json& j) {
  ExternalSchemaDefinition d;
  d.name = j.at("name").get<std::string>();
  d.kind = j.at("kind").get<std::string>() == "mysql" ? ExternalSourceKind::kMySql
                                                      : ExternalSourceKind::kPostgres;
  d.database = j.at("database").get<std::string>();
  d.remote_schema = j.at("schema").get<std::string>();
  d.host = j.at("uri").get<std::string>();
  d.port = j.at("port").get<uint16_t>();
  d.iam_role = j.at("iam_role").get<std::string>();
  d.secret_arn = j.at("secret_arn").get<std::string>();
  d.owner = j.value("owner", "");
  return d;
}

}  // namespace

nlohmann::json ExternalSchemaStore::Serialize(const ExternalSchemaDefinition& definition) {
  return ToJson(definition);
}

ExternalSchemaDefinition ExternalSchemaStore::Deserialize(const nlohmann::json& json) {
  try {
    return FromJson(json);
  } catch (const nlohmann::json::exception& e) {
    throw Exception(sqlstate::kDataCorrupted,
                    std::string("an external schema definition is corrupted: ") + e.what());
  }
}

void ExternalSchemaStore::RemoveFile() {
  ::unlink(path_.c_str());
}

ExternalSchemaStore::ExternalSchemaStore(const std::string& data_directory)
    : path_(data_directory + "/catalog/external_schemas.json"),
      file_(
          data_directory + "/catalog", "external_schemas.json",
          [] {
            return nlohmann::json{{"external_schemas", nlohmann::json::array()}};
          },
          [](const nlohmann::json& j) {
            return j.is_object() && j.contains("external_schemas") &&
                   j["external_schemas"].is_array();
          }) {}

std::vector<ExternalSchemaDefinition> ExternalSchemaStore::Load() const {
  auto document = file_.Load();
  std::vector<ExternalSchemaDefinition> result;
  try {
    for (auto& entry : document["external_schemas"])
      result.push_back(FromJson(entry));
  } catch (const nlohmann::json::exception& e) {
    throw Exception(sqlstate::kDataCorrupted,
                    "external schema catalog \"" + file_.directory() +
                        "/external_schemas.json\" is corrupted: " + e.what());
  }
  return result;
}

}  // namespace tributary
