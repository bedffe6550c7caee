// ClientSession: one client connection speaking protocol v3, from the
// startup packet to Terminate. Owns its socket and its own Connection on the
// server's shared Database.
//
// TLS: an SSLRequest is accepted when the server has a TlsContext; with
// require_tls a client that did not start TLS is refused (28000).
//
// Runs on its own thread (Run() returns when the session ends). Errors in a
// statement are reported to the client and the session goes on; a protocol
// violation (malformed or oversized message, unknown message type) is
// reported as 08P01 and ends the session; nothing a client sends can end the
// server.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <string>

#include "main/connection.h"
#include "server/pg_protocol_reader.h"
#include "server/pg_protocol_writer.h"
#include "server/pg_transport.h"
#include "server/prepared_statement.h"

namespace tributary {

class Server;

class ClientSession {
 public:
  // Takes ownership of `fd`. `peer` is the client's address for the log;
  // `loopback` is true for a client on this machine.
  ClientSession(Server& server, int fd, std::string peer, bool loopback);
  ~ClientSession();
  ClientSession(const ClientSession&) = delete;
  ClientSession& operator=(const ClientSession&) = delete;

  void Run();
  // Makes a blocked Run() return (the socket's reads fail); any thread.
  void Shutdown();
  // Cancels the running statement when the client has gone away (any
  // thread; the server checks running sessions about once a second, so a
  // client that disconnects mid-query does not leave the query running).
  // Returns true when it cancelled one.
  bool CancelIfClientGone();

 private:
  void RunSession();
  // Startup phase; false when the session ends here (cancel request,
  // refused login).
  bool Startup();
  void Authenticate(const std::string& user);
  void RunScram(const std::string& user);
  void SendStartupParameters(bool superuser, const std::string& application_name);
  void MessageLoop();
  // Waits up to the session's idle_session_timeout for the client's next
  // message; false when the time passed.
  bool WaitForMessage();
  // ParameterStatus for each reported setting (session_authorization,
  // is_superuser, DateStyle, ...) that changed since the client last heard
  // of it; sent before ReadyForQuery, as PostgreSQL does.
  void ReportChangedParameters();
  void ReadyForQuery();

  void SimpleQuery(std::string_view body);
  void Parse(std::string_view body);
  void Bind(std::string_view body);
  void Describe(std::string_view body);
  void Execute(std::string_view body);
  void Close(std::string_view body);

  // RowDescription for `result`; `portal` gives the formats (null: text).
  void SendRowDescription(const QueryResult& result, const Portal* portal);
  // DataRows from the portal's position; at most `max_rows` (0: all).
  // Returns the number sent.
  size_t SendRows(Portal& portal, size_t max_rows);
  void SendNotices(const QueryResult& result);
  void RunPortal(Portal& portal);
  // The COPY sub-protocol (see ClientContext::copy_in/copy_out).
  std::string CopyIn(idx_t columns);
  void CopyOut(idx_t columns, const std::string& data);

  Server& server_;
  PgTransport transport_;
  std::string peer_;
  bool loopback_;
  PgProtocolReader reader_;
  PgProtocolWriter writer_;
  std::unique_ptr<Connection> connection_;
  std::string user_;
  int32_t process_id_ = 0;
  int32_t secret_key_ = 0;
  bool registered_ = false;
  // True while a statement runs (connection_ exists then).
  std::atomic<bool> executing_{false};
  // After an error in the extended protocol, messages are skipped until
  // Sync.
  bool skip_until_sync_ = false;
  std::map<std::string, std::shared_ptr<const PreparedStatement>> statements_;
  std::map<std::string, Portal> portals_;
  // The values of reported settings the client was last told.
  std::map<std::string, std::string> reported_;
};

}  // namespace tributary
