#include "catalog/catalog.h"

#include <algorithm>

#include "catalog/materialized_view_catalog_entry.h"
#include "catalog/view_catalog_entry.h"
#include "common/exception.h"

namespace tributary {

namespace {

// A copy of `entry` to change (entries are shared by a catalog and the
// transactions' copies of it, so they are never changed in place).
std::shared_ptr<CatalogEntry> CopyEntry(const CatalogEntry& entry) {
  switch (entry.type) {
    case CatalogType::kTable:
      return std::make_shared<TableCatalogEntry>(entry.Cast<TableCatalogEntry>());
    case CatalogType::kView:
      return std::make_shared<ViewCatalogEntry>(entry.Cast<ViewCatalogEntry>());
    case CatalogType::kMaterializedView:
      return std::make_shared<MaterializedViewCatalogEntry>(
          entry.Cast<MaterializedViewCatalogEntry>());
    case CatalogType::kSchema:
      break;
  }
  throw InternalException("cannot copy a catalog entry of this type");
}

}  // namespace

const char* CatalogTypeName(CatalogType type) {
  switch (type) {
    case CatalogType::kSchema:
      return "schema";
    case CatalogType::kTable:
      return "table";
    case CatalogType::kView:
      return "view";
    case CatalogType::kMaterializedView:
      return "materialized view";
  }
  return "object";
}

const char* DropKeyword(CatalogType type) {
  switch (type) {
    case CatalogType::kView:
      return "VIEW";
    case CatalogType::kMaterializedView:
      return "MATERIALIZED VIEW";
    case CatalogType::kSchema:
      return "SCHEMA";
    case CatalogType::kTable:
      break;
  }
  return "TABLE";
}

TableCatalogEntry::TableCatalogEntry(std::string schema, std::string name,
                                     std::vector<ColumnDefinition> columns)
    : CatalogEntry(CatalogType::kTable, std::move(name)),
      schema_name(std::move(schema)),
      columns(std::move(columns)) {
  storage = std::make_shared<DataTable>(Types());
}

std::vector<LogicalType> TableCatalogEntry::Types() const {
  std::vector<LogicalType> types;
  for (auto& c : columns)
    types.push_back(c.type);
  return types;
}

idx_t TableCatalogEntry::ColumnIndex(const std::string& name) const {
  for (idx_t i = 0; i < columns.size(); i++) {
    if (columns[i].name == name)
      return i;
  }
  return kInvalidIndex;
}

std::vector<idx_t> TableCatalogEntry::TargetColumns(const std::vector<std::string>& names) const {
  std::vector<idx_t> targets;
  if (names.empty()) {
    for (idx_t i = 0; i < columns.size(); i++)
      targets.push_back(i);
    return targets;
  }
  for (auto& name : names) {
    idx_t index = ColumnIndex(name);
    if (index == kInvalidIndex) {
      throw Exception(sqlstate::kUndefinedColumn,
                      "column \"" + name + "\" of relation \"" + this->name + "\" does not exist");
    }
    if (std::find(targets.begin(), targets.end(), index) != targets.end())
      throw Exception(sqlstate::kDuplicateColumn,
                      "column \"" + name + "\" specified more than once");
    targets.push_back(index);
  }
  return targets;
}

Catalog::Catalog() {
  for (const char* name : {"public", "pg_catalog", "information_schema"}) {
    auto schema = std::make_shared<SchemaCatalogEntry>(name);
    schema->is_system = std::string(name) != "public";
    schema->oid = std::string(name) == "public"       ? kPublicOid
                  : std::string(name) == "pg_catalog" ? kPgCatalogOid
                                                      : kInformationSchemaOid;
    schemas_[name] = schema;
  }
}

bool Catalog::CreateSchema(const std::string& name, bool if_not_exists) {
  if (auto target = WriteTarget())
    return target->CreateSchema(name, if_not_exists);
  std::lock_guard<std::mutex> guard(lock_);
  if (schemas_.count(name)) {
    if (if_not_exists)
      return false;
    throw Exception(sqlstate::kDuplicateSchema, "schema \"" + name + "\" already exists");
  }
  auto schema = std::make_shared<SchemaCatalogEntry>(name);
  schema->oid = NextOid();
  TouchSchemaLocked(name);
  schemas_[name] = schema;
  return true;
}

bool Catalog::DropSchema(const std::string& name, bool if_exists, bool cascade) {
  if (auto target = WriteTarget())
    return target->DropSchema(name, if_exists, cascade);
  std::lock_guard<std::mutex> guard(lock_);
  auto it = schemas_.find(name);
  if (it == schemas_.end()) {
    if (if_exists)
      return false;
    throw Exception(sqlstate::kInvalidSchemaName, "schema \"" + name + "\" does not exist");
  }
  if (it->second->is_system) {
    throw Exception(
        sqlstate::kDependentObjectsStillExist,
        "cannot drop schema " + name + " because it is required by the database system");
  }
  if (!cascade && !it->second->entries.empty()) {
    auto& first = *it->second->entries.begin()->second;
    throw Exception(sqlstate::kDependentObjectsStillExist,
                    "cannot drop schema " + name + " because other objects depend on it")
        .WithDetail(std::string(CatalogTypeName(first.type)) + " " + name + "." + first.name +
                    " depends on schema " + name)
        .WithHint("Use DROP ... CASCADE to drop the dependent objects too.");
  }
  if (cascade)
    DropDependentsOfSchemaLocked(name);
  TouchSchemaLocked(name);
  schemas_.erase(name);
  if (observer_)
    observer_->OnDropSchema(name);
  return true;
}

std::shared_ptr<const ExternalSchemaDefinition> Catalog::RenameExternalSchema(
    const std::string& name, const std::string& new_name) {
  if (auto target = WriteTarget())
    return target->RenameExternalSchema(name, new_name);
  std::lock_guard<std::mutex> guard(lock_);
  auto it = schemas_.find(name);
  if (it == schemas_.end())
    throw Exception(sqlstate::kInvalidSchemaName, "schema \"" + name + "\" does not exist");
  if (!it->second->external) {
    throw Exception(sqlstate::kFeatureNotSupported,
                    "ALTER SCHEMA ... RENAME TO is supported for external schemas only so far");
  }
  if (schemas_.count(new_name))
    throw Exception(sqlstate::kDuplicateSchema, "schema \"" + new_name + "\" already exists");
  auto definition = std::make_shared<ExternalSchemaDefinition>(*it->second->external);
  definition->name = new_name;
  auto schema = std::make_shared<SchemaCatalogEntry>(new_name);
  schema->owner = it->second->owner;
  schema->oid = it->second->oid;
  schema->external = definition;
  TouchSchemaLocked(name);
  TouchSchemaLocked(new_name);
  schemas_.erase(it);
  schemas_[new_name] = schema;
  if (observer_)
    observer_->OnRenameSchema(name, new_name);
  return definition;
}

std::shared_ptr<const ExternalSchemaDefinition> Catalog::SetSchemaOwner(const std::string& name,
                                                                        const std::string& owner) {
  if (auto target = WriteTarget())
    return target->SetSchemaOwner(name, owner);
  std::lock_guard<std::mutex> guard(lock_);
  auto it = schemas_.find(name);
  if (it == schemas_.end())
    throw Exception(sqlstate::kInvalidSchemaName, "schema \"" + name + "\" does not exist");
  // Schema objects are a catalog's own (copies share entries only).
  TouchLocked("S" + name);
  it->second->owner = owner;
  if (!it->second->external)
    return nullptr;
  auto definition = std::make_shared<ExternalSchemaDefinition>(*it->second->external);
  definition->owner = owner;
  it->second->external = definition;
  return definition;
}

bool Catalog::CreateExternalSchema(ExternalSchemaDefinition definition, bool if_not_exists) {
  if (auto target = WriteTarget())
    return target->CreateExternalSchema(std::move(definition), if_not_exists);
  std::lock_guard<std::mutex> guard(lock_);
  if (schemas_.count(definition.name)) {
    if (if_not_exists)
      return false;
    throw Exception(sqlstate::kDuplicateSchema,
                    "schema \"" + definition.name + "\" already exists");
  }
  auto schema = std::make_shared<SchemaCatalogEntry>(definition.name);
  schema->owner = definition.owner;
  schema->external = std::make_shared<const ExternalSchemaDefinition>(std::move(definition));
  schema->oid = NextOid();
  TouchSchemaLocked(schema->name);
  schemas_[schema->name] = schema;
  return true;
}

std::vector<std::shared_ptr<const ExternalSchemaDefinition>> Catalog::ExternalSchemas() const {
  if (auto target = ReadTarget())
    return target->ExternalSchemas();
  std::lock_guard<std::mutex> guard(lock_);
  std::vector<std::shared_ptr<const ExternalSchemaDefinition>> result;
  for (auto& [_, schema] : schemas_) {
    if (schema->external)
      result.push_back(schema->external);
  }
  return result;
}

std::shared_ptr<SchemaCatalogEntry> Catalog::GetSchema(const std::string& name) const {
  if (auto target = ReadTarget())
    return target->GetSchema(name);
  std::lock_guard<std::mutex> guard(lock_);
  auto it = schemas_.find(name);
  return it == schemas_.end() ? nullptr : it->second;
}

std::shared_ptr<SchemaCatalogEntry> Catalog::GetSchemaOrThrow(const std::string& name) const {
  auto it = schemas_.find(name);
  if (it == schemas_.end()) {
    throw Exception(sqlstate::kInvalidSchemaName, "schema \"" + name + "\" does not exist");
  }
  return it->second;
}

bool Catalog::CreateEntry(const std::string& schema, std::shared_ptr<CatalogEntry> entry,
                          bool if_not_exists) {
  if (auto target = WriteTarget())
    return target->CreateEntry(schema, std::move(entry), if_not_exists);
  std::lock_guard<std::mutex> guard(lock_);
  auto s = GetSchemaOrThrow(schema);
  if (s->external) {
    throw Exception(sqlstate::kReadOnlySqlTransaction, "cannot create \"" + entry->name +
                                                           "\" in external schema \"" + schema +
                                                           "\": external schemas are read-only");
  }
  if (s->entries.count(entry->name)) {
    if (if_not_exists)
      return false;
    throw Exception(sqlstate::kDuplicateTable, "relation \"" + entry->name + "\" already exists");
  }
  // An entry restored from storage keeps its OID; later ones get larger OIDs.
  if (entry->oid == 0)
    entry->oid = NextOid();
  else
    RaiseNextOid(entry->oid + 1);
  TouchEntryLocked(schema, entry->name);
  s->entries[entry->name] = std::move(entry);
  return true;
}

bool Catalog::DropEntry(const std::string& schema, const std::string& name, CatalogType type,
                        bool if_exists) {
  if (auto target = WriteTarget())
    return target->DropEntry(schema, name, type, if_exists);
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
  auto it = sit->second->entries.find(name);
  if (it == sit->second->entries.end())
    return missing();
  if (it->second->type != type) {
    throw Exception(sqlstate::kWrongObjectType,
                    "\"" + name + "\" is not a " + CatalogTypeName(type))
        .WithHint(std::string("Use DROP ") + DropKeyword(it->second->type) + " to remove a " +
                  CatalogTypeName(it->second->type) + ".");
  }
  TouchEntryLocked(schema, name);
  sit->second->entries.erase(it);
  if (observer_)
    observer_->OnDropEntry(schema, name);
  return true;
}

std::shared_ptr<CatalogEntry> Catalog::GetEntry(const std::string& schema,
                                                const std::string& name) const {
  if (auto target = ReadTarget())
    return target->GetEntry(schema, name);
  std::lock_guard<std::mutex> guard(lock_);
  auto sit = schemas_.find(schema);
  if (sit == schemas_.end())
    return nullptr;
  auto it = sit->second->entries.find(name);
  return it == sit->second->entries.end() ? nullptr : it->second;
}

std::vector<std::shared_ptr<const ExternalSchemaDefinition>> Catalog::RenameOwner(
    const std::string& owner, const std::string& new_owner) {
  if (auto target = WriteTarget())
    return target->RenameOwner(owner, new_owner);
  std::lock_guard<std::mutex> guard(lock_);
  std::vector<std::shared_ptr<const ExternalSchemaDefinition>> changed;
  for (auto& [schema_name, schema] : schemas_) {
    if (schema->owner == owner) {
      TouchLocked("S" + schema_name);
      schema->owner = new_owner;
      if (schema->external) {
        auto definition = std::make_shared<ExternalSchemaDefinition>(*schema->external);
        definition->owner = new_owner;
        schema->external = definition;
        changed.push_back(definition);
      }
    }
    for (auto& [name, entry] : schema->entries) {
      if (entry->owner == owner) {
        // Entries are shared with the catalog's copies: change a copy.
        TouchEntryLocked(schema_name, name);
        entry = CopyEntry(*entry);
        entry->owner = new_owner;
      }
    }
  }
  return changed;
}

std::vector<std::shared_ptr<CatalogEntry>> Catalog::Entries(const std::string& schema) const {
  if (auto target = ReadTarget())
    return target->Entries(schema);
  std::lock_guard<std::mutex> guard(lock_);
  std::vector<std::shared_ptr<CatalogEntry>> result;
  auto it = schemas_.find(schema);
  if (it == schemas_.end())
    return result;
  for (auto& [_, entry] : it->second->entries)
    result.push_back(entry);
  return result;
}

void Catalog::SetEntryOwner(const std::string& schema, const std::string& name, CatalogType type,
                            const std::string& owner) {
  if (auto target = WriteTarget())
    return target->SetEntryOwner(schema, name, type, owner);
  std::lock_guard<std::mutex> guard(lock_);
  auto sit = schemas_.find(schema);
  auto it = sit == schemas_.end() ? decltype(sit->second->entries.end()){}
                                  : sit->second->entries.find(name);
  if (sit == schemas_.end() || it == sit->second->entries.end()) {
    throw Exception(sqlstate::kUndefinedTable, "relation \"" + name + "\" does not exist");
  }
  if (it->second->type != type) {
    throw Exception(sqlstate::kWrongObjectType,
                    "\"" + name + "\" is not a " + CatalogTypeName(type));
  }
  TouchEntryLocked(schema, name);
  it->second = CopyEntry(*it->second);
  it->second->owner = owner;
}

bool Catalog::OwnsObjects(const std::string& owner) const {
  if (auto target = ReadTarget())
    return target->OwnsObjects(owner);
  std::lock_guard<std::mutex> guard(lock_);
  for (auto& [_, schema] : schemas_) {
    if (schema->owner == owner)
      return true;
    for (auto& [_, entry] : schema->entries) {
      if (entry->owner == owner)
        return true;
    }
  }
  return false;
}

std::vector<std::string> Catalog::SchemaNames() const {
  if (auto target = ReadTarget())
    return target->SchemaNames();
  std::lock_guard<std::mutex> guard(lock_);
  std::vector<std::string> names;
  for (auto& [name, _] : schemas_)
    names.push_back(name);
  return names;
}

std::vector<Catalog::SchemaSnapshot> Catalog::Snapshot() const {
  if (auto target = ReadTarget())
    return target->Snapshot();
  std::lock_guard<std::mutex> guard(lock_);
  std::vector<SchemaSnapshot> result;
  for (auto& [_, schema] : schemas_) {
    SchemaSnapshot s;
    s.schema = schema;
    for (auto& [__, entry] : schema->entries)
      s.entries.push_back(entry);
    result.push_back(std::move(s));
  }
  return result;
}

std::vector<std::shared_ptr<CatalogEntry>> Catalog::SchemaEntries(const std::string& schema) const {
  if (auto target = ReadTarget())
    return target->SchemaEntries(schema);
  std::lock_guard<std::mutex> guard(lock_);
  std::vector<std::shared_ptr<CatalogEntry>> result;
  auto it = schemas_.find(schema);
  if (it != schemas_.end()) {
    for (auto& [_, entry] : it->second->entries)
      result.push_back(entry);
  }
  return result;
}

void Catalog::RestoreSchema(std::shared_ptr<SchemaCatalogEntry> schema) {
  if (auto target = WriteTarget())
    return target->RestoreSchema(std::move(schema));
  std::lock_guard<std::mutex> guard(lock_);
  TouchSchemaLocked(schema->name);
  for (auto& [name, _] : schema->entries)
    TouchEntryLocked(schema->name, name);
  schemas_[schema->name] = std::move(schema);
}

void Catalog::RemoveSchema(const std::shared_ptr<SchemaCatalogEntry>& schema) {
  if (auto target = WriteTarget())
    return target->RemoveSchema(schema);
  std::lock_guard<std::mutex> guard(lock_);
  auto it = schemas_.find(schema->name);
  if (it != schemas_.end() && it->second == schema) {
    TouchSchemaLocked(schema->name);
    schemas_.erase(it);
  }
}

void Catalog::RestoreEntry(const std::string& schema, std::shared_ptr<CatalogEntry> entry) {
  if (auto target = WriteTarget())
    return target->RestoreEntry(schema, std::move(entry));
  std::lock_guard<std::mutex> guard(lock_);
  auto it = schemas_.find(schema);
  if (it != schemas_.end()) {
    TouchEntryLocked(schema, entry->name);
    it->second->entries[entry->name] = std::move(entry);
  }
}

void Catalog::RemoveEntry(const std::string& schema, const std::shared_ptr<CatalogEntry>& entry) {
  if (auto target = WriteTarget())
    return target->RemoveEntry(schema, entry);
  std::lock_guard<std::mutex> guard(lock_);
  auto it = schemas_.find(schema);
  if (it == schemas_.end())
    return;
  auto e = it->second->entries.find(entry->name);
  if (e != it->second->entries.end() && e->second == entry) {
    TouchEntryLocked(schema, entry->name);
    it->second->entries.erase(e);
  }
}

}  // namespace tributary
