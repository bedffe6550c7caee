#include "storage/data_table.h"

namespace tributary {

DataTable::DataTable(std::vector<LogicalType> types) : types_(std::move(types)) {
  versions_.push_back(std::make_shared<const TableSnapshot>());
}

std::shared_ptr<const TableSnapshot> DataTable::Committed(uint64_t as_of) const {
  std::lock_guard<std::mutex> guard(lock_);
  for (auto it = versions_.rbegin(); it != versions_.rend(); ++it) {
    if ((*it)->commit_id <= as_of)
      return *it;
  }
  return std::make_shared<const TableSnapshot>();
}

idx_t DataTable::RowCount() const {
  std::lock_guard<std::mutex> guard(lock_);
  return versions_.back()->row_count;
}

void DataTable::Install(std::shared_ptr<const TableSnapshot> snapshot, uint64_t oldest_active) {
  std::lock_guard<std::mutex> guard(lock_);
  versions_.push_back(std::move(snapshot));
  // Keep the newest version visible to the oldest running transaction and
  // everything after it.
  idx_t keep = 0;
  for (idx_t i = 0; i < versions_.size(); i++) {
    if (versions_[i]->commit_id <= oldest_active)
      keep = i;
  }
  versions_.erase(versions_.begin(), versions_.begin() + keep);
}

}  // namespace tributary
