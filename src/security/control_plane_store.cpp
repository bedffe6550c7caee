#include "security/control_plane_store.h"

#include <fcntl.h>
#include <sodium.h>
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

constexpr size_t kKeyBytes = 32;

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

std::string NewAccountId() {
  // Twelve digits without a leading zero, like an AWS account id.
  std::string id(1, static_cast<char>('1' + randombytes_uniform(9)));
  while (id.size() < 12)
    id += static_cast<char>('0' + randombytes_uniform(10));
  return id;
}

}  // namespace

ControlPlaneStore::ControlPlaneStore(std::string data_directory)
    : control_dir_(std::move(data_directory) + "/control") {
  if (sodium_init() < 0)
    throw InternalException("libsodium failed to initialize");
  std::error_code ec;
  std::filesystem::create_directories(control_dir_, ec);
  if (ec) {
    throw Exception(sqlstate::kIoError,
                    "could not create directory \"" + control_dir_ + "\": " + ec.message());
  }
  ::chmod(control_dir_.c_str(), 0700);
}

nlohmann::json ControlPlaneStore::LoadUnlocked() const {
  std::string path = control_dir_ + "/state.json";
  std::ifstream in(path);
  if (!in) {
    return nlohmann::json{{"account_id", NewAccountId()},
                          {"region", "us-east-1"},
                          {"secrets", nlohmann::json::array()},
                          {"roles", nlohmann::json::array()},
                          {"cluster_roles", nlohmann::json::array()},
                          {"default_role", ""}};
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  try {
    auto state = nlohmann::json::parse(buffer.str());
    if (!state.is_object() || !state.contains("secrets") || !state.contains("roles")) {
      throw nlohmann::json::other_error::create(501, "missing sections", nullptr);
    }
    return state;
  } catch (const nlohmann::json::exception& e) {
    throw Exception(sqlstate::kDataCorrupted,
                    "control-plane state file \"" + path + "\" is corrupted: " + e.what())
        .WithHint("Restore it from a backup; nothing was changed.");
  }
}

nlohmann::json ControlPlaneStore::Load() const {
  DirectoryLock lock(control_dir_);
  return LoadUnlocked();
}

void ControlPlaneStore::SaveUnlocked(const nlohmann::json& state) const {
  std::string path = control_dir_ + "/state.json";
  std::string tmp = path + ".tmp";
  std::string text = state.dump(2) + "\n";
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
  int dir = ::open(control_dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

nlohmann::json ControlPlaneStore::Update(const std::function<void(nlohmann::json&)>& change) {
  DirectoryLock lock(control_dir_);
  auto state = LoadUnlocked();
  change(state);
  SaveUnlocked(state);
  return state;
}

std::string ControlPlaneStore::Key() const {
  std::string path = control_dir_ + "/master.key";
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT) {
    DirectoryLock lock(control_dir_);
    unsigned char key[kKeyBytes];
    randombytes_buf(key, sizeof(key));
    int out = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (out >= 0) {
      bool ok =
          ::write(out, key, sizeof(key)) == static_cast<ssize_t>(sizeof(key)) && ::fsync(out) == 0;
      ::close(out);
      sodium_memzero(key, sizeof(key));
      if (!ok) {
        ::unlink(path.c_str());
        IoError("could not write key file", path);
      }
    } else if (errno != EEXIST) {
      IoError("could not create key file", path);
    }
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  }
  if (fd < 0)
    IoError("could not open key file", path);
  struct stat st;
  if (::fstat(fd, &st) == 0 && (st.st_mode & 077) != 0) {
    ::close(fd);
    throw Exception(sqlstate::kInvalidAuthorizationSpecification,
                    "key file \"" + path + "\" is readable by other users")
        .WithHint("Run: chmod 600 " + path);
  }
  std::string key(kKeyBytes + 1, '\0');
  ssize_t n = ::read(fd, key.data(), key.size());
  ::close(fd);
  if (n != static_cast<ssize_t>(kKeyBytes)) {
    throw Exception(sqlstate::kDataCorrupted, "key file \"" + path + "\" is damaged (expected " +
                                                  std::to_string(kKeyBytes) + " bytes)")
        .WithHint("Restore the key file from a backup; secrets cannot be read without it.");
  }
  key.resize(kKeyBytes);
  return key;
}

}  // namespace tributary
