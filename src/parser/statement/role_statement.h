// RoleStatement: Redshift's CREATE / ALTER / DROP USER and
// CREATE / ALTER / DROP GROUP (RoleStatementParser builds them).
// `query_text` never holds the statement's text: it may carry a password.
#pragma once

#include <optional>

#include "parser/statement/sql_statement.h"

namespace tributary {

class RoleStatement : public SQLStatement {
 public:
  enum class Kind { kCreateUser, kAlterUser, kDropUser, kCreateGroup, kAlterGroup, kDropGroup };
  RoleStatement() : SQLStatement(StatementType::kRole) {}

  Kind kind = Kind::kCreateUser;
  // The user or group; DROP may name several.
  std::vector<std::string> names;
  bool if_exists = false;

  // PASSWORD 'text' (a password, or a verifier / hash the runner checks).
  std::optional<std::string> password;
  bool password_disable = false;            // PASSWORD DISABLE
  std::optional<bool> superuser;            // CREATEUSER / NOCREATEUSER
  std::optional<bool> createdb;             // CREATEDB / NOCREATEDB
  std::optional<int64_t> session_timeout;   // SESSION TIMEOUT n; RESET ... = 0
  std::optional<int64_t> connection_limit;  // CONNECTION LIMIT n | UNLIMITED (-1)
  std::string new_name;                     // RENAME TO
  // CREATE USER ... IN GROUP g, ...
  std::vector<std::string> groups;
  // CREATE GROUP ... WITH USER u, ...; ALTER GROUP ... ADD|DROP USER u, ...
  std::vector<std::string> users;
  bool add_users = true;
};

}  // namespace tributary
