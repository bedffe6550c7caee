// ControlPlaneStore: the state AWS keeps outside Redshift (Secrets Manager,
// IAM roles, the roles attached to the warehouse), kept in one JSON file in
// DATA_DIR/control/state.json, next to the key file that encrypts secret
// values (DATA_DIR/control/master.key, mode 0600).
//
// Durability: every change is written to a temporary file, fsynced, renamed
// over the old file and the directory fsynced, so a crash leaves either the
// old or the new state, never a torn file. Update() holds an exclusive
// flock on the directory for the read-modify-write, so two processes (the
// CLI and a server) never lose each other's changes.
#pragma once

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

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
  nlohmann::json LoadUnlocked() const;
  void SaveUnlocked(const nlohmann::json& state) const;

  std::string control_dir_;
};

}  // namespace tributary
