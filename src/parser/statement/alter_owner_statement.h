// AlterOwnerStatement: ALTER TABLE | VIEW name OWNER TO user
// (AlterOwnerParser builds it; ALTER SCHEMA ... OWNER TO is
// AlterSchemaStatement).
#pragma once

#include "parser/statement/sql_statement.h"

namespace tributary {

class AlterOwnerStatement : public SQLStatement {
 public:
  AlterOwnerStatement() : SQLStatement(StatementType::kAlterOwner) {}
  bool view = false;
  std::string schema;  // empty when not written
  std::string name;
  std::string new_owner;
};

}  // namespace tributary
