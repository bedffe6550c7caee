#include "storage/column_segment.h"

#include <lz4.h>
#include <zstd.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <type_traits>
#include <unordered_map>

#include "common/exception.h"
#include "storage/bit_packing.h"
#include "storage/checksum.h"
#include "storage/segment_buffer.h"
#include "storage/segment_decoder.h"
#include "storage/segment_format.h"

namespace tributary {

namespace {

using segment_format::ByteReader;
using segment_format::kIsIntegral;
using segment_format::kMaxDictionary;
using segment_format::Slot;

// "TSG1": zstd always; "TSG2": a codec byte after has_nulls.
constexpr uint32_t kSegmentMagicV1 = 0x31475354;
constexpr uint32_t kSegmentMagic = 0x32475354;
enum class Codec : uint8_t { kZstd = 0, kNone = 1, kLz4 = 2 };
// A body is compressed with lz4 only when that shrinks it to a third or
// less (see column_segment.h).
constexpr idx_t kMinCompression = 3;
// String dictionaries are given up once 3/4 of this many rows are distinct.
constexpr idx_t kDictionarySample = 4096;
// magic, crc, encoding, has_nulls, [codec,] count, raw size, compressed size.
constexpr idx_t kHeaderSizeV1 = 4 + 4 + 1 + 1 + 4 + 8 + 8;
constexpr idx_t kHeaderSize = kHeaderSizeV1 + 1;

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

int BitsFor(uint64_t x) {
  return x == 0 ? 0 : 64 - __builtin_clzll(x);
}

void PackBits(ByteWriter& w, const std::vector<uint64_t>& values, int width) {
  std::vector<uint64_t> out(bit_packing::PackedWords(values.size(), width));
  bit_packing::Pack(values.data(), values.size(), width, out.data());
  w.PutBytes(out.data(), out.size() * sizeof(uint64_t));
}

// The code width and the bit-packed codes of `values` in `dictionary`
// (value -> code, numbered 0..size-1).
template <class Dictionary, class V>
void PutCodes(ByteWriter& w, Dictionary& dictionary, const std::vector<V>& values) {
  int width = BitsFor(dictionary.size() - 1);
  w.Put<uint8_t>(width);
  std::vector<uint64_t> codes(values.size());
  for (idx_t i = 0; i < values.size(); i++)
    codes[i] = dictionary[values[i]];
  PackBits(w, codes, width);
}

// Hash and equality on a slot's bytes, a machine word at a time (these run
// once per row of every fixed-width column while encoding: library hashing
// and memcmp calls were a third of a load's time).
template <class T>
uint64_t SlotWord(const Slot<T>& v, size_t offset) {
  uint64_t w = 0;
  std::memcpy(&w, reinterpret_cast<const char*>(&v) + offset,
              std::min<size_t>(8, sizeof(Slot<T>) - offset));
  return w;
}
template <class T>
struct SlotHash {
  size_t operator()(const Slot<T>& v) const {
    uint64_t h = 0;
    for (size_t offset = 0; offset < sizeof(Slot<T>); offset += 8) {
      h = (h ^ SlotWord<T>(v, offset)) * 0x9E3779B97F4A7C15ULL;
      h ^= h >> 29;
    }
    return h;
  }
};
template <class T>
struct SlotEqual {
  bool operator()(const Slot<T>& a, const Slot<T>& b) const {
    bool equal = true;
    for (size_t offset = 0; offset < sizeof(Slot<T>); offset += 8)
      equal &= SlotWord<T>(a, offset) == SlotWord<T>(b, offset);
    return equal;
  }
};

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
    if (!dictionary.try_emplace(values[i], 0).second)
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
      PutCodes(w, dictionary, values);
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
  // Lengths bit-packed against the shortest (NULLs count as empty).
  idx_t bytes = 0;
  uint32_t shortest = ~uint32_t(0), longest = 0;
  for (auto& s : values) {
    bytes += s.size();
    shortest = std::min<uint32_t>(shortest, s.size());
    longest = std::max<uint32_t>(longest, s.size());
  }
  if (count == 0)
    shortest = longest = 0;
  int length_width = BitsFor(longest - shortest);
  idx_t plain = bytes + bit_packing::PackedWords(count, length_width) * 8 + 5;
  // Built only while it can still be smaller than plain (see EncodeFixed).
  std::unordered_map<std::string_view, uint32_t> dictionary;
  idx_t dict_bytes = 0;
  bool dict_possible = count > 0;
  for (idx_t i = 0; i < count && dict_possible; i++) {
    if (!dictionary.try_emplace(values[i], 0).second)
      continue;
    dict_bytes += values[i].size() + 4;
    idx_t d = dictionary.size();
    if (d > kMaxDictionary || dict_bytes + count * BitsFor(d - 1) / 8 + 5 >= plain)
      dict_possible = false;
    // Mostly distinct so far (free text): a dictionary will not pay off,
    // and building it nearly to the end was most of the encode time.
    if (i >= kDictionarySample && d * 4 > (i + 1) * 3)
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
    PutCodes(w, dictionary, values);
    return;
  }
  result.encoding = SegmentEncoding::kBitPacked;
  w.Put<uint8_t>(static_cast<uint8_t>(SegmentEncoding::kBitPacked));
  w.Put<uint32_t>(shortest);
  w.Put<uint8_t>(length_width);
  std::vector<uint64_t> lengths(count);
  for (idx_t i = 0; i < count; i++)
    lengths[i] = values[i].size() - shortest;
  PackBits(w, lengths, length_width);
  for (auto& s : values)
    w.PutBytes(s.data(), s.size());
}

// Keeps a segment's string bytes alive for the vectors that view them (a
// StringHeap that vectors' heaps keep alive, owning the bytes).
struct SegmentStrings {
  StringHeap heap;
  std::shared_ptr<char> bytes;
};

// Decompressed bodies of fixed-width segments are needed only while they
// are decoded: one buffer per thread, reused.
char* Scratch(idx_t size) {
  thread_local std::unique_ptr<char[]> buffer;
  thread_local idx_t capacity = 0;
  if (size + 64 > capacity) {
    capacity = std::max<idx_t>(size + 64, capacity * 2);
    buffer = std::make_unique_for_overwrite<char[]>(capacity);
  }
  return buffer.get();
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
  Codec codec = Codec::kLz4;
  std::string compressed;
  if (raw.size() < static_cast<size_t>(LZ4_MAX_INPUT_SIZE)) {
    compressed.resize(LZ4_compressBound(static_cast<int>(raw.size())));
    int n = LZ4_compress_default(raw.data(), compressed.data(), static_cast<int>(raw.size()),
                                 static_cast<int>(compressed.size()));
    if (n <= 0 || static_cast<size_t>(n) * kMinCompression > raw.size())
      codec = Codec::kNone;
    else
      compressed.resize(n);
  } else {
    codec = Codec::kNone;
  }
  std::string_view stored = codec == Codec::kNone ? std::string_view(raw) : compressed;

  ByteWriter out;
  out.str().reserve(kHeaderSize + stored.size());
  out.Put<uint32_t>(kSegmentMagic);
  out.Put<uint32_t>(0);  // CRC, filled in below
  out.Put<uint8_t>(static_cast<uint8_t>(result.encoding));
  out.Put<uint8_t>(nulls > 0);
  out.Put<uint8_t>(static_cast<uint8_t>(codec));
  out.Put<uint32_t>(count);
  out.Put<uint64_t>(raw.size());
  out.Put<uint64_t>(stored.size());
  out.PutBytes(stored.data(), stored.size());
  std::string& bytes = out.str();
  uint32_t crc = Checksum(bytes.data() + 8, bytes.size() - 8);
  std::memcpy(bytes.data() + 4, &crc, 4);
  result.bytes = std::move(bytes);
  return result;
}

namespace segment_format {

std::string_view OpenSegmentBody(std::string_view bytes, idx_t count, const std::string& what,
                                 const std::function<char*(idx_t)>& allocate, bool in_place) {
  if (bytes.size() < kHeaderSizeV1)
    ThrowCorrupted(what, "segment is truncated");
  ByteReader header(bytes, what);
  uint32_t magic = header.Get<uint32_t>();
  if (magic != kSegmentMagic && magic != kSegmentMagicV1)
    ThrowCorrupted(what, "not a column segment");
  idx_t header_size = magic == kSegmentMagic ? kHeaderSize : kHeaderSizeV1;
  if (bytes.size() < header_size)
    ThrowCorrupted(what, "segment is truncated");
  uint32_t crc = header.Get<uint32_t>();
  if (Checksum(bytes.data() + 8, bytes.size() - 8) != crc)
    ThrowCorrupted(what, "checksum mismatch");
  header.Get<uint8_t>();  // encoding (repeated in the body)
  header.Get<uint8_t>();
  Codec codec = magic == kSegmentMagic ? static_cast<Codec>(header.Get<uint8_t>()) : Codec::kZstd;
  if (header.Get<uint32_t>() != count)
    ThrowCorrupted(what, "row count does not match the manifest");
  uint64_t raw_size = header.Get<uint64_t>();
  uint64_t compressed_size = header.Get<uint64_t>();
  if (compressed_size != bytes.size() - header_size || raw_size > (uint64_t(1) << 36))
    ThrowCorrupted(what, "bad segment sizes");
  const char* stored = bytes.data() + header_size;
  if (codec == Codec::kNone) {
    if (compressed_size != raw_size)
      ThrowCorrupted(what, "bad segment sizes");
    if (in_place)
      return std::string_view(stored, raw_size);
  }
  char* raw = allocate(raw_size);
  switch (codec) {
    case Codec::kNone:
      std::memcpy(raw, stored, raw_size);
      break;
    case Codec::kLz4: {
      if (raw_size > static_cast<uint64_t>(LZ4_MAX_INPUT_SIZE) ||
          compressed_size > static_cast<uint64_t>(LZ4_MAX_INPUT_SIZE))
        ThrowCorrupted(what, "bad segment sizes");
      int n = LZ4_decompress_safe(stored, raw, static_cast<int>(compressed_size),
                                  static_cast<int>(raw_size));
      if (n < 0 || static_cast<uint64_t>(n) != raw_size)
        ThrowCorrupted(what, "compressed data is damaged");
      break;
    }
    case Codec::kZstd: {
      thread_local std::unique_ptr<ZSTD_DCtx, size_t (*)(ZSTD_DCtx*)> context(ZSTD_createDCtx(),
                                                                              ZSTD_freeDCtx);
      size_t n = ZSTD_decompressDCtx(context.get(), raw, raw_size, stored, compressed_size);
      if (ZSTD_isError(n) || n != raw_size)
        ThrowCorrupted(what, "compressed data is damaged");
      break;
    }
    default:
      ThrowCorrupted(what, "unknown compression");
  }
  std::memset(raw + raw_size, 0, 8);  // bit unpacking may read up to 8 bytes past the end
  return std::string_view(raw, raw_size);
}

}  // namespace segment_format

std::vector<Vector> DecodeColumnSegment(const LogicalType& type, std::string_view bytes,
                                        idx_t count, const std::string& what) {
  // String views point into the decompressed body, which is kept; other
  // bodies are decoded from a per-thread buffer.
  bool strings = type.physical() == PhysicalType::kString;
  std::shared_ptr<char> kept;
  std::string_view body = segment_format::OpenSegmentBody(
      bytes, count, what,
      [&](idx_t raw_size) {
        if (!strings)
          return Scratch(raw_size);
        kept = AllocateSegmentBuffer(raw_size);
        return kept.get();
      },
      false);
  SegmentDecoder decoder;
  decoder.Open(type, body, count, what);
  idx_t width = PhysicalTypeSize(type.physical());
  std::shared_ptr<char> values = AllocateSegmentBuffer(count * width);
  decoder.Decode(0, count, values.get());

  // Vectors view the decoded values (no copy).
  std::shared_ptr<StringHeap> heap;
  if (strings) {
    auto owner = std::make_shared<SegmentStrings>();
    owner->bytes = std::move(kept);
    heap = std::shared_ptr<StringHeap>(owner, &owner->heap);
  }
  std::vector<Vector> vectors;
  vectors.reserve((count + kVectorSize - 1) / kVectorSize);
  for (idx_t start = 0; start < count; start += kVectorSize) {
    idx_t n = std::min(kVectorSize, count - start);
    ValidityMask mask;
    decoder.Validity(start, n, mask);
    Vector& v = vectors.emplace_back(type, 0);
    v.ReferenceData(reinterpret_cast<data_ptr_t>(values.get() + start * width), values, mask,
                    nullptr);
    if (heap)
      v.heap().KeepAlive(heap);
  }
  return vectors;
}

}  // namespace tributary
