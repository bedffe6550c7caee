// Column-wise kernels that move group keys between vectors and the
// row-major rows of a GroupedAggregateHashTable. Each call dispatches on the
// key type once and runs a tight loop over a selection of rows, so the hash
// table never dispatches per row.
//
// A key occupies `offset` bytes into a row (PhysicalTypeSize bytes) and a
// validity byte at `validity_offset` (1 = valid); a NULL key stores zeros.
// Thread-compatible: callers own the rows they touch.
#pragma once

#include "vector/vector.h"

namespace tributary {

// For i < count, r = sel[i]: stores key row r of `keys` into rows[r].
// String bytes are copied into `heap`.
void ScatterKeyColumn(const Vector& keys, const sel_t* sel, idx_t count, const data_ptr_t* rows,
                      idx_t offset, idx_t validity_offset, StringHeap& heap);

// For i < count, r = sel[i]: compares key row r of `keys` with the key in
// rows[r] (NULL equals NULL; floats and intervals compare as SQL does).
// Matching rows are compacted to the front of `sel` (order kept) and their
// count returned; the others are appended to no_match[no_match_count...].
idx_t MatchKeyColumn(const Vector& keys, sel_t* sel, idx_t count, const data_ptr_t* rows,
                     idx_t offset, idx_t validity_offset, sel_t* no_match, idx_t& no_match_count);

// For i < count: row i of `out` (flat) = the key stored in rows[i]. String
// views point into the table's heap; the caller keeps that heap alive.
void GatherKeyColumn(const data_ptr_t* rows, idx_t count, idx_t offset, idx_t validity_offset,
                     Vector& out);

}  // namespace tributary
