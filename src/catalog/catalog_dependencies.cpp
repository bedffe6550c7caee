// Catalog: dependencies of views and materialized views on the relations
// they read, DROP ... CASCADE, and replacing entries (ALTER, ANALYZE,
// REFRESH, CREATE OR REPLACE).
#include <algorithm>
#include <set>

#include "catalog/catalog.h"
#include "catalog/materialized_view_catalog_entry.h"
#include "catalog/view_catalog_entry.h"
#include "common/exception.h"

namespace tributary {

namespace {

const std::vector<CatalogDependency>* DependenciesOf(const CatalogEntry& entry) {
  if (entry.type == CatalogType::kView)
    return &entry.Cast<ViewCatalogEntry>().dependencies;
  if (entry.type == CatalogType::kMaterializedView)
    return &entry.Cast<MaterializedViewCatalogEntry>().dependencies;
  return nullptr;
}

// "view v", "materialized view s.mv" (schema shown outside public, as
// PostgreSQL does for schemas off the search path).
std::string Describe(const std::string& schema, const CatalogEntry& entry) {
  return std::string(CatalogTypeName(entry.type)) + " " +
         (schema == Catalog::kDefaultSchema ? "" : schema + ".") + entry.name;
}

}  // namespace

bool Catalog::DropRelation(
    const std::string& schema, const std::string& name, CatalogType type, bool if_exists,
    bool cascade, std::vector<std::string>& notices,
    std::vector<std::pair<std::string, std::shared_ptr<CatalogEntry>>>* dropped) {
  if (auto target = WriteTarget())
    return target->DropRelation(schema, name, type, if_exists, cascade, notices, dropped);
  std::lock_guard<std::mutex> guard(lock_);
  auto sit = schemas_.find(schema);
  auto missing = [&]() {
    if (if_exists)
      return false;
    throw Exception(sqlstate::kUndefinedTable,
                    std::string(CatalogTypeName(type)) + " \"" + name + "\" does not exist");
  };
  if (sit == schemas_.end())
    return missing();
  if (sit->second->external) {
    throw Exception(
        sqlstate::kReadOnlySqlTransaction,
        "cannot drop \"" + schema + "." + name + "\": tables of external schemas are read-only");
  }
  auto it = sit->second->entries.find(name);
  if (it == sit->second->entries.end())
    return missing();
  if (it->second->type != type) {
    throw Exception(sqlstate::kWrongObjectType,
                    "\"" + name + "\" is not a " + CatalogTypeName(type))
        .WithHint(std::string("Use DROP ") + DropKeyword(it->second->type) + " to remove a " +
                  CatalogTypeName(it->second->type) + ".");
  }
  // Everything that reads the relation, directly or through other views.
  std::vector<std::pair<std::string, std::string>> doomed = {{schema, name}};
  std::vector<std::pair<std::string, std::shared_ptr<CatalogEntry>>> dependents;
  for (size_t next = 0; next < doomed.size(); next++) {
    CatalogDependency target{doomed[next].first, doomed[next].second};
    for (auto& [schema_name, s] : schemas_) {
      for (auto& [entry_name, entry] : s->entries) {
        auto* deps = DependenciesOf(*entry);
        if (!deps || std::find(deps->begin(), deps->end(), target) == deps->end())
          continue;
        std::pair<std::string, std::string> key{schema_name, entry_name};
        if (std::find(doomed.begin(), doomed.end(), key) != doomed.end())
          continue;
        doomed.push_back(key);
        dependents.emplace_back(schema_name, entry);
      }
    }
  }
  if (!dependents.empty() && !cascade) {
    throw Exception(
        sqlstate::kDependentObjectsStillExist,
        "cannot drop " + Describe(schema, *it->second) + " because other objects depend on it")
        .WithDetail(Describe(dependents[0].first, *dependents[0].second) + " depends on " +
                    Describe(schema, *it->second))
        .WithHint("Use DROP ... CASCADE to drop the dependent objects too.");
  }
  if (dependents.size() == 1) {
    notices.push_back("drop cascades to " + Describe(dependents[0].first, *dependents[0].second));
  } else if (dependents.size() > 1) {
    notices.push_back("drop cascades to " + std::to_string(dependents.size()) + " other objects");
  }
  for (auto& [schema_name, entry_name] : doomed) {
    auto& entries = schemas_[schema_name]->entries;
    auto found = entries.find(entry_name);
    if (dropped)
      dropped->emplace_back(schema_name, found->second);
    TouchEntryLocked(schema_name, entry_name);
    entries.erase(found);
    if (observer_)
      observer_->OnDropEntry(schema_name, entry_name);
  }
  return true;
}

void Catalog::DropDependentsOfSchemaLocked(const std::string& schema) {
  auto sit = schemas_.find(schema);
  if (sit == schemas_.end())
    return;
  std::vector<CatalogDependency> doomed;
  for (auto& [name, _] : sit->second->entries)
    doomed.push_back({schema, name});
  std::vector<CatalogDependency> outside;
  for (size_t next = 0; next < doomed.size(); next++) {
    for (auto& [schema_name, s] : schemas_) {
      if (schema_name == schema)
        continue;
      for (auto& [entry_name, entry] : s->entries) {
        auto* deps = DependenciesOf(*entry);
        CatalogDependency key{schema_name, entry_name};
        if (!deps || std::find(deps->begin(), deps->end(), doomed[next]) == deps->end() ||
            std::find(doomed.begin(), doomed.end(), key) != doomed.end()) {
          continue;
        }
        doomed.push_back(key);
        outside.push_back(key);
      }
    }
  }
  for (auto& key : outside) {
    TouchEntryLocked(key.schema, key.name);
    schemas_[key.schema]->entries.erase(key.name);
    if (observer_)
      observer_->OnDropEntry(key.schema, key.name);
  }
}

std::vector<std::shared_ptr<CatalogEntry>> Catalog::Dependents(const std::string& schema,
                                                               const std::string& name) const {
  if (auto target = ReadTarget())
    return target->Dependents(schema, name);
  std::lock_guard<std::mutex> guard(lock_);
  std::vector<std::shared_ptr<CatalogEntry>> result;
  CatalogDependency target{schema, name};
  for (auto& [_, s] : schemas_) {
    for (auto& [__, entry] : s->entries) {
      auto* deps = DependenciesOf(*entry);
      if (deps && std::find(deps->begin(), deps->end(), target) != deps->end())
        result.push_back(entry);
    }
  }
  return result;
}

std::shared_ptr<CatalogEntry> Catalog::ReplaceEntry(const std::string& schema,
                                                    const CatalogEntry& current,
                                                    std::shared_ptr<CatalogEntry> replacement) {
  if (auto target = WriteTarget())
    return target->ReplaceEntry(schema, current, std::move(replacement));
  std::lock_guard<std::mutex> guard(lock_);
  auto s = GetSchemaOrThrow(schema);
  auto it = s->entries.find(current.name);
  if (it == s->entries.end() || it->second.get() != &current) {
    throw Exception(
        sqlstate::kSerializationFailure,
        "could not serialize access due to concurrent update of \"" + current.name + "\"");
  }
  if (replacement->name != current.name) {
    if (s->entries.count(replacement->name)) {
      throw Exception(sqlstate::kDuplicateTable,
                      "relation \"" + replacement->name + "\" already exists");
    }
    auto old = it->second;
    std::string new_name = replacement->name;
    TouchEntryLocked(schema, current.name);
    TouchEntryLocked(schema, new_name);
    s->entries.erase(it);
    s->entries[new_name] = std::move(replacement);
    if (observer_)
      observer_->OnRenameEntry(schema, current.name, new_name);
    return old;
  }
  TouchEntryLocked(schema, current.name);
  auto old = std::move(it->second);
  it->second = std::move(replacement);
  return old;
}

std::vector<std::string> Catalog::EntryNames(const std::string& schema) const {
  if (auto target = ReadTarget())
    return target->EntryNames(schema);
  std::lock_guard<std::mutex> guard(lock_);
  std::vector<std::string> names;
  auto it = schemas_.find(schema);
  if (it != schemas_.end()) {
    for (auto& [name, _] : it->second->entries)
      names.push_back(name);
  }
  return names;
}

std::vector<std::shared_ptr<const CatalogEntry>> Catalog::Views() const {
  if (auto target = ReadTarget())
    return target->Views();
  std::lock_guard<std::mutex> guard(lock_);
  std::vector<std::shared_ptr<const CatalogEntry>> result;
  for (auto& [_, s] : schemas_) {
    for (auto& [__, entry] : s->entries) {
      if (entry->type == CatalogType::kView || entry->type == CatalogType::kMaterializedView)
        result.push_back(entry);
    }
  }
  return result;
}

}  // namespace tributary
