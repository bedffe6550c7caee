// SegmentScanner: reads one stored column segment a vector at a time, for
// table scans of persisted row groups.
//
// Load() verifies the whole segment before any of its values is used
// (magic, CRC, sizes, and the encoding's lengths, runs and dictionary
// size) and keeps its decompressed body; Scan() decodes one vector's rows
// into a small buffer that the output vector references. The buffers (the
// segment's bytes, its body, one vector of values) are reused for the next
// segment and vector, so a scan's working memory is about one segment per
// column and thread whatever the table's size, and nothing is cached.
//
// Lifetimes: a buffer is reused only when nothing references it any more
// (the output vector was reset, no string heap keeps the body alive);
// otherwise the scanner takes a fresh one, so data handed out stays valid
// for as long as it is referenced. String views point into the body.
//
// Thread-safety: none; one scanner per scanning thread and column.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "storage/column_segment.h"
#include "vector/vector.h"

namespace tributary {

namespace segment_format {
class ByteReader;
}

class SegmentScanner {
 public:
  SegmentScanner();
  ~SegmentScanner();
  SegmentScanner(const SegmentScanner&) = delete;
  SegmentScanner& operator=(const SegmentScanner&) = delete;

  // Room for a stored segment of `size` bytes, to be read into before
  // Load(size, ...). Invalidates what the previous Load() loaded.
  char* StoredBuffer(idx_t size);
  // Verifies the segment of `count` rows of `type` held in the first
  // `size` bytes of StoredBuffer() and makes it the one Scan() reads.
  // `what` names the segment in errors. Throws XX001 when damaged.
  void Load(const LogicalType& type, idx_t size, idx_t count, const std::string& what);
  // Makes `out` (of the loaded type) hold rows [v * kVectorSize, v *
  // kVectorSize + kVectorSize) of the loaded segment (fewer for the last
  // vector). Vectors may be read in any order (in order is fastest).
  // Throws XX001 on a dictionary code out of range.
  void Scan(idx_t v, Vector& out);

  struct Buffer;

 private:
  template <class T>
  void LoadFixed(segment_format::ByteReader& r);
  template <class T>
  void ScanFixed(idx_t start, idx_t n, char* out);
  void LoadStrings(segment_format::ByteReader& r);
  void ScanStrings(idx_t start, idx_t n, string_t* out);

  LogicalType type_;
  idx_t count_ = 0;
  std::string what_;
  // The stored bytes, the decompressed body (when compressed), one vector
  // of decoded values.
  std::shared_ptr<Buffer> stored_;
  std::shared_ptr<Buffer> body_;
  std::shared_ptr<Buffer> values_;
  // The body is stored_'s (stored uncompressed) rather than body_'s.
  bool body_in_place_ = false;

  // The loaded segment, parsed.
  const char* validity_ = nullptr;
  SegmentEncoding encoding_ = SegmentEncoding::kPlain;
  const char* data_ = nullptr;        // plain values, packed bits or codes
  int width_ = 0;                     // bit width of packed values or codes
  alignas(16) char base_[16] = {};    // frame of reference
  uint32_t entries_ = 0;              // dictionary entries or runs
  const char* entry_data_ = nullptr;  // dictionary values or run values
  const char* run_lengths_ = nullptr;
  // Run cursor: the run holding row next_row_, and rows of it before it.
  idx_t next_row_ = 0;
  idx_t run_ = 0;
  idx_t run_used_ = 0;
  // Strings: byte offset of each vector's first row (plain), entries
  // (dictionary).
  std::vector<idx_t> vector_offsets_;
  std::vector<string_t> dictionary_;
};

}  // namespace tributary
