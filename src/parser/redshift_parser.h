// RedshiftParser: a small recursive-descent parser over SqlTokenizer tokens
// for the statements PostgreSQL's grammar lacks. Today:
//   CREATE EXTERNAL SCHEMA [IF NOT EXISTS] name
//     FROM { POSTGRES | MYSQL } DATABASE 'db' [SCHEMA 'schema']
//     URI 'host' [PORT n] IAM_ROLE { default | 'arn[,arn...]' } SECRET_ARN 'arn'
// Keywords are case-insensitive; the clause order is Redshift's. Errors are
// 42601 syntax errors at the offending token, or 22023 naming the clause
// whose value is wrong.
#pragma once

#include <optional>
#include <string_view>

#include "catalog/external_schema_definition.h"

namespace tributary {

struct CreateExternalSchemaInfo {
  bool if_not_exists = false;
  ExternalSchemaDefinition definition;
};

class RedshiftParser {
 public:
  // True when `statement` (one statement's text) starts with a form only
  // this parser understands.
  static bool Handles(std::string_view statement);
  static CreateExternalSchemaInfo ParseCreateExternalSchema(std::string_view statement,
                                                            bool case_sensitive = false);
  // Redshift's `APPROXIMATE COUNT(DISTINCT x)`: returns `statement` with
  // each APPROXIMATE keyword that precedes COUNT( blanked out (same length,
  // so error positions stay right); the count is computed exactly.
  static std::string StripApproximate(std::string_view statement);
};

}  // namespace tributary
