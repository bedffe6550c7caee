// DataTable: a table's rows, column-major, in chunks of kVectorSize rows.
// In memory for now; persistent storage (issue #6) replaces the chunk list
// with column segment files behind the same interface.
//
// Thread-safety: Append and Snapshot may be called concurrently. A snapshot
// is immutable: appends after it are invisible to it, and chunks it holds
// are never modified (an append to a shared last chunk copies it first).
#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "vector/data_chunk.h"

namespace tributary {

struct TableSnapshot {
  std::vector<std::shared_ptr<const DataChunk>> chunks;
  std::vector<idx_t> counts;  // rows visible in each chunk
  idx_t row_count = 0;
};

class DataTable {
 public:
  explicit DataTable(std::vector<LogicalType> types);

  const std::vector<LogicalType>& types() const { return types_; }
  // Copies `chunk`'s rows into the table. The chunk must have the table's types.
  void Append(const DataChunk& chunk);
  // Appends many chunks as one change (one new snapshot); full chunks are
  // adopted without copying.
  void AppendAll(std::vector<DataChunk> chunks);
  // Removes all rows.
  void Truncate();
  std::shared_ptr<const TableSnapshot> Snapshot() const;
  idx_t RowCount() const;

 private:
  std::vector<LogicalType> types_;
  mutable std::mutex lock_;
  // Appends into `next` (not yet published).
  void AppendTo(TableSnapshot& next, const DataChunk& chunk);

  std::shared_ptr<TableSnapshot> current_;
};

}  // namespace tributary
