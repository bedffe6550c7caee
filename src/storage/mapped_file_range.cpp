#include "storage/mapped_file_range.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "common/exception.h"
#include "storage/durable_file.h"

namespace tributary {

std::shared_ptr<const char> MapFileRange(const std::string& path, uint64_t offset, uint64_t size) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) {
      throw Exception(sqlstate::kDataCorrupted,
                      "could not read \"" + path + "\": the file is missing");
    }
    ThrowFileError("open", path, errno);
  }
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    int error = errno;
    ::close(fd);
    ThrowFileError("stat", path, error);
  }
  auto file_size = static_cast<uint64_t>(st.st_size);
  if (offset > file_size || size > file_size - offset) {
    ::close(fd);
    throw Exception(sqlstate::kDataCorrupted,
                    "could not read \"" + path + "\": the file is shorter than the manifest says")
        .WithHint(
            "The file is damaged (torn write or disk corruption); restore the data "
            "directory from a backup.");
  }
  auto page = static_cast<uint64_t>(::sysconf(_SC_PAGESIZE));
  uint64_t start = offset / page * page;
  uint64_t end = offset + size + 8;
  // Bytes past the end of the file are readable (as zeros) only up to the
  // end of its last page.
  if (end > (file_size + page - 1) / page * page) {
    ::close(fd);
    return nullptr;
  }
  uint64_t length = end - start;
  // Populated at once: the pages are in the page cache (a warm scan), so
  // this maps them without a fault per page.
  void* p = ::mmap(nullptr, length, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, start);
  ::close(fd);
  if (p == MAP_FAILED)
    return nullptr;
  const char* bytes = static_cast<const char*>(p) + (offset - start);
  return std::shared_ptr<const char>(bytes, [p, length](const char*) { ::munmap(p, length); });
}

}  // namespace tributary
