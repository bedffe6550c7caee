// Appends its input to a table and counts the rows. With `create_table`
// (CREATE TABLE AS) the table is added to the catalog only after the query
// has produced all rows, so a failed query leaves no table behind.
#pragma once

#include <atomic>
#include <mutex>

#include "catalog/table_catalog_entry.h"
#include "execution/physical_operator.h"

namespace tributary {

struct InsertGlobalState : public GlobalSinkState {
  std::atomic<idx_t> row_count{0};
  // Rows are applied in Finalize, so a statement that fails half-way
  // changes nothing.
  std::mutex lock;
  std::vector<DataChunk> pending;
  // CREATE TABLE AS with IF NOT EXISTS found the table already there.
  bool skipped = false;
};

class PhysicalInsert : public PhysicalOperator {
 public:
  PhysicalInsert(PhysicalOperatorPtr child, std::shared_ptr<TableCatalogEntry> table,
                 bool create_table, bool if_not_exists);

  std::shared_ptr<TableCatalogEntry> table;
  bool create_table;
  bool if_not_exists;

  std::string GetName() const override { return create_table ? "CREATE_TABLE_AS" : "INSERT"; }
  std::string ParamsToString() const override { return table->schema_name + "." + table->name; }
  bool IsSink() const override { return true; }
  bool ParallelSink() const override { return true; }
  std::unique_ptr<GlobalSinkState> GetGlobalSinkState(ClientContext& context) const override;
  SinkResultType Sink(ExecutionContext& context, DataChunk& chunk, GlobalSinkState& gstate,
                      LocalSinkState& lstate) const override;
  void Finalize(ClientContext& context, GlobalSinkState& gstate) const override;

  // `chunk` (values in table column order, strings unbounded) as stored
  // rows: NOT NULL checked (23502), CHAR/VARCHAR lengths checked (22001)
  // and CHAR padded. Also used by UPDATE.
  static DataChunk PrepareRows(const TableCatalogEntry& table, const DataChunk& chunk);
};

}  // namespace tributary
