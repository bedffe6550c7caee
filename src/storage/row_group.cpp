#include "storage/row_group.h"

#include <algorithm>

#include "common/exception.h"
#include "storage/durable_file.h"
#include "storage/segment_scanner.h"

namespace tributary {

RowGroup::RowGroup(std::vector<LogicalType> types, std::vector<ColumnVectors> columns, idx_t count)
    : types_(std::move(types)), count_(count) {
  for (auto& column : columns)
    columns_.push_back(std::make_shared<const ColumnVectors>(std::move(column)));
}

RowGroup::RowGroup(std::vector<LogicalType> types, idx_t count, std::string directory,
                   std::string file, std::vector<SegmentPointer> segments)
    : types_(std::move(types)),
      count_(count),
      columns_(types_.size()),
      directory_(std::move(directory)),
      file_(std::move(file)),
      segments_(std::move(segments)) {}

bool RowGroup::Decode(idx_t c, bool wait) const {
  std::string path;
  SegmentPointer segment;
  {
    std::unique_lock<std::mutex> guard(lock_);
    if (decoding_.size() < columns_.size())
      decoding_.resize(columns_.size(), 0);
    while (!columns_[c] && decoding_[c]) {
      if (!wait)
        return false;
      decoded_.wait(guard);
    }
    if (columns_[c])
      return true;
    decoding_[c] = 1;
    path = directory_ + "/" + file_;
    segment = segments_[c];
  }
  std::shared_ptr<const ColumnVectors> column;
  try {
    // The segment's bytes are needed only while it is decoded: one buffer
    // per thread, reused (a fresh one per segment costs page faults).
    thread_local std::unique_ptr<char[]> buffer;
    thread_local uint64_t capacity = 0;
    if (segment.size > capacity) {
      capacity = std::max<uint64_t>(segment.size, capacity * 2);
      buffer = std::make_unique_for_overwrite<char[]>(capacity);
    }
    ReadFileRangeInto(path, segment.offset, segment.size, buffer.get());
    column = std::make_shared<const ColumnVectors>(
        DecodeColumnSegment(types_[c], std::string_view(buffer.get(), segment.size), count_,
                            "column " + std::to_string(c + 1) + " of \"" + path + "\""));
  } catch (...) {
    std::lock_guard<std::mutex> guard(lock_);
    decoding_[c] = 0;
    decoded_.notify_all();
    throw;
  }
  std::lock_guard<std::mutex> guard(lock_);
  columns_[c] = std::move(column);
  decoding_[c] = 0;
  decoded_.notify_all();
  return true;
}

std::shared_ptr<const ColumnVectors> RowGroup::Column(idx_t c) const {
  {
    std::lock_guard<std::mutex> guard(lock_);
    if (columns_[c])
      return columns_[c];
  }
  // A failed decode by another thread leaves the column to this one.
  while (true) {
    Decode(c, true);
    std::lock_guard<std::mutex> guard(lock_);
    if (columns_[c])
      return columns_[c];
  }
}

std::shared_ptr<const ColumnVectors> RowGroup::CachedColumn(idx_t c) const {
  std::lock_guard<std::mutex> guard(lock_);
  return columns_[c];
}

void RowGroup::LoadSegment(idx_t c, SegmentScanner& scanner) const {
  std::string path;
  uint64_t offset, size;
  {
    std::lock_guard<std::mutex> guard(lock_);
    TRIB_ASSERT(!file_.empty() && c < segments_.size());
    path = directory_ + "/" + file_;
    offset = segments_[c].offset;
    size = segments_[c].size;
  }
  scanner.LoadFile(path, offset, size, types_[c], count_,
                   "column " + std::to_string(c + 1) + " of \"" + path + "\"");
}

bool RowGroup::persisted() const {
  std::lock_guard<std::mutex> guard(lock_);
  return !file_.empty();
}

std::string RowGroup::file() const {
  std::lock_guard<std::mutex> guard(lock_);
  return file_;
}

std::vector<SegmentPointer> RowGroup::segments() const {
  std::lock_guard<std::mutex> guard(lock_);
  return segments_;
}

void RowGroup::Persist(const std::string& directory, const std::string& file) const {
  std::vector<std::shared_ptr<const ColumnVectors>> columns;
  {
    std::lock_guard<std::mutex> guard(lock_);
    if (!file_.empty())
      return;
    columns = columns_;
  }
  std::string data;
  std::vector<SegmentPointer> segments;
  for (idx_t c = 0; c < types_.size(); c++) {
    std::vector<const Vector*> vectors;
    for (auto& v : *columns[c])
      vectors.push_back(&v);
    auto encoded = EncodeColumnSegment(types_[c], vectors, count_);
    SegmentPointer pointer;
    pointer.offset = data.size();
    pointer.size = encoded.bytes.size();
    pointer.encoding = encoded.encoding;
    pointer.stats = encoded.stats;
    data += encoded.bytes;
    segments.push_back(pointer);
  }
  WriteNewFile(directory + "/" + file, data);
  std::lock_guard<std::mutex> guard(lock_);
  directory_ = directory;
  file_ = file;
  segments_ = std::move(segments);
}

RowGroupBuilder::RowGroupBuilder(std::vector<LogicalType> types) : types_(std::move(types)) {}

void RowGroupBuilder::Append(DataChunk chunk) {
  if (chunk.size() == 0)
    return;
  if (partial_.ColumnCount() == 0 && chunk.size() == kVectorSize) {
    full_.push_back(std::move(chunk));
    if (full_.size() == kRowGroupVectors)
      Flush();
    return;
  }
  idx_t offset = 0;
  while (offset < chunk.size()) {
    if (partial_.ColumnCount() == 0)
      partial_.Initialize(types_);
    idx_t n = std::min(kVectorSize - partial_.size(), chunk.size() - offset);
    SelectionVector sel(n);
    for (idx_t i = 0; i < n; i++)
      sel.set_index(i, offset + i);
    partial_.Append(chunk, sel, n);
    offset += n;
    if (partial_.size() == kVectorSize) {
      full_.push_back(std::move(partial_));
      partial_ = DataChunk();
      if (full_.size() == kRowGroupVectors)
        Flush();
    }
  }
}

void RowGroupBuilder::Flush() {
  if (partial_.ColumnCount() > 0 && partial_.size() > 0) {
    full_.push_back(std::move(partial_));
    partial_ = DataChunk();
  }
  if (full_.empty())
    return;
  std::vector<ColumnVectors> columns(types_.size());
  idx_t count = 0;
  for (auto& chunk : full_) {
    for (idx_t c = 0; c < types_.size(); c++)
      columns[c].push_back(std::move(chunk.column(c)));
    count += chunk.size();
  }
  full_.clear();
  groups_.push_back(std::make_shared<const RowGroup>(types_, std::move(columns), count));
}

std::vector<std::shared_ptr<const RowGroup>> RowGroupBuilder::Finish() {
  Flush();
  return std::move(groups_);
}

}  // namespace tributary
