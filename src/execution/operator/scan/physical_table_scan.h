// Parallel scan of a stored table: threads claim morsels from a snapshot
// taken when the scan starts. A row group whose columns are in memory is
// cut into one morsel per vector, and output vectors reference its data
// without copying; a stored row group is one morsel (or, when there are
// fewer stored groups than threads, a few ranges of its vectors): the
// thread claiming it reads and verifies the needed columns' segments
// (only those) into its SegmentScanners, then decodes them a vector at a
// time into reused buffers (nothing is cached, so working memory stays
// fixed).
#pragma once

#include <atomic>

#include "catalog/table_catalog_entry.h"
#include "execution/operator/join/runtime_filter.h"
#include "execution/physical_operator.h"
#include "storage/zone_map_filter.h"

namespace tributary {

// What one run of the scan did, for EXPLAIN ANALYZE (row groups counted
// when the scan starts, rows as they are read).
struct TableScanActuals {
  std::atomic<bool> executed{false};
  std::atomic<int64_t> row_groups{0};
  std::atomic<int64_t> skipped{0};
  std::atomic<int64_t> rows{0};
  // Rows and row groups runtime filters removed.
  std::atomic<int64_t> filtered_rows{0};
  std::atomic<int64_t> filtered_groups{0};
};

class PhysicalTableScan : public PhysicalOperator {
 public:
  PhysicalTableScan(std::vector<LogicalType> types, std::shared_ptr<TableCatalogEntry> table,
                    std::vector<idx_t> column_ids, idx_t estimated_cardinality);

  std::shared_ptr<TableCatalogEntry> table;
  std::vector<idx_t> column_ids;
  // Row groups whose zone maps rule these out are not read.
  std::vector<ZoneMapFilter> zone_filters;
  // Build keys of hash joins above (runtime_filter.h).
  std::vector<RuntimeFilter> runtime_filters;
  // Shown by ParamsToString once the scan ran (EXPLAIN ANALYZE).
  std::shared_ptr<TableScanActuals> actuals = std::make_shared<TableScanActuals>();

  std::string GetName() const override { return "TABLE_SCAN"; }
  std::string ParamsToString() const override;

  bool IsSource() const override { return true; }
  bool ParallelSource() const override { return true; }
  std::unique_ptr<GlobalSourceState> GetGlobalSourceState(ExecutionContext& context) const override;
  std::unique_ptr<LocalSourceState> GetLocalSourceState(ExecutionContext& context,
                                                        GlobalSourceState& gstate) const override;
  SourceResultType GetData(ExecutionContext& context, DataChunk& chunk, GlobalSourceState& gstate,
                           LocalSourceState& lstate) const override;

 private:
  std::string RuntimeFiltersToString() const;
};

}  // namespace tributary
