#include "storage/segment_scanner.h"

#include <algorithm>
#include <cstring>

#include "common/exception.h"
#include "storage/segment_format.h"

namespace tributary {

using segment_format::ByteReader;
using segment_format::ForEachPacked;
using segment_format::kIsIntegral;
using segment_format::kMaxDictionary;
using segment_format::Slot;
using segment_format::TakePacked;

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
  count_ = 0;
  return Acquire(stored_, size);
}

void SegmentScanner::Load(const LogicalType& type, idx_t size, idx_t count,
                          const std::string& what) {
  TRIB_ASSERT(stored_ && size + kSlack <= stored_->capacity);
  type_ = type;
  count_ = 0;
  what_ = what;
  validity_ = nullptr;
  data_ = nullptr;
  entry_data_ = nullptr;
  run_lengths_ = nullptr;
  width_ = 0;
  entries_ = 0;
  next_row_ = run_ = run_used_ = 0;
  bool decompressed = false;
  std::string_view body = segment_format::OpenSegmentBody(
      std::string_view(stored_->data.get(), size), count, what_,
      [&](idx_t raw_size) {
        decompressed = true;
        return Acquire(body_, raw_size);
      },
      true);
  body_in_place_ = !decompressed;

  ByteReader r(body, what_);
  count_ = count;
  try {
    if (r.Get<uint8_t>())
      validity_ = r.Take((count + 63) / 64 * sizeof(uint64_t));
    encoding_ = static_cast<SegmentEncoding>(r.Get<uint8_t>());
    if (type.physical() == PhysicalType::kString) {
      LoadStrings(r);
    } else {
      DispatchPhysical(type.physical(), [&](auto tag) {
        using T = typename decltype(tag)::type;
        if constexpr (!std::is_same_v<T, string_t>)
          LoadFixed<T>(r);
      });
    }
    if (!r.AtEnd())
      ThrowCorrupted(what_, "trailing bytes in segment");
  } catch (...) {
    count_ = 0;
    throw;
  }
}

template <class T>
void SegmentScanner::LoadFixed(ByteReader& r) {
  switch (encoding_) {
    case SegmentEncoding::kPlain:
      data_ = r.Take(count_ * sizeof(T));
      break;
    case SegmentEncoding::kBitPacked: {
      if constexpr (kIsIntegral<T>) {
        T base = r.Get<T>();
        std::memcpy(base_, &base, sizeof(T));
        width_ = r.Get<uint8_t>();
        if (width_ > 64)
          ThrowCorrupted(what_, "bad bit width");
        data_ = TakePacked(r, count_, width_);
      } else {
        ThrowCorrupted(what_, "bit-packing on a non-integer column");
      }
      break;
    }
    case SegmentEncoding::kRle: {
      uint32_t runs = r.Get<uint32_t>();
      if (runs > count_)
        ThrowCorrupted(what_, "bad run count");
      entry_data_ = r.Take(idx_t(runs) * sizeof(T));
      run_lengths_ = r.Take(idx_t(runs) * 4);
      entries_ = runs;
      idx_t filled = 0;
      for (uint32_t k = 0; k < runs; k++) {
        uint32_t length;
        std::memcpy(&length, run_lengths_ + k * 4, 4);
        if (length > count_ - filled)
          ThrowCorrupted(what_, "runs exceed the row count");
        filled += length;
      }
      if (filled != count_)
        ThrowCorrupted(what_, "runs do not cover the row count");
      break;
    }
    case SegmentEncoding::kDictionary: {
      uint32_t size = r.Get<uint32_t>();
      if (size == 0 || size > kMaxDictionary + 1)
        ThrowCorrupted(what_, "bad dictionary size");
      entry_data_ = r.Take(idx_t(size) * sizeof(T));
      entries_ = size;
      width_ = r.Get<uint8_t>();
      if (width_ > 64)
        ThrowCorrupted(what_, "bad bit width");
      data_ = TakePacked(r, count_, width_);
      break;
    }
    default:
      ThrowCorrupted(what_, "unknown encoding");
  }
}

void SegmentScanner::LoadStrings(ByteReader& r) {
  if (encoding_ == SegmentEncoding::kPlain) {
    data_ = r.Take(count_ * 4);
    vector_offsets_.assign((count_ + kVectorSize - 1) / kVectorSize, 0);
    idx_t total = 0;
    for (idx_t i = 0; i < count_; i++) {
      if (i % kVectorSize == 0)
        vector_offsets_[i / kVectorSize] = total;
      uint32_t len;
      std::memcpy(&len, data_ + i * 4, 4);
      total += len;
    }
    entry_data_ = r.Take(total);
  } else if (encoding_ == SegmentEncoding::kDictionary) {
    uint32_t size = r.Get<uint32_t>();
    if (size == 0 || size > kMaxDictionary + 1)
      ThrowCorrupted(what_, "bad dictionary size");
    const char* lengths = r.Take(idx_t(size) * 4);
    idx_t total = 0;
    for (idx_t i = 0; i < size; i++) {
      uint32_t len;
      std::memcpy(&len, lengths + i * 4, 4);
      total += len;
    }
    const char* bytes = r.Take(total);
    dictionary_.resize(size);
    idx_t offset = 0;
    for (idx_t i = 0; i < size; i++) {
      uint32_t len;
      std::memcpy(&len, lengths + i * 4, 4);
      dictionary_[i] = string_t(bytes + offset, len);
      offset += len;
    }
    entries_ = size;
    width_ = r.Get<uint8_t>();
    if (width_ > 64)
      ThrowCorrupted(what_, "bad bit width");
    data_ = TakePacked(r, count_, width_);
  } else {
    ThrowCorrupted(what_, "unknown string encoding");
  }
}

