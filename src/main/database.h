// Database: one Tributary instance (catalog, storage, worker threads).
// Thread-safe: many Connections may use one Database at once.
#pragma once

#include <memory>
#include <string>

#include "common/constants.h"

namespace tributary {

class Catalog;
class RemoteMetadataCache;
class TaskScheduler;

struct DatabaseConfig {
  // Directory holding the database's files; empty = in memory only.
  std::string data_directory;
  // Worker threads for query execution; 0 = one per hardware thread.
  idx_t threads = 0;
};

class Database {
 public:
  explicit Database(DatabaseConfig config = {});
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Catalog& catalog() { return *catalog_; }
  TaskScheduler& scheduler() { return *scheduler_; }
  RemoteMetadataCache& remote_metadata() { return *remote_metadata_; }
  const DatabaseConfig& config() const { return config_; }

 private:
  DatabaseConfig config_;
  std::unique_ptr<Catalog> catalog_;
  std::unique_ptr<TaskScheduler> scheduler_;
  std::unique_ptr<RemoteMetadataCache> remote_metadata_;
};

}  // namespace tributary
