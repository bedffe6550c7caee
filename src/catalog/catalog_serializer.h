// CatalogSerializer: catalog entries to and from JSON (the manifest's
// "entries"). Each entry type has one pair of functions in a table in
// catalog_serializer.cpp, keyed by a "type" name: adding an entry type is
// one row there. Table data ("data") is added by the TransactionManager.
#pragma once

#include <memory>

#include <nlohmann/json.hpp>

#include "catalog/catalog_entry.h"
#include "types/logical_type.h"

namespace tributary {

class CatalogSerializer {
 public:
  // {"type": ..., "schema": ..., "name": ..., "owner": ..., ...}
  static nlohmann::json Serialize(const std::string& schema, const CatalogEntry& entry);
  // Throws XX001 for an unknown type or a malformed item.
  static std::shared_ptr<CatalogEntry> Deserialize(const nlohmann::json& item);

  static nlohmann::json SerializeType(const LogicalType& type);
  static LogicalType DeserializeType(const nlohmann::json& item);
};

}  // namespace tributary
