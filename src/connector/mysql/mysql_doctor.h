// MySqlDoctor: the doctor's checks for a MySQL or MariaDB source:
//   egress policy (tributary.conf), DNS, TCP connect (5 s timeout), the
//   server's greeting (is this MySQL? does it offer TLS?), IAM role chain
//   and secret access, secret value, authentication, database, readable
//   tables. After a failed step the rest are reported as skipped.
#pragma once

#include <string>
#include <vector>

#include "catalog/external_schema_definition.h"
#include "connector/source_doctor.h"

namespace tributary {

std::vector<DoctorStep> DiagnoseMySqlSource(const ExternalSchemaDefinition& schema,
                                            const std::string& data_directory);

}  // namespace tributary
