// PostgresConnection: one libpq connection to an external schema's source,
// closed when the object is destroyed (no connection ever leaks, whatever
// the error path). The remote session runs with TimeZone=UTC,
// DateStyle=ISO, extra_float_digits=3 and application_name=tributary.
//
// Errors carry SQLSTATEs: 08001 unreachable (with a hint to run doctor),
// 28P01 authentication failed (naming the secret, never its value), 3D000
// unknown database, 08006 connection lost.
#pragma once

#include <libpq-fe.h>

#include <atomic>
#include <string>

#include "catalog/external_schema_definition.h"
#include "security/source_credentials.h"

namespace tributary {

class PostgresConnection {
 public:
  // Resolves the host through the egress policy of `data_directory` and
  // connects with a `connect_timeout_seconds` limit.
  static PostgresConnection Open(const ExternalSchemaDefinition& schema,
                                 const SourceCredentials& credentials,
                                 const std::string& data_directory,
                                 int connect_timeout_seconds = 10);

  PostgresConnection(PostgresConnection&& other) noexcept : conn_(other.conn_) {
    other.conn_ = nullptr;
  }
  PostgresConnection& operator=(PostgresConnection&&) = delete;
  PostgresConnection(const PostgresConnection&) = delete;
  ~PostgresConnection();

  PGconn* get() { return conn_; }
  // Runs a statement that returns no rows; throws on error.
  void Execute(const std::string& sql);
  // Sends `sql` and waits for its first result, checking `interrupted`
  // every 100 ms; once it is set, asks the source to cancel and returns
  // nullptr (the caller throws 57014; the connection is then unusable).
  PGresult* ExecuteCancellable(const std::string& sql, const std::atomic<bool>& interrupted);
  // Waits up to 100 ms for input and reads it. Returns false (after
  // sending a cancel request) once `interrupted` is set; throws 08006 when
  // the connection is lost.
  bool AwaitInput(const std::atomic<bool>& interrupted);
  // Quotes an identifier for the remote SQL (libpq's PQescapeIdentifier).
  std::string QuoteIdentifier(const std::string& name);
  // Quotes a string literal for the remote SQL (libpq's PQescapeLiteral).
  std::string QuoteLiteral(const std::string& value);
  // Throws the Exception for a failed result or connection.
  [[noreturn]] void Fail(PGresult* result, const std::string& context);

 private:
  explicit PostgresConnection(PGconn* conn) : conn_(conn) {}
  PGconn* conn_;
};

}  // namespace tributary
