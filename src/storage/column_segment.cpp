#include "storage/column_segment.h"

#include <zstd.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <type_traits>
#include <unordered_map>

#include "common/exception.h"
#include "storage/checksum.h"

namespace tributary {

namespace {

constexpr uint32_t kSegmentMagic = 0x31475354;  // "TSG1"
constexpr int kZstdLevel = 3;
// Dictionaries larger than this are not considered.
constexpr idx_t kMaxDictionary = 1 << 16;
// magic, crc, encoding, has_nulls, count, raw size, compressed size.
constexpr idx_t kHeaderSize = 4 + 4 + 1 + 1 + 4 + 8 + 8;

class ByteWriter {
 public:
  template <class T>
  void Put(const T& value) {
    PutBytes(&value, sizeof(T));
  }
  void PutBytes(const void* data, size_t size) {
    out_.append(static_cast<const char*>(data), size);
  }
  std::string& str() { return out_; }

 private:
  std::string out_;
};

class ByteReader {
 public:
  ByteReader(std::string_view data, const std::string& what) : data_(data), what_(what) {}
  template <class T>
  T Get() {
    T value;
    std::memcpy(&value, Take(sizeof(T)), sizeof(T));
    return value;
  }
  const char* Take(size_t size) {
    if (size > data_.size() - offset_)
      ThrowCorrupted(what_, "segment ends early");
    const char* p = data_.data() + offset_;
    offset_ += size;
    return p;
  }
  bool AtEnd() const { return offset_ == data_.size(); }

 private:
  std::string_view data_;
  size_t offset_ = 0;
  const std::string& what_;
};

int BitsFor(uint64_t x) {
  return x == 0 ? 0 : 64 - __builtin_clzll(x);
}

void PackBits(ByteWriter& w, const std::vector<uint64_t>& values, int width) {
  if (width == 0)
    return;
  idx_t words = (values.size() * width + 63) / 64;
  std::vector<uint64_t> out(words, 0);
  for (idx_t i = 0; i < values.size(); i++) {
    idx_t bit = i * width;
    idx_t word = bit >> 6;
    int offset = bit & 63;
    out[word] |= values[i] << offset;
    if (offset + width > 64)
      out[word + 1] |= values[i] >> (64 - offset);
  }
  w.PutBytes(out.data(), words * sizeof(uint64_t));
}

std::vector<uint64_t> UnpackBits(ByteReader& r, idx_t count, int width) {
  std::vector<uint64_t> values(count, 0);
  if (width == 0)
    return values;
  idx_t words = (count * width + 63) / 64;
  std::vector<uint64_t> in(words);
  std::memcpy(in.data(), r.Take(words * sizeof(uint64_t)), words * sizeof(uint64_t));
  uint64_t mask = width == 64 ? ~uint64_t(0) : (uint64_t(1) << width) - 1;
  for (idx_t i = 0; i < count; i++) {
    idx_t bit = i * width;
    idx_t word = bit >> 6;
    int offset = bit & 63;
    uint64_t v = in[word] >> offset;
    if (offset + width > 64)
      v |= in[word + 1] << (64 - offset);
    values[i] = v & mask;
  }
  return values;
}

// Values as stored in a std::vector (std::vector<bool> is not an array).
template <class T>
using Slot = std::conditional_t<std::is_same_v<T, bool>, uint8_t, T>;

template <class T>
struct SlotHash {
  size_t operator()(const Slot<T>& v) const {
    return std::hash<std::string_view>()(
        std::string_view(reinterpret_cast<const char*>(&v), sizeof(v)));
  }
};
template <class T>
struct SlotEqual {
  bool operator()(const Slot<T>& a, const Slot<T>& b) const {
    return std::memcmp(&a, &b, sizeof(a)) == 0;
  }
};

template <class T>
constexpr bool kIsIntegral = std::is_same_v<T, int16_t> || std::is_same_v<T, int32_t> ||
                             std::is_same_v<T, int64_t> || std::is_same_v<T, hugeint_t>;

template <class T>
uint64_t Delta(T v, T base) {
  return static_cast<uint64_t>(
      static_cast<uhugeint_t>(static_cast<hugeint_t>(v) - static_cast<hugeint_t>(base)));
}

// Validity bits of the whole segment; returns the NULL count.
idx_t GatherValidity(const std::vector<const Vector*>& vectors, idx_t count,
                     std::vector<uint64_t>& bits) {
  bits.assign((count + 63) / 64, ~uint64_t(0));
  idx_t nulls = 0;
  for (idx_t i = 0; i < count; i++) {
    if (vectors[i / kVectorSize]->IsNull(i % kVectorSize)) {
      bits[i / 64] &= ~(uint64_t(1) << (i % 64));
      nulls++;
    }
  }
  return nulls;
}

bool RowValid(const std::vector<uint64_t>& bits, idx_t i) {
  return (bits[i / 64] >> (i % 64)) & 1;
}

template <class T>
void EncodeFixed(const std::vector<const Vector*>& vectors, idx_t count,
                 const std::vector<uint64_t>& validity, idx_t nulls, ByteWriter& w,
                 EncodedSegment& result) {
  std::vector<Slot<T>> values(count);
  for (idx_t i = 0; i < count; i++) {
    const Vector& v = *vectors[i / kVectorSize];
    idx_t row = v.IsConstant() ? 0 : i % kVectorSize;
    std::memcpy(&values[i], v.Data<T>() + row, sizeof(T));
  }
  // NULL slots repeat their neighbour so they cost nothing in any encoding.
  if (nulls > 0) {
    idx_t first = 0;
    while (first < count && !RowValid(validity, first))
      first++;
    Slot<T> fill{};
    if (first < count)
      fill = values[first];
    for (idx_t i = 0; i < count; i++) {
      if (RowValid(validity, i))
        fill = values[i];
      else
        values[i] = fill;
    }
  }
  if constexpr (kIsIntegral<T> && !std::is_same_v<T, hugeint_t>) {
    bool any = false;
    for (idx_t i = 0; i < count; i++) {
      if (!RowValid(validity, i))
        continue;
      int64_t x = values[i];
      if (!any || x < result.stats.min)
        result.stats.min = x;
      if (!any || x > result.stats.max)
        result.stats.max = x;
      any = true;
    }
    result.stats.has_min_max = any;
  }
  if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
    auto& stats = result.stats;
    stats.has_float_range = nulls < count;
    for (idx_t i = 0; i < count; i++) {
      if (!RowValid(validity, i))
        continue;
      double x = values[i];
      if (std::isnan(x)) {
        stats.has_nan = true;
        continue;
      }
      if (!stats.has_float_number || x < stats.float_min)
        stats.float_min = x;
      if (!stats.has_float_number || x > stats.float_max)
        stats.float_max = x;
      stats.has_float_number = true;
    }
  }

