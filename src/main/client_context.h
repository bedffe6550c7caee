// ClientContext: what a running statement may reach: the database, the
// session's settings and the interrupt flag. One per Connection; shared by
// the threads executing that connection's current query (read-only for
// them, except `interrupted`).
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "common/exception.h"
#include "connector/source_sessions.h"
#include "main/load_progress.h"
#include "main/parameter_value.h"

namespace tributary {

class Database;
class SessionSettings;
class Transaction;

class ClientContext {
 public:
  ClientContext(Database& db, SessionSettings& settings) : db(db), settings(settings) {}

  Database& db;
  SessionSettings& settings;
  // Set by Ctrl-C / a cancel request; executors check it between chunks.
  std::atomic<bool> interrupted{false};
  // Remote sessions of the running statement (one snapshot per source).
  SourceSessions sources;
  // External schemas whose metadata the running statement took from the
  // cache (a failure that suggests the source changed reloads them).
  std::set<std::string> cached_remote_schemas;
  // The open transaction: a BEGIN block, or the one autocommit statement
  // running; null between statements outside a block.
  std::shared_ptr<Transaction> transaction;
  // Who is running statements. `authenticated_user` logged in (the
  // server's user, or the database owner for the shell and `-c`);
  // `session_user` is it unless SET SESSION AUTHORIZATION changed it;
  // `current_user` is whose privileges apply (session_user; a view's owner
  // while its query is checked).
  std::string authenticated_user;
  std::string session_user;
  std::string current_user;
  // session_user's id (pg_user.usesysid; SVL_FEDERATED_QUERY.userid).
  int32_t user_id = 0;
  // The session's id (pg_backend_pid) and the running statement's id.
  int32_t session_id = 0;
  int64_t query_id = 0;
  // NOTICEs raised while binding or running the statement.
  std::vector<std::string> notices;
  // Values of $1..$n for the running statement (the wire protocol's Bind);
  // empty for plain SQL text.
  std::vector<ParameterValue> parameters;
  // Called during long loads (COPY), from any of the statement's threads
  // but never two at once, at most a few times a second. May be empty.
  std::function<void(const LoadProgress&)> progress;
  // COPY ... FROM STDIN / TO STDOUT, set by the wire protocol's session:
  // copy_in asks the client for the data (CopyInResponse, then CopyData
  // until CopyDone; throws 57014 on CopyFail) and returns it; copy_out
  // sends `data` (CopyOutResponse, CopyData, CopyDone). Empty elsewhere.
  std::function<std::string(idx_t columns)> copy_in;
  std::function<void(idx_t columns, const std::string& data)> copy_out;

  void CheckInterrupted() const {
    if (interrupted.load(std::memory_order_relaxed)) {
      throw Exception(sqlstate::kQueryCanceled, "canceling statement due to user request");
    }
  }
};

// While alive, privileges are checked as `user` (PostgreSQL checks a view's
// query with its owner's privileges): the binder of a view opens one with
// `context.db.access_control().OwnerOf(view.owner)` around binding the
// view's query, after checking SELECT on the view itself.
class CurrentUserScope {
 public:
  CurrentUserScope(ClientContext& context, std::string user)
      : context_(context), saved_(std::move(context.current_user)) {
    context_.current_user = std::move(user);
  }
  ~CurrentUserScope() { context_.current_user = std::move(saved_); }
  CurrentUserScope(const CurrentUserScope&) = delete;
  CurrentUserScope& operator=(const CurrentUserScope&) = delete;

 private:
  ClientContext& context_;
  std::string saved_;
};

}  // namespace tributary
