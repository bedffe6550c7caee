// BoundStatement: a statement's logical plan plus its result's names and
// types.
#pragma once

#include <string>
#include <vector>

#include "planner/logical_operator.h"

namespace tributary {

struct BoundStatement {
  LogicalOperatorPtr plan;
  std::vector<std::string> names;
  std::vector<LogicalType> types;
};

}  // namespace tributary
