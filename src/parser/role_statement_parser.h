// RoleStatementParser: Redshift's user and group statements, which
// PostgreSQL's grammar does not take (PASSWORD DISABLE, CREATEUSER,
// SESSION TIMEOUT, groups that are not roles):
//   CREATE USER name [WITH] [PASSWORD { 'pw' | DISABLE }] [option ...]
//     option: CREATEDB | NOCREATEDB | CREATEUSER | NOCREATEUSER
//           | IN GROUP g [, ...] | CONNECTION LIMIT { n | UNLIMITED }
//           | SESSION TIMEOUT n
//   ALTER USER name [WITH] { option | PASSWORD { 'pw' | DISABLE }
//           | RENAME TO new | RESET SESSION TIMEOUT } [[,] ...]
//   DROP USER [IF EXISTS] name [, ...]
//   CREATE GROUP g [[WITH] USER u [, ...]]
//   ALTER GROUP g { ADD | DROP } USER u [, ...] | ALTER GROUP g RENAME TO new
//   DROP GROUP [IF EXISTS] g [, ...]
// Redshift options we do not implement (VALID UNTIL, SYSLOG ACCESS,
// EXTERNALID, per-user SET) are 0A000. Syntax errors never quote a string
// constant, so a password cannot reach an error message.
#pragma once

#include <memory>
#include <string_view>

namespace tributary {
class RoleStatement;
}  // namespace tributary

namespace tributary {

class RoleStatementParser {
 public:
  // True when `statement` is CREATE/ALTER/DROP USER or GROUP.
  static bool Handles(std::string_view statement);
  static std::unique_ptr<RoleStatement> Parse(std::string_view statement,
                                              bool case_sensitive = false);
  // True when `text` (any number of statements) may carry a password:
  // CREATE or ALTER USER with PASSWORD. The shell keeps such lines out of
  // its history.
  static bool MayHoldPassword(std::string_view text);
};

}  // namespace tributary
