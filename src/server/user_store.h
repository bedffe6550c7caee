// UserStore: the warehouse's login users, kept in DATA_DIR/control/users.json
// (AtomicJsonFile: written atomically, mode 0600):
//   {"users": {"awsuser": {"superuser": true,
//                          "password": "SCRAM-SHA-256$4096:...$...:..."}}}
// Only SCRAM verifiers are stored, never a password.
//
// Thread-safe (every call reads or updates the file under its lock).
#pragma once

#include <optional>
#include <string>

#include "common/atomic_json_file.h"
#include "server/scram_verifier.h"

namespace tributary {

struct UserRecord {
  std::string name;
  bool superuser = false;
  // nullopt: the user has no password and cannot log in with one.
  std::optional<ScramVerifier> verifier;
};

class UserStore {
 public:
  explicit UserStore(const std::string& data_directory);

  std::optional<UserRecord> Find(const std::string& name) const;
  bool Empty() const;
  // Creates `name` unless it exists, or gives an existing user without a
  // password this one (an empty `password` sets none). Returns true when
  // something changed.
  bool CreateIfMissing(const std::string& name, const std::string& password, bool superuser);

 private:
  AtomicJsonFile file_;
};

}  // namespace tributary
