// string_t: a view of a string value inside a vector. The bytes are owned by
// the vector's buffer (its StringHeap) or by a longer-lived owner such as
// table storage; a string_t never owns memory and is valid only as long as
// the vector or chunk it was read from.
#pragma once

#include <cstring>
#include <string>
#include <string_view>

#include "common/constants.h"

namespace tributary {

struct string_t {
  const char* ptr = nullptr;
  uint32_t len = 0;

  string_t() = default;
  string_t(const char* p, uint32_t l) : ptr(p), len(l) {}

  std::string_view View() const { return std::string_view(ptr, len); }
  std::string ToString() const { return std::string(ptr, len); }

  bool operator==(const string_t& o) const {
    return len == o.len && (len == 0 || std::memcmp(ptr, o.ptr, len) == 0);
  }
  bool operator!=(const string_t& o) const { return !(*this == o); }
  // Byte-wise ordering: the "C" collation.
  bool operator<(const string_t& o) const { return View() < o.View(); }
  bool operator>(const string_t& o) const { return View() > o.View(); }
  bool operator<=(const string_t& o) const { return View() <= o.View(); }
  bool operator>=(const string_t& o) const { return View() >= o.View(); }
};

}  // namespace tributary
