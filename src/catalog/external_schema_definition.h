// ExternalSchemaDefinition: what CREATE EXTERNAL SCHEMA records. The secret
// itself is not copied: it is read (and authorized) each time a query needs
// a connection, so a rotated password takes effect at once.
#pragma once

#include <cstdint>
#include <string>

namespace tributary {

enum class ExternalSourceKind : uint8_t { kPostgres, kMySql };

struct ExternalSchemaDefinition {
  std::string name;  // the local schema name
  ExternalSourceKind kind = ExternalSourceKind::kPostgres;
  std::string database;
  std::string remote_schema;  // PostgreSQL only; "public" by default
  std::string host;           // URI: a host name or address, no protocol
  uint16_t port = 5432;
  std::string iam_role;  // "default" resolved to an ARN at CREATE time
  std::string secret_arn;
  std::string owner;

  // SVV_EXTERNAL_SCHEMAS.eskind: 3 = PostgreSQL, 8 = MySQL.
  int EsKind() const { return kind == ExternalSourceKind::kPostgres ? 3 : 8; }
};

}  // namespace tributary
