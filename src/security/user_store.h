// UserStore: the warehouse's users and groups. A Database keeps them in its
// storage manifest (written with each commit, see TransactionManager); a
// store of no Database keeps them in DATA_DIR/control/users.json (written
// atomically, mode 0600), or in memory without a data directory:
//   {"users": {"awsuser": {"id": 100, "superuser": true, "createdb": true,
//                          "password": "SCRAM-SHA-256$4096:...$...:..."}},
//    "groups": {"analysts": {"id": 100, "members": ["alice"]}},
//    "database_owner": "awsuser", "next_user_id": 101, "next_group_id": 101}
// Only SCRAM verifiers are stored, never a password. Users and groups are
// separate namespaces, as in Redshift (pg_user / pg_group). As in Redshift,
// CREATEUSER makes a superuser.
//
// Errors are PostgreSQL's: 42710 for a name that exists, 42704 for one that
// does not, 42939 for the reserved name "public".
//
// Transactional: CREATE/ALTER/DROP USER and GROUP made in a transaction are
// seen by it alone until COMMIT and undone by ROLLBACK; a transaction
// committing them after another transaction changed users or groups fails
// with 40001 (see JsonDocument).
//
// Thread-safe (each call reads a consistent snapshot or updates the file
// under its lock).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "security/json_document.h"
#include "security/scram_verifier.h"

namespace tributary {

struct UserRecord {
  std::string name;
  int64_t id = 0;  // pg_user.usesysid
  bool superuser = false;
  bool createdb = false;
  // nullopt: the user has no password and cannot log in with one.
  std::optional<ScramVerifier> verifier;
  // Seconds a session of this user may stay idle (0: no limit); Redshift's
  // CREATE USER ... SESSION TIMEOUT.
  int64_t session_timeout = 0;
  // Concurrent sessions allowed (-1: unlimited).
  int64_t connection_limit = -1;
};

struct GroupRecord {
  std::string name;
  int64_t id = 0;  // pg_group.grosysid
  std::vector<std::string> members;
};

class UserStore {
 public:
  // The first user id (Redshift's awsuser is 100); groups count from 100 too.
  static constexpr int64_t kFirstId = 100;

  // `data_directory` empty: in memory.
  explicit UserStore(const std::string& data_directory);

  std::optional<UserRecord> Find(const std::string& name) const;
  // Every user, by id.
  std::vector<UserRecord> Users() const;
  std::optional<GroupRecord> FindGroup(const std::string& name) const;
  // Every group, by id, with its members.
  std::vector<GroupRecord> Groups() const;
  // The groups `user` belongs to.
  std::vector<std::string> GroupsOf(const std::string& user) const;
  bool Empty() const;
  // The user who owns the database (the first superuser); "" if none yet.
  std::string DatabaseOwner() const;

  // Makes sure a superuser exists (creating `default_name` without a
  // password on an empty store), gives ids to users that have none and
  // returns the database owner: the user the shell and `-c` run as.
  std::string Bootstrap(const std::string& default_name);
  // For the server's admin user: creates `name` unless it exists, or gives
  // an existing user without a password this one (an empty `password` sets
  // none). Returns true when something changed.
  bool CreateIfMissing(const std::string& name, const std::string& password, bool superuser);

  // Adds `user` (its id is assigned here) and makes it a member of
  // `groups`; 42710 if the name exists, 42704 for a missing group.
  void CreateUser(UserRecord user, const std::vector<std::string>& groups = {});
  // Changes `name` in place; 42704 if missing. `change` must not rename.
  void UpdateUser(const std::string& name, const std::function<void(UserRecord&)>& change);
  // Renames a user and its group memberships (42704, 42710).
  void RenameUser(const std::string& name, const std::string& new_name);
  // Removes a user and its memberships. Returns false when missing and
  // `if_exists`; 42704 otherwise.
  bool DropUser(const std::string& name, bool if_exists);

  void CreateGroup(const std::string& name, const std::vector<std::string>& members);
  // Adds (or removes) members; 42704 for a missing group or user.
  void AlterGroup(const std::string& name, const std::vector<std::string>& users, bool add);
  void RenameGroup(const std::string& name, const std::string& new_name);
  bool DropGroup(const std::string& name, bool if_exists);

  // The document (the TransactionManager keeps it in the manifest).
  JsonDocument& document() { return document_; }

 private:
  JsonDocument document_;
};

// 42939 for "public" (and the empty name), which no user or group may take.
void CheckRoleName(const std::string& name, const char* kind);

}  // namespace tributary
