// Database: one Tributary instance (catalog, storage, worker threads).
// Thread-safe: many Connections may use one Database at once.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "common/constants.h"

namespace tributary {

class Catalog;
class RemoteMetadataCache;
class PostgresConnectionPool;
class MySqlConnectionPool;
class FederatedQueryLog;
class LoadErrorLog;
class TaskScheduler;
class StorageManager;
class TransactionManager;
class AccessControl;

struct DatabaseConfig {
  // Directory holding the database's files; empty = in memory only. Only
  // one Database (in any process) may have a directory open: the second
  // one's constructor throws 55006.
  std::string data_directory;
  // Worker threads for query execution; 0 = one per hardware thread.
  idx_t threads = 0;
  // False: read the committed catalog's external schemas, users and grants
  // without the stored tables and without taking the lock, and commit
  // nothing (25006); for tools that only read external schema definitions
  // while a server runs.
  bool open_storage = true;
  // The superuser a new data directory (or an in-memory database) gets;
  // sessions without a login (the shell, `-c`) run as the database owner.
  std::string default_superuser = "awsuser";
};

class Database {
 public:
  explicit Database(DatabaseConfig config = {});
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Catalog& catalog() { return *catalog_; }
  TransactionManager& transaction_manager() { return *transactions_; }
  TaskScheduler& scheduler() { return *scheduler_; }
  RemoteMetadataCache& remote_metadata() { return *remote_metadata_; }
  // Created on first use from tributary.conf (throws 22023 on a bad one).
  PostgresConnectionPool& postgres_pool();
  MySqlConnectionPool& mysql_pool();
  FederatedQueryLog& federated_query_log() { return *federated_query_log_; }
  // Users, groups and privileges (users.json / grants.json).
  AccessControl& access_control() { return *access_control_; }
  // Rows COPY skipped or failed on (STL_LOAD_ERRORS).
  LoadErrorLog& load_error_log() { return *load_error_log_; }
  // Ids for statements (SVL_FEDERATED_QUERY.query) and sessions (.pid).
  int64_t NextQueryId() { return ++last_query_id_; }
  int32_t NextSessionId() { return ++last_session_id_; }
  const DatabaseConfig& config() const { return config_; }

 private:
  DatabaseConfig config_;
  std::unique_ptr<Catalog> catalog_;
  // Holds the data directory's lock; null for an in-memory database.
  std::unique_ptr<StorageManager> storage_;
  std::unique_ptr<TransactionManager> transactions_;
  std::unique_ptr<TaskScheduler> scheduler_;
  std::unique_ptr<RemoteMetadataCache> remote_metadata_;
  std::mutex pool_lock_;
  std::unique_ptr<PostgresConnectionPool> postgres_pool_;
  std::unique_ptr<MySqlConnectionPool> mysql_pool_;
  std::unique_ptr<FederatedQueryLog> federated_query_log_;
  std::unique_ptr<AccessControl> access_control_;
  std::unique_ptr<LoadErrorLog> load_error_log_;
  std::atomic<int64_t> last_query_id_{0};
  std::atomic<int32_t> last_session_id_{0};
};

}  // namespace tributary
