#include "server/client_session.h"
#include "server/deallocate_statement.h"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <climits>

#include "common/exception.h"
#include "main/database.h"
#include "security/scram_verifier.h"
#include "security/user_store.h"
#include "server/pg_frontend_message.h"
#include "server/pg_type_mapping.h"
#include "server/scram_authenticator.h"
#include "server/server.h"

namespace tributary {

namespace {

constexpr int32_t kProtocolVersion3 = pg_startup_code::kProtocolVersion3;
constexpr int32_t kSslRequestCode = pg_startup_code::kSslRequest;
constexpr int32_t kGssEncRequestCode = pg_startup_code::kGssEncRequest;
constexpr int32_t kCancelRequestCode = pg_startup_code::kCancelRequest;

constexpr int32_t kAuthenticationOk = 0;
constexpr int32_t kAuthenticationSasl = 10;
constexpr int32_t kAuthenticationSaslContinue = 11;
constexpr int32_t kAuthenticationSaslFinal = 12;

constexpr int kAuthenticationTimeoutSeconds = 60;

// The only database a data directory holds (Redshift's default name).
constexpr const char* kDatabaseName = "dev";

// psql, psycopg and JDBC change behaviour on server_version: below 9 they
// fall back to pre-9 catalog queries and quoting rules, so the server
// reports 9.0 rather than Redshift's 8.0.2 (version() is to say "Redshift"
// once the catalog functions exist).
constexpr const char* kServerVersion = "9.0.0";

}  // namespace

ClientSession::ClientSession(Server& server, int fd, std::string peer, bool loopback)
    : server_(server),
      transport_(fd),
      peer_(std::move(peer)),
      loopback_(loopback),
      reader_(transport_),
      writer_(transport_) {}

ClientSession::~ClientSession() {
  if (registered_)
    server_.UnregisterSession(process_id_);
}

void ClientSession::Shutdown() {
  transport_.Shutdown();
}

bool ClientSession::CancelIfClientGone() {
  if (!executing_.load())
    return false;
  pollfd fd{transport_.fd(), POLLRDHUP, 0};
  if (poll(&fd, 1, 0) <= 0 || !(fd.revents & (POLLRDHUP | POLLHUP | POLLERR)))
    return false;
  if (!executing_.load())
    return false;
  connection_->Interrupt();
  return true;
}

void ClientSession::Run() {
  RunSession();
  // The client sees the end now; the socket itself is closed when the
  // server reaps this session (closing here could race with Shutdown()).
  transport_.Shutdown();
}

void ClientSession::RunSession() {
  try {
    // A client gets this long to log in (PostgreSQL's authentication_timeout),
    // so silent connections cannot hold sessions.
    transport_.SetReadTimeout(kAuthenticationTimeoutSeconds);
    if (!Startup())
      return;
    transport_.SetReadTimeout(0);
    MessageLoop();
  } catch (const PgConnectionClosed&) {
    // Nobody is left to tell.
  } catch (const Exception& e) {
    // A protocol violation or a refused login: tell the client, then end.
    try {
      writer_.ErrorResponse(e, "FATAL");
      writer_.Flush();
    } catch (...) {
    }
    if (e.SqlState() == sqlstate::kProtocolViolation)
      server_.Log("session " + peer_ + " ended: " + e.Message());
  } catch (const std::exception& e) {
    try {
      writer_.ErrorResponse(Exception(sqlstate::kInternalError, e.what()), "FATAL");
      writer_.Flush();
    } catch (...) {
    }
    server_.Log("session " + peer_ + " ended on an internal error: " + e.what());
  }
}

bool ClientSession::Startup() {
  std::map<std::string, std::string> parameters;
  while (true) {
    std::string body = reader_.ReadStartupPacket();
    StartupPacket packet = DecodeStartupPacket(body);
    int32_t code = packet.code;
    if (code == kSslRequestCode && server_.tls() && !transport_.IsTls()) {
      if (reader_.HasBufferedData())
        throw Exception(sqlstate::kProtocolViolation,
                        "received unencrypted data after SSL request");
      writer_.SendRawByte('S');
      transport_.StartTls(server_.tls());
      continue;
    }
    if (code == kSslRequestCode || code == kGssEncRequestCode) {
      // No TLS configured (or no GSSAPI): the client goes on in plain text
      // or gives up.
      writer_.SendRawByte('N');
      continue;
    }
    if (code == kCancelRequestCode) {
      server_.Cancel(packet.process_id, packet.secret_key);
      return false;
    }
    if (code != kProtocolVersion3) {
      throw Exception(sqlstate::kFeatureNotSupported,
                      "unsupported frontend protocol " + std::to_string(code >> 16) + "." +
                          std::to_string(code & 0xFFFF) + ": server supports 3.0");
    }
    parameters = std::move(packet.parameters);
    break;
  }
  auto user = parameters["user"];
  if (user.empty()) {
    throw Exception(sqlstate::kInvalidAuthorizationSpecification,
                    "no PostgreSQL user name specified in startup packet");
  }
  auto database = parameters.count("database") ? parameters["database"] : user;
  if (server_.require_tls() && !transport_.IsTls()) {
    throw Exception(sqlstate::kInvalidAuthorizationSpecification,
                    "this server requires TLS: connection from " + peer_ + " is not encrypted")
        .WithHint("Connect with sslmode=require.");
  }
  Authenticate(user);
  if (!database.empty() && database != kDatabaseName)
    throw Exception("3D000", "database \"" + database + "\" does not exist")
        .WithHint("This server has one database, \"dev\".");
  user_ = user;
  connection_ = std::make_unique<Connection>(server_.database(), user);
  if (auto login = server_.users().Find(user); login && login->session_timeout > 0) {
    // Redshift's CREATE USER ... SESSION TIMEOUT (seconds).
    connection_->settings().Set("idle_session_timeout",
                                std::to_string(login->session_timeout * 1000));
  }
  connection_->SetCopyHandlers(
      [this](idx_t columns) { return CopyIn(columns); },
      [this](idx_t columns, const std::string& data) { CopyOut(columns, data); });
  if (parameters.count("options") && !parameters["options"].empty()) {
    // Only "-c name=value" settings are understood.
    for (auto& [name, value] : DecodeStartupOptions(parameters["options"]))
      connection_->settings().Set(name, value);
  }
  auto record = server_.users().Find(user);
  // Redshift's CONNECTION LIMIT (superusers are not limited, as in PostgreSQL).
  if (record && !record->superuser && record->connection_limit >= 0 &&
      server_.SessionsOf(user) >= static_cast<size_t>(record->connection_limit)) {
    throw Exception("53300", "too many connections for user \"" + user + "\"");
  }
  SendStartupParameters(record && record->superuser, parameters["application_name"]);
  process_id_ = server_.RegisterSession(connection_.get(), user, secret_key_);
  registered_ = true;
  writer_.Begin('K');
  writer_.AddInt32(process_id_);
  writer_.AddInt32(secret_key_);
  writer_.End();
  ReadyForQuery();
  writer_.Flush();
  server_.Log("connection from " + peer_ + ": user=" + user + " database=" + database +
              (parameters.count("application_name") && !parameters["application_name"].empty()
                   ? " application=" + parameters["application_name"]
                   : ""));
  return true;
}

void ClientSession::Authenticate(const std::string& user) {
  auto record = server_.users().Find(user);
  if (record && record->verifier) {
    RunScram(user);
    return;
  }
  if (server_.trust_loopback() && loopback_) {
    if (!record)
      throw Exception(sqlstate::kInvalidAuthorizationSpecification,
                      "role \"" + user + "\" does not exist");
    writer_.Begin('R');
    writer_.AddInt32(kAuthenticationOk);
    writer_.End();
    return;
  }
  if (server_.trust_loopback()) {
    throw Exception(sqlstate::kInvalidAuthorizationSpecification,
                    "connection from " + peer_ +
                        " refused: no password is set yet, so only "
                        "clients on the server's machine may connect")
        .WithHint("Start the server with --admin-password-file.");
  }
  // Unknown users (and users without a password) go through a SCRAM
  // exchange that always fails, so they look like a wrong password.
  RunScram(user);
}

void ClientSession::RunScram(const std::string& user) {
  auto record = server_.users().Find(user);
  std::optional<ScramVerifier> verifier;
  if (record && record->verifier)
    verifier = record->verifier;
  ScramAuthenticator scram(user, std::move(verifier));

  writer_.Begin('R');
  writer_.AddInt32(kAuthenticationSasl);
  writer_.AddCString(ScramAuthenticator::kMechanism);
  writer_.AddInt8(0);
  writer_.End();
  writer_.Flush();

  char type;
  std::string body = reader_.ReadMessage(type, PgProtocolReader::kMaxAuthenticationMessageLength);
  if (type != 'p')
    throw Exception(sqlstate::kProtocolViolation,
                    "expected SASL response, got message type " + std::string(1, type));
  auto initial = DecodeSaslInitialResponse(body);
  if (initial.mechanism != ScramAuthenticator::kMechanism)
    throw Exception(sqlstate::kProtocolViolation,
                    "client selected an invalid SASL authentication mechanism");
  auto server_first = scram.HandleClientFirst(initial.data);
  writer_.Begin('R');
  writer_.AddInt32(kAuthenticationSaslContinue);
  writer_.AddBytes(server_first);
  writer_.End();
  writer_.Flush();

  body = reader_.ReadMessage(type, PgProtocolReader::kMaxAuthenticationMessageLength);
  if (type != 'p')
    throw Exception(sqlstate::kProtocolViolation,
                    "expected SASL response, got message type " + std::string(1, type));
  std::string server_final;
  try {
    server_final = scram.HandleClientFinal(body);
  } catch (const Exception& e) {
    if (e.SqlState() == sqlstate::kInvalidPassword)
      server_.Log("password authentication failed for user \"" + user + "\" from " + peer_);
    throw;
  }
  writer_.Begin('R');
  writer_.AddInt32(kAuthenticationSaslFinal);
  writer_.AddBytes(server_final);
  writer_.End();
  writer_.Begin('R');
  writer_.AddInt32(kAuthenticationOk);
  writer_.End();
}

namespace {

// Settings PostgreSQL reports with ParameterStatus whenever they change
// (GUC_REPORT), under the names clients expect, and our setting's name.
constexpr std::pair<const char*, const char*> kReportedSettings[] = {
    {"client_encoding", "client_encoding"},
    {"DateStyle", "datestyle"},
    {"IntervalStyle", "intervalstyle"},
    {"TimeZone", "timezone"},
    {"standard_conforming_strings", "standard_conforming_strings"},
    {"application_name", "application_name"},
};

}  // namespace

void ClientSession::SendStartupParameters(bool superuser, const std::string& application_name) {
  writer_.ParameterStatus("server_version", kServerVersion);
  writer_.ParameterStatus("server_encoding", "UTF8");
  writer_.ParameterStatus("integer_datetimes", "on");
  if (!application_name.empty())
    connection_->settings().Set("application_name", application_name);
  for (auto& [reported, name] : kReportedSettings) {
    reported_[reported] = connection_->settings().Get(name);
    writer_.ParameterStatus(reported, reported_[reported]);
  }
  reported_["is_superuser"] = superuser ? "on" : "off";
  writer_.ParameterStatus("is_superuser", reported_["is_superuser"]);
  reported_["session_authorization"] = user_;
  writer_.ParameterStatus("session_authorization", user_);
}

void ClientSession::ReportChangedParameters() {
  if (!connection_)
    return;
  auto report = [&](const char* name, const std::string& value) {
    auto& last = reported_[name];
    if (last == value)
      return;
    last = value;
    writer_.ParameterStatus(name, value);
  };
  for (auto& [reported, name] : kReportedSettings)
    report(reported, connection_->settings().Get(name));
  const std::string& user = connection_->user();
  report("session_authorization", user);
  auto record = server_.users().Find(user);
  report("is_superuser", record && record->superuser ? "on" : "off");
}

void ClientSession::ReadyForQuery() {
  ReportChangedParameters();
  // Drivers (JDBC, psycopg) decide from this whether to send ROLLBACK.
  writer_.ReadyForQuery(connection_ ? connection_->TransactionStatus() : 'I');
}

bool ClientSession::WaitForMessage() {
  int64_t ms = connection_->settings().idle_session_timeout();
  if (ms <= 0 || reader_.HasBufferedData() || transport_.HasPending())
    return true;
  pollfd fd{transport_.fd(), POLLIN, 0};
  int rc;
  do {
    rc = poll(&fd, 1, static_cast<int>(std::min<int64_t>(ms, INT32_MAX)));
  } while (rc < 0 && errno == EINTR);
  return rc != 0;
}

void ClientSession::MessageLoop() {
  while (true) {
    if (!WaitForMessage()) {
      server_.Log("session " + peer_ + " of user \"" + user_ + "\" ended: idle-session timeout");
      writer_.ErrorResponse(
          Exception("57P05", "terminating connection due to idle-session timeout"), "FATAL");
      writer_.Flush();
      return;
    }
    char type;
    std::string message = reader_.ReadMessage(type);
    if (type == 'X')
      return;
    if (skip_until_sync_ && type != 'S')
      continue;
    try {
      switch (type) {
        case 'Q':
          SimpleQuery(message);
          break;
        case 'P':
          Parse(message);
          break;
        case 'B':
          Bind(message);
          break;
        case 'D':
          Describe(message);
          break;
        case 'E':
          Execute(message);
          break;
        case 'C':
          Close(message);
          break;
        case 'H':
          writer_.Flush();
          break;
        case 'S':
          skip_until_sync_ = false;
          // The unnamed portal lives until the end of the transaction.
          portals_.erase("");
          ReadyForQuery();
          writer_.Flush();
          break;
        default:
          throw Exception(
              sqlstate::kProtocolViolation,
              "invalid frontend message type " + std::to_string(static_cast<unsigned char>(type)));
      }
    } catch (const Exception& e) {
      if (e.SqlState() == sqlstate::kProtocolViolation)
        throw;  // ends the session
      writer_.ErrorResponse(e);
      if (type == 'Q') {
        ReadyForQuery();
        writer_.Flush();
      } else {
        skip_until_sync_ = true;
      }
    }
  }
}

std::string ClientSession::CopyIn(idx_t columns) {
  writer_.Begin('G');
  writer_.AddInt8(0);  // text
  writer_.AddInt16(static_cast<int16_t>(columns));
  for (idx_t i = 0; i < columns; i++)
    writer_.AddInt16(0);
  writer_.End();
  writer_.Flush();
  std::string data;
  while (true) {
    char type;
    std::string body = reader_.ReadMessage(type);
    switch (type) {
      case 'd':
        data += body;
        break;
      case 'c':
        return data;
      case 'f':
        throw Exception(sqlstate::kQueryCanceled,
                        "COPY from stdin failed: " + DecodeCopyFail(body));
      case 'H':
      case 'S':
        break;  // ignored during COPY, as PostgreSQL does
      case 'X':
        throw PgConnectionClosed();
      default:
        throw Exception(sqlstate::kProtocolViolation,
                        "unexpected message type 0x" +
                            std::to_string(static_cast<unsigned char>(type)) +
                            " during COPY from stdin");
    }
  }
}

void ClientSession::CopyOut(idx_t columns, const std::string& data) {
  writer_.Begin('H');
  writer_.AddInt8(0);  // text
  writer_.AddInt16(static_cast<int16_t>(columns));
  for (idx_t i = 0; i < columns; i++)
    writer_.AddInt16(0);
  writer_.End();
  // One CopyData per row, as PostgreSQL sends them (clients may rely on it).
  size_t start = 0;
  while (start < data.size()) {
    size_t end = data.find('\n', start);
    end = end == std::string::npos ? data.size() : end + 1;
    writer_.Begin('d');
    writer_.AddBytes(std::string_view(data).substr(start, end - start));
    writer_.End();
    start = end;
  }
  writer_.Begin('c');
  writer_.End();
}

void ClientSession::SendNotices(const QueryResult& result) {
  for (auto& notice : result.Notices())
    writer_.NoticeResponse(notice);
}

void ClientSession::SimpleQuery(std::string_view body) {
  std::string sql = DecodeQuery(body);
  // A simple query ends any unnamed portal.
  portals_.erase("");
  bool any = false;
  struct Executing {
    std::atomic<bool>& flag;
    explicit Executing(std::atomic<bool>& flag) : flag(flag) { flag = true; }
    ~Executing() { flag = false; }
  } executing(executing_);
  if (auto deallocate = ParseDeallocate(sql)) {
    if (deallocate->name.empty()) {
      statements_.clear();
    } else if (!statements_.erase(deallocate->name)) {
      throw Exception("26000", "prepared statement \"" + deallocate->name + "\" does not exist");
    }
    writer_.CommandComplete(deallocate->name.empty() ? "DEALLOCATE ALL" : "DEALLOCATE");
    writer_.ReadyForQuery(connection_->TransactionStatus());
    writer_.Flush();
    return;
  }
  connection_->QueryEach(sql, [&](QueryResult& result) {
    any = true;
    SendNotices(result);
    if (result.HasRows()) {
      SendRowDescription(result, nullptr);
      Portal portal;
      portal.result = std::make_unique<QueryResult>(std::move(result));
      SendRows(portal, 0);
      writer_.CommandComplete(portal.result->CommandTag());
    } else {
      writer_.CommandComplete(result.CommandTag());
    }
  });
  if (!any) {
    writer_.Begin('I');
    writer_.End();
  }
  ReadyForQuery();
  writer_.Flush();
}

void ClientSession::SendRowDescription(const QueryResult& result, const Portal* portal) {
  writer_.Begin('T');
  writer_.AddInt16(static_cast<int16_t>(result.ColumnCount()));
  for (idx_t i = 0; i < result.ColumnCount(); i++) {
    auto pg_type = PgTypeOf(result.ColumnType(i));
    writer_.AddCString(result.ColumnName(i));
    writer_.AddInt32(0);  // table OID
    writer_.AddInt16(0);  // column number
    writer_.AddInt32(pg_type.oid);
    writer_.AddInt16(pg_type.length);
    writer_.AddInt32(pg_type.typmod);
    writer_.AddInt16(portal && portal->BinaryColumn(i) ? 1 : 0);
  }
  writer_.End();
}

size_t ClientSession::SendRows(Portal& portal, size_t max_rows) {
  auto& result = *portal.result;
  auto& chunks = result.chunks();
  idx_t columns = result.ColumnCount();
  std::vector<bool> binary(columns);
  for (idx_t c = 0; c < columns; c++)
    binary[c] = portal.BinaryColumn(c);
  size_t sent = 0;
  std::string cell;
  while (portal.chunk < chunks.size()) {
    auto& chunk = chunks[portal.chunk];
    while (portal.row < chunk.size()) {
      if (max_rows > 0 && sent == max_rows)
        return sent;
      writer_.Begin('D');
      writer_.AddInt16(static_cast<int16_t>(columns));
      for (idx_t c = 0; c < columns; c++) {
        Value value = chunk.GetValue(c, portal.row);
        if (value.IsNull()) {
          writer_.AddInt32(-1);
          continue;
        }
        cell.clear();
        if (binary[c])
          AppendPgBinary(value, cell);
        else
          cell = value.ToString();
        writer_.AddInt32(static_cast<int32_t>(cell.size()));
        writer_.AddBytes(cell);
      }
      writer_.End();
      portal.row++;
      sent++;
    }
    portal.chunk++;
    portal.row = 0;
  }
  portal.complete = true;
  return sent;
}

void ClientSession::Parse(std::string_view body) {
  auto parse = DecodeParse(body);
  auto& name = parse.name;
  if (!name.empty() && statements_.count(name))
    throw Exception("42P05", "prepared statement \"" + name + "\" already exists");
  auto statement = std::make_shared<const PreparedStatement>(
      PreparedStatement::Create(std::move(parse.sql), std::move(parse.parameter_types)));
  statements_[name] = std::move(statement);
  writer_.Begin('1');
  writer_.End();
}

void ClientSession::Bind(std::string_view body) {
  auto bind = DecodeBind(body);
  const std::string& portal_name = bind.portal;
  const std::string& statement_name = bind.statement;
  auto& formats = bind.parameter_formats;
  auto& values = bind.values;
  auto it = statements_.find(statement_name);
  if (it == statements_.end())
    throw Exception("26000", "prepared statement \"" + statement_name + "\" does not exist");
  auto& statement = it->second;
  if (values.size() != statement->parameter_types.size()) {
    throw Exception(sqlstate::kProtocolViolation,
                    "bind message supplies " + std::to_string(values.size()) +
                        " parameters, but prepared statement \"" + statement_name + "\" requires " +
                        std::to_string(statement->parameter_types.size()));
  }
  if (!portal_name.empty() && portals_.count(portal_name))
    throw Exception("42P03", "cursor \"" + portal_name + "\" already exists");

  Portal portal;
  portal.statement = statement;
  portal.result_formats = std::move(bind.result_formats);
  for (size_t i = 0; i < values.size(); i++) {
    int16_t format = formats.empty() ? 0 : formats.size() == 1 ? formats[0] : formats[i];
    int32_t oid = statement->parameter_types[i];
    if (!values[i]) {
      portal.parameters.push_back({Value(), false});
      continue;
    }
    portal.parameters.push_back(DecodePgParameter(oid, format == 1, *values[i]));
  }
  portals_[portal_name] = std::move(portal);
  writer_.Begin('2');
  writer_.End();
}

void ClientSession::RunPortal(Portal& portal) {
  if (portal.result)
    return;
  if (!portal.statement->has_statement) {
    portal.result = std::make_unique<QueryResult>();
    portal.result->SetCommandTag("EMPTY");
    return;
  }
  executing_ = true;
  try {
    portal.result = connection_->Query(portal.statement->sql, portal.parameters);
  } catch (...) {
    executing_ = false;
    throw;
  }
  executing_ = false;
  if (portal.result->HasRows() && !portal.result_formats.empty() &&
      portal.result_formats.size() != 1 &&
      portal.result_formats.size() != portal.result->ColumnCount()) {
    throw Exception(sqlstate::kProtocolViolation,
                    "bind message has " + std::to_string(portal.result_formats.size()) +
                        " result formats but query has " +
                        std::to_string(portal.result->ColumnCount()) + " columns");
  }
}

void ClientSession::Describe(std::string_view body) {
  auto target = DecodeTarget(body, "DESCRIBE");
  const std::string& name = target.name;
  if (target.kind == 'S') {
    auto it = statements_.find(name);
    if (it == statements_.end())
      throw Exception("26000", "prepared statement \"" + name + "\" does not exist");
    auto& statement = *it->second;
    writer_.Begin('t');
    writer_.AddInt16(static_cast<int16_t>(statement.parameter_types.size()));
    for (auto oid : statement.parameter_types)
      writer_.AddInt32(oid == 0 ? pg_oid::kText : oid);
    writer_.End();
    std::unique_ptr<QueryResult> described;
    if (statement.has_statement) {
      std::vector<ParameterValue> nulls;
      for (auto oid : statement.parameter_types)
        nulls.push_back({PgTypedNull(oid), false});
      described = connection_->Describe(statement.sql, std::move(nulls));
    }
    if (described && described->HasRows()) {
      SendRowDescription(*described, nullptr);
    } else {
      writer_.Begin('n');
      writer_.End();
    }
    return;
  }
  auto it = portals_.find(name);
  if (it == portals_.end())
    throw Exception("34000", "portal \"" + name + "\" does not exist");
  auto& portal = it->second;
  RunPortal(portal);
  SendNotices(*portal.result);
  if (portal.result->HasRows()) {
    SendRowDescription(*portal.result, &portal);
  } else {
    writer_.Begin('n');
    writer_.End();
  }
}

void ClientSession::Execute(std::string_view body) {
  auto execute = DecodeExecute(body);
  int32_t max_rows = execute.max_rows;
  const std::string& name = execute.portal;
  auto it = portals_.find(name);
  if (it == portals_.end())
    throw Exception("34000", "portal \"" + name + "\" does not exist");
  auto& portal = it->second;
  bool fresh = !portal.result;
  RunPortal(portal);
  if (fresh)
    SendNotices(*portal.result);
  auto& result = *portal.result;
  if (!portal.statement->has_statement) {
    writer_.Begin('I');
    writer_.End();
    return;
  }
  if (!result.HasRows()) {
    if (!portal.complete)
      writer_.CommandComplete(result.CommandTag());
    portal.complete = true;
    return;
  }
  size_t sent = SendRows(portal, max_rows > 0 ? static_cast<size_t>(max_rows) : 0);
  if (!portal.complete) {
    writer_.Begin('s');
    writer_.End();
    return;
  }
  // PostgreSQL's tag counts the rows this Execute returned.
  auto& tag = result.CommandTag();
  if (tag.rfind("SELECT", 0) == 0)
    writer_.CommandComplete("SELECT " + std::to_string(sent));
  else
    writer_.CommandComplete(tag);
}

void ClientSession::Close(std::string_view body) {
  auto target = DecodeTarget(body, "CLOSE");
  if (target.kind == 'S')
    statements_.erase(target.name);
  else
    portals_.erase(target.name);
  writer_.Begin('3');
  writer_.End();
}

}  // namespace tributary
