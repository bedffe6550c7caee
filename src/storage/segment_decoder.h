// SegmentDecoder: the decode kernels of a column segment's body, shared by
// the whole-segment decoder (DecodeColumnSegment, used by UPDATE, DELETE
// and VACUUM) and the vector-at-a-time reader of table scans
// (SegmentScanner). See column_segment.h for the format.
//
// Open() parses a decompressed body and checks everything decoding relies
// on (lengths, bit widths, runs covering the row count, dictionary sizes,
// string lengths adding up to the string bytes) and throws XX001 when one
// is wrong, so Decode() never reads out of bounds; Decode() throws XX001
// only for a dictionary code out of range.
//
// Lifetimes: the decoder views the body, which must stay valid (with 8
// readable bytes past its end) while the decoder is used; decoded strings
// view it too.
//
// Thread-safety: none; one decoder per thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "storage/column_segment.h"
#include "vector/validity_mask.h"

namespace tributary {

namespace segment_format {
class ByteReader;
}

class SegmentDecoder {
 public:
  SegmentDecoder();
  ~SegmentDecoder();
  SegmentDecoder(const SegmentDecoder&) = delete;
  SegmentDecoder& operator=(const SegmentDecoder&) = delete;

  // Parses `body` (a segment's decompressed body) of `count` rows of
  // `type`. `what` names the segment in errors. Throws XX001.
  void Open(const LogicalType& type, std::string_view body, idx_t count, const std::string& what);
  // Forgets the body (Decode may not be called until the next Open).
  void Close() { count_ = 0; }
  idx_t count() const { return count_; }

  // Writes rows [start, start + n) to `out` (n values of the type's
  // physical size; strings as string_t viewing the body). `start` is a
  // multiple of kVectorSize. In row order is fastest (runs keep a cursor).
  void Decode(idx_t start, idx_t n, char* out);
  // Makes `mask` (of a vector holding rows [start, start + n), n <=
  // kVectorSize, start a multiple of 64) all-valid when none of the rows is
  // NULL, else the rows' validity.
  void Validity(idx_t start, idx_t n, ValidityMask& mask) const;

 private:
  template <class T>
  void OpenFixed(segment_format::ByteReader& r);
  void OpenStrings(segment_format::ByteReader& r);
  // One vector's rows at most.
  template <class T>
  void DecodeFixed(idx_t start, idx_t n, char* out);
  void DecodeStrings(idx_t start, idx_t n, string_t* out);
  template <class T>
  void DecodeRuns(idx_t start, idx_t n, char* out);
  // Dictionary codes of rows [start, start + n) into codes_; throws when
  // one is out of range.
  void DecodeCodes(idx_t start, idx_t n);

  PhysicalType physical_ = PhysicalType::kInt32;
  idx_t count_ = 0;
  std::string what_;

  const char* validity_ = nullptr;
  SegmentEncoding encoding_ = SegmentEncoding::kPlain;
  const char* data_ = nullptr;        // plain values, packed values, codes or lengths
  int width_ = 0;                     // bit width of packed values, codes or lengths
  alignas(16) char base_[16] = {};    // frame of reference
  uint32_t entries_ = 0;              // dictionary entries or runs
  const char* entry_data_ = nullptr;  // dictionary values, run values, string bytes
  const char* run_lengths_ = nullptr;
  // Run cursor: the run holding row next_row_, and rows of it before it.
  idx_t next_row_ = 0;
  idx_t run_ = 0;
  idx_t run_used_ = 0;
  // Strings: byte offset of each vector's first row (plain and packed
  // lengths), entries (dictionary).
  std::vector<idx_t> vector_offsets_;
  std::vector<string_t> dictionary_;
  // One vector of unpacked codes, lengths or deltas.
  std::unique_ptr<uint64_t[]> scratch_;
};

}  // namespace tributary
