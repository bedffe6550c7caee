// PostgresBinaryDecoder: decodes the stream of `COPY ... TO STDOUT (FORMAT
// binary)` straight into column vectors (no per-row text parsing). Every
// length and the header are checked: a malformed or truncated stream is an
// error (08P01), never a crash or a wrong row.
//
// Column types are the warehouse types of RemoteColumn; text-read columns
// arrive as the bytes of PostgreSQL's text form.
#pragma once

#include <string>
#include <vector>

#include "vector/data_chunk.h"

namespace tributary {

class PostgresBinaryDecoder {
 public:
  explicit PostgresBinaryDecoder(std::vector<LogicalType> types);

  // Adds raw stream bytes (one CopyData message or any part of the stream).
  void Feed(const char* data, size_t length);
  // Decodes complete rows into `out` (appending after out.size()) until it
  // holds kVectorSize rows or the buffered bytes run out.
  void Decode(DataChunk& out);
  // True once the end-of-data marker has been read.
  bool Finished() const { return finished_; }
  // Throws 08P01 unless the stream ended exactly after the marker.
  void CheckComplete() const;
  // Prepares for a new stream (the next COPY on the same columns).
  void Reset() {
    buffer_.clear();
    position_ = 0;
    header_done_ = false;
    finished_ = false;
  }

 private:
  using FieldDecoder = void (*)(const char* data, int32_t length, Vector& out, idx_t row,
                                const LogicalType& type);

  std::vector<LogicalType> types_;
  std::vector<FieldDecoder> decoders_;
  std::string buffer_;
  size_t position_ = 0;
  bool header_done_ = false;
  bool finished_ = false;
};

}  // namespace tributary
