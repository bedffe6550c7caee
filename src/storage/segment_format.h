// Segment format internals shared by the encoder (column_segment.cpp), the
// decode kernels (segment_decoder.cpp) and the readers of whole segments
// and of vectors (column_segment.cpp, segment_scanner.cpp). See
// column_segment.h for the layout.
//
// Everything here checks lengths before it reads and throws XX001 through
// ThrowCorrupted: a damaged segment is never read as data.
#pragma once

#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <type_traits>

#include "storage/column_segment.h"

namespace tributary::segment_format {

// Dictionaries larger than this are not written (nor accepted when read).
constexpr idx_t kMaxDictionary = 1 << 16;

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

// Values as stored in a std::vector (std::vector<bool> is not an array).
template <class T>
using Slot = std::conditional_t<std::is_same_v<T, bool>, uint8_t, T>;

template <class T>
constexpr bool kIsIntegral = std::is_same_v<T, int16_t> || std::is_same_v<T, int32_t> ||
                             std::is_same_v<T, int64_t> || std::is_same_v<T, hugeint_t>;

// Checks `bytes` (a whole segment of `count` rows: magic, CRC, sizes) and
// returns its decompressed body. The body is written to allocate(raw size),
// which must return that many bytes plus 8 (zeroed here, for bit
// unpacking), except when `in_place` and the body is stored uncompressed:
// then the view points into `bytes`, which must have 8 readable bytes past
// its end.
std::string_view OpenSegmentBody(std::string_view bytes, idx_t count, const std::string& what,
                                 const std::function<char*(idx_t)>& allocate, bool in_place);

}  // namespace tributary::segment_format
