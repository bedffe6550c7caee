#include "storage/data_table.h"

#include <algorithm>

namespace tributary {

DataTable::DataTable(std::vector<LogicalType> types)
    : types_(std::move(types)), current_(std::make_shared<TableSnapshot>()) {}

void DataTable::Append(const DataChunk& chunk) {
  if (chunk.size() == 0)
    return;
  std::lock_guard<std::mutex> guard(lock_);
  // Copy-on-write: readers holding the current snapshot keep seeing it.
  auto next = std::make_shared<TableSnapshot>(*current_);
  AppendTo(*next, chunk);
  current_ = std::move(next);
}

void DataTable::AppendAll(std::vector<DataChunk> chunks) {
  std::lock_guard<std::mutex> guard(lock_);
  auto next = std::make_shared<TableSnapshot>(*current_);
  for (auto& chunk : chunks) {
    bool aligned = next->chunks.empty() || next->counts.back() == kVectorSize;
    if (aligned && chunk.size() == kVectorSize) {
      next->counts.push_back(chunk.size());
      next->row_count += chunk.size();
      next->chunks.push_back(std::make_shared<DataChunk>(std::move(chunk)));
    } else if (chunk.size() > 0) {
      AppendTo(*next, chunk);
    }
  }
  current_ = std::move(next);
}

void DataTable::AppendTo(TableSnapshot& snapshot, const DataChunk& chunk) {
  auto* next = &snapshot;
  idx_t offset = 0;
  while (offset < chunk.size()) {
    if (next->chunks.empty() || next->counts.back() == kVectorSize) {
      auto fresh = std::make_shared<DataChunk>();
      fresh->Initialize(types_);
      next->chunks.push_back(fresh);
      next->counts.push_back(0);
    } else {
      // Copy the partially filled last chunk before writing to it: the old
      // snapshot may be scanning it.
      auto copy = std::make_shared<DataChunk>();
      copy->Initialize(types_);
      copy->Append(*next->chunks.back(), SelectionVector(), next->counts.back());
      next->chunks.back() = copy;
    }
    auto& target = const_cast<DataChunk&>(*next->chunks.back());
    idx_t n = std::min(kVectorSize - next->counts.back(), chunk.size() - offset);
    SelectionVector sel(n);
    for (idx_t i = 0; i < n; i++)
      sel.set_index(i, offset + i);
    target.Append(chunk, sel, n);
    next->counts.back() += n;
    next->row_count += n;
    offset += n;
  }
}

void DataTable::Truncate() {
  std::lock_guard<std::mutex> guard(lock_);
  current_ = std::make_shared<TableSnapshot>();
}

std::shared_ptr<const TableSnapshot> DataTable::Snapshot() const {
  std::lock_guard<std::mutex> guard(lock_);
  return current_;
}

idx_t DataTable::RowCount() const {
  std::lock_guard<std::mutex> guard(lock_);
  return current_->row_count;
}

}  // namespace tributary
