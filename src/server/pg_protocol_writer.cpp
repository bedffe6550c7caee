#include "server/pg_protocol_writer.h"

#include "common/exception.h"
#include "server/pg_protocol_reader.h"

namespace tributary {

void PgProtocolWriter::Begin(char type) {
  buffer_.push_back(type);
  message_start_ = buffer_.size();
  buffer_.append(4, '\0');
}

void PgProtocolWriter::AddInt16(int16_t v) {
  auto u = static_cast<uint16_t>(v);
  buffer_.push_back(static_cast<char>(u >> 8));
  buffer_.push_back(static_cast<char>(u & 0xFF));
}

void PgProtocolWriter::AddInt32(int32_t v) {
  auto u = static_cast<uint32_t>(v);
  for (int shift = 24; shift >= 0; shift -= 8)
    buffer_.push_back(static_cast<char>((u >> shift) & 0xFF));
}

void PgProtocolWriter::AddInt64(int64_t v) {
  auto u = static_cast<uint64_t>(v);
  for (int shift = 56; shift >= 0; shift -= 8)
    buffer_.push_back(static_cast<char>((u >> shift) & 0xFF));
}

void PgProtocolWriter::AddCString(std::string_view s) {
  // An embedded NUL would end the string early on the client side.
  for (char c : s)
    buffer_.push_back(c == '\0' ? ' ' : c);
  buffer_.push_back('\0');
}

void PgProtocolWriter::End() {
  auto length = static_cast<uint32_t>(buffer_.size() - message_start_);
  for (int i = 0; i < 4; i++)
    buffer_[message_start_ + i] = static_cast<char>((length >> (24 - 8 * i)) & 0xFF);
  if (buffer_.size() >= kFlushThreshold)
    Flush();
}

void PgProtocolWriter::SendRawByte(char byte) {
  buffer_.push_back(byte);
  Flush();
}

void PgProtocolWriter::Flush() {
  bool ok = transport_.WriteAll(buffer_.data(), buffer_.size());
  buffer_.clear();
  if (!ok)
    throw PgConnectionClosed();
}

void PgProtocolWriter::ErrorResponse(const Exception& error, const char* severity) {
  Begin('E');
  AddInt8('S');
  AddCString(severity);
  AddInt8('V');
  AddCString(severity);
  AddInt8('C');
  AddCString(error.SqlState());
  AddInt8('M');
  AddCString(error.Message());
  if (!error.Detail().empty()) {
    AddInt8('D');
    AddCString(error.Detail());
  }
  if (!error.Hint().empty()) {
    AddInt8('H');
    AddCString(error.Hint());
  }
  if (error.Position() > 0) {
    AddInt8('P');
    AddCString(std::to_string(error.Position()));
  }
  AddInt8(0);
  End();
}

void PgProtocolWriter::NoticeResponse(const std::string& message) {
  Begin('N');
  AddInt8('S');
  AddCString("NOTICE");
  AddInt8('V');
  AddCString("NOTICE");
  AddInt8('C');
  AddCString("00000");
  AddInt8('M');
  AddCString(message);
  AddInt8(0);
  End();
}

void PgProtocolWriter::ReadyForQuery(char transaction_status) {
  Begin('Z');
  AddInt8(static_cast<uint8_t>(transaction_status));
  End();
}

void PgProtocolWriter::CommandComplete(const std::string& tag) {
  Begin('C');
  AddCString(tag);
  End();
}

void PgProtocolWriter::ParameterStatus(const std::string& name, const std::string& value) {
  Begin('S');
  AddCString(name);
  AddCString(value);
  End();
}

}  // namespace tributary
