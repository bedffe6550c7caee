// GrantStatementParser: GRANT and REVOKE as Redshift writes them. Parsed
// here rather than by PostgreSQL's grammar, which forgets the GROUP keyword
// (Redshift's groups are not users):
//   GRANT { priv [, ...] | ALL [PRIVILEGES] }
//     ON { [TABLE] t [, ...] | ALL TABLES IN SCHEMA s [, ...] | SCHEMA s [, ...]
//        | DATABASE d [, ...] }
//     TO { user | GROUP g | PUBLIC } [, ...] [WITH GRANT OPTION]
//   REVOKE [GRANT OPTION FOR] { priv [, ...] | ALL [PRIVILEGES] } ON ...
//     FROM { user | GROUP g | PUBLIC } [, ...] [CASCADE | RESTRICT]
//   priv: SELECT | INSERT | UPDATE | DELETE | REFERENCES | TRUNCATE | DROP
//       | USAGE | CREATE | TEMPORARY | TEMP
// Other targets (FUNCTION, PROCEDURE, LANGUAGE, EXTERNAL TABLE, ROLE ...)
// are 0A000.
#pragma once

#include <memory>
#include <string_view>

namespace tributary {
class GrantStatement;
}  // namespace tributary

namespace tributary {

class GrantStatementParser {
 public:
  static bool Handles(std::string_view statement);
  static std::unique_ptr<GrantStatement> Parse(std::string_view statement,
                                               bool case_sensitive = false);
};

}  // namespace tributary
