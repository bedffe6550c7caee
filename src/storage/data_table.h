// DataTable: the committed versions of one table's rows.
//
// Writers never change a version: a transaction builds new TableSnapshots
// (see Transaction) and the TransactionManager installs them at commit,
// tagged with the commit id. Readers pin the newest version whose commit id
// is at most their transaction's start id, so a transaction keeps seeing
// the versions it started with. Versions no running transaction can see
// are dropped when a newer one is installed.
//
// Thread-safety: all methods may be called concurrently.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

#include "storage/table_snapshot.h"

namespace tributary {

class DataTable {
 public:
  static constexpr uint64_t kLatest = ~uint64_t(0);

  explicit DataTable(std::vector<LogicalType> types);

  const std::vector<LogicalType>& types() const { return types_; }
  // The newest committed version with commit_id <= as_of (the empty table
  // when the table was created later).
  std::shared_ptr<const TableSnapshot> Committed(uint64_t as_of = kLatest) const;
  // Rows of the newest committed version (optimizer estimates).
  idx_t RowCount() const;
  // Publishes `snapshot` (commit_id set). Keeps older versions only while
  // a transaction that started at `oldest_active` or later may read them.
  void Install(std::shared_ptr<const TableSnapshot> snapshot, uint64_t oldest_active);

  // Row groups table scans read and skipped by zone maps (for tests and
  // EXPLAIN-like reporting).
  void CountScan(idx_t scanned, idx_t skipped) {
    row_groups_scanned_ += scanned;
    row_groups_skipped_ += skipped;
  }
  idx_t row_groups_scanned() const { return row_groups_scanned_; }
  idx_t row_groups_skipped() const { return row_groups_skipped_; }

  // Set when a DROP of the table commits: later writes to it fail.
  void MarkDropped() { dropped_ = true; }
  bool dropped() const { return dropped_; }

 private:
  std::vector<LogicalType> types_;
  mutable std::mutex lock_;
  // Ascending commit ids; never empty.
  std::vector<std::shared_ptr<const TableSnapshot>> versions_;
  std::atomic<bool> dropped_{false};
  std::atomic<idx_t> row_groups_scanned_{0};
  std::atomic<idx_t> row_groups_skipped_{0};
};

}  // namespace tributary
