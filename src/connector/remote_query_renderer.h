// RemoteQueryRenderer: renders a pushed subtree (RemoteFragment) as one
// query in its source's dialect: PostgresQueryDeparser or
// MySqlQueryDeparser. Render is const and thread-safe.
#pragma once

#include <string>

#include "planner/logical_operator.h"

namespace tributary {

struct SqlQuoter;

class RemoteQueryRenderer {
 public:
  virtual ~RemoteQueryRenderer() = default;
  // The query computing `op`'s subtree; its columns are `op`'s bindings,
  // in order, in the form the source's scan decodes as their types.
  virtual std::string Render(const LogicalOperator& op, const SqlQuoter& quote) const = 0;
};

}  // namespace tributary
