// RemoteSelectivity: the fraction of a remote table's rows that pass a
// conjunct pushed into its scan, estimated from the source's pg_stats
// (null_frac, n_distinct, most common values and frequencies, histogram
// bounds) the way PostgreSQL's own planner does (eqsel, scalarltsel):
// an equality is the value's MCV frequency or the non-MCV share spread over
// the other distinct values; a range is the MCVs that pass plus the
// histogram fraction (linear interpolation inside a bucket for numbers).
// Without statistics each conjunct keeps a fifth, as for local filters.
//
// Only estimates: a wrong guess costs speed, never an answer.
#pragma once

#include "connector/remote_table.h"
#include "planner/expression.h"

namespace tributary {

// `conjunct` names columns as (table_index, position in table.columns).
// Returns a value in (0, 1].
double RemoteSelectivity(const RemoteTable& table, idx_t table_index, const Expression& conjunct);

// Distinct values of a column (at least 1), from n_distinct; rows / 5 when
// it was never analyzed.
double RemoteDistinctValues(const RemoteTable& table, idx_t column);

}  // namespace tributary
