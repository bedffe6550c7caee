// TableStatistics: what ANALYZE measured on a table, for the optimizer's
// estimates (and for system views). A snapshot: later writes do not update
// it until the next ANALYZE.
#pragma once

#include <vector>

#include "common/constants.h"
#include "types/value.h"

namespace tributary {

struct ColumnStatistics {
  double null_fraction = 0;
  // HyperLogLog estimate of the number of distinct non-NULL values.
  idx_t distinct_count = 0;
  Value min, max;  // NULL when the column has no non-NULL value
};

struct TableStatistics {
  idx_t row_count = 0;
  std::vector<ColumnStatistics> columns;  // in table column order
};

}  // namespace tributary
