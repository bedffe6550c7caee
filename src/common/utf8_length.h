// Utf8Length: the number of characters of UTF-8 text (bytes that do not
// continue a sequence). The text is assumed valid (the warehouse only
// holds valid UTF-8).
#pragma once

#include <cstddef>
#include <string_view>

namespace tributary {

inline size_t Utf8Length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace tributary
