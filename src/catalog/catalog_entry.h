// CatalogEntry: a named object in a schema (table, view, ...).
#pragma once

#include <string>

namespace tributary {

enum class CatalogType : uint8_t { kSchema, kTable, kView, kMaterializedView };

// "table", "view", ... as used in error messages.
const char* CatalogTypeName(CatalogType type);
// "TABLE", "VIEW", "MATERIALIZED VIEW": the DROP statement for the type.
const char* DropKeyword(CatalogType type);

class CatalogEntry {
 public:
  CatalogEntry(CatalogType type, std::string name) : type(type), name(std::move(name)) {}
  virtual ~CatalogEntry() = default;

  CatalogType type;
  std::string name;
  std::string owner;

  template <class T>
  T& Cast() {
    return static_cast<T&>(*this);
  }
  template <class T>
  const T& Cast() const {
    return static_cast<const T&>(*this);
  }
};

}  // namespace tributary
