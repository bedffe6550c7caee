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
// short-lived connection whose connect and reads are bounded by the connect
// timeout), the connection is marked broken and 57014 is thrown.
//
// Waits that must not last forever, even on a source that stops answering
// without closing its sockets (a frozen process, a dropped route), are
// bounded as well: connecting and logging in by the connect timeout (08001),
// a Query given a `timeout` by that (57014, after KILL QUERY), a Ping by
// kPingTimeout (false). Scans are bounded only by `interrupted` (a remote
// query may compute for a long time before its first row).
//
// Errors carry SQLSTATEs: 08001 unreachable (with a hint to run doctor),
// 28P01 authentication failed (naming the secret, never its value), 3D000
// unknown database, 08006 connection lost, 42P01/42703 for a table or column
// gone since the metadata was read.
//
// Not thread-safe: one thread uses a connection at a time.
#pragma once

#include <atomic>
#include <chrono>
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
  // How long loading metadata may wait for the source (tributary.conf:
  // federation.mysql_metadata_timeout_seconds).
  int metadata_timeout_seconds = 60;
  MySqlTlsMode tls = MySqlTlsMode::kPrefer;
  // The CA certificate file (PEM) "verify" checks the server's certificate
  // against (federation.mysql_tls_ca); empty: the system's trust store.
  std::string tls_ca;
};

class MySqlConnection {
 public:
  using Row = std::vector<std::optional<std::string>>;

  // How long a Ping waits for its answer.
  static constexpr std::chrono::seconds kPingTimeout{3};

  // Resolves the host through the egress policy of `data_directory` and
  // connects (and logs in) within the connect timeout (08001 past it);
  // 57014 once `interrupted` is set.
  static std::unique_ptr<MySqlConnection> Open(const ExternalSchemaDefinition& schema,
                                               const SourceCredentials& credentials,
                                               const std::string& data_directory,
                                               const MySqlConnectOptions& options,
                                               const std::atomic<bool>* interrupted = nullptr);
  ~MySqlConnection();
  MySqlConnection(const MySqlConnection&) = delete;
  MySqlConnection& operator=(const MySqlConnection&) = delete;

  // Runs a statement and discards its result.
  void Execute(const std::string& sql, const std::atomic<bool>* interrupted = nullptr);
  // Runs a query and returns all its rows (for small results: metadata).
  // A non-zero `timeout` bounds the wait for the whole result: past it the
  // query is killed, the connection marked broken and 57014 thrown.
  std::vector<Row> Query(const std::string& sql, const std::atomic<bool>* interrupted = nullptr,
                         std::chrono::seconds timeout = std::chrono::seconds(0));

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
  // Sanity check of an idle connection before reuse (a ping): false, and
  // the connection broken, when the source does not answer within
  // kPingTimeout or `interrupted` is set.
  bool Ping(const std::atomic<bool>* interrupted = nullptr);
  const MySqlConnectOptions& options() const { return options_; }
  std::string ServerVersion() const;
  bool IsMariaDb() const;

 private:
  MySqlConnection() = default;
  // A bound on the running operation's waits: past `at`, Wait cuts the
  // connection and throws `sqlstate` with `message`. `kill_query` says
  // whether a cut (by the deadline or `interrupted`) first sends KILL
  // QUERY: not while connecting or pinging, when no query runs.
  struct Deadline {
    std::chrono::steady_clock::time_point at = std::chrono::steady_clock::time_point::max();
    std::string sqlstate;
    std::string message;
    bool kill_query = true;
  };

  // Waits for the non-blocking operation's `status` (MYSQL_WAIT_* bits)
  // and returns the events that happened, polling `interrupted` and
  // `deadline_`.
  int Wait(int status, const std::atomic<bool>* interrupted);
  // Marks the connection broken and cuts it, after KILL QUERY over a
  // second connection if `kill_query`.
  void Cancel(bool kill_query = true);
  [[noreturn]] void Fail(const std::string& context);
  void RunQuery(const std::string& sql, const std::atomic<bool>* interrupted);

  st_mysql* mysql_ = nullptr;
  st_mysql_res* stream_ = nullptr;
  bool stream_done_ = false;
  bool broken_ = false;
  int64_t stream_bytes_ = 0;
  Deadline deadline_;
  // For KILL QUERY over a second connection (kept in memory only).
  std::string address_;
  uint16_t port_ = 0;
  SourceCredentials credentials_;
  MySqlConnectOptions options_;
  std::string schema_name_;
  std::string where_;
};

}  // namespace tributary
