// StatisticsEstimate: cardinality estimates from ANALYZE's statistics
// (TableCatalogEntry::statistics) for the operators where a plain guess is
// weakest: filters on `column = constant` or `column IS [NOT] NULL` keep
// 1/distinct (null_fraction) of their input; GROUP BY on columns yields at
// most the product of their distinct counts; an equi-join on columns yields
// left * right / max(distinct left, distinct right). Only columns read
// straight from a scan of an analyzed table are known (through projections
// nothing is); everything else is left to EstimateCardinalities' guesses.
#pragma once

#include <optional>

#include "planner/logical_operator.h"

namespace tributary {

// The estimate for `op` (its children already estimated), or nullopt when
// statistics say nothing about it.
std::optional<idx_t> EstimateFromStatistics(LogicalOperator& op);

}  // namespace tributary
