#include "vector/string_heap.h"

#include <cstring>

namespace tributary {

char* StringHeap::Allocate(idx_t len) {
  if (len > remaining_) {
    idx_t size = len > kBlockSize / 4 ? len : kBlockSize;
    // Not zero-filled: every byte handed out is written by the caller.
    blocks_.push_back(std::make_unique_for_overwrite<char[]>(size));
    total_ += size;
    if (size == len) {
      // A large string gets a block of its own; keep filling the current one.
      return blocks_.back().get();
    }
    current_ = blocks_.back().get();
    remaining_ = size;
  }
  char* result = current_;
  current_ += len;
  remaining_ -= len;
  return result;
}

string_t StringHeap::Add(std::string_view s) {
  if (s.empty())
    return string_t("", 0);
  char* dst = Allocate(s.size());
  std::memcpy(dst, s.data(), s.size());
  return string_t(dst, static_cast<uint32_t>(s.size()));
}

void StringHeap::KeepAlive(std::shared_ptr<StringHeap> other) {
  if (!other || other.get() == this)
    return;
  if (!kept_alive_set_.insert(other.get()).second)
    return;
  kept_alive_.push_back(std::move(other));
}

}  // namespace tributary
