// CatalogObserver: told about objects leaving or changing name, so state
// kept by name outside the catalog (privileges, AccessControl) follows.
// Called with the Catalog's lock held, after the change: an observer must
// not call back into the Catalog.
#pragma once

#include <string>

namespace tributary {

class CatalogObserver {
 public:
  virtual ~CatalogObserver() = default;
  virtual void OnDropSchema(const std::string& schema) = 0;
  virtual void OnRenameSchema(const std::string& schema, const std::string& new_name) = 0;
  // Tables and views.
  virtual void OnDropEntry(const std::string& schema, const std::string& name) = 0;
  virtual void OnRenameEntry(const std::string& schema, const std::string& name,
                             const std::string& new_name) = 0;
};

}  // namespace tributary
