// ColumnSegment: the on-disk form of one column of one row group.
//
// A segment is encoded with the lightweight encoding the data favours
// (estimated sizes are compared): run-length (few runs), dictionary (few
// distinct values, codes bit-packed), frame-of-reference + bit-packing
// (integers in a narrow range) or plain; strings are dictionary-encoded
// or stored as their bytes after their lengths, bit-packed against the
// shortest. The validity mask is stored only when the column has NULLs.
//
// The encoded body is then compressed with lz4 only when that shrinks it
// to a third or less. Decompressing costs a scan about as much CPU as all
// the rest of reading a segment from the page cache (lz4 decodes about as
// fast as the scan consumes the values), so a smaller gain is not worth
// it: bit-packed integers barely compress, and free text such as TPC-H's
// comments shrinks about 2.4x, which would make the first scan after a
// restart some 15% slower for 0.1x of the raw file's size (lineitem is
// still about 0.33x of its .tbl file uncompressed). Data that compresses
// well (repetitive text, long runs the encodings missed) still does.
//
// Layout ("TSG2"): magic, CRC-32 of everything after the CRC field,
// encoding, has-NULLs flag, codec (lz4 / none), row count, raw and stored
// sizes, the stored body. The body: has-NULLs byte, [validity words],
// encoding byte, then per encoding:
//   plain        the values (strings: u32 length per row, then the bytes)
//   bitpacked    integers: base, u8 width, packed deltas from base;
//                strings: u32 shortest length, u8 width, packed lengths
//                minus the shortest, then the bytes
//   rle          u32 runs, run values, u32 run lengths
//   dictionary   u32 entries, the entries (strings: u32 lengths, then the
//                bytes), u8 width, packed codes
// Packed values use bit_packing.h's layout. Segments of the first format
// ("TSG1": no codec byte, always zstd) and plain string segments (written
// before lengths were packed) are still read. Decoding checks the magic,
// the CRC and every length before it reads, and throws XX001
// (data_corrupted) instead of returning wrong data or crashing.
//
// DecodeColumnSegment decodes a whole segment: its vectors view one buffer
// per segment (see segment_buffer.h); string views point into the
// segment's decompressed body, which the vectors' heaps keep alive. Table
// scans read segments a vector at a time instead (segment_scanner.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "vector/vector.h"

namespace tributary {

enum class SegmentEncoding : uint8_t { kPlain = 0, kRle = 1, kDictionary = 2, kBitPacked = 3 };

const char* SegmentEncodingName(SegmentEncoding encoding);

// Zone map of a segment, over its non-NULL values. min/max are kept for
// integer-like physical types (SMALLINT, INTEGER, BIGINT, DATE, TIMESTAMP,
// DECIMAL(p<=18) unscaled), float ranges for REAL/DOUBLE (NaN, which
// PostgreSQL sorts above every number, is a flag of its own) and bounded
// prefixes for strings (byte order, the "C" collation the engine uses).
struct SegmentStatistics {
  static constexpr idx_t kStringPrefix = 32;

  idx_t null_count = 0;
  bool has_min_max = false;
  int64_t min = 0;
  int64_t max = 0;

  // REAL/DOUBLE: float_min/float_max over the values that are not NaN
  // (has_float_number says there is one), has_nan when one is NaN.
  bool has_float_range = false;
  bool has_float_number = false;
  bool has_nan = false;
  double float_min = 0;
  double float_max = 0;

  // Strings: string_min is the first kStringPrefix bytes of the smallest
  // value (so at most it); string_max is the largest value, or its first
  // kStringPrefix bytes when string_max_truncated (the value is longer).
  bool has_string_range = false;
  bool string_max_truncated = false;
  std::string string_min;
  std::string string_max;
};

struct EncodedSegment {
  std::string bytes;
  SegmentEncoding encoding = SegmentEncoding::kPlain;
  SegmentStatistics stats;
};

// Encodes `count` rows of one column held in `vectors` (each kVectorSize rows
// except the last; flat or constant).
EncodedSegment EncodeColumnSegment(const LogicalType& type,
                                   const std::vector<const Vector*>& vectors, idx_t count);

// Decodes a segment of `count` rows into ceil(count / kVectorSize) flat
// vectors. `what` names the file in errors. Throws XX001 when the bytes are
// not a valid segment of `type` with `count` rows.
std::vector<Vector> DecodeColumnSegment(const LogicalType& type, std::string_view bytes,
                                        idx_t count, const std::string& what);

// Throws XX001 for `what` with `detail`.
[[noreturn]] void ThrowCorrupted(const std::string& what, const std::string& detail);

}  // namespace tributary
