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

std::string NewAccountId() {
  // Twelve digits without a leading zero, like an AWS account id.
  std::string id(1, static_cast<char>('1' + randombytes_uniform(9)));
  while (id.size() < 12)
    id += static_cast<char>('0' + randombytes_uniform(10));
  return id;
}

}  // namespace

ControlPlaneStore::ControlPlaneStore(std::string data_directory)
    : file_(
          std::move(data_directory) + "/control", "state.json",
          [] {
            return nlohmann::json{{"account_id", NewAccountId()},
                                  {"region", "us-east-1"},
                                  {"secrets", nlohmann::json::array()},
                                  {"roles", nlohmann::json::array()},
                                  {"cluster_roles", nlohmann::json::array()},
                                  {"default_role", ""}};
          },
          [](const nlohmann::json& state) {
            return state.is_object() && state.contains("secrets") && state.contains("roles");
          }),
      control_dir_(file_.directory()) {
  if (sodium_init() < 0)
    throw InternalException("libsodium failed to initialize");
}

nlohmann::json ControlPlaneStore::Load() const {
  return file_.Load();
}

nlohmann::json ControlPlaneStore::Update(const std::function<void(nlohmann::json&)>& change) {
  return file_.Update(change);
}

std::string ControlPlaneStore::Key() const {
  std::string path = control_dir_ + "/master.key";
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT) {
    file_.Locked([&] { CreateKey(path); });
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  }
  if (fd < 0)
    IoError("could not open key file", path);
  return ReadKey(fd, path);
}

void ControlPlaneStore::CreateKey(const std::string& path) const {
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
  } else {
    sodium_memzero(key, sizeof(key));
    if (errno != EEXIST)
      IoError("could not create key file", path);
  }
}

std::string ControlPlaneStore::ReadKey(int fd, const std::string& path) const {
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
