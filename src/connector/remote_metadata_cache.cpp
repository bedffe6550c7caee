#include "connector/remote_metadata_cache.h"

namespace tributary {

std::shared_ptr<const RemoteMetadataCache::Entry> RemoteMetadataCache::Fresh(
    const std::shared_ptr<const ExternalSchemaDefinition>& schema, std::chrono::seconds ttl) {
  std::lock_guard<std::mutex> guard(lock_);
  auto it = entries_.find(schema->name);
  if (it == entries_.end() || it->second->definition != schema ||
      std::chrono::steady_clock::now() - it->second->loaded >= ttl) {
    return nullptr;
  }
  return it->second;
}

std::shared_ptr<const RemoteMetadataCache::Entry> RemoteMetadataCache::Load(
    const Loader& load, const std::shared_ptr<const ExternalSchemaDefinition>& schema) {
  auto entry = std::make_shared<Entry>();
  entry->definition = schema;
  entry->loaded = std::chrono::steady_clock::now();
  for (auto& table : load()) {
    std::string name = table.remote_name;
    entry->tables[name] = std::make_shared<const RemoteTable>(std::move(table));
  }
  std::lock_guard<std::mutex> guard(lock_);
  entries_[schema->name] = entry;
  return entry;
}

std::shared_ptr<const RemoteTable> RemoteMetadataCache::Get(
    const Loader& load, const std::shared_ptr<const ExternalSchemaDefinition>& schema,
    const std::string& name, std::chrono::seconds ttl, bool* from_cache) {
  if (auto entry = Fresh(schema, ttl)) {
    auto it = entry->tables.find(name);
    if (it != entry->tables.end()) {
      *from_cache = true;
      return it->second;
    }
  }
  *from_cache = false;
  auto entry = Load(load, schema);
  auto it = entry->tables.find(name);
  return it == entry->tables.end() ? nullptr : it->second;
}

std::vector<std::shared_ptr<const RemoteTable>> RemoteMetadataCache::All(
    const Loader& load, const std::shared_ptr<const ExternalSchemaDefinition>& schema,
    std::chrono::seconds ttl) {
  auto entry = Fresh(schema, ttl);
  if (!entry)
    entry = Load(load, schema);
  std::vector<std::shared_ptr<const RemoteTable>> tables;
  for (auto& [name, table] : entry->tables)
    tables.push_back(table);
  return tables;
}

void RemoteMetadataCache::Invalidate(const std::string& schema_name) {
  std::lock_guard<std::mutex> guard(lock_);
  entries_.erase(schema_name);
}

}  // namespace tributary
