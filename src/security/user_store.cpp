#include "security/user_store.h"

#include <algorithm>

#include "common/exception.h"

namespace tributary {

namespace {

using nlohmann::json;

json Initial() {
  return json{{"users", json::object()}, {"groups", json::object()}};
}

bool Valid(const json& doc) {
  return doc.is_object() && doc.contains("users") && doc["users"].is_object() &&
         (!doc.contains("groups") || doc["groups"].is_object());
}

UserRecord ReadUser(const std::string& name, const json& user) {
  UserRecord record;
  record.name = name;
  record.id = user.value("id", int64_t{0});
  record.superuser = user.value("superuser", false);
  record.createdb = user.value("createdb", record.superuser);
  record.session_timeout = user.value("session_timeout", int64_t{0});
  record.connection_limit = user.value("connection_limit", int64_t{-1});
  if (user.contains("password") && user["password"].is_string())
    record.verifier = ScramVerifier::Parse(user["password"].get<std::string>());
  return record;
}

json WriteUser(const UserRecord& record) {
  json user{{"id", record.id},
            {"superuser", record.superuser},
            {"createdb", record.createdb},
            {"session_timeout", record.session_timeout},
            {"connection_limit", record.connection_limit}};
  if (record.verifier)
    user["password"] = record.verifier->ToString();
  return user;
}

int64_t NextId(json& doc, const char* counter, const json& existing) {
  int64_t next = doc.value(counter, UserStore::kFirstId);
  for (auto& [_, entry] : existing.items())
    next = std::max(next, entry.value("id", int64_t{0}) + 1);
  doc[counter] = next + 1;
  return next;
}

json& GroupSection(json& doc) {
  if (!doc.contains("groups"))
    doc["groups"] = json::object();
  return doc["groups"];
}

Exception Missing(const char* kind, const std::string& name) {
  return Exception(sqlstate::kUndefinedObject,
                   std::string(kind) + " \"" + name + "\" does not exist");
}

Exception Exists(const char* kind, const std::string& name) {
  return Exception(sqlstate::kDuplicateObject,
                   std::string(kind) + " \"" + name + "\" already exists");
}

}  // namespace

void CheckRoleName(const std::string& name, const char* kind) {
  if (name.empty() || name == "public") {
    throw Exception("42939", std::string(kind) + " name \"" + name + "\" is reserved")
        .WithHint("PUBLIC stands for every user; choose another name.");
  }
}

UserStore::UserStore(const std::string& data_directory)
    : document_(data_directory, "users.json", Initial, Valid,
                JsonDocument::Transactions::kExclusive) {}

std::optional<UserRecord> UserStore::Find(const std::string& name) const {
  auto doc = document_.Load();
  auto& users = (*doc)["users"];
  auto it = users.find(name);
  if (it == users.end() || !it->is_object())
    return std::nullopt;
  return ReadUser(name, *it);
}

std::vector<UserRecord> UserStore::Users() const {
  auto doc = document_.Load();
  std::vector<UserRecord> result;
  for (auto& [name, user] : (*doc)["users"].items())
    result.push_back(ReadUser(name, user));
  std::sort(result.begin(), result.end(),
            [](const UserRecord& a, const UserRecord& b) { return a.id < b.id; });
  return result;
}

std::optional<GroupRecord> UserStore::FindGroup(const std::string& name) const {
  for (auto& group : Groups()) {
    if (group.name == name)
      return group;
  }
  return std::nullopt;
}

std::vector<GroupRecord> UserStore::Groups() const {
  auto doc = document_.Load();
  std::vector<GroupRecord> result;
  if (!doc->contains("groups"))
    return result;
  for (auto& [name, group] : (*doc)["groups"].items()) {
    GroupRecord record;
    record.name = name;
    record.id = group.value("id", int64_t{0});
    if (group.contains("members") && group["members"].is_array()) {
      for (auto& m : group["members"])
        record.members.push_back(m.get<std::string>());
    }
    result.push_back(std::move(record));
  }
  std::sort(result.begin(), result.end(),
            [](const GroupRecord& a, const GroupRecord& b) { return a.id < b.id; });
  return result;
}

std::vector<std::string> UserStore::GroupsOf(const std::string& user) const {
  auto doc = document_.Load();
  std::vector<std::string> result;
  if (!doc->contains("groups"))
    return result;
  for (auto& [name, group] : (*doc)["groups"].items()) {
    if (!group.contains("members"))
      continue;
    for (auto& m : group["members"]) {
      if (m.is_string() && m.get<std::string>() == user) {
        result.push_back(name);
        break;
      }
    }
  }
  return result;
}

bool UserStore::Empty() const {
  return (*document_.Load())["users"].empty();
}

std::string UserStore::DatabaseOwner() const {
  auto doc = document_.Load();
  auto owner = doc->value("database_owner", std::string());
  if (!owner.empty() && (*doc)["users"].contains(owner))
    return owner;
  // The oldest superuser.
  for (auto& user : Users()) {
    if (user.superuser)
      return user.name;
  }
  return "";
}

std::string UserStore::Bootstrap(const std::string& default_name) {
  auto doc = document_.Load();
  bool ready = !(*doc)["users"].empty() && doc->contains("database_owner");
  for (auto& [_, user] : (*doc)["users"].items())
    ready = ready && user.contains("id");
  if (!ready) {
    document_.Update([&](json& d) {
      auto& users = d["users"];
      if (users.empty()) {
        int64_t id = NextId(d, "next_user_id", users);
        users[default_name] = WriteUser(UserRecord{default_name, id, true, true, std::nullopt});
      }
      // Ids in name order for users created before ids existed.
      for (auto& [name, user] : users.items()) {
        if (!user.contains("id"))
          user["id"] = NextId(d, "next_user_id", users);
      }
      if (!d.contains("database_owner")) {
        std::string owner;
        int64_t lowest = INT64_MAX;
        for (auto& [name, user] : users.items()) {
          if (user.value("superuser", false) && user.value("id", INT64_MAX) < lowest) {
            lowest = user.value("id", INT64_MAX);
            owner = name;
          }
        }
        if (!owner.empty())
          d["database_owner"] = owner;
      }
    });
  }
  return DatabaseOwner();
}

bool UserStore::CreateIfMissing(const std::string& name, const std::string& password,
                                bool superuser) {
  bool created = false;
  document_.Update([&](json& doc) {
    auto& users = doc["users"];
    if (users.contains(name)) {
      auto& user = users[name];
      if (!password.empty() && !user.contains("password")) {
        user["password"] = ScramVerifier::FromPassword(password).ToString();
        created = true;
      }
      return;
    }
    UserRecord record{name, NextId(doc, "next_user_id", users), superuser, superuser, std::nullopt};
    if (!password.empty())
      record.verifier = ScramVerifier::FromPassword(password);
    users[name] = WriteUser(record);
    if (superuser && !doc.contains("database_owner"))
      doc["database_owner"] = name;
    created = true;
  });
  return created;
}

void UserStore::CreateUser(UserRecord user, const std::vector<std::string>& groups) {
  CheckRoleName(user.name, "user");
  document_.Update([&](json& doc) {
    auto& users = doc["users"];
    if (users.contains(user.name))
      throw Exists("user", user.name);
    auto& all_groups = GroupSection(doc);
    for (auto& g : groups) {
      if (!all_groups.contains(g))
        throw Missing("group", g);
    }
    user.id = NextId(doc, "next_user_id", users);
    users[user.name] = WriteUser(user);
    for (auto& g : groups) {
      auto& members = all_groups[g]["members"];
      if (std::find(members.begin(), members.end(), user.name) == members.end())
        members.push_back(user.name);
    }
  });
}

void UserStore::UpdateUser(const std::string& name,
                           const std::function<void(UserRecord&)>& change) {
  document_.Update([&](json& doc) {
    auto& users = doc["users"];
    if (!users.contains(name))
      throw Missing("user", name);
    auto record = ReadUser(name, users[name]);
    change(record);
    users[name] = WriteUser(record);
  });
}

void UserStore::RenameUser(const std::string& name, const std::string& new_name) {
  CheckRoleName(new_name, "user");
  document_.Update([&](json& doc) {
    auto& users = doc["users"];
    if (!users.contains(name))
      throw Missing("user", name);
    if (users.contains(new_name))
      throw Exists("user", new_name);
    users[new_name] = users[name];
    users.erase(name);
    for (auto& [_, group] : GroupSection(doc).items()) {
      for (auto& m : group["members"]) {
        if (m == name)
          m = new_name;
      }
    }
    if (doc.value("database_owner", std::string()) == name)
      doc["database_owner"] = new_name;
  });
}

bool UserStore::DropUser(const std::string& name, bool if_exists) {
  bool dropped = false;
  document_.Update([&](json& doc) {
    auto& users = doc["users"];
    if (!users.contains(name)) {
      if (if_exists)
        return;
      throw Missing("user", name);
    }
    users.erase(name);
    for (auto& [_, group] : GroupSection(doc).items()) {
      auto& members = group["members"];
      members.erase(std::remove(members.begin(), members.end(), json(name)), members.end());
    }
    dropped = true;
  });
  return dropped;
}

void UserStore::CreateGroup(const std::string& name, const std::vector<std::string>& members) {
  CheckRoleName(name, "group");
  document_.Update([&](json& doc) {
    auto& groups = GroupSection(doc);
    if (groups.contains(name))
      throw Exists("group", name);
    json list = json::array();
    for (auto& m : members) {
      if (!doc["users"].contains(m))
        throw Missing("user", m);
      if (std::find(list.begin(), list.end(), m) == list.end())
        list.push_back(m);
    }
    int64_t id = NextId(doc, "next_group_id", groups);
    groups[name] = json{{"id", id}, {"members", list}};
  });
}

void UserStore::AlterGroup(const std::string& name, const std::vector<std::string>& users,
                           bool add) {
  document_.Update([&](json& doc) {
    auto& groups = GroupSection(doc);
    if (!groups.contains(name))
      throw Missing("group", name);
    auto& members = groups[name]["members"];
    for (auto& u : users) {
      if (!doc["users"].contains(u))
        throw Missing("user", u);
      auto it = std::find(members.begin(), members.end(), u);
      if (add && it == members.end())
        members.push_back(u);
      else if (!add && it != members.end())
        members.erase(it);
    }
  });
}

void UserStore::RenameGroup(const std::string& name, const std::string& new_name) {
  CheckRoleName(new_name, "group");
  document_.Update([&](json& doc) {
    auto& groups = GroupSection(doc);
    if (!groups.contains(name))
      throw Missing("group", name);
    if (groups.contains(new_name))
      throw Exists("group", new_name);
    groups[new_name] = groups[name];
    groups.erase(name);
  });
}

bool UserStore::DropGroup(const std::string& name, bool if_exists) {
  bool dropped = false;
  document_.Update([&](json& doc) {
    auto& groups = GroupSection(doc);
    if (!groups.contains(name)) {
      if (if_exists)
        return;
      throw Missing("group", name);
    }
    groups.erase(name);
    dropped = true;
  });
  return dropped;
}

}  // namespace tributary
