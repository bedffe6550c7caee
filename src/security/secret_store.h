// SecretStore: Secrets Manager for one data directory. Values are encrypted
// at rest with libsodium's XChaCha20-Poly1305 AEAD under the data
// directory's key file, with the secret's ARN as associated data (a value
// copied into another secret's entry does not decrypt).
//
// Values are returned only by GetValue; nothing else (errors included)
// ever contains one.
#pragma once

#include <string>
#include <vector>

#include "security/control_plane_store.h"

namespace tributary {

struct SecretInfo {
  std::string name;
  std::string arn;
  std::string description;
  double created = 0;       // seconds since the epoch
  double last_changed = 0;  // seconds since the epoch
  std::string version_id;
};

class SecretStore {
 public:
  explicit SecretStore(ControlPlaneStore& store) : store_(store) {}

  // Throws AwsError ResourceExistsException / InvalidParameterException.
  SecretInfo Create(const std::string& name, const std::string& value,
                    const std::string& description);
  // Rotation: replaces the value; the next query that needs it reads it.
  SecretInfo PutValue(const std::string& secret_id, const std::string& value);
  SecretInfo Describe(const std::string& secret_id) const;
  std::string GetValue(const std::string& secret_id) const;
  std::vector<SecretInfo> List() const;
  SecretInfo Delete(const std::string& secret_id);

  // `secret_id` is a name, a full ARN or an ARN without its random suffix.
  // Throws AwsError ResourceNotFoundException.
  static nlohmann::json& Find(nlohmann::json& state, const std::string& secret_id);

 private:
  ControlPlaneStore& store_;
};

}  // namespace tributary
