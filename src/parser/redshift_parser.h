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
#include "catalog/table_attributes.h"

namespace tributary {

// What RedshiftParser::Rewrite found in a CREATE statement that PostgreSQL's
// grammar cannot parse as written.
struct RedshiftRewrite {
  // The statement with the Redshift-only clauses blanked out (same length,
  // so error positions stay right), for PostgreSQL's grammar.
  std::string text;
  // CREATE TABLE / CREATE MATERIALIZED VIEW: DISTSTYLE, DISTKEY, SORTKEY,
  // BACKUP (table level or column level), and each column's ENCODE.
  TableAttributes attributes;
  std::vector<std::pair<std::string, std::string>> encodings;  // (column, encoding)
  // CREATE VIEW ... WITH NO SCHEMA BINDING.
  bool no_schema_binding = false;
  // CREATE [MATERIALIZED] VIEW: the query's text after AS, as written.
  std::string view_query;
};

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
  // Redshift's additions to PostgreSQL's CREATE TABLE, CREATE VIEW and
  // CREATE MATERIALIZED VIEW:
  //   column type [ENCODE enc] [DISTKEY] [SORTKEY] ...
  //   ) [DISTSTYLE {AUTO|EVEN|KEY|ALL}] [DISTKEY (col)]
  //     [[COMPOUND|INTERLEAVED] SORTKEY (col, ...) | SORTKEY AUTO]
  //     [ENCODE AUTO] [BACKUP {YES|NO}] [AS query]
  //   CREATE MATERIALIZED VIEW mv [BACKUP ...] [attributes]
  //     [AUTO REFRESH {YES|NO}] AS query
  //   CREATE [OR REPLACE] VIEW v ... AS query WITH NO SCHEMA BINDING
  // Other statements come back unchanged. Throws 42601 for a malformed
  // attribute, 0A000 for AUTO REFRESH YES.
  static RedshiftRewrite Rewrite(std::string_view statement, bool case_sensitive = false);
};

}  // namespace tributary
