// AlterOwnerParser: ALTER TABLE [schema.]name OWNER TO user and the same
// for VIEW. Other ALTER TABLE forms are left to PostgreSQL's grammar.
#pragma once

#include <memory>
#include <string_view>

namespace tributary {

class AlterOwnerStatement;

class AlterOwnerParser {
 public:
  // True for exactly the OWNER TO form.
  static bool Handles(std::string_view statement);
  static std::unique_ptr<AlterOwnerStatement> Parse(std::string_view statement,
                                                    bool case_sensitive = false);
};

}  // namespace tributary
