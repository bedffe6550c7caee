#include "execution/operator/scan/physical_remote_scan.h"

#include <atomic>
#include <chrono>

#include "common/exception.h"
#include "connector/federated_query_log.h"
#include "connector/mysql/mysql_catalog.h"
#include "connector/mysql/mysql_connection.h"
#include "connector/mysql/mysql_deparser.h"
#include "connector/mysql/mysql_row_decoder.h"
#include "connector/mysql/mysql_source_session.h"
#include "connector/postgres/postgres_binary_decoder.h"
#include "connector/postgres/postgres_connection.h"
#include "connector/postgres/postgres_deparser.h"
#include "connector/postgres/postgres_query_deparser.h"
#include "connector/postgres/postgres_source_session.h"
#include "execution/operator/join/physical_hash_join.h"
#include "execution/task_scheduler.h"
#include "main/client_context.h"
#include "main/database.h"
#include "main/session_settings.h"

namespace tributary {

namespace {

// SQL-standard quoting, for EXPLAIN (the scan itself uses libpq's).
std::string QuoteForDisplay(const std::string& text, char quote) {
  std::string s(1, quote);
  for (char c : text) {
    if (c == quote)
      s += quote;
    s += c;
  }
  return s + quote;
}

const SqlQuoter& DisplayQuoter() {
  static const SqlQuoter quoter{[](const std::string& s) { return QuoteForDisplay(s, '"'); },
                                [](const std::string& s) { return QuoteForDisplay(s, '\''); }};
  return quoter;
}

// MySQL's quoting (backticks; literals under NO_BACKSLASH_ESCAPES), for the
// scan and EXPLAIN alike.
const SqlQuoter& MySqlQuoter() {
  static const SqlQuoter quoter{MySqlConnection::QuoteIdentifier, MySqlConnection::QuoteLiteral};
  return quoter;
}

// Fewer pages than this per split is not worth another connection.
constexpr int64_t kMinPagesPerSplit = 256;

struct RemoteScanGlobalState : public GlobalSourceState {
  ~RemoteScanGlobalState() override {
    // One SVL_FEDERATED_QUERY record per scan, over all its splits.
    record.num_rows = rows.load();
    record.num_bytes = bytes.load();
    record.duration = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::steady_clock::now() - started)
                          .count();
    if (actuals) {
      actuals->rows = record.num_rows;
      actuals->bytes = record.num_bytes;
      actuals->microseconds = record.duration;
      actuals->executed = true;
    }
    if (log)
      log->Add(std::move(record));
  }
  std::shared_ptr<RemoteScanActuals> actuals;
  PostgresSourceSession* session = nullptr;
  MySqlSourceSession* mysql_session = nullptr;  // set instead for MySQL
  FederatedQueryLog* log = nullptr;
  FederatedQueryRecord record;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  std::atomic<int64_t> rows{0};
  std::atomic<int64_t> bytes{0};
  // One extra conjunct per split ("" for a whole-table scan).
  std::vector<std::string> splits;
  // Dynamic filters' keys (column, keys), read when the scan starts.
  std::vector<std::pair<idx_t, RemoteKeySet>> keys;
  // Batched key lookups: the key set whose batches the splits are (then
  // split i reads batch i), or null.
  const std::pair<idx_t, RemoteKeySet>* batched = nullptr;
  bool has_batches = false;  // at most one key set is batched
  // The conjuncts of `keys` under `quote`.
  std::string KeyConjuncts(const PhysicalRemoteScan& scan, const SqlQuoter& quote) const {
    std::string sql;
    for (auto& [column, set] : keys) {
      if (!set.batches.empty())
        continue;  // one batch per split
      auto [name, type] = scan.OutputColumn(column, quote);
      if (scan.table->schema->kind == ExternalSourceKind::kMySql) {
        bool date = scan.types[column].id() == LogicalTypeId::kDate;
        sql += (sql.empty() ? "" : " AND ") + RenderMySqlKeySet(set, name, date, quote);
        continue;
      }
      sql += (sql.empty() ? "" : " AND ") + RenderRemoteKeySet(set, name, type, quote);
    }
    return sql;
  }
  std::atomic<idx_t> next_split{0};
  idx_t MaxThreads() const override { return splits.size(); }
};

struct RemoteScanLocalState : public LocalSourceState {
  RemoteScanLocalState(PostgresSourceSession* session, MySqlSourceSession* mysql_session)
      : session(session), mysql_session(mysql_session) {}
  PostgresSourceSession* session;
  MySqlSourceSession* mysql_session;
  // Given back when the scan ends; one in the middle of a COPY is closed.
  PostgresSourceSession::Lease connection;
  // MySQL: the connection streaming the result (closed, not pooled, when
  // the scan ends before the last row) and the row decoder.
  MySqlSourceSession::Lease mysql_connection;
  std::unique_ptr<MySqlRowDecoder> mysql_decoder;
  ~RemoteScanLocalState() override {
    if (mysql_connection)
      mysql_connection->EndStream();
  }
  bool no_connection = false;  // the pool is at its limit: other threads read
  std::unique_ptr<PostgresBinaryDecoder> decoder;
  bool in_split = false;
};

// Reads the next COPY message without blocking the statement's cancel.
int ReadCopyData(ClientContext& client, PostgresConnection& connection, char** buffer) {
  while (true) {
    int n = PQgetCopyData(connection.get(), buffer, 1);
    if (n != 0)
      return n;
    if (!connection.AwaitInput(client.interrupted))
      client.CheckInterrupted();
  }
}

}  // namespace

