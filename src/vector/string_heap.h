// StringHeap: an append-only arena for string bytes. Vectors and hash tables
// own one; strings are freed all at once when the heap is destroyed. A heap
// can keep other heaps alive, so a vector that copies string_t views from
// another vector (instead of the bytes) stays valid.
//
// Not thread-safe: one heap per vector or per thread-local sink state.
#pragma once

#include <memory>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "types/string_t.h"

namespace tributary {

class StringHeap {
 public:
  StringHeap() = default;
  StringHeap(const StringHeap&) = delete;
  StringHeap& operator=(const StringHeap&) = delete;

  // Copies `s` into the heap and returns a view of the copy.
  string_t Add(std::string_view s);
  string_t Add(const string_t& s) { return Add(s.View()); }
  // Uninitialized space for a string of `len` bytes the caller fills in.
  char* Allocate(idx_t len);
  void KeepAlive(std::shared_ptr<StringHeap> other);
  // Bytes allocated, for memory accounting.
  idx_t SizeInBytes() const { return total_; }

 private:
  static constexpr idx_t kBlockSize = 64 * 1024;
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* current_ = nullptr;
  idx_t remaining_ = 0;
  idx_t total_ = 0;
  std::vector<std::shared_ptr<StringHeap>> kept_alive_;
  std::unordered_set<const StringHeap*> kept_alive_set_;
};

}  // namespace tributary
