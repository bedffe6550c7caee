// Connection: a session on a Database (settings, current statement).
// Not thread-safe: use one Connection per thread; many may share a Database.
// Interrupt() is the exception: another thread (a signal handler's helper,
// the server's cancel path) may call it while a query runs.
//
//   Database db;
//   Connection con(db);
//   auto result = con.Query("SELECT 1 + 1");
//   result->GetValue(0, 0).ToString();  // "2"
#pragma once

#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include "main/load_progress.h"
#include "main/parameter_value.h"
#include "main/query_result.h"
#include "main/session_settings.h"

namespace tributary {

class Database;
class ClientContext;
class SQLStatement;

class Connection {
 public:
  // A session of `user` (a login the caller has authenticated); empty: the
  // database owner, a superuser (the embedded shell and `-c` run so).
  explicit Connection(Database& db, const std::string& user = "");
  ~Connection();

  // Runs every statement in `sql` and returns the last one's result.
  // Throws Exception (with SQLSTATE) on the first failing statement.
  std::unique_ptr<QueryResult> Query(std::string_view sql);

  // Runs the statements in `sql` one at a time, handing each result to
  // `on_result` before the next starts (psql -c semantics). The whole text
  // is parsed first, so a syntax error anywhere runs nothing. Throws on the
  // first failing statement; earlier results have been delivered.
  void QueryEach(std::string_view sql, const std::function<void(QueryResult&)>& on_result);

  // Runs the one statement in `sql` with `parameters` as the values of its
  // $1..$n (the wire protocol's Bind/Execute). Values are bound as literals,
  // never pasted into the text. Throws 42601 when `sql` holds more than one
  // statement.
  std::unique_ptr<QueryResult> Query(std::string_view sql, std::vector<ParameterValue> parameters);

  // The columns the one statement in `sql` returns, without running it
  // (the protocol's Describe of a prepared statement). `parameters` stand
  // for $1..$n; typed NULLs give the types the client declared. A result
  // with HasRows() false: the statement returns no rows.
  std::unique_ptr<QueryResult> Describe(std::string_view sql,
                                        std::vector<ParameterValue> parameters);

  // Cancels the running statement (it fails with SQLSTATE 57014).
  void Interrupt();

  // Called during long loads (COPY) with how far they have come, from the
  // statement's threads (one at a time), a few times a second.
  void SetProgressHandler(std::function<void(const LoadProgress&)> handler);
  // COPY FROM STDIN / TO STDOUT (see ClientContext::copy_in/copy_out).
  void SetCopyHandlers(std::function<std::string(idx_t columns)> copy_in,
                       std::function<void(idx_t columns, const std::string& data)> copy_out);

  SessionSettings& settings() { return settings_; }
  // The session user (SET SESSION AUTHORIZATION changes it).
  const std::string& user() const;
  Database& database() { return db_; }
  // The wire protocol's transaction status between statements: 'I' idle
  // (autocommit), 'T' in a BEGIN block, 'E' in a failed block (only ROLLBACK
  // is accepted until it ends).
  char TransactionStatus() const;

 private:
  std::unique_ptr<QueryResult> Execute(SQLStatement& statement);
  // `statement` in the session's BEGIN block or as its own transaction,
  // retried once when cached remote metadata looks stale.
  std::unique_ptr<QueryResult> ExecuteInTransaction(SQLStatement& statement);
  // One attempt at `statement`, with the notices it raised.
  std::unique_ptr<QueryResult> Run(SQLStatement& statement);

  Database& db_;
  SessionSettings settings_;
  std::unique_ptr<ClientContext> context_;
};

}  // namespace tributary
