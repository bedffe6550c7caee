// SortKeyOrder: puts rows loaded into a table with a SORTKEY in key order,
// so each row group covers a narrow key range and the zone maps of the key
// columns let scans skip row groups (Redshift's compound sort key).
//
// Order: the key columns compared left to right as ORDER BY key1, key2, ...
// ASC NULLS LAST does (strings byte-wise, NaN above every number); rows
// with equal keys keep their arrival order. Interleaved keys are ordered as
// compound ones (the first key column dominates).
//
// Thread-safety: a pure function of its arguments (uses threads of its own).
#pragma once

#include <vector>

#include "storage/table_snapshot.h"
#include "vector/data_chunk.h"

namespace tributary {

// The rows of `chunks` (columns of `types`) sorted by the columns
// `key_columns`, as full chunks of kVectorSize rows (the last may be
// shorter). The sort and the gather run on several threads; strings are
// copied (into the output vectors' heaps, or, after a counting sort, into
// one buffer per column that the output vectors keep alive), and each
// input column is released as soon as it is gathered (no second copy of
// the whole load).
// Returns `chunks` unchanged when there is no key or at most one row.
std::vector<DataChunk> SortChunksByKey(const std::vector<LogicalType>& types,
                                       std::vector<DataChunk> chunks,
                                       const std::vector<idx_t>& key_columns);

// True when the rows of `snapshot` (deleted ones included) are in the
// order SortChunksByKey makes. Reads only the key columns.
bool InKeyOrder(const TableSnapshot& snapshot, const std::vector<idx_t>& key_columns);

}  // namespace tributary
