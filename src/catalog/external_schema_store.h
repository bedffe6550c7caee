// ExternalSchemaStore: the external schema definitions of a data directory,
// kept in DATA_DIR/catalog/external_schemas.json (AtomicJsonFile: crash-safe
// and shared by the shell, the CLI's doctor and a server). A definition holds
// the secret's ARN, never its value. The Database loads them when it opens;
// CREATE EXTERNAL SCHEMA and DROP SCHEMA write through. (The general catalog
// persistence of local tables is a later layer; this file is its first part.)
#pragma once

#include <string>
#include <vector>

#include "catalog/external_schema_definition.h"
#include "common/atomic_json_file.h"

namespace tributary {

class ExternalSchemaStore {
 public:
  explicit ExternalSchemaStore(const std::string& data_directory);

  std::vector<ExternalSchemaDefinition> Load() const;
  // Adds the definition, replacing one of the same name.
  void Put(const ExternalSchemaDefinition& definition);
  void Remove(const std::string& name);

 private:
  AtomicJsonFile file_;
};

}  // namespace tributary