  // Candidate sizes.
  idx_t plain = count * sizeof(T);
  idx_t runs = count == 0 ? 0 : 1;
  for (idx_t i = 1; i < count; i++)
    runs += !SlotEqual<T>()(values[i], values[i - 1]);
  idx_t rle = runs * (sizeof(T) + 4) + 4;
  idx_t packed = ~idx_t(0);
  int width = 0;
  T base{};
  if constexpr (kIsIntegral<T>) {
    if (count > 0) {
      T lo = values[0], hi = values[0];
      for (idx_t i = 1; i < count; i++) {
        lo = values[i] < lo ? values[i] : lo;
        hi = values[i] > hi ? values[i] : hi;
      }
      uhugeint_t range = static_cast<uhugeint_t>(static_cast<hugeint_t>(hi) - lo);
      if (range <= ~uint64_t(0)) {
        base = lo;
        width = BitsFor(static_cast<uint64_t>(range));
        packed = count * width / 8 + sizeof(T) + 9;
      }
    }
  }
  // The dictionary is built only while it can still be the smallest: its
  // size grows with each distinct value, so once its lower bound reaches
  // the best other encoding it cannot win (most of a load's encode time
  // went into dictionaries of high-cardinality columns).
  idx_t best_other = std::min({plain, packed, rle});
  std::unordered_map<Slot<T>, uint32_t, SlotHash<T>, SlotEqual<T>> dictionary;
  bool dict_possible = count > 0;
  for (idx_t i = 0; i < count && dict_possible; i++) {
    if (!dictionary.emplace(values[i], 0).second)
      continue;
    idx_t d = dictionary.size();
    if (d > kMaxDictionary || d * sizeof(T) + count * BitsFor(d - 1) / 8 + 5 >= best_other)
      dict_possible = false;
  }
  idx_t dict = ~idx_t(0);
  if (dict_possible)
    dict = dictionary.size() * sizeof(T) + count * BitsFor(dictionary.size() - 1) / 8 + 5;
  SegmentEncoding encoding = SegmentEncoding::kPlain;
  idx_t best = plain;
  if (packed < best) {
    encoding = SegmentEncoding::kBitPacked;
    best = packed;
  }
  if (rle < best) {
    encoding = SegmentEncoding::kRle;
    best = rle;
  }
  if (dict < best) {
    encoding = SegmentEncoding::kDictionary;
    best = dict;
  }
  result.encoding = encoding;
  w.Put<uint8_t>(static_cast<uint8_t>(encoding));
  switch (encoding) {
    case SegmentEncoding::kPlain:
      w.PutBytes(values.data(), count * sizeof(T));
      break;
    case SegmentEncoding::kBitPacked: {
      if constexpr (kIsIntegral<T>) {
        w.Put<T>(base);
        w.Put<uint8_t>(width);
        std::vector<uint64_t> deltas(count);
        for (idx_t i = 0; i < count; i++)
          deltas[i] = Delta<T>(values[i], base);
        PackBits(w, deltas, width);
      }
      break;
    }
    case SegmentEncoding::kRle: {
      w.Put<uint32_t>(runs);
      std::vector<uint32_t> lengths;
      for (idx_t i = 0; i < count;) {
        idx_t j = i + 1;
        while (j < count && SlotEqual<T>()(values[j], values[i]))
          j++;
        w.PutBytes(&values[i], sizeof(T));
        lengths.push_back(j - i);
        i = j;
      }
      w.PutBytes(lengths.data(), lengths.size() * sizeof(uint32_t));
      break;
    }
    case SegmentEncoding::kDictionary: {
      std::vector<Slot<T>> entries;
      for (auto& [value, code] : dictionary) {
        code = entries.size();
        entries.push_back(value);
      }
      w.Put<uint32_t>(entries.size());
      w.PutBytes(entries.data(), entries.size() * sizeof(T));
      int code_width = BitsFor(entries.size() - 1);
      w.Put<uint8_t>(code_width);
      std::vector<uint64_t> codes(count);
      for (idx_t i = 0; i < count; i++)
        codes[i] = dictionary[values[i]];
      PackBits(w, codes, code_width);
      break;
    }
  }
}

void EncodeStrings(const std::vector<const Vector*>& vectors, idx_t count,
                   const std::vector<uint64_t>& validity, ByteWriter& w, EncodedSegment& result) {
  std::vector<std::string_view> values(count);
  for (idx_t i = 0; i < count; i++) {
    if (!RowValid(validity, i))
      continue;
    const Vector& v = *vectors[i / kVectorSize];
    values[i] = v.Data<string_t>()[v.IsConstant() ? 0 : i % kVectorSize].View();
  }
  {
    // Zone map: the smallest and largest value in byte order, bounded.
    auto& stats = result.stats;
    std::string_view lo, hi;
    for (idx_t i = 0; i < count; i++) {
      if (!RowValid(validity, i))
        continue;
      if (!stats.has_string_range || values[i] < lo)
        lo = values[i];
      if (!stats.has_string_range || values[i] > hi)
        hi = values[i];
      stats.has_string_range = true;
    }
    if (stats.has_string_range) {
      stats.string_min = std::string(lo.substr(0, SegmentStatistics::kStringPrefix));
      stats.string_max = std::string(hi.substr(0, SegmentStatistics::kStringPrefix));
      stats.string_max_truncated = hi.size() > SegmentStatistics::kStringPrefix;
    }
  }
  idx_t plain = count * 4;
  for (auto& s : values)
    plain += s.size();
  // Built only while it can still be smaller than plain (see EncodeFixed).
  std::unordered_map<std::string_view, uint32_t> dictionary;
  idx_t dict_bytes = 0;
  bool dict_possible = count > 0;
  for (idx_t i = 0; i < count && dict_possible; i++) {
    if (!dictionary.emplace(values[i], 0).second)
      continue;
    dict_bytes += values[i].size() + 4;
    idx_t d = dictionary.size();
    if (d > kMaxDictionary || dict_bytes + count * BitsFor(d - 1) / 8 + 5 >= plain)
      dict_possible = false;
  }
  idx_t dict = ~idx_t(0);
  if (dict_possible)
    dict = dict_bytes + count * BitsFor(dictionary.size() - 1) / 8 + 5;
  if (dict < plain) {
    result.encoding = SegmentEncoding::kDictionary;
    w.Put<uint8_t>(static_cast<uint8_t>(SegmentEncoding::kDictionary));
    std::vector<std::string_view> entries;
    for (auto& [value, code] : dictionary) {
      code = entries.size();
      entries.push_back(value);
    }
    w.Put<uint32_t>(entries.size());
    for (auto& e : entries)
      w.Put<uint32_t>(e.size());
    for (auto& e : entries)
      w.PutBytes(e.data(), e.size());
    int code_width = BitsFor(entries.size() - 1);
    w.Put<uint8_t>(code_width);
    std::vector<uint64_t> codes(count);
    for (idx_t i = 0; i < count; i++)
      codes[i] = dictionary[values[i]];
    PackBits(w, codes, code_width);
    return;
  }
  result.encoding = SegmentEncoding::kPlain;
  w.Put<uint8_t>(static_cast<uint8_t>(SegmentEncoding::kPlain));
  for (auto& s : values)
    w.Put<uint32_t>(s.size());
  for (auto& s : values)
    w.PutBytes(s.data(), s.size());
}

std::vector<Vector> MakeVectors(const LogicalType& type, idx_t count) {
  std::vector<Vector> vectors;
  for (idx_t start = 0; start < count; start += kVectorSize)
    vectors.emplace_back(type, kVectorSize);
  return vectors;
}

template <class T>
void DecodeFixed(ByteReader& r, SegmentEncoding encoding, idx_t count, std::vector<Vector>& vectors,
                 const std::string& what) {
  // Values go straight into the vectors' buffers.
  std::vector<Slot<T>*> out(vectors.size());
  for (idx_t v = 0; v < vectors.size(); v++)
    out[v] = reinterpret_cast<Slot<T>*>(vectors[v].Data<T>());
  auto slot = [&](idx_t i) -> Slot<T>& { return out[i / kVectorSize][i % kVectorSize]; };
  switch (encoding) {
    case SegmentEncoding::kPlain: {
      const char* data = r.Take(count * sizeof(T));
      for (idx_t v = 0; v < vectors.size(); v++) {
        idx_t n = std::min<idx_t>(kVectorSize, count - v * kVectorSize);
        std::memcpy(out[v], data + v * kVectorSize * sizeof(T), n * sizeof(T));
      }
      break;
    }
    case SegmentEncoding::kBitPacked: {
      if constexpr (kIsIntegral<T>) {
        T base = r.Get<T>();
        int width = r.Get<uint8_t>();
        if (width > 64)
          ThrowCorrupted(what, "bad bit width");
        auto deltas = UnpackBits(r, count, width);
        for (idx_t i = 0; i < count; i++)
          slot(i) = static_cast<T>(static_cast<hugeint_t>(base) + deltas[i]);
      } else {
        ThrowCorrupted(what, "bit-packing on a non-integer column");
      }
      break;
    }
    case SegmentEncoding::kRle: {
      uint32_t runs = r.Get<uint32_t>();
      if (runs > count)
        ThrowCorrupted(what, "bad run count");
      const char* run_values = r.Take(idx_t(runs) * sizeof(T));
      const char* run_lengths = r.Take(idx_t(runs) * 4);
      idx_t filled = 0;
      for (uint32_t k = 0; k < runs; k++) {
        uint32_t length;
        std::memcpy(&length, run_lengths + k * 4, 4);
        if (length > count - filled)
          ThrowCorrupted(what, "runs exceed the row count");
        Slot<T> value;
        std::memcpy(&value, run_values + k * sizeof(T), sizeof(T));
        for (uint32_t j = 0; j < length; j++)
          slot(filled++) = value;
      }
      if (filled != count)
        ThrowCorrupted(what, "runs do not cover the row count");
      break;
    }
    case SegmentEncoding::kDictionary: {
      uint32_t size = r.Get<uint32_t>();
      if (size > kMaxDictionary + 1)
        ThrowCorrupted(what, "bad dictionary size");
      std::vector<Slot<T>> entries(size);
      std::memcpy(entries.data(), r.Take(idx_t(size) * sizeof(T)), idx_t(size) * sizeof(T));
      int width = r.Get<uint8_t>();
      if (width > 64)
        ThrowCorrupted(what, "bad bit width");
      auto codes = UnpackBits(r, count, width);
      for (idx_t i = 0; i < count; i++) {
        if (codes[i] >= size)
          ThrowCorrupted(what, "dictionary code out of range");
        slot(i) = entries[codes[i]];
      }
      break;
    }
    default:
      ThrowCorrupted(what, "unknown encoding");
  }
}

void DecodeStrings(ByteReader& r, SegmentEncoding encoding, idx_t count,
                   std::vector<Vector>& vectors, const std::string& what) {
  auto heap = std::make_shared<StringHeap>();
  std::vector<string_t> values(count);
  if (encoding == SegmentEncoding::kPlain) {
    const char* lengths = r.Take(count * 4);
    idx_t total = 0;
    for (idx_t i = 0; i < count; i++) {
      uint32_t len;
      std::memcpy(&len, lengths + i * 4, 4);
      total += len;
    }
    const char* bytes = r.Take(total);
    char* copy = total ? heap->Allocate(total) : nullptr;
    if (total)
      std::memcpy(copy, bytes, total);
    idx_t offset = 0;
    for (idx_t i = 0; i < count; i++) {
      uint32_t len;
      std::memcpy(&len, lengths + i * 4, 4);
      values[i] = len ? string_t(copy + offset, len) : string_t("", 0);
      offset += len;
    }
  } else if (encoding == SegmentEncoding::kDictionary) {
    uint32_t size = r.Get<uint32_t>();
    if (size > kMaxDictionary + 1)
      ThrowCorrupted(what, "bad dictionary size");
    const char* lengths = r.Take(idx_t(size) * 4);
    idx_t total = 0;
    for (idx_t i = 0; i < size; i++) {
      uint32_t len;
      std::memcpy(&len, lengths + i * 4, 4);
      total += len;
    }
    const char* bytes = r.Take(total);
    char* copy = total ? heap->Allocate(total) : nullptr;
    if (total)
      std::memcpy(copy, bytes, total);
    std::vector<string_t> entries(size);
    idx_t offset = 0;
    for (idx_t i = 0; i < size; i++) {
      uint32_t len;
      std::memcpy(&len, lengths + i * 4, 4);
      entries[i] = len ? string_t(copy + offset, len) : string_t("", 0);
      offset += len;
    }
    int width = r.Get<uint8_t>();
    if (width > 64)
      ThrowCorrupted(what, "bad bit width");
    auto codes = UnpackBits(r, count, width);
    for (idx_t i = 0; i < count; i++) {
      if (codes[i] >= size)
        ThrowCorrupted(what, "dictionary code out of range");
      values[i] = entries[codes[i]];
    }
  } else {
    ThrowCorrupted(what, "unknown string encoding");
  }
  for (idx_t v = 0; v < vectors.size(); v++) {
    idx_t n = std::min<idx_t>(kVectorSize, count - v * kVectorSize);
    std::memcpy(vectors[v].Data<string_t>(), values.data() + v * kVectorSize, n * sizeof(string_t));
    vectors[v].heap().KeepAlive(heap);
  }
}

}  // namespace

