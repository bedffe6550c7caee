// PostgresDoctor: checks the path from the warehouse to an external
// schema's PostgreSQL source step by step, so a user sees which step fails
// and how to fix it instead of one opaque connection error:
//   egress policy (tributary.conf), DNS, TCP connect (5 s timeout), TLS
//   offered, IAM role chain and secret access, secret value, authentication,
//   database, remote schema (USAGE), SELECT on its tables.
// After a failed step the rest are reported as skipped. No step ever shows
// the secret's value. Used by `tributary doctor SCHEMA` and by the SQL
// table function tributary_doctor('schema').
#pragma once

#include <string>
#include <vector>

#include "catalog/external_schema_definition.h"
#include "connector/source_doctor.h"

namespace tributary {

std::vector<DoctorStep> DiagnosePostgresSource(const ExternalSchemaDefinition& schema,
                                               const std::string& data_directory);

}  // namespace tributary
