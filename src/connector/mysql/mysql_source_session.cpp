#include "connector/mysql/mysql_source_session.h"

#include "connector/mysql/mysql_connection_pool.h"

namespace tributary {

MySqlSourceSession::MySqlSourceSession(const ExternalSchemaDefinition& schema,
                                       std::string data_directory, MySqlConnectionPool& pool)
    : schema_(schema),
      data_directory_(std::move(data_directory)),
      pool_(pool),
      credentials_(ResolveSourceCredentials(data_directory_, schema_)),
      pool_key_(MySqlConnectionPool::SourceKey(schema_, credentials_)) {}

MySqlSourceSession::~MySqlSourceSession() {
  for (auto& connection : idle_)
    pool_.Release(pool_key_, std::move(connection));
}

MySqlSourceSession::Lease MySqlSourceSession::Acquire(bool required,
                                                      const std::atomic<bool>* interrupted) {
  {
    std::lock_guard<std::mutex> guard(lock_);
    if (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(connection));
    }
  }
  auto connection = pool_.Acquire(schema_, credentials_, data_directory_, required, interrupted);
  if (!connection)
    return Lease();
  return Lease(this, std::move(connection));
}

void MySqlSourceSession::Release(std::unique_ptr<MySqlConnection> connection) {
  if (!connection->Healthy()) {
    pool_.Release(pool_key_, std::move(connection));  // closes it, frees the slot
    return;
  }
  std::lock_guard<std::mutex> guard(lock_);
  idle_.push_back(std::move(connection));
}

}  // namespace tributary
