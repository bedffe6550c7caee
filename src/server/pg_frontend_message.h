// PgFrontendMessage: decoders for the bodies of protocol v3 frontend
// messages (startup packet, Query, Parse, Bind, Describe, Execute, Close,
// SASL responses, CopyFail). Each decoder reads exactly the fields the
// protocol defines and checks counts, lengths and codes: a malformed body
// throws Exception 08P01 (never reads out of bounds, never allocates more
// than the body's size), so ClientSession only sees well-formed messages.
//
// Decoded strings are copies; BindMessage::values borrow the body, which
// must outlive the message. Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tributary {

namespace pg_startup_code {
constexpr int32_t kProtocolVersion3 = 196608;  // 3.0
constexpr int32_t kSslRequest = 80877103;
constexpr int32_t kGssEncRequest = 80877104;
constexpr int32_t kCancelRequest = 80877102;
}  // namespace pg_startup_code

struct StartupPacket {
  int32_t code = 0;
  // kProtocolVersion3: the name/value pairs (user, database, options, ...).
  std::map<std::string, std::string> parameters;
  // kCancelRequest: the session to cancel.
  int32_t process_id = 0;
  int32_t secret_key = 0;
};

struct ParseMessage {
  std::string name;
  std::string sql;
  std::vector<int32_t> parameter_types;
};

struct BindMessage {
  std::string portal;
  std::string statement;
  std::vector<int16_t> parameter_formats;  // 1 is binary, anything else text
  std::vector<std::optional<std::string_view>> values;
  std::vector<int16_t> result_formats;  // each 0 (text) or 1 (binary)
};

// Describe and Close: 'S' (statement) or 'P' (portal) and a name.
struct TargetMessage {
  char kind = 0;
  std::string name;
};

struct ExecuteMessage {
  std::string portal;
  int32_t max_rows = 0;
};

struct SaslInitialResponse {
  std::string mechanism;
  std::string data;
};

// Throws 08P01 on a malformed packet; an unknown code is returned as is
// (the caller decides: unsupported protocol version).
StartupPacket DecodeStartupPacket(std::string_view body);
std::string DecodeQuery(std::string_view body);
ParseMessage DecodeParse(std::string_view body);
BindMessage DecodeBind(std::string_view body);
// `what` names the message in the error ("DESCRIBE" or "CLOSE").
TargetMessage DecodeTarget(std::string_view body, const char* what);
ExecuteMessage DecodeExecute(std::string_view body);
SaslInitialResponse DecodeSaslInitialResponse(std::string_view body);
std::string DecodeCopyFail(std::string_view body);
// The startup parameter "options": its "-c name=value" settings, in order
// (other words are ignored, as is a setting without '=').
std::vector<std::pair<std::string, std::string>> DecodeStartupOptions(std::string_view options);

}  // namespace tributary
