// GrantStatement: GRANT / REVOKE of privileges on tables, schemas and the
// database (GrantStatementParser builds it).
#pragma once

#include "parser/statement/sql_statement.h"

namespace tributary {

class GrantStatement : public SQLStatement {
 public:
  enum class Target { kTables, kAllTablesInSchema, kSchemas, kDatabase };
  struct QualifiedName {
    std::string schema;  // empty when not written
    std::string name;
  };
  struct Grantee {
    enum class Kind { kUser, kGroup, kPublic };
    Kind kind = Kind::kUser;
    std::string name;
  };

  GrantStatement() : SQLStatement(StatementType::kGrant) {}

  bool is_grant = true;
  // Upper-case names as written ("SELECT", "TEMPORARY"); empty for ALL.
  std::vector<std::string> privileges;
  // Column privileges: columns[i] are the columns privileges[i] names
  // (GRANT SELECT (a, b) ON t); empty for the whole object.
  std::vector<std::vector<std::string>> columns;
  bool all = false;
  Target target = Target::kTables;
  // kTables: the tables; kAllTablesInSchema / kSchemas / kDatabase: names
  // in `name`.
  std::vector<QualifiedName> objects;
  std::vector<Grantee> grantees;
  bool grant_option = false;  // WITH GRANT OPTION / REVOKE GRANT OPTION FOR
  int target_location = 0;    // of the ON clause's object
};

}  // namespace tributary
