// TableStatisticsSerializer: ANALYZE's statistics (TableStatistics) as a
// manifest item, stored with the table's catalog entry so the optimizer's
// estimates survive a restart.
//
//   {"rows": N, "columns": [{"null_fraction": f, "distinct": n,
//                            "min": text, "max": text}, ...]}
//
// min/max are the values' text forms (hex for strings: a value need not
// be valid UTF-8, and JSON text must be); absent when NULL. A column whose
// type changed since (or an unreadable value) reads back without min/max.
#pragma once

#include <memory>
#include <vector>

#include <nlohmann/json.hpp>

#include "catalog/column_definition.h"
#include "catalog/table_statistics.h"

namespace tributary {

nlohmann::json SerializeTableStatistics(const TableStatistics& statistics,
                                        const std::vector<ColumnDefinition>& columns);
// Null when `item` is null or does not fit `columns` (then the table is
// treated as never analyzed).
std::shared_ptr<const TableStatistics> DeserializeTableStatistics(
    const nlohmann::json& item, const std::vector<ColumnDefinition>& columns);

}  // namespace tributary
