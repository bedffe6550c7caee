#include "main/database.h"

#include "catalog/catalog.h"
#include "connector/federated_query_log.h"
#include "connector/mysql/mysql_connection_pool.h"
#include "connector/postgres/postgres_connection_pool.h"
#include "connector/remote_metadata_cache.h"
#include "execution/copy/load_error_log.h"
#include "execution/task_scheduler.h"
#include "function/function_registry.h"
#include "security/access_control.h"
#include "storage/storage_manager.h"
#include "transaction/transaction_manager.h"

namespace tributary {

Database::Database(DatabaseConfig config)
    : config_(std::move(config)),
      catalog_(std::make_unique<Catalog>()),
      scheduler_(std::make_unique<TaskScheduler>(config_.threads)),
      remote_metadata_(std::make_unique<RemoteMetadataCache>()),
      federated_query_log_(std::make_unique<FederatedQueryLog>()),
      access_control_(
          std::make_unique<AccessControl>(config_.data_directory, config_.default_superuser)),
      load_error_log_(std::make_unique<LoadErrorLog>()) {
  // Build the function registry now rather than inside the first query.
  FunctionRegistry::BuiltIns();
  // Tables and schemas committed earlier in this data directory.
  if (!config_.data_directory.empty())
    storage_ = std::make_unique<StorageManager>(config_.data_directory, !config_.open_storage);
  transactions_ =
      std::make_unique<TransactionManager>(*catalog_, storage_.get(), config_.data_directory);
  // Users and grants are part of each commit's manifest, with the catalog
  // and the external schemas.
  transactions_->AttachDocument(access_control_->users().document());
  transactions_->AttachDocument(access_control_->grants().document());
  transactions_->Load();
  if (config_.open_storage)
    access_control_->Bootstrap();
  // Grants follow drops and renames; grants on tables that did not survive
  // a restart are forgotten.
  catalog_->SetObserver(access_control_.get());
  // (A read-only Database has no tables, and writes nothing.)
  if (config_.open_storage)
    access_control_->PruneGrants(*catalog_);
}

Database::~Database() = default;

PostgresConnectionPool& Database::postgres_pool() {
  std::lock_guard<std::mutex> guard(pool_lock_);
  if (!postgres_pool_)
    postgres_pool_ = PostgresConnectionPool::FromConfig(config_.data_directory);
  return *postgres_pool_;
}

MySqlConnectionPool& Database::mysql_pool() {
  std::lock_guard<std::mutex> guard(pool_lock_);
  if (!mysql_pool_)
    mysql_pool_ = MySqlConnectionPool::FromConfig(config_.data_directory);
  return *mysql_pool_;
}

}  // namespace tributary
