// ControlPlaneStore: the state AWS keeps outside Redshift (Secrets Manager,
// IAM roles, the roles attached to the warehouse), kept in one JSON file in
// DATA_DIR/control/state.json, next to the key file that encrypts secret
// values (DATA_DIR/control/master.key, mode 0600).
//
// Durability and locking are AtomicJsonFile's: a crash leaves the old or
// the new state, never a torn file, and two processes (the CLI and a
// server) never lose each other's changes.
#pragma once

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "common/atomic_json_file.h"

namespace tributary {

class ControlPlaneStore {
 public:
  // `data_directory` is created if missing.
  explicit ControlPlaneStore(std::string data_directory);

  // The current state (an empty skeleton for a new directory). Throws
  // XX001 naming the file when it cannot be parsed.
  nlohmann::json Load() const;
  // Runs `change` on the current state under the lock and saves the result
  // unless it throws (then nothing is written).
  nlohmann::json Update(const std::function<void(nlohmann::json& state)>& change);

  // The 32-byte key for secret values, created on first use.
  std::string Key() const;

  const std::string& directory() const { return control_dir_; }

 private:
  void CreateKey(const std::string& path) const;
  std::string ReadKey(int fd, const std::string& path) const;

  AtomicJsonFile file_;
  std::string control_dir_;
};

}  // namespace tributary
