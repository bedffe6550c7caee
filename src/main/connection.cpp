#include "main/connection.h"
#include "main/statement_timer.h"

#include "catalog/catalog.h"
#include "connector/remote_metadata_cache.h"
#include "main/client_context.h"
#include "main/database.h"
#include "main/statement_runner.h"
#include "parser/parser.h"
#include "security/access_control.h"
#include "transaction/transaction.h"
#include "transaction/transaction_manager.h"

namespace tributary {

namespace {

// Errors a change of a remote table's definition can cause: a relation or
// column gone, an operator or cast no longer valid for a changed type, or
// bytes that no longer decode as the cached type.
bool SuggestsRemoteChange(const std::string& state) {
  return state == sqlstate::kUndefinedTable || state == sqlstate::kUndefinedColumn ||
         state == sqlstate::kUndefinedFunction || state == sqlstate::kDatatypeMismatch ||
         state == sqlstate::kProtocolViolation || state == sqlstate::kInvalidTextRepresentation ||
         state == "42846";  // cannot coerce
}

}  // namespace

Connection::Connection(Database& db, const std::string& user)
    : db_(db), context_(std::make_unique<ClientContext>(db, settings_)) {
  context_->session_id = db.NextSessionId();
  context_->authenticated_user = user.empty() ? db.access_control().DefaultUser() : user;
  context_->session_user = context_->authenticated_user;
  context_->current_user = context_->authenticated_user;
  if (auto record = db.access_control().users().Find(context_->session_user))
    context_->user_id = static_cast<int32_t>(record->id);
}

const std::string& Connection::user() const {
  return context_->session_user;
}

Connection::~Connection() {
  if (context_->transaction) {
    auto open = std::move(context_->transaction);
    db_.transaction_manager().Rollback(*open);
  }
}

void Connection::Interrupt() {
  context_->interrupted = true;
}

void Connection::SetCopyHandlers(
    std::function<std::string(idx_t columns)> copy_in,
    std::function<void(idx_t columns, const std::string& data)> copy_out) {
  context_->copy_in = std::move(copy_in);
  context_->copy_out = std::move(copy_out);
}

void Connection::SetProgressHandler(std::function<void(const LoadProgress&)> handler) {
  context_->progress = std::move(handler);
}

char Connection::TransactionStatus() const {
  auto& transaction = context_->transaction;
  if (!transaction)
    return 'I';
  return transaction->aborted ? 'E' : 'T';
}

std::unique_ptr<QueryResult> Connection::Execute(SQLStatement& statement) {
  context_->interrupted = false;
  // Remote transactions end with the statement, whichever way it ends.
  struct EndRemoteSessions {
    ClientContext& context;
    ~EndRemoteSessions() { context.sources.Clear(); }
  } end_remote{*context_};
  context_->cached_remote_schemas.clear();
  context_->notices.clear();
  context_->query_id = db_.NextQueryId();
  // The catalog as the session's transaction sees it.
  CatalogTransactionScope catalog_scope(&context_->transaction);
  // statement_timeout covers local work too (remote statements also get it
  // as their own statement_timeout).
  StatementTimer timer(context_->interrupted,
                       StatementTimer::ParseMilliseconds(settings_.Get("statement_timeout")));
  try {
    return ExecuteInTransaction(statement);
  } catch (const Exception& e) {
    if (timer.Fired() && e.SqlState() == sqlstate::kQueryCanceled)
      throw Exception(sqlstate::kQueryCanceled, "canceling statement due to statement timeout");
    throw;
  }
}

std::unique_ptr<QueryResult> Connection::ExecuteInTransaction(SQLStatement& statement) {
  if (statement.type == StatementType::kTransaction)
    return Run(statement);

  auto& manager = db_.transaction_manager();
  auto& transaction = context_->transaction;
  if (transaction && transaction->aborted) {
    throw Exception(sqlstate::kInFailedSqlTransaction,
                    "current transaction is aborted, commands ignored until end of transaction "
                    "block");
  }
  // Outside a BEGIN block every statement is its own transaction.
  bool autocommit = !transaction;
  if (autocommit)
    transaction = manager.Begin();
  auto savepoint = transaction->Save();
  try {
    std::unique_ptr<QueryResult> result;
    try {
      result = Run(statement);
    } catch (const Exception& e) {
      if (context_->cached_remote_schemas.empty() || !SuggestsRemoteChange(e.SqlState()))
        throw;
      // The statement failed on metadata taken from the cache: the
      // source's DDL may have changed. Undo it, reload the metadata and
      // run the statement once more.
      transaction->RestoreTo(savepoint);
      for (auto& name : context_->cached_remote_schemas)
        db_.remote_metadata().Invalidate(name);
      context_->cached_remote_schemas.clear();
      context_->sources.Clear();
      context_->notices.clear();
      result = Run(statement);
    }
    if (autocommit) {
      auto finished = std::move(transaction);
      try {
        manager.Commit(*finished);
      } catch (...) {
        manager.Rollback(*finished);
        throw;
      }
    }
    return result;
  } catch (...) {
    if (autocommit && transaction) {
      auto failed = std::move(transaction);
      manager.Rollback(*failed);
    } else if (transaction) {
      // As in PostgreSQL: the block is aborted until ROLLBACK.
      transaction->RestoreTo(savepoint);
      transaction->aborted = true;
    }
    throw;
  }
}

std::unique_ptr<QueryResult> Connection::Run(SQLStatement& statement) {
  StatementRunner runner(*context_);
  auto result = runner.Run(statement);
  for (auto& notice : context_->notices)
    result->AddNotice(std::move(notice));
  context_->notices.clear();
  return result;
}

void Connection::QueryEach(std::string_view sql,
                           const std::function<void(QueryResult&)>& on_result) {
  ParserOptions options;
  options.case_sensitive_identifiers = settings_.enable_case_sensitive_identifier();
  auto statements = Parser::Parse(sql, options);
  for (auto& statement : statements) {
    auto result = Execute(*statement);
    on_result(*result);
    // SET enable_case_sensitive_identifier affects how later text parses,
    // but the rest of this text is already parsed (as in Redshift).
  }
}

namespace {

std::unique_ptr<SQLStatement> ParseOne(std::string_view sql, const SessionSettings& settings) {
  ParserOptions options;
  options.case_sensitive_identifiers = settings.enable_case_sensitive_identifier();
  auto statements = Parser::Parse(sql, options);
  if (statements.size() > 1) {
    throw Exception(sqlstate::kSyntaxError,
                    "cannot insert multiple commands into a prepared statement");
  }
  return statements.empty() ? nullptr : std::move(statements[0]);
}

}  // namespace

std::unique_ptr<QueryResult> Connection::Query(std::string_view sql,
                                               std::vector<ParameterValue> parameters) {
  auto statement = ParseOne(sql, settings_);
  if (!statement) {
    auto result = std::make_unique<QueryResult>();
    result->SetCommandTag("EMPTY");
    return result;
  }
  struct ClearParameters {
    ClientContext& context;
    ~ClearParameters() { context.parameters.clear(); }
  } clear{*context_};
  context_->parameters = std::move(parameters);
  return Execute(*statement);
}

std::unique_ptr<QueryResult> Connection::Describe(std::string_view sql,
                                                  std::vector<ParameterValue> parameters) {
  auto statement = ParseOne(sql, settings_);
  if (!statement)
    return std::make_unique<QueryResult>();
  struct EndDescribe {
    ClientContext& context;
    ~EndDescribe() {
      context.parameters.clear();
      context.sources.Clear();
      context.notices.clear();
    }
  } end{*context_};
  context_->parameters = std::move(parameters);
  CatalogTransactionScope catalog_scope(&context_->transaction);
  StatementRunner runner(*context_);
  return runner.Describe(*statement);
}

std::unique_ptr<QueryResult> Connection::Query(std::string_view sql) {
  std::unique_ptr<QueryResult> last;
  QueryEach(sql,
            [&](QueryResult& result) { last = std::make_unique<QueryResult>(std::move(result)); });
  if (!last) {
    last = std::make_unique<QueryResult>();
    last->SetCommandTag("EMPTY");
  }
  return last;
}

}  // namespace tributary
