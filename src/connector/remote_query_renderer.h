// RemoteQueryRenderer: renders a pushed subtree (RemoteFragment) as one
// query in its source's dialect: PostgresQueryDeparser or
// MySqlQueryDeparser. Render is const and thread-safe.
#pragma once

#include <string>
#include <vector>

#include "planner/column_binding.h"
#include "planner/logical_operator.h"

namespace tributary {

struct RemoteColumn;
struct SqlQuoter;

class RemoteQueryRenderer {
 public:
  virtual ~RemoteQueryRenderer() = default;
  // The query computing `op`'s subtree; its columns are `bindings` (some
  // or all of op's), in order, in the form the source's scan decodes as
  // their types.
  virtual std::string Render(const LogicalOperator& op, const std::vector<ColumnBinding>& bindings,
                             const SqlQuoter& quote) const = 0;
  // What a binding of the pushed subtree stands for (its type, collation;
  // nullptr: nothing known).
  virtual const RemoteColumn* ColumnFor(const ColumnBinding& binding) const = 0;
};

}  // namespace tributary