const char* SegmentEncodingName(SegmentEncoding encoding) {
  switch (encoding) {
    case SegmentEncoding::kPlain:
      return "plain";
    case SegmentEncoding::kRle:
      return "rle";
    case SegmentEncoding::kDictionary:
      return "dictionary";
    case SegmentEncoding::kBitPacked:
      return "bitpacked";
  }
  return "unknown";
}

void ThrowCorrupted(const std::string& what, const std::string& detail) {
  throw Exception(sqlstate::kDataCorrupted, "could not read " + what + ": " + detail)
      .WithHint(
          "The file is damaged (torn write or disk corruption); restore the data "
          "directory from a backup.");
}

EncodedSegment EncodeColumnSegment(const LogicalType& type,
                                   const std::vector<const Vector*>& vectors, idx_t count) {
  EncodedSegment result;
  std::vector<uint64_t> validity;
  idx_t nulls = GatherValidity(vectors, count, validity);
  result.stats.null_count = nulls;
  ByteWriter body;
  body.Put<uint8_t>(nulls > 0);
  if (nulls > 0)
    body.PutBytes(validity.data(), validity.size() * sizeof(uint64_t));
  if (type.physical() == PhysicalType::kString) {
    EncodeStrings(vectors, count, validity, body, result);
  } else {
    DispatchPhysical(type.physical(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      if constexpr (!std::is_same_v<T, string_t>)
        EncodeFixed<T>(vectors, count, validity, nulls, body, result);
    });
  }
  const std::string& raw = body.str();
  std::string compressed(ZSTD_compressBound(raw.size()), '\0');
  size_t n =
      ZSTD_compress(compressed.data(), compressed.size(), raw.data(), raw.size(), kZstdLevel);
  if (ZSTD_isError(n))
    throw InternalException(std::string("zstd: ") + ZSTD_getErrorName(n));
  compressed.resize(n);

  ByteWriter out;
  out.Put<uint32_t>(kSegmentMagic);
  out.Put<uint32_t>(0);  // CRC, filled in below
  out.Put<uint8_t>(static_cast<uint8_t>(result.encoding));
  out.Put<uint8_t>(nulls > 0);
  out.Put<uint32_t>(count);
  out.Put<uint64_t>(raw.size());
  out.Put<uint64_t>(compressed.size());
  out.PutBytes(compressed.data(), compressed.size());
  std::string& bytes = out.str();
  uint32_t crc = Checksum(bytes.data() + 8, bytes.size() - 8);
  std::memcpy(bytes.data() + 4, &crc, 4);
  result.bytes = std::move(bytes);
  return result;
}

