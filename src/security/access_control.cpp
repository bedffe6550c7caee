#include "security/access_control.h"

#include "catalog/catalog.h"

namespace tributary {

AccessControl::AccessControl(const std::string& data_directory,
                             const std::string& default_superuser)
    : users_(data_directory), grants_(data_directory) {
  users_.Bootstrap(default_superuser);
}

std::string AccessControl::DefaultUser() const {
  return users_.DatabaseOwner();
}

bool AccessControl::IsSuperuser(const std::string& user) const {
  auto record = users_.Find(user);
  return record && record->superuser;
}

std::string AccessControl::OwnerOf(const std::string& recorded_owner) const {
  return recorded_owner.empty() ? users_.DatabaseOwner() : recorded_owner;
}

std::vector<Grantee> AccessControl::GranteesOf(const std::string& user) const {
  std::vector<Grantee> grantees{{GranteeKind::kUser, user}, {GranteeKind::kPublic, ""}};
  for (auto& group : users_.GroupsOf(user))
    grantees.push_back({GranteeKind::kGroup, group});
  return grantees;
}

PrivilegeSet AccessControl::TablePrivileges(const std::string& user,
                                            const SchemaCatalogEntry& schema,
                                            const CatalogEntry& table) const {
  if (IsSuperuser(user) || OwnerOf(table.owner) == user)
    return kAllTablePrivileges;
  if (schema.is_system)
    return Bits(Privilege::kSelect);
  if (schema.external) {
    // Reading an external table needs USAGE on its schema only.
    return (SchemaPrivileges(user, schema) & Bits(Privilege::kUsage)) ? Bits(Privilege::kSelect)
                                                                       : 0;
  }
  return grants_.Granted({GrantObjectKind::kTable, schema.name, table.name}, GranteesOf(user));
}

PrivilegeSet AccessControl::SchemaPrivileges(const std::string& user,
                                             const SchemaCatalogEntry& schema) const {
  PrivilegeSet all = schema.external ? Bits(Privilege::kUsage) : kAllSchemaPrivileges;
  if (IsSuperuser(user) || OwnerOf(schema.owner) == user)
    return all;
  if (schema.is_system)
    return Bits(Privilege::kUsage);
  return grants_.Granted({GrantObjectKind::kSchema, "", schema.name}, GranteesOf(user)) & all;
}

PrivilegeSet AccessControl::DatabasePrivileges(const std::string& user) const {
  if (IsSuperuser(user) || users_.DatabaseOwner() == user)
    return kAllDatabasePrivileges;
  return grants_.Granted({GrantObjectKind::kDatabase, "", GrantStore::kDatabaseName},
                         GranteesOf(user));
}

void AccessControl::PruneGrants(const Catalog& catalog) {
  grants_.Prune([&](const std::string& schema, const std::string& table) {
    auto s = catalog.GetSchema(schema);
    return s && !s->external && catalog.GetEntry(schema, table) != nullptr;
  });
}

void AccessControl::OnDropSchema(const std::string& schema) {
  grants_.DropSchema(schema);
}

void AccessControl::OnRenameSchema(const std::string& schema, const std::string& new_name) {
  grants_.RenameSchema(schema, new_name);
}

void AccessControl::OnDropEntry(const std::string& schema, const std::string& name) {
  grants_.DropTable(schema, name);
}

void AccessControl::OnRenameEntry(const std::string& schema, const std::string& name,
                                  const std::string& new_name) {
  grants_.RenameTable(schema, name, new_name);
}

}  // namespace tributary
