// RemoteFragment: a subtree of the logical plan that the source computes as
// one query (optimizer/remote_pushdown.cpp builds it). The subtree is kept
// only to render the SQL at run time, when the connection's quoter is at
// hand; it never executes locally.
//
// Contract: the query's columns are `bindings`, in order, in the form the
// source's scan decodes as exactly `types` (PostgreSQL: binary COPY, the
// renderer casts each one; MySQL: text values of those types), so the scan
// decodes them as it decodes a table's columns. Immutable once built; Sql is
// thread-safe.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "connector/remote_query_renderer.h"
#include "planner/column_binding.h"
#include "planner/logical_operator.h"

namespace tributary {

struct SqlQuoter;

struct RemoteFragment {
  LogicalOperatorPtr plan;
  std::shared_ptr<const RemoteQueryRenderer> deparser;
  std::vector<ColumnBinding> bindings;
  std::vector<LogicalType> types;
  double estimated_rows = 0;

  std::string Sql(const SqlQuoter& quote) const;
};

}  // namespace tributary
