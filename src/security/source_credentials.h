// SourceCredentials: the user name and password an external schema uses,
// read from its secret at the moment a connection is made (so a rotated
// password takes effect on the next query), after checking that the
// schema's IAM role chain may read the secret.
//
// The password is only ever handed to the connector; it never appears in
// an error, a log line, a system view or EXPLAIN.
#pragma once

#include <string>

#include "catalog/external_schema_definition.h"

namespace tributary {

struct SourceCredentials {
  std::string username;
  std::string password;
};

// Throws 28000 when the role chain may not read the secret (naming the
// failing step), 42704 when the secret is missing, 22023 when its value is
// not a JSON object with "username" and "password".
SourceCredentials ResolveSourceCredentials(const std::string& data_directory,
                                           const ExternalSchemaDefinition& definition);

// The checks CREATE EXTERNAL SCHEMA makes before storing a definition:
// the secret exists and the role chain may read it. Returns the role
// specification with `default` resolved to the warehouse's default role.
std::string ValidateExternalSchemaAccess(const std::string& data_directory,
                                         const ExternalSchemaDefinition& definition);

}  // namespace tributary
