#include "server/pg_protocol_reader.h"

#include <cstring>

#include "common/exception.h"

namespace tributary {

void PgProtocolReader::ReadExactly(char* out, size_t length) {
  while (length > 0) {
    if (begin_ == end_) {
      size_t n = transport_.Read(buffer_, sizeof(buffer_));
      if (n == 0)
        throw PgConnectionClosed();
      begin_ = 0;
      end_ = n;
    }
    size_t take = std::min(length, end_ - begin_);
    std::memcpy(out, buffer_ + begin_, take);
    begin_ += take;
    out += take;
    length -= take;
  }
}

int32_t PgProtocolReader::ReadLength() {
  unsigned char b[4];
  ReadExactly(reinterpret_cast<char*>(b), 4);
  return static_cast<int32_t>((uint32_t{b[0]} << 24) | (uint32_t{b[1]} << 16) |
                              (uint32_t{b[2]} << 8) | uint32_t{b[3]});
}

std::string PgProtocolReader::ReadStartupPacket() {
  int32_t length = ReadLength();
  if (length < 8 || length > kMaxStartupPacketLength)
    throw Exception(sqlstate::kProtocolViolation, "invalid length of startup packet");
  std::string body(static_cast<size_t>(length - 4), '\0');
  ReadExactly(body.data(), body.size());
  return body;
}

std::string PgProtocolReader::ReadMessage(char& type, int32_t max_length) {
  ReadExactly(&type, 1);
  int32_t length = ReadLength();
  if (length < 4)
    throw Exception(sqlstate::kProtocolViolation, "invalid message length");
  if (length > max_length)
    throw Exception(sqlstate::kProtocolViolation, "message of " + std::to_string(length) +
                                                      " bytes exceeds the limit of " +
                                                      std::to_string(max_length) + " bytes");
  return ReadBody(static_cast<size_t>(length - 4));
}

std::string PgProtocolReader::ReadBody(size_t length) {
  // Grown as the bytes arrive: a length word alone (5 bytes from the client)
  // does not make the server allocate up to the limit.
  constexpr size_t kStep = 1 << 20;
  std::string body;
  while (body.size() < length) {
    size_t have = body.size();
    size_t take = std::min(kStep, length - have);
    body.resize(have + take);
    ReadExactly(body.data() + have, take);
  }
  return body;
}

}  // namespace tributary