PhysicalRemoteScan::PhysicalRemoteScan(std::vector<LogicalType> types,
                                       std::shared_ptr<const RemoteTable> table, idx_t table_index,
                                       std::vector<idx_t> column_ids,
                                       std::vector<ExpressionPtr> filters,
                                       idx_t estimated_cardinality)
    : PhysicalOperator(PhysicalOperatorType::kRemoteScan, std::move(types), estimated_cardinality),
      table(std::move(table)),
      table_index(table_index),
      column_ids(std::move(column_ids)),
      filters(std::move(filters)) {}

// SELECT `column(i)`... FROM the remote table WHERE the filters (as
// `deparser` writes them) AND `extra` LIMIT: the plain scan in either dialect.
template <class Deparser, class ColumnSql>
std::string PhysicalRemoteScan::PlainScanQuery(const SqlQuoter& quote, const std::string& extra,
                                               Deparser& deparser, ColumnSql&& column_sql) const {
  std::string sql = "SELECT ";
  if (column_ids.empty())
    sql += "NULL";
  for (idx_t i = 0; i < column_ids.size(); i++)
    sql += (i ? ", " : "") + column_sql(table->columns[column_ids[i]]);
  sql += " FROM " + quote.identifier(table->remote_schema) + "." +
         quote.identifier(table->remote_name);
  std::string where;
  for (auto& filter : filters)
    where += (where.empty() ? "" : " AND ") + deparser.Deparse(*filter, quote);
  if (!extra.empty())
    where += (where.empty() ? "" : " AND ") + extra;
  if (!where.empty())
    sql += " WHERE " + where;
  if (limit != kInvalidIndex)
    sql += " LIMIT " + std::to_string(limit);
  return sql;
}

std::string PhysicalRemoteScan::RemoteQuery(const SqlQuoter& quote,
                                            const std::string& split) const {
  if (table->schema->kind == ExternalSourceKind::kMySql && !fragment) {
    MySqlDeparser deparser(*table, table_index);
    return PlainScanQuery(quote, split, deparser, [&](const RemoteColumn& column) {
      return MySqlCatalog::SelectExpression(column, quote.identifier(column.name));
    });
  }
  if (fragment) {
    if (split.empty())
      return fragment->Sql(quote);
    return "SELECT * FROM (" + fragment->Sql(quote) + ") AS dynamic_filter WHERE " + split;
  }
  PostgresDeparser deparser(*table, table_index);
  return PlainScanQuery(quote, split, deparser, [&](const RemoteColumn& column) {
    return quote.identifier(column.name) + "::" + column.wire_cast;
  });
}

std::pair<std::string, std::string> PhysicalRemoteScan::OutputColumn(idx_t column,
                                                                     const SqlQuoter& quote) const {
  if (fragment)
    return {RemoteColumnName(fragment->bindings[column]), PostgresWireType(types[column])};
  return {quote.identifier(table->columns[column_ids[column]].name),
          PostgresWireType(types[column])};
}

