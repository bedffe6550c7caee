#include "storage/durable_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/exception.h"

namespace tributary {

void ThrowFileError(const char* operation, const std::string& path, int error) {
  const char* state = sqlstate::kIoError;
  if (error == ENOSPC || error == EFBIG || error == EDQUOT)
    state = sqlstate::kDiskFull;
  else if (error == EACCES || error == EPERM || error == EROFS)
    state = sqlstate::kInsufficientPrivilege;
  throw Exception(state, std::string("could not ") + operation + " file \"" + path +
                             "\": " + std::strerror(error));
}

namespace {

void WriteAll(int fd, std::string_view data, const std::string& path) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      int error = errno;
      ::close(fd);
      ThrowFileError("write", path, error);
    }
    done += n;
  }
  if (::fsync(fd) != 0) {
    int error = errno;
    ::close(fd);
    ThrowFileError("fsync", path, error);
  }
  if (::close(fd) != 0)
    ThrowFileError("close", path, errno);
}

}  // namespace

void WriteNewFile(const std::string& path, std::string_view data) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    ThrowFileError("create", path, errno);
  try {
    WriteAll(fd, data, path);
  } catch (...) {
    ::unlink(path.c_str());
    throw;
  }
}

void ReplaceFileAtomically(const std::string& directory, const std::string& name,
                           std::string_view data) {
  std::string path = directory + "/" + name;
  std::string temp = path + ".tmp";
  ::unlink(temp.c_str());
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0)
    ThrowFileError("create", temp, errno);
  try {
    WriteAll(fd, data, temp);
  } catch (...) {
    ::unlink(temp.c_str());
    throw;
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    int error = errno;
    ::unlink(temp.c_str());
    ThrowFileError("rename", temp, error);
  }
  SyncDirectory(directory);
}

namespace {

// A segment or manifest file named by the manifest, for reading.
int OpenStoredFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) {
      throw Exception(sqlstate::kDataCorrupted,
                      "could not read \"" + path + "\": the file is missing");
    }
    ThrowFileError("open", path, errno);
  }
  return fd;
}

[[noreturn]] void ThrowFileShort(int fd, const std::string& path) {
  ::close(fd);
  throw Exception(sqlstate::kDataCorrupted,
                  "could not read \"" + path + "\": the file is shorter than the manifest says")
      .WithHint(
          "The file is damaged (torn write or disk corruption); restore the data "
          "directory from a backup.");
}

}  // namespace

void ReadFileRangeInto(const std::string& path, uint64_t offset, uint64_t size, char* out) {
  int fd = OpenStoredFile(path);
  uint64_t done = 0;
  while (done < size) {
    ssize_t n = ::pread(fd, out + done, size - done, offset + done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      int error = errno;
      ::close(fd);
      ThrowFileError("read", path, error);
    }
    if (n == 0)
      ThrowFileShort(fd, path);
    done += n;
  }
  ::close(fd);
}

std::shared_ptr<const char> MapFileRange(const std::string& path, uint64_t offset, uint64_t size) {
  int fd = OpenStoredFile(path);
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    int error = errno;
    ::close(fd);
    ThrowFileError("stat", path, error);
  }
  auto file_size = static_cast<uint64_t>(st.st_size);
  if (offset > file_size || size > file_size - offset)
    ThrowFileShort(fd, path);
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
  // Populated at once: on a warm page cache this maps the pages without a
  // fault per page.
  void* p = ::mmap(nullptr, length, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, start);
  ::close(fd);
  if (p == MAP_FAILED)
    return nullptr;
  const char* bytes = static_cast<const char*>(p) + (offset - start);
  return std::shared_ptr<const char>(bytes, [p, length](const char*) { ::munmap(p, length); });
}

std::string ReadFileRange(const std::string& path, uint64_t offset, uint64_t size) {
  std::string out(size, '\0');
  ReadFileRangeInto(path, offset, size, out.data());
  return out;
}

bool ReadWholeFile(const std::string& path, std::string& out) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT)
      return false;
    ThrowFileError("open", path, errno);
  }
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    int error = errno;
    ::close(fd);
    ThrowFileError("stat", path, error);
  }
  ::close(fd);
  out = ReadFileRange(path, 0, st.st_size);
  return true;
}

void SyncDirectory(const std::string& directory) {
  int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    ThrowFileError("open", directory, errno);
  if (::fsync(fd) != 0) {
    int error = errno;
    ::close(fd);
    ThrowFileError("fsync", directory, error);
  }
  ::close(fd);
}

}  // namespace tributary
