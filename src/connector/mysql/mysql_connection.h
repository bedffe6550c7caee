// MySqlConnection: one MariaDB Connector/C connection to a MySQL or MariaDB
// source, closed when the object is destroyed (no connection ever leaks,
// whatever the error path).
//
// The remote session runs with time_zone '+00:00' (TIMESTAMP values arrive
// in UTC), character set utf8mb4, sql_mode NO_BACKSLASH_ESCAPES (a string
// literal is quoted by doubling its quotes, nothing else) and READ ONLY
// READ COMMITTED transactions. Every network wait is non-blocking
// (MYSQL_OPT_NONBLOCK) and polls `interrupted` every 100 ms: once it is set,
// the running statement is killed on the source (KILL QUERY from a second,
// short-lived connection), the connection is marked broken and 57014 is
// thrown.
//
// Errors carry SQLSTATEs: 08001 unreachable (with a hint to run doctor),
// 28P01 authentication failed (naming the secret, never its value), 3D000
// unknown database, 08006 connection lost, 42P01/42703 for a table or column
// gone since the metadata was read.
//
// Not thread-safe: one thread uses a connection at a time.
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "catalog/external_schema_definition.h"
#include "security/source_credentials.h"

struct st_mysql;
struct st_mysql_res;

namespace tributary {

// How connections use TLS (tributary.conf: federation.mysql_tls).
enum class MySqlTlsMode : uint8_t {
  kDisable,  // plain TCP
  kPrefer,   // TLS when the server offers it (the default)
  kRequire,  // TLS or fail
  kVerify,   // TLS with the server's certificate and host name verified
};

struct MySqlConnectOptions {
  int connect_timeout_seconds = 10;
  MySqlTlsMode tls = MySqlTlsMode::kPrefer;
};

class MySqlConnection {
 public:
  using Row = std::vector<std::optional<std::string>>;

  // Resolves the host through the egress policy of `data_directory` and
  // connects (and logs in) within the connect timeout.
  static std::unique_ptr<MySqlConnection> Open(const ExternalSchemaDefinition& schema,
                                               const SourceCredentials& credentials,
                                               const std::string& data_directory,
                                               const MySqlConnectOptions& options);
  ~MySqlConnection();
  MySqlConnection(const MySqlConnection&) = delete;
  MySqlConnection& operator=(const MySqlConnection&) = delete;

  // Runs a statement and discards its result.
  void Execute(const std::string& sql, const std::atomic<bool>* interrupted = nullptr);
  // Runs a query and returns all its rows (for small results: metadata).
  std::vector<Row> Query(const std::string& sql, const std::atomic<bool>* interrupted = nullptr);

  // Streams a query's rows (mysql_use_result: rows are read from the
  // network as they are fetched, never buffered whole). Until EndStream,
  // no other statement may run on this connection.
  void StartStream(const std::string& sql, const std::atomic<bool>& interrupted);
  // The next row (valid until the next call) and its field lengths, or
  // nullptr at the end of the result (a source error throws).
  char** FetchRow(unsigned long** lengths, const std::atomic<bool>& interrupted);
  unsigned int StreamFieldCount() const;
  // Bytes of row data received so far in this stream.
  int64_t stream_bytes() const { return stream_bytes_; }
  // Frees the stream's result. A stream ended before its last row leaves
  // the connection broken (the rest is not drained; it is closed instead).
  void EndStream();

  // A string literal, quoted for the source (NO_BACKSLASH_ESCAPES).
  static std::string QuoteLiteral(const std::string& value);
  // A backtick-quoted identifier.
  static std::string QuoteIdentifier(const std::string& name);

  // Whether the connection may go back to a pool: not broken, no stream.
  bool Healthy() const;
  // Sanity check of an idle connection before reuse (a ping).
  bool Ping();
  std::string ServerVersion() const;
  bool IsMariaDb() const;

 private:
  MySqlConnection() = default;
  // Waits for the non-blocking operation's `status` (MYSQL_WAIT_* bits)
  // and returns the events that happened, polling `interrupted`.
  int Wait(int status, const std::atomic<bool>* interrupted);
  void Cancel();
  [[noreturn]] void Fail(const std::string& context);
  void RunQuery(const std::string& sql, const std::atomic<bool>* interrupted);

  st_mysql* mysql_ = nullptr;
  st_mysql_res* stream_ = nullptr;
  bool stream_done_ = false;
  bool broken_ = false;
  int64_t stream_bytes_ = 0;
  // For KILL QUERY over a second connection (kept in memory only).
  std::string address_;
  uint16_t port_ = 0;
  SourceCredentials credentials_;
  MySqlConnectOptions options_;
  std::string schema_name_;
  std::string where_;
};

}  // namespace tributary