std::string PhysicalRemoteScan::ParamsToString() const {
  std::string name = fragment ? table->schema->name : table->schema->name + "." + table->local_name;
  bool mysql = table->schema->kind == ExternalSourceKind::kMySql;
  std::string params = name + ": " + RemoteQuery(mysql ? MySqlQuoter() : DisplayQuoter(), "") +
                       "\nestimated rows: " + std::to_string(estimated_cardinality);
  for (auto& filter : dynamic_filters) {
    params += "\ndynamic filter: " + OutputColumn(filter.column, DisplayQuoter()).first +
              " from the build keys of " + filter.join->conditions[filter.condition].ToString();
  }
  if (actuals->executed) {
    params += "\nactual rows: " + std::to_string(actuals->rows.load()) +
              ", bytes: " + std::to_string(actuals->bytes.load()) +
              ", time: " + std::to_string(actuals->microseconds.load() / 1000.0) + " ms";
  }
  return params;
}

std::unique_ptr<GlobalSourceState> PhysicalRemoteScan::GetGlobalSourceState(
    ExecutionContext& context) const {
  auto state = std::make_unique<RemoteScanGlobalState>();
  auto& client = context.client;
  bool mysql = table->schema->kind == ExternalSourceKind::kMySql;
  if (mysql)
    state->mysql_session = &client.sources.MySql(*table->schema, client.db);
  else
    state->session = &client.sources.Postgres(*table->schema, client.db, client.settings);
  state->log = &client.db.federated_query_log();
  state->actuals = actuals;
  state->record.xid = client.query_id;
  state->record.query = client.query_id;
  state->record.pid = client.session_id;
  state->record.userid = client.user_id;
  state->record.sourcetype = mysql ? "MYSQL" : "PG";
  state->record.recordtime = std::chrono::duration_cast<std::chrono::microseconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count();
  idx_t max_keys = std::stoull(client.settings.Get("pg_federation_dynamic_filter_max_keys"));
  for (auto& filter : dynamic_filters) {
    RemoteKeySet keys;
    // What the key column reads (for strings, its collation).
    const RemoteColumn* column =
        fragment ? fragment->deparser->ColumnFor(fragment->bindings[filter.column])
                 : &table->columns[column_ids[filter.column]];
    // A table column read as text is compared by its own type's rules
    // remotely (citext, enums): no filter on it.
    if (!fragment && column->read_as_text)
      continue;
    // MySQL: numbers and dates only (its string comparisons follow
    // collations that may disagree with ours), one IN list or range (no
    // batched lookups yet).
    if (mysql && (!column || column->type.IsString()))
      continue;
    bool batchable = !mysql && !fragment && !state->has_batches && column->indexed;
    if (ReadRemoteKeySet(filter, context, max_keys, batchable, column, keys)) {
      // Keys covering much of a plain table hardly trim it (see the header).
      double table_rows = table->estimated_rows;
      if (!fragment && table_rows > 0 &&
          ((keys.any && keys.count > 1000 && static_cast<double>(keys.count) * 2 > table_rows) ||
           (!keys.batches.empty() && static_cast<double>(keys.count) * 8 > table_rows)))
        continue;
      state->has_batches = state->has_batches || !keys.batches.empty();
      state->keys.emplace_back(filter.column, std::move(keys));
    }
  }
  for (auto& entry : state->keys) {
    if (!entry.second.batches.empty())
      state->batched = &entry;
  }
  if (mysql) {
    // One stream over one connection (no parallel splits for MySQL yet).
    state->record.querytext = RemoteQuery(MySqlQuoter(), state->KeyConjuncts(*this, MySqlQuoter()));
    state->splits.emplace_back();
    return state;
  }
  state->record.querytext =
      RemoteQuery(DisplayQuoter(), state->KeyConjuncts(*this, DisplayQuoter()));
  int64_t split_pages = client.settings.pg_federation_split_pages();
  idx_t threads = client.db.scheduler().NumberOfThreads();
  if (state->batched) {
    // Key lookups replace the full scan: no ctid ranges then.
    state->splits.assign(state->batched->second.batches.size(), std::string());
  } else if (!fragment && table->relkind == 'r' && limit == kInvalidIndex && split_pages > 0 &&
             table->pages >= split_pages && threads > 1 &&
             state->session->ServerVersion() >= 140000) {
    // Two ranges per thread balance uneven pages; the last is open-ended.
    int64_t count =
        std::min<int64_t>(threads * 2, std::max<int64_t>(2, table->pages / kMinPagesPerSplit));
    int64_t step = (table->pages + count - 1) / count;
    for (int64_t i = 0; i < count; i++) {
      std::string from = "ctid >= '(" + std::to_string(i * step) + ",0)'::tid";
      std::string to = "ctid < '(" + std::to_string((i + 1) * step) + ",0)'::tid";
      if (i == 0)
        state->splits.push_back(to);
      else if (i == count - 1)
        state->splits.push_back(from);
      else
        state->splits.push_back(from + " AND " + to);
    }
  } else {
    state->splits.emplace_back();
  }
  return state;
}

