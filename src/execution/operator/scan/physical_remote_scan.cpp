#include "execution/operator/scan/physical_remote_scan.h"

#include "common/exception.h"
#include "connector/postgres/postgres_binary_decoder.h"
#include "connector/postgres/postgres_connection.h"
#include "main/client_context.h"
#include "main/database.h"
#include "security/source_credentials.h"

namespace tributary {

namespace {

// SQL-standard identifier quoting, for EXPLAIN (the scan itself uses libpq's).
std::string QuoteForDisplay(const std::string& name) {
  std::string s = "\"";
  for (char c : name) {
    if (c == '"')
      s += '"';
    s += c;
  }
  return s + "\"";
}

struct RemoteScanState : public GlobalSourceState {
  RemoteScanState(PostgresConnection connection, std::vector<LogicalType> types)
      : connection(std::move(connection)), decoder(std::move(types)) {}
  PostgresConnection connection;
  PostgresBinaryDecoder decoder;
  bool done = false;
};

}  // namespace

PhysicalRemoteScan::PhysicalRemoteScan(std::vector<LogicalType> types,
                                       std::shared_ptr<const RemoteTable> table,
                                       std::vector<idx_t> column_ids, idx_t estimated_cardinality)
    : PhysicalOperator(PhysicalOperatorType::kRemoteScan, std::move(types), estimated_cardinality),
      table(std::move(table)),
      column_ids(std::move(column_ids)) {}

std::string PhysicalRemoteScan::RemoteQuery(
    const std::function<std::string(const std::string&)>& quote) const {
  std::string sql = "SELECT ";
  if (column_ids.empty())
    sql += "NULL";
  for (idx_t i = 0; i < column_ids.size(); i++) {
    auto& column = table->columns[column_ids[i]];
    sql += (i ? ", " : "") + quote(column.name) + (column.read_as_text ? "::text" : "");
  }
  return sql + " FROM " + quote(table->remote_schema) + "." + quote(table->remote_name);
}

std::string PhysicalRemoteScan::ParamsToString() const {
  return table->schema->name + "." + table->local_name + ": " + RemoteQuery(QuoteForDisplay);
}

std::unique_ptr<GlobalSourceState> PhysicalRemoteScan::GetGlobalSourceState(
    ExecutionContext& context) const {
  const std::string& data_directory = context.client.db.config().data_directory;
  auto credentials = ResolveSourceCredentials(data_directory, *table->schema);
  auto connection = PostgresConnection::Open(*table->schema, credentials, data_directory);
  // The scan reads no column when only the row count matters (count(*)):
  // decode one NULL column then.
  std::vector<LogicalType> wire_types;
  for (idx_t id : column_ids)
    wire_types.push_back(table->columns[id].type);
  if (wire_types.empty())
    wire_types.push_back(LogicalType::Varchar());
  auto state = std::make_unique<RemoteScanState>(std::move(connection), wire_types);
  std::string copy =
      "COPY (" +
      RemoteQuery([&](const std::string& n) { return state->connection.QuoteIdentifier(n); }) +
      ") TO STDOUT (FORMAT binary)";
  PGresult* result = PQexec(state->connection.get(), copy.c_str());
  if (PQresultStatus(result) != PGRES_COPY_OUT)
    state->connection.Fail(result, "starting the remote scan");
  PQclear(result);
  return state;
}

SourceResultType PhysicalRemoteScan::GetData(ExecutionContext& context, DataChunk& chunk,
                                             GlobalSourceState& gstate, LocalSourceState&) const {
  auto& state = static_cast<RemoteScanState&>(gstate);
  bool no_columns = column_ids.empty();
  DataChunk wire;
  DataChunk* target = &chunk;
  if (no_columns) {
    wire.Initialize({LogicalType::Varchar()});
    target = &wire;
  }
  while (!state.done && target->size() < kVectorSize) {
    state.decoder.Decode(*target);
    if (target->size() >= kVectorSize || state.decoder.Finished()) {
      if (state.decoder.Finished()) {
        // Drain the end of the COPY and check the command result.
        state.decoder.CheckComplete();
        char* buffer = nullptr;
        int rest = PQgetCopyData(state.connection.get(), &buffer, 0);
        if (rest > 0) {
          PQfreemem(buffer);
          throw Exception(sqlstate::kProtocolViolation,
                          "malformed COPY BINARY data from the source: data after the end marker");
        }
        PGresult* result = PQgetResult(state.connection.get());
        if (PQresultStatus(result) != PGRES_COMMAND_OK)
          state.connection.Fail(result, "the remote scan");
        PQclear(result);
        while ((result = PQgetResult(state.connection.get())) != nullptr)
          PQclear(result);
        state.done = true;
      }
      break;
    }
    context.client.CheckInterrupted();
    char* buffer = nullptr;
    int n = PQgetCopyData(state.connection.get(), &buffer, 0);
    if (n > 0) {
      state.decoder.Feed(buffer, n);
      PQfreemem(buffer);
    } else if (n == -1) {
      // COPY ended without the end-of-data marker.
      state.decoder.CheckComplete();
      state.done = true;
    } else {
      state.connection.Fail(nullptr, "the remote scan");
    }
  }
  if (no_columns)
    chunk.SetCardinality(wire.size());
  return state.done ? SourceResultType::kFinished : SourceResultType::kHaveMoreOutput;
}

}  // namespace tributary
