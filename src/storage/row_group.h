// RowGroup: up to kRowGroupSize rows of a table, one ColumnVectors (vectors
// of kVectorSize rows, the last may be shorter) per column. Immutable once
// built: a change to a table makes new row groups or new deletion masks.
//
// A row group is either in memory (just appended) or stored: its columns
// are segments of one file. Table scans read stored columns a vector at a
// time through a SegmentScanner (LoadSegment); Column() decodes a whole
// column and keeps it (for UPDATE, DELETE and re-sorting). Persist() writes an in-memory row
// group's segments to a new file; it is called once, by the committing thread, before the row group
// is published in a manifest.
//
// Thread-safety: Column() may be called concurrently (scan threads).
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/column_segment.h"
#include "vector/data_chunk.h"

namespace tributary {

class SegmentScanner;

constexpr idx_t kRowGroupVectors = 60;
constexpr idx_t kRowGroupSize = kRowGroupVectors * kVectorSize;

using ColumnVectors = std::vector<Vector>;

// Where a column's segment lives in its row group's file, and its zone map.
struct SegmentPointer {
  uint64_t offset = 0;
  uint64_t size = 0;
  SegmentEncoding encoding = SegmentEncoding::kPlain;
  SegmentStatistics stats;
};

class RowGroup {
 public:
  // In memory: takes the columns' vectors.
  RowGroup(std::vector<LogicalType> types, std::vector<ColumnVectors> columns, idx_t count);
  // Stored in `directory`/`file`.
  RowGroup(std::vector<LogicalType> types, idx_t count, std::string directory, std::string file,
           std::vector<SegmentPointer> segments);

  idx_t count() const { return count_; }
  idx_t VectorCount() const { return (count_ + kVectorSize - 1) / kVectorSize; }
  idx_t VectorRows(idx_t v) const { return std::min(kVectorSize, count_ - v * kVectorSize); }
  const std::vector<LogicalType>& types() const { return types_; }
  // Column `c`'s vectors, decoded on first use (by one thread; others
  // asking meanwhile wait for it). Throws XX001 when the segment is damaged.
  std::shared_ptr<const ColumnVectors> Column(idx_t c) const;
  // Column `c`'s vectors when they are in memory (appended in this
  // process, or decoded by Column()); null otherwise. Never decodes.
  std::shared_ptr<const ColumnVectors> CachedColumn(idx_t c) const;
  // Reads stored column `c`'s segment into `scanner` and loads it there
  // (verified: throws XX001 when damaged). Requires persisted(). Nothing
  // is cached: table scans decode a vector at a time from the scanner.
  void LoadSegment(idx_t c, SegmentScanner& scanner) const;

  bool persisted() const;
  std::string file() const;
  std::vector<SegmentPointer> segments() const;
  // Encodes every column and writes `directory`/`file` (durably). No-op
  // when already persisted.
  void Persist(const std::string& directory, const std::string& file) const;

 private:
  // Decodes column `c` unless it is decoded or being decoded (then returns
  // false at once when `wait` is false, or waits for it).
  bool Decode(idx_t c, bool wait) const;

  std::vector<LogicalType> types_;
  idx_t count_;
  mutable std::mutex lock_;
  mutable std::condition_variable decoded_;
  mutable std::vector<std::shared_ptr<const ColumnVectors>> columns_;
  mutable std::vector<uint8_t> decoding_;
  mutable std::string directory_;
  mutable std::string file_;
  mutable std::vector<SegmentPointer> segments_;
};

// Cuts appended chunks into row groups of kRowGroupSize rows whose vectors
// are full (kVectorSize rows) except the last one. Full, aligned chunks are
// adopted without copying.
class RowGroupBuilder {
 public:
  explicit RowGroupBuilder(std::vector<LogicalType> types);
  void Append(DataChunk chunk);
  std::vector<std::shared_ptr<const RowGroup>> Finish();

 private:
  void Flush();
  std::vector<LogicalType> types_;
  std::vector<DataChunk> full_;
  DataChunk partial_;
  std::vector<std::shared_ptr<const RowGroup>> groups_;
};

}  // namespace tributary
