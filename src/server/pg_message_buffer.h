// PgMessageBuffer: a bounds-checked reader over the body of one frontend
// message of PostgreSQL's protocol v3 (big-endian integers, NUL-terminated
// strings). Every read past the end, or a string without its terminator,
// throws Exception 08P01, so a malformed message ends the session instead of
// reading out of bounds.
//
// The buffer borrows `data`; it must outlive the reader and the string_views
// it returns.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tributary {

class PgMessageBuffer {
 public:
  explicit PgMessageBuffer(std::string_view data) : data_(data) {}

  int16_t ReadInt16();
  int32_t ReadInt32();
  // A NUL-terminated string (the NUL is consumed, not returned).
  std::string ReadCString();
  // `length` raw bytes.
  std::string_view ReadBytes(int64_t length);

  size_t Remaining() const { return data_.size() - position_; }
  bool AtEnd() const { return position_ == data_.size(); }

 private:
  void Require(size_t bytes) const;

  std::string_view data_;
  size_t position_ = 0;
};

}  // namespace tributary
