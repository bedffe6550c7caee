// SqlQuoter: how a source quotes identifiers and string literals in the
// SQL a deparser renders (the connection's escaping at run time, a display
// quoter for EXPLAIN). Deparsers never paste user text without it.
#pragma once

#include <functional>
#include <string>

namespace tributary {

struct SqlQuoter {
  std::function<std::string(const std::string&)> identifier;
  std::function<std::string(const std::string&)> literal;
};

}  // namespace tributary