template <class T>
void SegmentScanner::ScanFixed(idx_t start, idx_t n, char* bytes) {
  auto* out = reinterpret_cast<Slot<T>*>(bytes);
  switch (encoding_) {
    case SegmentEncoding::kPlain:
      std::memcpy(out, data_ + start * sizeof(T), n * sizeof(T));
      break;
    case SegmentEncoding::kBitPacked: {
      if constexpr (kIsIntegral<T>) {
        T base;
        std::memcpy(&base, base_, sizeof(T));
        if constexpr (std::is_same_v<T, hugeint_t>) {
          ForEachPacked(data_, start, n, width_, [&](idx_t i, uint64_t d) {
            out[i] = static_cast<T>(static_cast<hugeint_t>(base) + d);
          });
        } else {
          // Wrapping add in the unsigned type (the encoder's deltas are
          // value - base in two's complement).
          using U = std::make_unsigned_t<T>;
          U b = static_cast<U>(base);
          ForEachPacked(data_, start, n, width_, [&](idx_t i, uint64_t d) {
            out[i] = static_cast<T>(static_cast<U>(b + static_cast<U>(d)));
          });
        }
      }
      break;
    }
    case SegmentEncoding::kRle: {
      if (start < next_row_)
        next_row_ = run_ = run_used_ = 0;
      idx_t skip = start - next_row_;
      while (skip > 0) {
        uint32_t length;
        std::memcpy(&length, run_lengths_ + run_ * 4, 4);
        idx_t left = length - run_used_;
        if (left <= skip) {
          skip -= left;
          run_++;
          run_used_ = 0;
        } else {
          run_used_ += skip;
          skip = 0;
        }
      }
      idx_t filled = 0;
      while (filled < n) {
        uint32_t length;
        std::memcpy(&length, run_lengths_ + run_ * 4, 4);
        idx_t take = std::min<idx_t>(length - run_used_, n - filled);
        Slot<T> value;
        std::memcpy(&value, entry_data_ + run_ * sizeof(T), sizeof(T));
        std::fill(out + filled, out + filled + take, value);
        filled += take;
        run_used_ += take;
        if (run_used_ == length) {
          run_++;
          run_used_ = 0;
        }
      }
      next_row_ = start + n;
      break;
    }
    case SegmentEncoding::kDictionary: {
      bool bad = false;
      const char* e = entry_data_;
      uint32_t size = entries_;
      ForEachPacked(data_, start, n, width_, [&](idx_t i, uint64_t code) {
        bad |= code >= size;
        std::memcpy(&out[i], e + (code < size ? code : 0) * sizeof(T), sizeof(T));
      });
      if (bad)
        ThrowCorrupted(what_, "dictionary code out of range");
      break;
    }
    default:
      ThrowCorrupted(what_, "unknown encoding");
  }
}

void SegmentScanner::ScanStrings(idx_t start, idx_t n, string_t* out) {
  if (encoding_ == SegmentEncoding::kPlain) {
    idx_t offset = vector_offsets_[start / kVectorSize];
    for (idx_t i = 0; i < n; i++) {
      uint32_t len;
      std::memcpy(&len, data_ + (start + i) * 4, 4);
      out[i] = string_t(entry_data_ + offset, len);
      offset += len;
    }
    return;
  }
  bool bad = false;
  const string_t* e = dictionary_.data();
  uint32_t size = entries_;
  ForEachPacked(data_, start, n, width_, [&](idx_t i, uint64_t code) {
    bad |= code >= size;
    out[i] = e[code < size ? code : 0];
  });
  if (bad)
    ThrowCorrupted(what_, "dictionary code out of range");
}

void SegmentScanner::Scan(idx_t v, Vector& out) {
  idx_t start = v * kVectorSize;
  TRIB_ASSERT(start < count_ && out.type().physical() == type_.physical());
  idx_t n = std::min(kVectorSize, count_ - start);
  idx_t width = PhysicalTypeSize(type_.physical());
  char* values = Acquire(values_, kVectorSize * width);
  ValidityMask mask;
  if (validity_) {
    idx_t words = (n + 63) / 64;
    const char* bits = validity_ + start / 64 * sizeof(uint64_t);
    bool all_valid = true;
    for (idx_t w = 0; w < words; w++) {
      uint64_t word;
      std::memcpy(&word, bits + w * sizeof(uint64_t), sizeof(uint64_t));
      idx_t rows = std::min<idx_t>(64, n - w * 64);
      uint64_t used = rows == 64 ? ~uint64_t(0) : (uint64_t(1) << rows) - 1;
      all_valid &= (word & used) == used;
    }
    if (!all_valid) {
      mask.Initialize(kVectorSize);
      std::memcpy(mask.data(), bits, words * sizeof(uint64_t));
    }
  }
  std::shared_ptr<StringHeap> heap;
  if (type_.physical() == PhysicalType::kString) {
    ScanStrings(start, n, reinterpret_cast<string_t*>(values));
    auto& owner = body_in_place_ ? stored_ : body_;
    heap = std::shared_ptr<StringHeap>(owner, &owner->heap);
  } else {
    DispatchPhysical(type_.physical(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      if constexpr (!std::is_same_v<T, string_t>)
        ScanFixed<T>(start, n, values);
    });
  }
  out.ReferenceData(reinterpret_cast<data_ptr_t>(values), values_, mask, std::move(heap));
}

}  // namespace tributary
