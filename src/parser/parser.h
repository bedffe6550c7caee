// Parser: SQL text -> statements. PostgreSQL's grammar (libpg_query,
// protobuf form) for everything it knows; RedshiftParser for the rest.
// Errors are PostgreSQL's: 42601 `syntax error at or near "FORM"` with the
// 1-based position.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "parser/ast.h"

namespace tributary {

struct ParserOptions {
  // Redshift folds every identifier to lower case, quoted ones too, unless
  // enable_case_sensitive_identifier is on.
  bool case_sensitive_identifiers = false;
};

class Parser {
 public:
  static std::vector<std::unique_ptr<SQLStatement>> Parse(std::string_view sql,
                                                          const ParserOptions& options = {});
};

}  // namespace tributary
