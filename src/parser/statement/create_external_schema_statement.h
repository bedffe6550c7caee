#pragma once

#include "parser/redshift_parser.h"
#include "parser/statement/sql_statement.h"

namespace tributary {

class CreateExternalSchemaStatement : public SQLStatement {
 public:
  CreateExternalSchemaStatement() : SQLStatement(StatementType::kCreateExternalSchema) {}
  CreateExternalSchemaInfo info;
};

}  // namespace tributary
