// RemoteMetadataCache: per external schema, the relations of its remote
// schema and their columns (the source's catalog reader, e.g.
// PostgresCatalog::ReadSchema or MySqlCatalog::ReadSchema: one catalog
// query per load), shared by all connections of a Database.
//
// Contract:
// - Get returns the cached relation while the load is younger than `ttl`;
//   a name missing from the cache, an older load, an Invalidate, or a
//   schema recreated under the same name reload the whole schema first (so
//   a table created on the source is found at once).
// - Callers that saw an error suggesting the source's DDL changed (a
//   column or relation gone, a type mismatch) call Invalidate and retry;
//   Connection does that once per statement.
// - Thread-safe; loads run outside the lock through the caller's `load`
//   (on its connection, so they read in that connection's snapshot).
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "connector/remote_table.h"

namespace tributary {

class RemoteMetadataCache {
 public:
  // Reads every relation of the schema from the source.
  using Loader = std::function<std::vector<RemoteTable>()>;

  // The relation named exactly `name`, or nullptr when the source has none.
  // `from_cache` tells whether it came from an earlier load.
  std::shared_ptr<const RemoteTable> Get(
      const Loader& load, const std::shared_ptr<const ExternalSchemaDefinition>& schema,
      const std::string& name, std::chrono::seconds ttl, bool* from_cache);
  // Every relation of the schema, sorted by name.
  std::vector<std::shared_ptr<const RemoteTable>> All(
      const Loader& load, const std::shared_ptr<const ExternalSchemaDefinition>& schema,
      std::chrono::seconds ttl);
  void Invalidate(const std::string& schema_name);

 private:
  struct Entry {
    std::shared_ptr<const ExternalSchemaDefinition> definition;
    std::chrono::steady_clock::time_point loaded;
    std::map<std::string, std::shared_ptr<const RemoteTable>> tables;
  };
  std::shared_ptr<const Entry> Load(const Loader& load,
                                    const std::shared_ptr<const ExternalSchemaDefinition>& schema);
  std::shared_ptr<const Entry> Fresh(const std::shared_ptr<const ExternalSchemaDefinition>& schema,
                                     std::chrono::seconds ttl);

  std::mutex lock_;
  std::map<std::string, std::shared_ptr<const Entry>> entries_;
};

}  // namespace tributary
