#include "security/grant_store.h"

#include <algorithm>

namespace tributary {

namespace {

using nlohmann::json;

constexpr Privilege kAll[] = {Privilege::kSelect,   Privilege::kInsert, Privilege::kUpdate,
                              Privilege::kDelete,   Privilege::kUsage,  Privilege::kCreate,
                              Privilege::kTemporary};

constexpr const char* kWithGrantOption = " WITH GRANT OPTION";

// ["SELECT", "INSERT WITH GRANT OPTION", ...].
json Names(PrivilegeSet set) {
  json names = json::array();
  for (auto p : kAll) {
    if (set & GrantOptionOf(Bits(p)))
      names.push_back(std::string(PrivilegeName(p)) + kWithGrantOption);
    else if (set & Bits(p))
      names.push_back(PrivilegeName(p));
  }
  return names;
}

PrivilegeSet FromNames(const json& names) {
  PrivilegeSet set = 0;
  if (!names.is_array())
    return set;
  for (auto& n : names) {
    if (!n.is_string())
      continue;
    for (auto p : kAll) {
      if (n.get<std::string>() == PrivilegeName(p))
        set |= Bits(p);
      if (n.get<std::string>() == std::string(PrivilegeName(p)) + kWithGrantOption)
        set |= Bits(p) | GrantOptionOf(Bits(p));
    }
  }
  return set;
}

std::string Key(const Grantee& grantee) {
  switch (grantee.kind) {
    case GranteeKind::kUser:
      return "user:" + grantee.name;
    case GranteeKind::kGroup:
      return "group:" + grantee.name;
    case GranteeKind::kPublic:
      return "PUBLIC";
  }
  return "PUBLIC";
}

Grantee FromKey(const std::string& key) {
  if (key.rfind("user:", 0) == 0)
    return {GranteeKind::kUser, key.substr(5)};
  if (key.rfind("group:", 0) == 0)
    return {GranteeKind::kGroup, key.substr(6)};
  return {GranteeKind::kPublic, ""};
}

json Initial() {
  return json{{"tables", json::object()},
              {"schemas", {{"public", {{"PUBLIC", Names(kAllSchemaPrivileges)}}}}},
              {"databases",
               {{GrantStore::kDatabaseName, {{"PUBLIC", Names(Bits(Privilege::kTemporary))}}}}}};
}

bool Valid(const json& doc) {
  return doc.is_object() && doc.contains("tables") && doc["tables"].is_object() &&
         doc.contains("schemas") && doc["schemas"].is_object() && doc.contains("databases") &&
         doc["databases"].is_object();
}

// The grantee map of `object`; null when there is none (and !create).
json* Acl(json& doc, const GrantObject& object, bool create) {
  json* section = nullptr;
  if (object.kind == GrantObjectKind::kTable && !object.column.empty()) {
    // columns -> schema -> table -> column -> grantees ("columns" is absent
    // from files written before column privileges).
    json* level = &doc;
    for (const char* key : {"columns"}) {
      if (!level->contains(key)) {
        if (!create)
          return nullptr;
        (*level)[key] = json::object();
      }
      level = &(*level)[key];
    }
    for (const std::string* key : {&object.schema, &object.name, &object.column}) {
      if (!level->contains(*key)) {
        if (!create)
          return nullptr;
        (*level)[*key] = json::object();
      }
      level = &(*level)[*key];
    }
    return level;
  }
  switch (object.kind) {
    case GrantObjectKind::kTable: {
      auto& tables = doc["tables"];
      if (!tables.contains(object.schema)) {
        if (!create)
          return nullptr;
        tables[object.schema] = json::object();
      }
      section = &tables[object.schema];
      break;
    }
    case GrantObjectKind::kSchema:
      section = &doc["schemas"];
      break;
    case GrantObjectKind::kDatabase:
      section = &doc["databases"];
      break;
  }
  if (!section->contains(object.name)) {
    if (!create)
      return nullptr;
    (*section)[object.name] = json::object();
  }
  return &(*section)[object.name];
}

const json* Acl(const json& doc, const GrantObject& object) {
  return Acl(const_cast<json&>(doc), object, false);
}

void ForEachAcl(json& doc, const std::function<void(json& acl)>& fn) {
  for (auto& [_, schema] : doc["tables"].items()) {
    for (auto& [_, acl] : schema.items())
      fn(acl);
  }
  for (auto& [_, acl] : doc["schemas"].items())
    fn(acl);
  if (doc.contains("columns")) {
    for (auto& [_, schema] : doc["columns"].items()) {
      for (auto& [_, table] : schema.items()) {
        for (auto& [_, acl] : table.items())
          fn(acl);
      }
    }
  }
  for (auto& [_, acl] : doc["databases"].items())
    fn(acl);
}

}  // namespace

GrantStore::GrantStore(const std::string& data_directory)
    : document_(data_directory, "grants.json", Initial, Valid, JsonDocument::Transactions::kMerge) {
}

void GrantStore::Grant(const std::vector<GrantObject>& objects,
                       const std::vector<Grantee>& grantees, PrivilegeSet privileges) {
  if (objects.empty() || grantees.empty() || !privileges)
    return;
  document_.Update([&](json& doc) {
    for (auto& object : objects) {
      auto& acl = *Acl(doc, object, true);
      for (auto& grantee : grantees) {
        auto key = Key(grantee);
        PrivilegeSet current = acl.contains(key) ? FromNames(acl[key]) : 0;
        acl[key] = Names(current | privileges);
      }
    }
  });
}

void GrantStore::Revoke(const std::vector<GrantObject>& objects,
                        const std::vector<Grantee>& grantees, PrivilegeSet privileges) {
  if (objects.empty() || grantees.empty() || !privileges)
    return;
  document_.Update([&](json& doc) {
    for (auto& object : objects) {
      auto* acl = Acl(doc, object, false);
      if (!acl)
        continue;
      for (auto& grantee : grantees) {
        auto key = Key(grantee);
        if (!acl->contains(key))
          continue;
        PrivilegeSet rest = FromNames((*acl)[key]) & ~privileges;
        if (rest)
          (*acl)[key] = Names(rest);
        else
          acl->erase(key);
      }
    }
  });
}

PrivilegeSet GrantStore::Granted(const GrantObject& object,
                                 const std::vector<Grantee>& grantees) const {
  auto doc = document_.Load();
  auto* acl = Acl(*doc, object);
  if (!acl)
    return 0;
  PrivilegeSet result = 0;
  for (auto& grantee : grantees) {
    auto it = acl->find(Key(grantee));
    if (it != acl->end())
      result |= FromNames(*it);
  }
  return result;
}

std::vector<GrantEntry> GrantStore::Grants(const GrantObject& object) const {
  auto doc = document_.Load();
  std::vector<GrantEntry> result;
  auto* acl = Acl(*doc, object);
  if (!acl)
    return result;
  for (auto& [key, names] : acl->items())
    result.push_back({FromKey(key), FromNames(names)});
  return result;
}

bool GrantStore::HasGrants(const Grantee& grantee) const {
  auto doc = std::make_shared<json>(*document_.Load());
  auto key = Key(grantee);
  bool found = false;
  ForEachAcl(*doc, [&](json& acl) { found = found || acl.contains(key); });
  return found;
}

std::vector<std::pair<std::string, PrivilegeSet>> GrantStore::ColumnGrants(
    const std::string& schema, const std::string& table,
    const std::vector<Grantee>& grantees) const {
  auto doc = document_.Load();
  std::vector<std::pair<std::string, PrivilegeSet>> result;
  if (!doc->contains("columns") || !(*doc)["columns"].contains(schema) ||
      !(*doc)["columns"][schema].contains(table))
    return result;
  for (auto& [column, acl] : (*doc)["columns"][schema][table].items()) {
    PrivilegeSet held = 0;
    for (auto& grantee : grantees) {
      auto it = acl.find(Key(grantee));
      if (it != acl.end())
        held |= FromNames(*it);
    }
    if (held)
      result.emplace_back(column, held);
  }
  return result;
}

namespace {

// The column grants of schema.table, or null.
json* ColumnAcls(json& d, const std::string& schema, const std::string& table) {
  if (!d.contains("columns") || !d["columns"].contains(schema) ||
      !d["columns"][schema].contains(table))
    return nullptr;
  return &d["columns"][schema][table];
}

bool HasColumnAcls(const json& d, const std::string& schema, const std::string& table) {
  auto columns = d.find("columns");
  if (columns == d.end())
    return false;
  auto s = columns->find(schema);
  return s != columns->end() && s->contains(table);
}

}  // namespace

void GrantStore::DropColumn(const std::string& schema, const std::string& table,
                            const std::string& column) {
  document_.Update([&](json& d) {
    if (auto* acls = ColumnAcls(d, schema, table))
      acls->erase(column);
  });
}

void GrantStore::RenameColumn(const std::string& schema, const std::string& table,
                              const std::string& column, const std::string& new_name) {
  document_.Move([=](json& d) {
    auto* acls = ColumnAcls(d, schema, table);
    if (!acls || !acls->contains(column))
      return;
    (*acls)[new_name] = (*acls)[column];
    acls->erase(column);
  });
}

void GrantStore::DropTable(const std::string& schema, const std::string& name) {
  auto doc = document_.Load();
  bool columns = HasColumnAcls(*doc, schema, name);
  if (!columns && (!(*doc)["tables"].contains(schema) || !(*doc)["tables"][schema].contains(name)))
    return;
  document_.Update([&](json& d) {
    if (d["tables"].contains(schema))
      d["tables"][schema].erase(name);
    if (ColumnAcls(d, schema, name))
      d["columns"][schema].erase(name);
  });
}

void GrantStore::RenameTable(const std::string& schema, const std::string& name,
                             const std::string& new_name) {
  document_.Move([=](json& d) {
    auto& tables = d["tables"];
    if (tables.contains(schema) && tables[schema].contains(name)) {
      tables[schema][new_name] = tables[schema][name];
      tables[schema].erase(name);
    }
    if (ColumnAcls(d, schema, name)) {
      d["columns"][schema][new_name] = d["columns"][schema][name];
      d["columns"][schema].erase(name);
    }
  });
}

void GrantStore::DropSchema(const std::string& schema) {
  document_.Update([&](json& d) {
    d["tables"].erase(schema);
    d["schemas"].erase(schema);
    if (d.contains("columns"))
      d["columns"].erase(schema);
  });
}

void GrantStore::RenameSchema(const std::string& schema, const std::string& new_name) {
  document_.Move([=](json& d) {
    for (const char* section : {"tables", "schemas", "columns"}) {
      if (!d.contains(section))
        continue;
      auto& s = d[section];
      if (s.contains(schema)) {
        s[new_name] = s[schema];
        s.erase(schema);
      }
    }
  });
}

void GrantStore::RenameGrantee(const Grantee& grantee, const std::string& new_name) {
  auto key = Key(grantee);
  auto new_key = Key({grantee.kind, new_name});
  document_.Move([=](json& d) {
    ForEachAcl(d, [&](json& acl) {
      if (acl.contains(key)) {
        acl[new_key] = acl[key];
        acl.erase(key);
      }
    });
  });
}

void GrantStore::Prune(const std::function<bool(const std::string&, const std::string&)>& exists) {
  // Decide outside the file's lock: `exists` asks the catalog, which must
  // never wait on this store while a catalog observer call waits on it.
  std::vector<std::pair<std::string, std::string>> gone;
  auto doc = document_.Load();
  for (const char* section : {"tables", "columns"}) {
    if (!doc->contains(section))
      continue;
    for (auto& [schema, tables] : (*doc)[section].items()) {
      for (auto& [table, _] : tables.items()) {
        if (!exists(schema, table))
          gone.emplace_back(schema, table);
      }
    }
  }
  if (gone.empty())
    return;
  document_.Update([&](json& d) {
    for (auto& [schema, table] : gone) {
      if (d["tables"].contains(schema))
        d["tables"][schema].erase(table);
      if (ColumnAcls(d, schema, table))
        d["columns"][schema].erase(table);
    }
  });
}

}  // namespace tributary
