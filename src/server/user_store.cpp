#include "server/user_store.h"

namespace tributary {

UserStore::UserStore(const std::string& data_directory)
    : file_(
          data_directory + "/control", "users.json",
          [] {
            return nlohmann::json{{"users", nlohmann::json::object()}};
          },
          [](const nlohmann::json& doc) {
            return doc.is_object() && doc.contains("users") && doc["users"].is_object();
          }) {}

std::optional<UserRecord> UserStore::Find(const std::string& name) const {
  auto doc = file_.Load();
  auto& users = doc["users"];
  auto it = users.find(name);
  if (it == users.end() || !it->is_object())
    return std::nullopt;
  UserRecord record;
  record.name = name;
  record.superuser = it->value("superuser", false);
  if (it->contains("password") && (*it)["password"].is_string())
    record.verifier = ScramVerifier::Parse((*it)["password"].get<std::string>());
  return record;
}

bool UserStore::Empty() const {
  return file_.Load()["users"].empty();
}

bool UserStore::CreateIfMissing(const std::string& name, const std::string& password,
                                bool superuser) {
  bool created = false;
  file_.Update([&](nlohmann::json& doc) {
    if (doc["users"].contains(name)) {
      auto& user = doc["users"][name];
      if (!password.empty() && !user.contains("password")) {
        user["password"] = ScramVerifier::FromPassword(password).ToString();
        created = true;
      }
      return;
    }
    nlohmann::json user{{"superuser", superuser}};
    if (!password.empty())
      user["password"] = ScramVerifier::FromPassword(password).ToString();
    doc["users"][name] = user;
    created = true;
  });
  return created;
}

}  // namespace tributary
