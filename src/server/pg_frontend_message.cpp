#include "server/pg_frontend_message.h"

#include "common/exception.h"
#include "server/pg_message_buffer.h"

namespace tributary {

namespace {

[[noreturn]] void Malformed(const std::string& what) {
  throw Exception(sqlstate::kProtocolViolation, "invalid message format: " + what);
}

// A count read before the items it counts: each item takes at least
// `item_size` bytes, so a count the body cannot hold fails before any
// allocation.
size_t ReadCount(PgMessageBuffer& message, size_t item_size, const char* what) {
  int16_t count = message.ReadInt16();
  if (count < 0)
    Malformed(std::string("negative ") + what);
  if (static_cast<size_t>(count) * item_size > message.Remaining())
    Malformed(std::string(what) + " exceeds the message");
  return static_cast<size_t>(count);
}

void RequireEnd(const PgMessageBuffer& message, const char* type) {
  if (!message.AtEnd())
    Malformed(std::string("trailing bytes in ") + type + " message");
}

}  // namespace

StartupPacket DecodeStartupPacket(std::string_view body) {
  PgMessageBuffer message(body);
  StartupPacket packet;
  packet.code = message.ReadInt32();
  if (packet.code == pg_startup_code::kCancelRequest) {
    packet.process_id = message.ReadInt32();
    packet.secret_key = message.ReadInt32();
  } else if (packet.code == pg_startup_code::kProtocolVersion3) {
    while (true) {
      std::string name = message.ReadCString();
      if (name.empty())
        break;
      packet.parameters[name] = message.ReadCString();
    }
  }
  return packet;
}

std::string DecodeQuery(std::string_view body) {
  PgMessageBuffer message(body);
  return message.ReadCString();
}

ParseMessage DecodeParse(std::string_view body) {
  PgMessageBuffer message(body);
  ParseMessage parse;
  parse.name = message.ReadCString();
  parse.sql = message.ReadCString();
  size_t count = ReadCount(message, 4, "parameter count in Parse message");
  parse.parameter_types.reserve(count);
  for (size_t i = 0; i < count; i++)
    parse.parameter_types.push_back(message.ReadInt32());
  return parse;
}

BindMessage DecodeBind(std::string_view body) {
  PgMessageBuffer message(body);
  BindMessage bind;
  bind.portal = message.ReadCString();
  bind.statement = message.ReadCString();
  size_t format_count = ReadCount(message, 2, "format count in Bind message");
  for (size_t i = 0; i < format_count; i++)
    bind.parameter_formats.push_back(message.ReadInt16());
  size_t value_count = ReadCount(message, 4, "parameter count in Bind message");
  bind.values.reserve(value_count);
  for (size_t i = 0; i < value_count; i++) {
    int32_t length = message.ReadInt32();
    if (length == -1)
      bind.values.emplace_back(std::nullopt);
    else
      bind.values.emplace_back(message.ReadBytes(length));
  }
  size_t result_format_count = ReadCount(message, 2, "format count in Bind message");
  for (size_t i = 0; i < result_format_count; i++) {
    int16_t f = message.ReadInt16();
    if (f != 0 && f != 1)
      throw Exception(sqlstate::kProtocolViolation,
                      "invalid result format code " + std::to_string(f));
    bind.result_formats.push_back(f);
  }
  if (bind.parameter_formats.size() > 1 && bind.parameter_formats.size() != bind.values.size()) {
    throw Exception(sqlstate::kProtocolViolation,
                    "bind message has " + std::to_string(bind.parameter_formats.size()) +
                        " parameter formats but " + std::to_string(bind.values.size()) +
                        " parameters");
  }
  return bind;
}

TargetMessage DecodeTarget(std::string_view body, const char* what) {
  PgMessageBuffer message(body);
  TargetMessage target;
  target.kind = message.ReadBytes(1)[0];
  if (target.kind != 'S' && target.kind != 'P')
    throw Exception(sqlstate::kProtocolViolation,
                    std::string("invalid ") + what + " message subtype");
  target.name = message.ReadCString();
  return target;
}

ExecuteMessage DecodeExecute(std::string_view body) {
  PgMessageBuffer message(body);
  ExecuteMessage execute;
  execute.portal = message.ReadCString();
  execute.max_rows = message.ReadInt32();
  return execute;
}

SaslInitialResponse DecodeSaslInitialResponse(std::string_view body) {
  PgMessageBuffer message(body);
  SaslInitialResponse response;
  response.mechanism = message.ReadCString();
  int32_t length = message.ReadInt32();
  // -1: no initial response (SCRAM always sends one, so it is empty).
  if (length != -1)
    response.data = std::string(message.ReadBytes(length));
  RequireEnd(message, "SASLInitialResponse");
  return response;
}

std::string DecodeCopyFail(std::string_view body) {
  PgMessageBuffer message(body);
  return message.ReadCString();
}

std::vector<std::pair<std::string, std::string>> DecodeStartupOptions(std::string_view options) {
  std::vector<std::pair<std::string, std::string>> settings;
  size_t pos = 0;
  while ((pos = options.find("-c", pos)) != std::string_view::npos) {
    pos += 2;
    while (pos < options.size() && options[pos] == ' ')
      pos++;
    auto end = options.find(' ', pos);
    auto setting = options.substr(pos, end == std::string_view::npos ? end : end - pos);
    auto eq = setting.find('=');
    if (eq != std::string_view::npos)
      settings.emplace_back(std::string(setting.substr(0, eq)),
                            std::string(setting.substr(eq + 1)));
    pos = end;
  }
  return settings;
}

}  // namespace tributary