std::unique_ptr<LocalSourceState> PhysicalRemoteScan::GetLocalSourceState(
    ExecutionContext&, GlobalSourceState& gstate) const {
  auto& global = static_cast<RemoteScanGlobalState&>(gstate);
  return std::make_unique<RemoteScanLocalState>(global.session, global.mysql_session);
}

SourceResultType PhysicalRemoteScan::GetData(ExecutionContext& context, DataChunk& chunk,
                                             GlobalSourceState& gstate,
                                             LocalSourceState& lstate) const {
  auto& global = static_cast<RemoteScanGlobalState&>(gstate);
  auto& local = static_cast<RemoteScanLocalState&>(lstate);
  if (global.mysql_session)
    return GetMySqlData(context, chunk, gstate, lstate);
  // count(*) reads no column: decode one NULL column then.
  bool no_columns = types.empty();
  DataChunk wire;
  DataChunk* target = &chunk;
  if (no_columns) {
    wire.Initialize({LogicalType::Varchar()});
    target = &wire;
  }
  while (target->size() < kVectorSize) {
    if (!local.in_split) {
      if (!local.connection && !local.no_connection) {
        // Extra readers are optional: the first thread always gets one.
        local.connection = local.session->Acquire(context.thread_index == 0);
        local.no_connection = !local.connection;
      }
      if (local.no_connection)
        break;
      idx_t split = global.next_split.fetch_add(1);
      if (split >= global.splits.size())
        break;
      if (!local.decoder) {
        std::vector<LogicalType> wire_types = types;
        if (wire_types.empty())
          wire_types.push_back(LogicalType::Varchar());
        local.decoder = std::make_unique<PostgresBinaryDecoder>(wire_types);
      } else {
        local.decoder->Reset();
      }
      auto& connection = *local.connection;
      SqlQuoter quoter{[&](const std::string& s) { return connection.QuoteIdentifier(s); },
                       [&](const std::string& s) { return connection.QuoteLiteral(s); }};
      std::string conjuncts = global.KeyConjuncts(*this, quoter);
      if (global.batched) {
        auto [name, type] = OutputColumn(global.batched->first, quoter);
        conjuncts += (conjuncts.empty() ? "" : " AND ") +
                     RenderRemoteKeySet(global.batched->second, name, type, quoter, split);
      }
      if (!global.splits[split].empty())
        conjuncts += (conjuncts.empty() ? "" : " AND ") + global.splits[split];
      std::string copy = "COPY (" + RemoteQuery(quoter, conjuncts) + ") TO STDOUT (FORMAT binary)";
      PGresult* result = connection.ExecuteCancellable(copy, context.client.interrupted);
      if (!result)
        context.client.CheckInterrupted();
      if (PQresultStatus(result) != PGRES_COPY_OUT)
        connection.Fail(result, "starting the remote scan");
      PQclear(result);
      local.in_split = true;
    }
    auto& decoder = *local.decoder;
    idx_t before = target->size();
    decoder.Decode(*target);
    global.rows.fetch_add(target->size() - before, std::memory_order_relaxed);
    if (target->size() >= kVectorSize)
      break;
    if (decoder.Finished()) {
      // Drain the end of the COPY and check the command result.
      decoder.CheckComplete();
      PGconn* conn = local.connection->get();
      char* buffer = nullptr;
      int rest = PQgetCopyData(conn, &buffer, 0);
      if (rest > 0) {
        PQfreemem(buffer);
        throw Exception(sqlstate::kProtocolViolation,
                        "malformed COPY BINARY data from the source: data after the end marker");
      }
      PGresult* result = PQgetResult(conn);
      if (PQresultStatus(result) != PGRES_COMMAND_OK)
        local.connection->Fail(result, "the remote scan");
      PQclear(result);
      while ((result = PQgetResult(conn)) != nullptr)
        PQclear(result);
      local.in_split = false;
      continue;
    }
    char* buffer = nullptr;
    int n = ReadCopyData(context.client, *local.connection, &buffer);
    if (n > 0) {
      global.bytes.fetch_add(n, std::memory_order_relaxed);
      decoder.Feed(buffer, n);
      PQfreemem(buffer);
    } else if (n == -1) {
      // COPY ended before the end-of-data marker: the source's error (a
      // terminated backend, a lost connection) explains why; if it reports
      // success, the stream itself was truncated.
      PGresult* result = PQgetResult(local.connection->get());
      if (PQresultStatus(result) != PGRES_COMMAND_OK)
        local.connection->Fail(result, "the remote scan");
      PQclear(result);
      decoder.CheckComplete();
      local.in_split = false;
    } else {
      local.connection->Fail(nullptr, "the remote scan");
    }
  }
  if (no_columns)
    chunk.SetCardinality(wire.size());
  bool more =
      local.in_split || (!local.no_connection && global.next_split.load() < global.splits.size());
  return more ? SourceResultType::kHaveMoreOutput : SourceResultType::kFinished;
}

