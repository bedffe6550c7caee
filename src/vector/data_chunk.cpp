#include "vector/data_chunk.h"

#include "common/exception.h"

namespace tributary {

void DataChunk::Initialize(const std::vector<LogicalType>& types, idx_t capacity) {
  data_.clear();
  capacity_ = capacity < 1 ? 1 : capacity;
  for (auto& t : types)
    data_.emplace_back(t, capacity_);
  count_ = 0;
}

void DataChunk::Reset() {
  for (auto& v : data_) {
    if (v.capacity() < capacity_) {
      v = Vector(v.type(), capacity_);
    } else {
      v.ResetToFlat();
    }
  }
  count_ = 0;
}

std::vector<LogicalType> DataChunk::Types() const {
  std::vector<LogicalType> types;
  for (auto& v : data_)
    types.push_back(v.type());
  return types;
}

void DataChunk::Reference(const DataChunk& other) {
  TRIB_ASSERT(other.ColumnCount() == ColumnCount());
  for (idx_t i = 0; i < data_.size(); i++)
    data_[i].Reference(other.data_[i]);
  count_ = other.count_;
}

void DataChunk::Append(const DataChunk& source, const SelectionVector& sel, idx_t count) {
  TRIB_ASSERT(source.ColumnCount() == ColumnCount());
  for (idx_t i = 0; i < data_.size(); i++) {
    if (data_[i].IsConstant() || count_ == 0) {
      if (data_[i].IsConstant())
        data_[i].ResetToFlat();
    }
    data_[i].CopyFrom(source.data_[i], sel, count, count_);
  }
  count_ += count;
  if (count_ > capacity_)
    capacity_ = count_;
}

void DataChunk::Slice(const SelectionVector& sel, idx_t count) {
  DataChunk copy;
  copy.Initialize(Types(), count);
  copy.Append(*this, sel, count);
  *this = std::move(copy);
}

void DataChunk::Flatten() {
  for (auto& v : data_)
    v.Flatten(count_);
}

std::string DataChunk::ToString() const {
  std::string result;
  for (idx_t r = 0; r < count_; r++) {
    for (idx_t c = 0; c < data_.size(); c++) {
      if (c)
        result += "\t";
      result += data_[c].GetValue(r).ToString();
    }
    result += "\n";
  }
  return result;
}

}  // namespace tributary
