// DeallocateStatement: recognizes `DEALLOCATE [PREPARE] { name | ALL }`, which
// releases the session's protocol-level prepared statements (psqlODBC sends
// it before reusing a statement name). The engine does not see it: prepared
// statements belong to the wire session.
#pragma once

#include <optional>
#include <string>

namespace tributary {

struct DeallocateStatement {
  std::string name;  // empty for ALL
};

// The DEALLOCATE that `sql` consists of (one statement), or nullopt for any
// other text, including text that does not parse.
std::optional<DeallocateStatement> ParseDeallocate(const std::string& sql);

}  // namespace tributary
