// SchemaCatalogEntry: a namespace of tables and views.
#pragma once

#include <map>
#include <memory>

#include "catalog/catalog_entry.h"
#include "catalog/external_schema_definition.h"

namespace tributary {

class SchemaCatalogEntry : public CatalogEntry {
 public:
  explicit SchemaCatalogEntry(std::string name) : CatalogEntry(CatalogType::kSchema, name) {}

  // Objects by name. Guarded by the Catalog's lock.
  std::map<std::string, std::shared_ptr<CatalogEntry>> entries;
  // System schemas (pg_catalog, information_schema) cannot be dropped.
  bool is_system = false;
  // Set for external schemas: the source's connection definition (never
  // the secret's value). Their tables live in the source, not here.
  std::shared_ptr<const ExternalSchemaDefinition> external;
};

}  // namespace tributary
