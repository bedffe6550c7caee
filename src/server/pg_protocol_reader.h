// PgProtocolReader: reads frontend messages of protocol v3 from a socket.
// A startup-phase packet has no type byte (length, then body); every later
// message is a type byte, a length and a body. Lengths are checked before
// anything is allocated: a startup packet over kMaxStartupPacketLength or a
// message over kMaxMessageLength throws 08P01.
//
// Not thread-safe; one reader per session. The transport stays owned by
// the caller.
#pragma once

#include <cstdint>
#include <string>

#include "server/pg_transport.h"

namespace tributary {

// The peer closed the connection (or the socket failed); the session ends
// without an error message, as there is nobody left to read one.
class PgConnectionClosed : public std::exception {
 public:
  const char* what() const noexcept override { return "connection closed by the client"; }
};

class PgProtocolReader {
 public:
  static constexpr int32_t kMaxStartupPacketLength = 10000;
  static constexpr int32_t kMaxMessageLength = 256 << 20;
  // Before a client has logged in it gets no more than this per message.
  static constexpr int32_t kMaxAuthenticationMessageLength = 65535;

  explicit PgProtocolReader(PgTransport& transport) : transport_(transport) {}

  // The body of a startup-phase packet (after its length word).
  std::string ReadStartupPacket();
  // One typed message; `type` receives the type byte, the result its body.
  // A message over `max_length` throws 08P01 before anything is allocated.
  std::string ReadMessage(char& type, int32_t max_length = kMaxMessageLength);
  // Bytes received but not read yet. Must be none when TLS starts: bytes
  // sent before the handshake would otherwise pass as encrypted ones.
  bool HasBufferedData() const { return begin_ != end_; }

 private:
  void ReadExactly(char* out, size_t length);
  int32_t ReadLength();
  std::string ReadBody(size_t length);

  PgTransport& transport_;
  char buffer_[8192];
  size_t begin_ = 0;
  size_t end_ = 0;
};

}  // namespace tributary
