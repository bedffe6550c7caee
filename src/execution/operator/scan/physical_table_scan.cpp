#include "execution/operator/scan/physical_table_scan.h"

#include <atomic>

namespace tributary {

namespace {

struct TableScanGlobalState : public GlobalSourceState {
  std::shared_ptr<const TableSnapshot> snapshot;
  std::atomic<idx_t> next_chunk{0};
  idx_t MaxThreads() const override { return snapshot->chunks.size(); }
};

}  // namespace

PhysicalTableScan::PhysicalTableScan(std::vector<LogicalType> types,
                                     std::shared_ptr<TableCatalogEntry> table,
                                     std::vector<idx_t> column_ids, idx_t estimated_cardinality)
    : PhysicalOperator(PhysicalOperatorType::kTableScan, std::move(types), estimated_cardinality),
      table(std::move(table)),
      column_ids(std::move(column_ids)) {}

std::string PhysicalTableScan::ParamsToString() const {
  std::string s = table->schema_name + "." + table->name + " (";
  for (idx_t i = 0; i < column_ids.size(); i++) {
    s += (i ? ", " : "") + table->columns[column_ids[i]].name;
  }
  return s + ")";
}

std::unique_ptr<GlobalSourceState> PhysicalTableScan::GetGlobalSourceState(
    ExecutionContext&) const {
  auto state = std::make_unique<TableScanGlobalState>();
  state->snapshot = table->storage->Snapshot();
  return state;
}

SourceResultType PhysicalTableScan::GetData(ExecutionContext&, DataChunk& chunk,
                                            GlobalSourceState& gstate, LocalSourceState&) const {
  auto& state = static_cast<TableScanGlobalState&>(gstate);
  idx_t index = state.next_chunk.fetch_add(1);
  auto& snapshot = *state.snapshot;
  if (index >= snapshot.chunks.size())
    return SourceResultType::kFinished;
  auto& stored = *snapshot.chunks[index];
  for (idx_t i = 0; i < column_ids.size(); i++) {
    chunk.column(i).Reference(stored.column(column_ids[i]));
  }
  chunk.SetCardinality(snapshot.counts[index]);
  return index + 1 >= snapshot.chunks.size() ? SourceResultType::kFinished
                                             : SourceResultType::kHaveMoreOutput;
}

}  // namespace tributary
