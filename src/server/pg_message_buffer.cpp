#include "server/pg_message_buffer.h"

#include "common/exception.h"

namespace tributary {

void PgMessageBuffer::Require(size_t bytes) const {
  if (bytes > data_.size() - position_)
    throw Exception(sqlstate::kProtocolViolation, "invalid message format: message too short");
}

int16_t PgMessageBuffer::ReadInt16() {
  Require(2);
  auto b = reinterpret_cast<const unsigned char*>(data_.data() + position_);
  position_ += 2;
  return static_cast<int16_t>((b[0] << 8) | b[1]);
}

int32_t PgMessageBuffer::ReadInt32() {
  Require(4);
  auto b = reinterpret_cast<const unsigned char*>(data_.data() + position_);
  position_ += 4;
  return static_cast<int32_t>((uint32_t{b[0]} << 24) | (uint32_t{b[1]} << 16) |
                              (uint32_t{b[2]} << 8) | uint32_t{b[3]});
}

std::string PgMessageBuffer::ReadCString() {
  auto end = data_.find('\0', position_);
  if (end == std::string_view::npos)
    throw Exception(sqlstate::kProtocolViolation,
                    "invalid message format: string is not terminated");
  std::string result(data_.substr(position_, end - position_));
  position_ = end + 1;
  return result;
}

std::string_view PgMessageBuffer::ReadBytes(int64_t length) {
  if (length < 0)
    throw Exception(sqlstate::kProtocolViolation, "invalid message format: negative length");
  Require(static_cast<size_t>(length));
  auto result = data_.substr(position_, static_cast<size_t>(length));
  position_ += static_cast<size_t>(length);
  return result;
}

}  // namespace tributary
