// Database: one Tributary instance (catalog, storage, worker threads).
// Thread-safe: many Connections may use one Database at once.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "common/constants.h"

namespace tributary {

class Catalog;
class RemoteMetadataCache;
class PostgresConnectionPool;
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
  // Created on first use from tributary.conf (throws 22023 on a bad one).
  PostgresConnectionPool& postgres_pool();
  const DatabaseConfig& config() const { return config_; }

 private:
  DatabaseConfig config_;
  std::unique_ptr<Catalog> catalog_;
  std::unique_ptr<TaskScheduler> scheduler_;
  std::unique_ptr<RemoteMetadataCache> remote_metadata_;
  std::mutex pool_lock_;
  std::unique_ptr<PostgresConnectionPool> postgres_pool_;
};

}  // namespace tributary
