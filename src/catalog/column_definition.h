// ColumnDefinition: one column of a stored table.
#pragma once

#include <string>

#include "types/value.h"

namespace tributary {

struct ColumnDefinition {
  std::string name;
  LogicalType type;
  bool not_null = false;
  // DEFAULT expression as SQL text (bound when used); empty = NULL.
  std::string default_sql;
};

}  // namespace tributary
