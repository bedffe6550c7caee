// AccessStatementRunner: runs the statements about users and privileges for
// StatementRunner: CREATE/ALTER/DROP USER and GROUP, GRANT/REVOKE and
// SET/RESET SESSION AUTHORIZATION. The rules are in
// security/access_control.h and security/privilege_checker.h.
//
// Passwords: CREATE/ALTER USER ... PASSWORD 'p' stores only a SCRAM-SHA-256
// verifier; md5 and sha256 hashes are refused (they cannot be turned into
// one). A password never appears in an error, a log line or a result.
#pragma once

#include <memory>

#include "main/query_result.h"

namespace tributary {

class ClientContext;
class RoleStatement;
class GrantStatement;
class SetStatement;
class SQLStatement;
class AlterOwnerStatement;

class AccessStatementRunner {
 public:
  explicit AccessStatementRunner(ClientContext& context) : context_(context) {}

  std::unique_ptr<QueryResult> RunRole(RoleStatement& statement);
  std::unique_ptr<QueryResult> RunGrant(GrantStatement& statement);
  // SET SESSION AUTHORIZATION 'user' | DEFAULT, RESET SESSION AUTHORIZATION.
  std::unique_ptr<QueryResult> RunSessionAuthorization(SetStatement& statement);
  // Checks, before a statement runs, the privileges on its target that the
  // binder does not see: UPDATE and DELETE need that privilege on their
  // table. SELECT on it (needed when WHERE or SET reads its columns) and on
  // the tables the statement reads otherwise is checked by the binder.
  // Other statements pass.
  void CheckTarget(SQLStatement& statement);
  // ALTER TABLE | VIEW ... OWNER TO.
  std::unique_ptr<QueryResult> RunAlterOwner(AlterOwnerStatement& statement);

 private:
  void CreateUser(RoleStatement& statement);
  void AlterUser(RoleStatement& statement);
  void DropUsers(RoleStatement& statement);
  void RunGroup(RoleStatement& statement);

  ClientContext& context_;
};

}  // namespace tributary
