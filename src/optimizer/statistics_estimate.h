// StatisticsEstimate: cardinality estimates from ANALYZE's statistics
// (TableCatalogEntry::statistics) for the operators where a plain guess is
// weakest: filters on `column = constant` or `column IS [NOT] NULL` keep
// 1/distinct (null_fraction) of their input; GROUP BY on columns yields at
// most the product of their distinct counts; an equi-join on columns yields
// left * right / max(distinct left, distinct right). Only columns read
// straight from a scan of an analyzed table are known (through projections
// nothing is).
// Without ANALYZE: a range conjunct (`<`, `<=`, `>`, `>=`, BETWEEN's pair)
// on an integer-like stored column keeps the fraction of the column's
// [min, max] it covers (min/max from the zone maps of persisted row
// groups); an equality outside that range keeps nothing; an inner
// equi-join yields left * right / keys, keys the smaller of the two sides'
// bounds on distinct values (the stored table's rows for a column read
// from a scan, else the side's estimate): a foreign key side scaled by the
// fraction of the key side left. Everything else is left to
// EstimateCardinalities' guesses.
#pragma once

#include <optional>

#include "planner/logical_operator.h"

namespace tributary {

// The estimate for `op` (its children already estimated), or nullopt when
// statistics say nothing about it.
std::optional<idx_t> EstimateFromStatistics(LogicalOperator& op);

}  // namespace tributary
