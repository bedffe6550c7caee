#include "storage/segment_scanner.h"

#include <algorithm>
#include <cstring>

#include "common/exception.h"
#include "storage/segment_format.h"

namespace tributary {

// A reusable allocation. `heap` is the heap string vectors name: their
// bytes are `data`, which the heap's owner (this) keeps alive.
struct SegmentScanner::Buffer {
  StringHeap heap;
  std::unique_ptr<char[]> data;
  idx_t capacity = 0;
};

namespace {

// Bit unpacking reads up to 8 bytes past the end of the packed words.
constexpr idx_t kSlack = 64;

// `buffer`'s memory, with room for `size` bytes plus kSlack: reused when
// nothing else holds the buffer (and nobody added strings to its heap),
// else a fresh one of at least the same capacity.
char* Acquire(std::shared_ptr<SegmentScanner::Buffer>& buffer, idx_t size) {
  idx_t capacity = buffer ? buffer->capacity : 0;
  if (!buffer || buffer.use_count() > 1 || buffer->heap.SizeInBytes() > 0)
    buffer = std::make_shared<SegmentScanner::Buffer>();
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
  TRIB_ASSERT(stored_ && size + kSlack <= stored_->capacity);
  decoder_.Close();
  type_ = type;
  what_ = what;
  bool decompressed = false;
  std::string_view body = segment_format::OpenSegmentBody(
      std::string_view(stored_->data.get(), size), count, what_,
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
  char* values = Acquire(values_, kVectorSize * PhysicalTypeSize(type_.physical()));
  ValidityMask mask;
  decoder_.Validity(start, n, mask);
  decoder_.Decode(start, n, values);
  std::shared_ptr<StringHeap> heap;
  if (type_.physical() == PhysicalType::kString) {
    auto& owner = body_in_place_ ? stored_ : body_;
    heap = std::shared_ptr<StringHeap>(owner, &owner->heap);
  }
  out.ReferenceData(reinterpret_cast<data_ptr_t>(values), values_, mask, std::move(heap));
}

}  // namespace tributary
