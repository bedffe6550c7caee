// PgProtocolWriter: builds backend messages of protocol v3 in a buffer and
// sends them to a socket. A message is Begin(type), Add*(...) and End(),
// which fills in the length. Messages are sent on Flush(), and also while
// building once the buffer passes kFlushThreshold, so a large result streams
// instead of piling up in memory.
//
// Not thread-safe; one writer per session. The socket stays owned by the
// caller. A failed send throws PgConnectionClosed.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "server/pg_transport.h"

namespace tributary {

class Exception;

class PgProtocolWriter {
 public:
  static constexpr size_t kFlushThreshold = 64 << 10;

  explicit PgProtocolWriter(PgTransport& transport) : transport_(transport) {}

  void Begin(char type);
  void AddInt8(uint8_t v) { buffer_.push_back(static_cast<char>(v)); }
  void AddInt16(int16_t v);
  void AddInt32(int32_t v);
  void AddInt64(int64_t v);
  // A NUL-terminated string.
  void AddCString(std::string_view s);
  void AddBytes(std::string_view bytes) { buffer_.append(bytes); }
  void End();

  // One byte with no length (the answer to SSLRequest).
  void SendRawByte(char byte);
  void Flush();

  // Common messages.
  void ErrorResponse(const Exception& error, const char* severity = "ERROR");
  void NoticeResponse(const std::string& message);
  void ReadyForQuery(char transaction_status);
  void CommandComplete(const std::string& tag);
  void ParameterStatus(const std::string& name, const std::string& value);

 private:
  PgTransport& transport_;
  std::string buffer_;
  size_t message_start_ = 0;
};

}  // namespace tributary
