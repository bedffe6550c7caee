#include "main/connection.h"

#include "main/client_context.h"
#include "main/database.h"
#include "main/statement_runner.h"
#include "parser/parser.h"

namespace tributary {

Connection::Connection(Database& db)
    : db_(db), context_(std::make_unique<ClientContext>(db, settings_)) {}

Connection::~Connection() = default;

void Connection::Interrupt() {
  context_->interrupted = true;
}

std::unique_ptr<QueryResult> Connection::Execute(SQLStatement& statement) {
  context_->interrupted = false;
  // Remote transactions end with the statement, whichever way it ends.
  struct EndRemoteSessions {
    ClientContext& context;
    ~EndRemoteSessions() { context.sources.Clear(); }
  } end_remote{*context_};
  StatementRunner runner(*context_);
  return runner.Run(statement);
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
