// RemoteDynamicFilter: a hash join's build keys sent into a remote scan on
// its probe side before the scan starts, so the source returns only rows
// that can find a match: `col = ANY('{k1,...}'::type[])` for up to
// pg_federation_dynamic_filter_max_keys distinct keys (default 50000; 0 turns
// the filter off); past that, on a column that leads a btree index of a
// plain remote table, batched key lookups (one query per max_keys keys, run
// in parallel like ctid ranges, never one per row), else `col BETWEEN min
// AND max`.
//
// Contract:
// - A runtime filter (runtime_filter.h: which joins, through which
//   operators) whose probe key is a plain column of the scan (not a cast),
//   of type SMALLINT, INTEGER, BIGINT, DATE, DECIMAL (exact literals at the
//   column's scale), VARCHAR or CHAR.
// - Strings compare as we do: `= ANY` as is only under a deterministic
//   collation (equal means the same bytes; bpchar ignores trailing blanks
//   as our CHAR does), else with COLLATE "C" (exact, but no index: no
//   batches then). A VARCHAR range is sent as is under a bytewise ("C")
//   collation, else as `col COLLATE "C" BETWEEN ...`: always our bytewise
//   order, at the price of the column's index under other collations (the
//   range is the fallback for columns that no index leads anyway); CHAR
//   keys get no range (blank-padded ordering).
// - A plain table scan drops a key set that hardly trims it (the source's
//   row estimate, reltuples): `= ANY` of over 1,000 keys for more than
//   half of its rows, batched lookups for more than an eighth (index
//   lookups of most of a table cost more than reading it: TPC-H Q5's
//   90,000 of 150,000 customers took 10x the full scan). Fragments keep
//   theirs (an aggregate's filter trims its input, not its few groups).
// - The scan starts after the join's build pipeline is finalized.
#pragma once

#include <string>
#include <vector>

#include "common/constants.h"
#include "execution/operator/join/runtime_filter.h"

namespace tributary {

class PhysicalRemoteScan;
struct JoinCondition;
struct RemoteColumn;
struct ExecutionContext;
struct SqlQuoter;

using RemoteDynamicFilter = RuntimeFilter;

// The probe column of `condition` a remote scan can filter on (see the
// contract), or kInvalidIndex.
idx_t RemoteKeyColumn(const JoinCondition& condition);
// False when `scan` cannot compare its output column `column` remotely.
bool RemoteScanTakesFilter(const PhysicalRemoteScan& scan, idx_t column);

// The build keys, read once from the join's finalized build side.
struct RemoteKeySet {
  bool any = false;  // `elements` holds every distinct key
  // Batched lookups instead: every distinct key, max_keys per batch.
  std::vector<std::string> batches;
  std::string elements;    // "k1,k2,...": array literal elements
  std::string min, max;    // the range otherwise (plain text of the values)
  idx_t count = 0;         // distinct keys in `elements` or in all `batches`
  bool collate_c = false;  // the conjunct compares under COLLATE "C"
};

// False when no filter applies (more than 8 x max_keys build rows, or
// max_keys is 0, or a CHAR key set too large for `= ANY` and batches).
// `batchable`: the scan's column leads an index (batches allowed).
// `column`: the remote column the scan's key column reads (its collation),
// nullptr for a computed one.
bool ReadRemoteKeySet(const RemoteDynamicFilter& filter, ExecutionContext& context, idx_t max_keys,
                      bool batchable, const RemoteColumn* column, RemoteKeySet& keys);

// The conjunct over `column_sql` (a column of PostgreSQL type `type_name`);
// for batched sets, of batch `batch`.
std::string RenderRemoteKeySet(const RemoteKeySet& keys, const std::string& column_sql,
                               const std::string& type_name, const SqlQuoter& quote,
                               idx_t batch = 0);

// The same conjunct for a MySQL source: `column_sql IN (...)` or BETWEEN,
// dates as quoted literals (a zero date never matches a key, as its NULL
// here would not).
std::string RenderMySqlKeySet(const RemoteKeySet& keys, const std::string& column_sql, bool date,
                              const SqlQuoter& quote);

}  // namespace tributary
