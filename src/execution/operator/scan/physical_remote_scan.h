// Scan of an external table. PostgreSQL: `COPY (SELECT <needed columns>
// FROM <table> WHERE <pushed filters>) TO STDOUT (FORMAT binary)` decoded
// into vectors as the bytes arrive. MySQL: `SELECT ... FROM ... WHERE ...
// [LIMIT n]` (MySqlDeparser) streamed with mysql_use_result over one
// connection and decoded by MySqlRowDecoder; a scan that ends early (LIMIT
// satisfied above, an error, a cancel) closes that connection instead of
// draining it.
//
// Contract:
// - Remote SQL is built by PostgresDeparser: identifiers and literals are
//   quoted by libpq; types without a binary mapping are cast to text.
// - A plain table of at least `pg_federation_split_pages` pages on
//   PostgreSQL >= 14 is split into ctid page ranges (the last one open-ended,
//   so rows on pages added since ANALYZE are read too) that threads read over
//   separate connections of the statement's PostgresSourceSession, all in
//   one snapshot.
// - Cancelling the statement sends a cancel request to the source; a
//   connection whose COPY did not finish is closed, never reused.
#pragma once

#include <atomic>

#include "connector/remote_fragment.h"
#include "connector/remote_table.h"
#include "execution/operator/scan/remote_dynamic_filter.h"
#include "execution/physical_operator.h"
#include "planner/expression.h"

namespace tributary {

struct SqlQuoter;

// What one run of a scan did, for EXPLAIN ANALYZE (written once, when the
// scan's global state ends; read after the statement).
struct RemoteScanActuals {
  std::atomic<bool> executed{false};
  std::atomic<int64_t> rows{0};
  std::atomic<int64_t> bytes{0};
  std::atomic<int64_t> microseconds{0};
};

class PhysicalRemoteScan : public PhysicalOperator {
 public:
  PhysicalRemoteScan(std::vector<LogicalType> types, std::shared_ptr<const RemoteTable> table,
                     idx_t table_index, std::vector<idx_t> column_ids,
                     std::vector<ExpressionPtr> filters, idx_t estimated_cardinality);

  std::shared_ptr<const RemoteTable> table;
  idx_t table_index;
  std::vector<idx_t> column_ids;
  // Conjuncts over (table_index, remote column) bindings, run remotely.
  std::vector<ExpressionPtr> filters;
  // LIMIT sent to the source (kInvalidIndex: none); no splits then.
  idx_t limit = kInvalidIndex;
  // A pushed subtree (remote_pushdown.cpp): its query replaces the table
  // scan (one connection, no splits); `types` are its columns'.
  std::shared_ptr<const RemoteFragment> fragment;
  // Build keys of hash joins above, added to the query when it starts.
  std::vector<RemoteDynamicFilter> dynamic_filters;
  // Shared with the scan's global state; shown by ParamsToString once set.
  std::shared_ptr<RemoteScanActuals> actuals = std::make_shared<RemoteScanActuals>();

  std::string GetName() const override { return "REMOTE_SCAN"; }
  std::string ParamsToString() const override;
  // The SELECT sent to the source for one split (`split` is extra
  // conjuncts, or empty).
  std::string RemoteQuery(const SqlQuoter& quote, const std::string& split) const;
  // The SQL and PostgreSQL type of output column `column`, for conjuncts.
  std::pair<std::string, std::string> OutputColumn(idx_t column, const SqlQuoter& quote) const;

  bool IsSource() const override { return true; }
  bool ParallelSource() const override { return true; }
  std::unique_ptr<GlobalSourceState> GetGlobalSourceState(ExecutionContext& context) const override;
  std::unique_ptr<LocalSourceState> GetLocalSourceState(ExecutionContext& context,
                                                        GlobalSourceState& gstate) const override;
  SourceResultType GetData(ExecutionContext& context, DataChunk& chunk, GlobalSourceState& gstate,
                           LocalSourceState& lstate) const override;

 private:
  // The plain scan's SELECT: `column_sql(column)` per output column, the
  // filters as `deparser` writes them, and `extra` conjuncts if not empty.
  template <class Deparser, class ColumnSql>
  std::string PlainScanQuery(const SqlQuoter& quote, const std::string& extra, Deparser& deparser,
                             ColumnSql&& column_sql) const;
  // A MySQL source's rows: one streamed result (mysql_use_result) decoded
  // row by row into the chunk's vectors.
  SourceResultType GetMySqlData(ExecutionContext& context, DataChunk& chunk,
                                GlobalSourceState& gstate, LocalSourceState& lstate) const;
};

}  // namespace tributary
