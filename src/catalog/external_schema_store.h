// ExternalSchemaStore: the external schema definitions as data directories
// written before the storage manifest held them kept them, in
// DATA_DIR/catalog/external_schemas.json. The TransactionManager reads the
// file once to move its definitions into the manifest (then removes it);
// Serialize/Deserialize are the JSON form of a definition in both. A
// definition holds the secret's ARN, never its value.
#pragma once

#include <string>
#include <vector>

#include "catalog/external_schema_definition.h"
#include "common/atomic_json_file.h"

namespace tributary {

class ExternalSchemaStore {
 public:
  explicit ExternalSchemaStore(const std::string& data_directory);

  static nlohmann::json Serialize(const ExternalSchemaDefinition& definition);
  // Throws XX001 for a malformed definition.
  static ExternalSchemaDefinition Deserialize(const nlohmann::json& json);

  void RemoveFile();

  std::vector<ExternalSchemaDefinition> Load() const;

 private:
  std::string path_;
  AtomicJsonFile file_;
};

}  // namespace tributary
