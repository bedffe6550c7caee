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
  // Redshift's ENCODE (lower case, e.g. "zstd"); empty when not given.
  std::string encoding;
};

}  // namespace tributary
