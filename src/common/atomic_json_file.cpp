#include "common/atomic_json_file.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/exception.h"

namespace tributary {

namespace {

[[noreturn]] void IoError(const std::string& what, const std::string& path) {
  throw Exception(sqlstate::kIoError, what + " \"" + path + "\": " + std::strerror(errno));
}

// Holds an exclusive flock for its lifetime.
class DirectoryLock {
 public:
  explicit DirectoryLock(const std::string& dir) {
    std::string path = dir + "/.lock";
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ < 0)
      IoError("could not open lock file", path);
    if (::flock(fd_, LOCK_EX) != 0)
      IoError("could not lock", path);
  }
  ~DirectoryLock() {
    if (fd_ >= 0)
      ::close(fd_);
  }

 private:
  int fd_ = -1;
};

}  // namespace

AtomicJsonFile::AtomicJsonFile(std::string directory, std::string file_name,
                               std::function<nlohmann::json()> initial,
                               std::function<bool(const nlohmann::json&)> valid)
    : directory_(std::move(directory)),
      path_(directory_ + "/" + file_name),
      initial_(std::move(initial)),
      valid_(std::move(valid)) {
  std::error_code ec;
  std::filesystem::create_directories(directory_, ec);
  if (ec) {
    throw Exception(sqlstate::kIoError,
                    "could not create directory \"" + directory_ + "\": " + ec.message());
  }
  ::chmod(directory_.c_str(), 0700);
}

void AtomicJsonFile::Locked(const std::function<void()>& fn) const {
  DirectoryLock lock(directory_);
  fn();
}

nlohmann::json AtomicJsonFile::LoadUnlocked() const {
  std::ifstream in(path_);
  if (!in)
    return initial_();
  std::stringstream buffer;
  buffer << in.rdbuf();
  try {
    auto document = nlohmann::json::parse(buffer.str());
    if (!valid_(document))
      throw nlohmann::json::other_error::create(501, "missing sections", nullptr);
    return document;
  } catch (const nlohmann::json::exception& e) {
    throw Exception(sqlstate::kDataCorrupted,
                    "state file \"" + path_ + "\" is corrupted: " + e.what())
        .WithHint("Restore it from a backup; nothing was changed.");
  }
}

nlohmann::json AtomicJsonFile::Load() const {
  DirectoryLock lock(directory_);
  return LoadUnlocked();
}

void AtomicJsonFile::SaveUnlocked(const nlohmann::json& document) const {
  const std::string& path = path_;
  std::string tmp = path + ".tmp";
  std::string text = document.dump(2) + "\n";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0)
    IoError("could not write", tmp);
  size_t written = 0;
  while (written < text.size()) {
    ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      int saved = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      errno = saved;
      IoError("could not write", tmp);
    }
    written += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) {
    int saved = errno;
    ::close(fd);
    ::unlink(tmp.c_str());
    errno = saved;
    IoError("could not fsync", tmp);
  }
  ::close(fd);
  if (::rename(tmp.c_str(), path.c_str()) != 0)
    IoError("could not replace", path);
  int dir = ::open(directory_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

nlohmann::json AtomicJsonFile::Update(const std::function<void(nlohmann::json&)>& change) {
  DirectoryLock lock(directory_);
  auto document = LoadUnlocked();
  change(document);
  SaveUnlocked(document);
  return document;
}

}  // namespace tributary
