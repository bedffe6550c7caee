// TableSnapshot: one version of a table's rows: its row groups and, per row
// group, the mask of deleted rows. Immutable once published; a change makes
// a new snapshot that shares the unchanged row groups and masks.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/row_group.h"

namespace tributary {

// Deleted rows of one row group (bit set = deleted). `file` is set once the
// mask is stored (by the committing thread, before the manifest names it).
struct DeleteMask {
  std::vector<uint64_t> bits;
  idx_t deleted = 0;
  mutable std::string file;

  explicit DeleteMask(idx_t rows) : bits((rows + 63) / 64, 0) {}
  bool IsDeleted(idx_t row) const { return (bits[row / 64] >> (row % 64)) & 1; }
  void Delete(idx_t row) {
    if (!IsDeleted(row)) {
      bits[row / 64] |= uint64_t(1) << (row % 64);
      deleted++;
    }
  }
};

// The column id a scan uses for its rows' ids (DELETE, UPDATE): BIGINT
// positions in the scanned snapshot (row group * kRowGroupSize + row).
constexpr idx_t kRowIdColumn = ~idx_t(0) - 1;
inline int64_t RowId(idx_t group, idx_t row) {
  return static_cast<int64_t>(group * kRowGroupSize + row);
}

struct TableSnapshot {
  // The commit that made this version (0 = the empty table).
  uint64_t commit_id = 0;
  std::vector<std::shared_ptr<const RowGroup>> row_groups;
  // Parallel to row_groups; null = nothing deleted.
  std::vector<std::shared_ptr<const DeleteMask>> deletes;
  // Rows visible (not deleted).
  idx_t row_count = 0;

  void AddRowGroup(std::shared_ptr<const RowGroup> group,
                   std::shared_ptr<const DeleteMask> mask = nullptr) {
    row_count += group->count() - (mask ? mask->deleted : 0);
    row_groups.push_back(std::move(group));
    deletes.push_back(std::move(mask));
  }
};

}  // namespace tributary
