// RemoteDynamicFilter: a hash join's build keys sent into a remote scan on
// its probe side before the scan starts, so the source returns only rows
// that can find a match: `col = ANY('{k1,...}'::type[])` for up to
// pg_federation_dynamic_filter_max_keys distinct keys (default 50000; 0 turns
// the filter off); past that, on a column that leads a btree index of a
// plain remote table, batched key lookups (one query per max_keys keys, run
// in parallel like ctid ranges, never one per row), else `col BETWEEN min
// AND max` (integers and dates, whose ordering is the same in PostgreSQL).
//
// Contract:
// - Attached only where dropping probe rows without a match cannot change
//   the answer: INNER, SEMI and RIGHT joins, `=` conditions (not IS NOT
//   DISTINCT FROM: NULL keys match there), the probe key a plain column of
//   the scan (not a cast), of type SMALLINT, INTEGER, BIGINT or DATE.
// - The scan is reached from the join through projections, filters and
//   other hash joins' probe sides only: it is then the source of the join's
//   probe pipeline, which starts after the build pipeline is finalized.
#pragma once

#include <string>
#include <vector>

#include "common/constants.h"

namespace tributary {

class PhysicalHashJoin;
class PhysicalOperator;
struct ExecutionContext;
struct SqlQuoter;

struct RemoteDynamicFilter {
  const PhysicalHashJoin* join = nullptr;
  idx_t condition = 0;  // in join->conditions
  idx_t column = 0;     // position in the scan's output
};

// Registers `join`'s eligible keys with the remote scans on its probe side.
void AttachRemoteDynamicFilters(PhysicalHashJoin& join);

// The build keys, read once from the join's finalized build side.
struct RemoteKeySet {
  bool any = false;  // `elements` holds every distinct key
  // Batched lookups instead: every distinct key, max_keys per batch.
  std::vector<std::string> batches;
  std::string elements;  // "k1,k2,..." (integers, or dates as YYYY-MM-DD)
  std::string min, max;  // the range otherwise
  idx_t count = 0;       // distinct keys in `elements`
};

// False when no filter applies (more than 8 x max_keys build rows, or
// max_keys is 0).
// `batchable`: the scan's column leads an index (batches allowed).
bool ReadRemoteKeySet(const RemoteDynamicFilter& filter, ExecutionContext& context, idx_t max_keys,
                      bool batchable, RemoteKeySet& keys);

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
