#include "storage/segment_scanner.h"

#include <algorithm>
#include <cstring>

#include "common/exception.h"
#include "storage/durable_file.h"
#include "storage/segment_format.h"

namespace tributary {

// A reusable allocation. `heap` is the heap string vectors name: their
// bytes are `data`, which the heap's owner (this) keeps alive.
struct SegmentScanner::Buffer {
  StringHeap heap;
  std::unique_ptr<char[]> data;
  idx_t capacity = 0;
  // Stored bytes mapped from their file instead of read into `data`.
  std::shared_ptr<const char> mapped;
};

namespace {

// Bit unpacking reads up to 8 bytes past the end of the packed words.
constexpr idx_t kSlack = 64;
// Segments at least this large are mapped: below it, copying them is
// cheaper than setting up and tearing down a mapping.
constexpr idx_t kMapAtLeast = idx_t(64) << 10;

// A buffer nobody else holds, for stored bytes that are mapped.
void AcquireUnused(std::shared_ptr<SegmentScanner::Buffer>& buffer) {
  if (!buffer || buffer.use_count() > 1 || buffer->heap.SizeInBytes() > 0)
    buffer = std::make_shared<SegmentScanner::Buffer>();
}

// `buffer`'s memory, with room for `size` bytes plus kSlack: reused when
// nothing else holds the buffer (and nobody added strings to its heap),
// else a fresh one of at least the same capacity.
char* Acquire(std::shared_ptr<SegmentScanner::Buffer>& buffer, idx_t size) {
  idx_t capacity = buffer ? buffer->capacity : 0;
  AcquireUnused(buffer);
  buffer->mapped.reset();
  if (buffer->capacity < size + kSlack) {
    // Segments of a column differ a little in size: grow with some room.
    capacity = std::max(capacity, size + kSlack + (size + kSlack) / 8);
    buffer->data = std::make_unique_for_overwrite<char[]>(capacity);
    buffer->capacity = capacity;
  }
  return buffer->data.get();
}

}  // namespace

SegmentScanner::SegmentScanner() : type_(LogicalTypeId::kInteger) {}
SegmentScanner::~SegmentScanner() = default;

char* SegmentScanner::StoredBuffer(idx_t size) {
  decoder_.Close();
  return Acquire(stored_, size);
}

void SegmentScanner::Load(const LogicalType& type, idx_t size, idx_t count,
                          const std::string& what) {
  TRIB_ASSERT(stored_ && !stored_->mapped && size + kSlack <= stored_->capacity);
  LoadStored(stored_->data.get(), size, type, count, what);
}

void SegmentScanner::LoadFile(const std::string& path, uint64_t offset, uint64_t size,
                              const LogicalType& type, idx_t count, const std::string& what) {
  decoder_.Close();
  std::shared_ptr<const char> mapped;
  if (size >= kMapAtLeast)
    mapped = MapFileRange(path, offset, size);
  if (!mapped) {
    ReadFileRangeInto(path, offset, size, StoredBuffer(size));
    Load(type, size, count, what);
    return;
  }
  AcquireUnused(stored_);
  stored_->mapped = std::move(mapped);
  LoadStored(stored_->mapped.get(), size, type, count, what);
}

void SegmentScanner::LoadStored(const char* bytes, idx_t size, const LogicalType& type, idx_t count,
                                const std::string& what) {
  decoder_.Close();
  type_ = type;
  what_ = what;
  bool decompressed = false;
  std::string_view body = segment_format::OpenSegmentBody(
      std::string_view(bytes, size), count, what_,
      [&](idx_t raw_size) {
        decompressed = true;
        return Acquire(body_, raw_size);
      },
      true);
  body_in_place_ = !decompressed;
  decoder_.Open(type, body, count, what_);
}

void SegmentScanner::Scan(idx_t v, Vector& out) {
  idx_t start = v * kVectorSize;
  idx_t count = decoder_.count();
  TRIB_ASSERT(start < count && out.type().physical() == type_.physical());
  idx_t n = std::min(kVectorSize, count - start);
  // The output vector holds the buffer of the previous vector (if any):
  // take the other one.
  auto& buffer = values_[0].use_count() <= 1 ? values_[0] : values_[1];
  char* values = Acquire(buffer, kVectorSize * PhysicalTypeSize(type_.physical()));
  ValidityMask mask;
  decoder_.Validity(start, n, mask);
  decoder_.Decode(start, n, values);
  std::shared_ptr<StringHeap> heap;
  if (type_.physical() == PhysicalType::kString) {
    auto& owner = body_in_place_ ? stored_ : body_;
    heap = std::shared_ptr<StringHeap>(owner, &owner->heap);
  }
  out.ReferenceData(reinterpret_cast<data_ptr_t>(values), buffer, mask, std::move(heap));
}

}  // namespace tributary
