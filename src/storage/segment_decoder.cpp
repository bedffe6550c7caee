#include "storage/segment_decoder.h"

#include <algorithm>
#include <cstring>

#include "common/exception.h"
#include "storage/bit_packing.h"
#include "storage/segment_format.h"

namespace tributary {

using segment_format::ByteReader;
using segment_format::kIsIntegral;
using segment_format::kMaxDictionary;
using segment_format::Slot;

namespace {

const char* TakePacked(ByteReader& r, idx_t count, int width) {
  return r.Take(bit_packing::PackedWords(count, width) * sizeof(uint64_t));
}

// The unsigned type bit-packed deltas of T unpack into.
template <class T>
struct UnsignedOf {
  using type = std::make_unsigned_t<T>;
};
template <>
struct UnsignedOf<hugeint_t> {
  using type = uint64_t;
};
template <class T>
using Unsigned = typename UnsignedOf<T>::type;

}  // namespace

SegmentDecoder::SegmentDecoder() : scratch_(new uint64_t[kVectorSize]) {}
SegmentDecoder::~SegmentDecoder() = default;

void SegmentDecoder::Open(const LogicalType& type, std::string_view body, idx_t count,
                          const std::string& what) {
  count_ = 0;
  physical_ = type.physical();
  what_ = what;
  validity_ = nullptr;
  data_ = nullptr;
  entry_data_ = nullptr;
  run_lengths_ = nullptr;
  width_ = 0;
  entries_ = 0;
  next_row_ = run_ = run_used_ = 0;
  ByteReader r(body, what_);
  count_ = count;
  try {
    if (r.Get<uint8_t>())
      validity_ = r.Take((count + 63) / 64 * sizeof(uint64_t));
    encoding_ = static_cast<SegmentEncoding>(r.Get<uint8_t>());
    if (physical_ == PhysicalType::kString) {
      OpenStrings(r);
    } else {
      DispatchPhysical(physical_, [&](auto tag) {
        using T = typename decltype(tag)::type;
        if constexpr (!std::is_same_v<T, string_t>)
          OpenFixed<T>(r);
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
void SegmentDecoder::OpenFixed(ByteReader& r) {
  switch (encoding_) {
    case SegmentEncoding::kPlain:
      data_ = r.Take(count_ * sizeof(T));
      break;
    case SegmentEncoding::kBitPacked: {
      if constexpr (kIsIntegral<T>) {
        T base = r.Get<T>();
        std::memcpy(base_, &base, sizeof(T));
        width_ = r.Get<uint8_t>();
        if (width_ > static_cast<int>(8 * sizeof(Unsigned<T>)))
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
      if (width_ > 32)
        ThrowCorrupted(what_, "bad bit width");
      data_ = TakePacked(r, count_, width_);
      break;
    }
    default:
      ThrowCorrupted(what_, "unknown encoding");
  }
}

void SegmentDecoder::OpenStrings(ByteReader& r) {
  vector_offsets_.assign((count_ + kVectorSize - 1) / kVectorSize, 0);
  idx_t total = 0;
  if (encoding_ == SegmentEncoding::kPlain) {
    data_ = r.Take(count_ * 4);
    for (idx_t i = 0; i < count_; i++) {
      if (i % kVectorSize == 0)
        vector_offsets_[i / kVectorSize] = total;
      uint32_t len;
      std::memcpy(&len, data_ + i * 4, 4);
      total += len;
    }
    entry_data_ = r.Take(total);
  } else if (encoding_ == SegmentEncoding::kBitPacked) {
    uint32_t base = r.Get<uint32_t>();
    std::memcpy(base_, &base, 4);
    width_ = r.Get<uint8_t>();
    if (width_ > 32)
      ThrowCorrupted(what_, "bad bit width");
    data_ = TakePacked(r, count_, width_);
    auto* lengths = reinterpret_cast<uint32_t*>(scratch_.get());
    for (idx_t start = 0; start < count_; start += kVectorSize) {
      idx_t n = std::min(kVectorSize, count_ - start);
      vector_offsets_[start / kVectorSize] = total;
      bit_packing::Unpack<uint32_t>(data_, start, n, width_, base, lengths);
      for (idx_t i = 0; i < n; i++)
        total += lengths[i];
    }
    entry_data_ = r.Take(total);
  } else if (encoding_ == SegmentEncoding::kDictionary) {
    uint32_t size = r.Get<uint32_t>();
    if (size == 0 || size > kMaxDictionary + 1)
      ThrowCorrupted(what_, "bad dictionary size");
    const char* lengths = r.Take(idx_t(size) * 4);
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
    if (width_ > 32)
      ThrowCorrupted(what_, "bad bit width");
    data_ = TakePacked(r, count_, width_);
  } else {
    ThrowCorrupted(what_, "unknown string encoding");
  }
}

void SegmentDecoder::Decode(idx_t start, idx_t n, char* out) {
  TRIB_ASSERT(start % kVectorSize == 0 && start + n <= count_);
  idx_t width = PhysicalTypeSize(physical_);
  for (idx_t done = 0; done < n; done += kVectorSize) {
    idx_t rows = std::min(kVectorSize, n - done);
    char* to = out + done * width;
    if (physical_ == PhysicalType::kString) {
      DecodeStrings(start + done, rows, reinterpret_cast<string_t*>(to));
      continue;
    }
    DispatchPhysical(physical_, [&](auto tag) {
      using T = typename decltype(tag)::type;
      if constexpr (!std::is_same_v<T, string_t>)
        DecodeFixed<T>(start + done, rows, to);
    });
  }
}

void SegmentDecoder::DecodeCodes(idx_t start, idx_t n) {
  auto* codes = reinterpret_cast<uint32_t*>(scratch_.get());
  uint32_t largest = bit_packing::UnpackCodes(data_, start, n, width_, codes);
  if (n > 0 && largest >= entries_)
    ThrowCorrupted(what_, "dictionary code out of range");
}

template <class T>
void SegmentDecoder::DecodeRuns(idx_t start, idx_t n, char* bytes) {
  auto* out = reinterpret_cast<Slot<T>*>(bytes);
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
}

template <class T>
void SegmentDecoder::DecodeFixed(idx_t start, idx_t n, char* bytes) {
  auto* out = reinterpret_cast<Slot<T>*>(bytes);
  switch (encoding_) {
    case SegmentEncoding::kPlain:
      std::memcpy(out, data_ + start * sizeof(T), n * sizeof(T));
      break;
    case SegmentEncoding::kBitPacked: {
      if constexpr (std::is_same_v<T, hugeint_t>) {
        hugeint_t base;
        std::memcpy(&base, base_, sizeof(T));
        auto* deltas = scratch_.get();
        bit_packing::Unpack<uint64_t>(data_, start, n, width_, 0, deltas);
        for (idx_t i = 0; i < n; i++)
          out[i] = base + static_cast<hugeint_t>(deltas[i]);
      } else if constexpr (kIsIntegral<T>) {
        // A wrapping add in the unsigned type: the encoder's deltas are
        // value - base in two's complement.
        using U = Unsigned<T>;
        U base;
        std::memcpy(&base, base_, sizeof(U));
        bit_packing::Unpack<U>(data_, start, n, width_, base, reinterpret_cast<U*>(out));
      }
      break;
    }
    case SegmentEncoding::kRle:
      DecodeRuns<T>(start, n, bytes);
      break;
    case SegmentEncoding::kDictionary: {
      const char* e = entry_data_;
      if (width_ == 0) {
        Slot<T> value;
        std::memcpy(&value, e, sizeof(T));
        std::fill(out, out + n, value);
        break;
      }
      DecodeCodes(start, n);
      const auto* codes = reinterpret_cast<const uint32_t*>(scratch_.get());
      for (idx_t i = 0; i < n; i++)
        std::memcpy(&out[i], e + codes[i] * sizeof(T), sizeof(T));
      break;
    }
    default:
      ThrowCorrupted(what_, "unknown encoding");
  }
}

void SegmentDecoder::DecodeStrings(idx_t start, idx_t n, string_t* out) {
  switch (encoding_) {
    case SegmentEncoding::kPlain: {
      idx_t offset = vector_offsets_[start / kVectorSize];
      for (idx_t i = 0; i < n; i++) {
        uint32_t len;
        std::memcpy(&len, data_ + (start + i) * 4, 4);
        out[i] = string_t(entry_data_ + offset, len);
        offset += len;
      }
      break;
    }
    case SegmentEncoding::kBitPacked: {
      uint32_t base;
      std::memcpy(&base, base_, 4);
      auto* lengths = reinterpret_cast<uint32_t*>(scratch_.get());
      bit_packing::Unpack<uint32_t>(data_, start, n, width_, base, lengths);
      const char* p = entry_data_ + vector_offsets_[start / kVectorSize];
      for (idx_t i = 0; i < n; i++) {
        out[i] = string_t(p, lengths[i]);
        p += lengths[i];
      }
      break;
    }
    default: {
      const string_t* e = dictionary_.data();
      if (width_ == 0) {  // one entry
        std::fill(out, out + n, e[0]);
        break;
      }
      DecodeCodes(start, n);
      const auto* codes = reinterpret_cast<const uint32_t*>(scratch_.get());
      // Whole 16-byte copies (one load and store each, not one per field).
      static_assert(sizeof(string_t) == 16);
      for (idx_t i = 0; i < n; i++)
        std::memcpy(&out[i], &e[codes[i]], sizeof(string_t));
    }
  }
}

void SegmentDecoder::Validity(idx_t start, idx_t n, ValidityMask& mask) const {
  TRIB_ASSERT(start % 64 == 0 && n <= kVectorSize);
  if (!validity_)
    return;
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

}  // namespace tributary
