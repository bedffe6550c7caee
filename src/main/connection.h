// Connection: a session on a Database (settings, current transaction).
// Not thread-safe: use one Connection per thread; many may share a Database.
//
//   Database db;
//   Connection con(db);
//   auto result = con.Query("SELECT 1 + 1");
//   result->GetValue(0, 0).ToString();  // "2"
#pragma once

#include <functional>
#include <memory>
#include <string_view>

#include "main/query_result.h"
#include "main/session_settings.h"

namespace tributary {

class Database;

class Connection {
 public:
  explicit Connection(Database& db);
  ~Connection();

  // Runs every statement in `sql` and returns the last one's result.
  // Throws Exception (with SQLSTATE) on the first failing statement.
  std::unique_ptr<QueryResult> Query(std::string_view sql);

  // Runs the statements in `sql` one at a time, handing each result to
  // `on_result` before the next starts (psql -c semantics). Throws on the
  // first failing statement; earlier results have been delivered.
  void QueryEach(std::string_view sql, const std::function<void(QueryResult&)>& on_result);

  SessionSettings& settings() { return settings_; }
  Database& database() { return db_; }

 private:
  Database& db_;
  SessionSettings settings_;
};

}  // namespace tributary
