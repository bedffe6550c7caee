#include "storage/segment_buffer.h"

#include <sys/mman.h>

#include <cstdlib>
#include <mutex>

#include "common/exception.h"

namespace tributary {

namespace {

constexpr idx_t kPage = 4096;
constexpr idx_t kArenaSize = idx_t(32) << 20;
// Larger requests get an allocation of their own.
constexpr idx_t kLargest = kArenaSize / 4;
constexpr idx_t kSlack = 64;

std::shared_ptr<char> AllocateAligned(idx_t bytes) {
  idx_t size = (bytes + kPage - 1) / kPage * kPage;
  // Populated at once: one system call instead of a fault per page.
  void* p = ::mmap(nullptr, size, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
  if (p == MAP_FAILED)
    throw Exception(sqlstate::kOutOfMemory, "out of memory decoding a column segment");
  return std::shared_ptr<char>(static_cast<char*>(p), [size](char* q) { ::munmap(q, size); });
}

struct Arena {
  std::mutex lock;
  std::shared_ptr<char> current;
  idx_t used = kArenaSize;
};

Arena& GlobalArena() {
  static Arena* arena = new Arena();  // never destroyed: buffers may outlive statics
  return *arena;
}

}  // namespace

std::shared_ptr<char> AllocateSegmentBuffer(idx_t bytes) {
  idx_t size = (bytes + kSlack + 63) / 64 * 64;
  if (size > kLargest)
    return AllocateAligned(size);
  Arena& arena = GlobalArena();
  std::lock_guard<std::mutex> guard(arena.lock);
  if (arena.used + size > kArenaSize) {
    arena.current = AllocateAligned(kArenaSize);
    arena.used = 0;
  }
  char* p = arena.current.get() + arena.used;
  arena.used += size;
  return std::shared_ptr<char>(arena.current, p);
}

}  // namespace tributary