SourceResultType PhysicalRemoteScan::GetMySqlData(ExecutionContext& context, DataChunk& chunk,
                                                  GlobalSourceState& gstate,
                                                  LocalSourceState& lstate) const {
  auto& global = static_cast<RemoteScanGlobalState&>(gstate);
  auto& local = static_cast<RemoteScanLocalState&>(lstate);
  auto& interrupted = context.client.interrupted;
  if (!local.mysql_connection) {
    // The single stream goes to the first thread that asks.
    if (global.next_split.fetch_add(1) != 0)
      return SourceResultType::kFinished;
    local.mysql_connection = local.mysql_session->Acquire(true, &interrupted);
    std::vector<MySqlRowDecoder::Column> columns;
    if (fragment) {
      // A pushed subtree's columns arrive as text values of their types.
      for (idx_t i = 0; i < types.size(); i++)
        columns.push_back(
            {RemoteColumnName(fragment->bindings[i]), types[i], MySqlWireKind::kPlain});
    } else {
      for (idx_t id : column_ids) {
        auto& column = table->columns[id];
        columns.push_back({column.local_name, column.type, MySqlCatalog::WireKind(column)});
      }
    }
    if (columns.empty())
      columns.push_back({"NULL", LogicalType::Varchar(), MySqlWireKind::kPlain});
    local.mysql_decoder = std::make_unique<MySqlRowDecoder>(std::move(columns));
    local.mysql_connection->StartStream(
        RemoteQuery(MySqlQuoter(), global.KeyConjuncts(*this, MySqlQuoter())), interrupted);
  }
  auto& connection = *local.mysql_connection;
  bool no_columns = types.empty();
  DataChunk wire;
  DataChunk* target = &chunk;
  if (no_columns) {
    wire.Initialize({LogicalType::Varchar()});
    target = &wire;
  }
  idx_t row = target->size();
  bool finished = false;
  int64_t bytes_before = connection.stream_bytes();
  while (row < kVectorSize) {
    unsigned long* lengths = nullptr;
    char** fields = connection.FetchRow(&lengths, interrupted);
    if (!fields) {
      finished = true;
      break;
    }
    local.mysql_decoder->Decode(fields, lengths, *target, row);
    row++;
  }
  target->SetCardinality(row);
  if (no_columns)
    chunk.SetCardinality(row);
  global.rows.fetch_add(row, std::memory_order_relaxed);
  global.bytes.fetch_add(connection.stream_bytes() - bytes_before, std::memory_order_relaxed);
  if (!finished) {
    context.client.CheckInterrupted();
    return SourceResultType::kHaveMoreOutput;
  }
  connection.EndStream();
  local.mysql_connection.Reset();
  return SourceResultType::kFinished;
}

}  // namespace tributary
