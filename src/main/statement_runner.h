// StatementRunner: executes one parsed statement for a Connection: binds,
// optimizes, plans and runs queries and DML; performs DDL and session
// statements directly against the catalog and settings.
#pragma once

#include <memory>

#include "main/query_result.h"

namespace tributary {

class ClientContext;
class SQLStatement;
struct BoundStatement;

class StatementRunner {
 public:
  explicit StatementRunner(ClientContext& context) : context_(context) {}

  std::unique_ptr<QueryResult> Run(SQLStatement& statement);
  // The result columns of `statement` without running it: queries are only
  // bound; SHOW is run (it has no effects); anything else returns no rows.
  std::unique_ptr<QueryResult> Describe(SQLStatement& statement);

 private:
  std::unique_ptr<QueryResult> RunQuery(BoundStatement bound, const char* tag);
  std::unique_ptr<QueryResult> RunExplain(SQLStatement& statement);
  std::unique_ptr<QueryResult> RunCreateTable(SQLStatement& statement);
  std::unique_ptr<QueryResult> RunCreateSchema(SQLStatement& statement);
  std::unique_ptr<QueryResult> RunAlterSchema(SQLStatement& statement);
  void RejectExternalSchemasOnPath(const std::string& path);
  std::unique_ptr<QueryResult> RunCreateExternalSchema(SQLStatement& statement);
  std::unique_ptr<QueryResult> RunDrop(SQLStatement& statement);
  std::unique_ptr<QueryResult> RunSet(SQLStatement& statement);
  std::unique_ptr<QueryResult> RunShow(SQLStatement& statement);
  std::unique_ptr<QueryResult> RunTransaction(SQLStatement& statement);
  // DELETE, UPDATE, TRUNCATE, VACUUM (statement_runner_modification.cpp).
  std::unique_ptr<QueryResult> RunDelete(SQLStatement& statement);
  std::unique_ptr<QueryResult> RunUpdate(SQLStatement& statement);
  std::unique_ptr<QueryResult> RunTruncate(SQLStatement& statement);
  std::unique_ptr<QueryResult> RunVacuum(SQLStatement& statement);
  // Runs a bound DELETE/UPDATE query and returns its rows.
  std::vector<DataChunk> CollectRows(BoundStatement bound);
  BoundStatement Bind(SQLStatement& statement);

  ClientContext& context_;
};

}  // namespace tributary
