// SegmentScanner: reads one stored column segment a vector at a time, for
// table scans of persisted row groups.
//
// Load() verifies the whole segment before any of its values is used
// (magic, CRC, sizes, and the encoding's lengths, runs and dictionary
// size: SegmentDecoder::Open) and keeps its decompressed body; Scan()
// decodes one vector's rows into a small buffer that the output vector
// references. The buffers (the
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
#include "storage/segment_decoder.h"
#include "vector/vector.h"

namespace tributary {

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
  // Reads the segment of `count` rows of `type` at [offset, offset + size)
  // of the file `path` and loads it as Load() does: large segments are
  // mapped (MapFileRange, durable_file.h) rather than copied, small ones read into
  // StoredBuffer().
  void LoadFile(const std::string& path, uint64_t offset, uint64_t size, const LogicalType& type,
                idx_t count, const std::string& what);
  // Makes `out` (of the loaded type) hold rows [v * kVectorSize, v *
  // kVectorSize + kVectorSize) of the loaded segment (fewer for the last
  // vector). Vectors may be read in any order (in order is fastest).
  // Throws XX001 on a dictionary code out of range.
  void Scan(idx_t v, Vector& out);

  struct Buffer;

 private:
  // Verifies and parses the `size` stored bytes of stored_.
  void LoadStored(const char* bytes, idx_t size, const LogicalType& type, idx_t count,
                  const std::string& what);

  LogicalType type_;
  std::string what_;
  // The stored bytes, the decompressed body (when compressed), two vectors
  // of decoded values (the output vector still holds the last one while
  // the next is decoded, so two keep the memory hot and allocation-free).
  std::shared_ptr<Buffer> stored_;
  std::shared_ptr<Buffer> body_;
  std::shared_ptr<Buffer> values_[2];
  // The body is stored_'s (stored uncompressed) rather than body_'s.
  bool body_in_place_ = false;
  // The loaded segment's body, parsed.
  SegmentDecoder decoder_;
};

}  // namespace tributary
