// Parallel scan of a stored table: threads claim chunks (morsels) from a
// snapshot taken when the scan starts; output vectors reference the stored
// data without copying.
#pragma once

#include "catalog/table_catalog_entry.h"
#include "execution/physical_operator.h"
#include "storage/zone_map_filter.h"

namespace tributary {

class PhysicalTableScan : public PhysicalOperator {
 public:
  PhysicalTableScan(std::vector<LogicalType> types, std::shared_ptr<TableCatalogEntry> table,
                    std::vector<idx_t> column_ids, idx_t estimated_cardinality);

  std::shared_ptr<TableCatalogEntry> table;
  std::vector<idx_t> column_ids;
  // Row groups whose zone maps rule these out are not read.
  std::vector<ZoneMapFilter> zone_filters;

  std::string GetName() const override { return "TABLE_SCAN"; }
  std::string ParamsToString() const override;

  bool IsSource() const override { return true; }
  bool ParallelSource() const override { return true; }
  std::unique_ptr<GlobalSourceState> GetGlobalSourceState(ExecutionContext& context) const override;
  SourceResultType GetData(ExecutionContext& context, DataChunk& chunk, GlobalSourceState& gstate,
                           LocalSourceState& lstate) const override;
};

}  // namespace tributary