std::vector<Vector> DecodeColumnSegment(const LogicalType& type, std::string_view bytes,
                                        idx_t count, const std::string& what) {
  if (bytes.size() < kHeaderSize)
    ThrowCorrupted(what, "segment is truncated");
  ByteReader header(bytes, what);
  if (header.Get<uint32_t>() != kSegmentMagic)
    ThrowCorrupted(what, "not a column segment");
  uint32_t crc = header.Get<uint32_t>();
  if (Checksum(bytes.data() + 8, bytes.size() - 8) != crc)
    ThrowCorrupted(what, "checksum mismatch");
  header.Get<uint8_t>();  // encoding (repeated in the body)
  header.Get<uint8_t>();
  if (header.Get<uint32_t>() != count)
    ThrowCorrupted(what, "row count does not match the manifest");
  uint64_t raw_size = header.Get<uint64_t>();
  uint64_t compressed_size = header.Get<uint64_t>();
  if (compressed_size != bytes.size() - kHeaderSize || raw_size > (uint64_t(1) << 36))
    ThrowCorrupted(what, "bad segment sizes");
  // Not zero-filled first: zstd writes every byte (checked below).
  std::unique_ptr<char[]> buffer(new char[raw_size ? raw_size : 1]);
  size_t n = ZSTD_decompress(buffer.get(), raw_size, bytes.data() + kHeaderSize, compressed_size);
  if (ZSTD_isError(n) || n != raw_size)
    ThrowCorrupted(what, "compressed data is damaged");
  std::string_view raw(buffer.get(), raw_size);

  ByteReader r(raw, what);
  auto vectors = MakeVectors(type, count);
  bool has_nulls = r.Get<uint8_t>();
  const char* validity = nullptr;
  if (has_nulls)
    validity = r.Take((count + 63) / 64 * sizeof(uint64_t));
  auto encoding = static_cast<SegmentEncoding>(r.Get<uint8_t>());
  if (type.physical() == PhysicalType::kString) {
    DecodeStrings(r, encoding, count, vectors, what);
  } else {
    DispatchPhysical(type.physical(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      if constexpr (!std::is_same_v<T, string_t>)
        DecodeFixed<T>(r, encoding, count, vectors, what);
    });
  }
  if (!r.AtEnd())
    ThrowCorrupted(what, "trailing bytes in segment");
  if (validity) {
    for (idx_t i = 0; i < count; i++) {
      uint64_t word;
      std::memcpy(&word, validity + (i / 64) * 8, 8);
      if (!((word >> (i % 64)) & 1))
        vectors[i / kVectorSize].SetNull(i % kVectorSize);
    }
  }
  return vectors;
}

}  // namespace tributary
