#include "security/access_control.h"

#include "catalog/catalog.h"
#include "catalog/table_catalog_entry.h"
#include "common/exception.h"

namespace tributary {

AccessControl::AccessControl(const std::string& data_directory,
                             const std::string& default_superuser)
    : default_superuser_(default_superuser), users_(data_directory), grants_(data_directory) {}

void AccessControl::Bootstrap() {
  users_.Bootstrap(default_superuser_);
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
    return kAllTablePrivileges | GrantOptionOf(kAllTablePrivileges);
  if (schema.is_system)
    return Bits(Privilege::kSelect);
  if (schema.external) {
    // Reading an external table needs USAGE on its schema only.
    return (SchemaPrivileges(user, schema) & Bits(Privilege::kUsage)) ? Bits(Privilege::kSelect)
                                                                      : 0;
  }
  return grants_.Granted({GrantObjectKind::kTable, schema.name, table.name, ""}, GranteesOf(user));
}

PrivilegeSet AccessControl::ColumnPrivileges(const std::string& user,
                                             const SchemaCatalogEntry& schema,
                                             const CatalogEntry& table,
                                             const std::string& column) const {
  PrivilegeSet held = TablePrivileges(user, schema, table);
  if (schema.is_system || schema.external)
    return held;
  return held | grants_.Granted({GrantObjectKind::kTable, schema.name, table.name, column},
                                GranteesOf(user));
}

PrivilegeSet AccessControl::AnyColumnPrivileges(const std::string& user,
                                                const SchemaCatalogEntry& schema,
                                                const CatalogEntry& table) const {
  PrivilegeSet held = 0;
  if (schema.is_system || schema.external)
    return held;
  for (auto& [_, privileges] : grants_.ColumnGrants(schema.name, table.name, GranteesOf(user)))
    held |= privileges;
  return held;
}

PrivilegeSet AccessControl::SchemaPrivileges(const std::string& user,
                                             const SchemaCatalogEntry& schema) const {
  PrivilegeSet all = schema.external ? Bits(Privilege::kUsage) : kAllSchemaPrivileges;
  if (IsSuperuser(user) || OwnerOf(schema.owner) == user)
    return all | GrantOptionOf(all);
  if (schema.is_system)
    return Bits(Privilege::kUsage);
  return grants_.Granted({GrantObjectKind::kSchema, "", schema.name, ""}, GranteesOf(user)) &
         (all | GrantOptionOf(all));
}

PrivilegeSet AccessControl::DatabasePrivileges(const std::string& user) const {
  if (IsSuperuser(user) || users_.DatabaseOwner() == user)
    return kAllDatabasePrivileges | GrantOptionOf(kAllDatabasePrivileges);
  return grants_.Granted({GrantObjectKind::kDatabase, "", GrantStore::kDatabaseName, ""},
                         GranteesOf(user));
}

namespace {

// "SELECT, insert with grant option" -> bits (an item WITH GRANT OPTION
// asks for the grant option); 22023 for an unknown name.
PrivilegeSet ParsePrivilegeList(const std::string& text, PrivilegeSet valid) {
  PrivilegeSet result = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(',', start);
    if (end == std::string::npos)
      end = text.size();
    std::string item = text.substr(start, end - start);
    for (auto& c : item)
      c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    item.erase(0, item.find_first_not_of(" \t"));
    item.erase(item.find_last_not_of(" \t") + 1);
    bool grant_option = false;
    auto with = item.find(" WITH GRANT OPTION");
    if (with != std::string::npos) {
      grant_option = true;
      item = item.substr(0, with);
    }
    if (item == "TEMP")
      item = "TEMPORARY";
    PrivilegeSet bit = 0;
    for (auto p : {Privilege::kSelect, Privilege::kInsert, Privilege::kUpdate, Privilege::kDelete,
                   Privilege::kUsage, Privilege::kCreate, Privilege::kTemporary}) {
      if (item == PrivilegeName(p) && (valid & Bits(p)))
        bit = Bits(p);
    }
    // PostgreSQL knows these for tables; nobody holds them here.
    bool known_elsewhere = item == "REFERENCES" || item == "TRIGGER" || item == "TRUNCATE" ||
                           (item == "CONNECT" && (valid & Bits(Privilege::kTemporary)));
    if (!bit && !known_elsewhere) {
      throw Exception(sqlstate::kInvalidParameterValue,
                      "unrecognized privilege type: \"" + text.substr(start, end - start) + "\"");
    }
    if (item == "CONNECT")
      bit = Bits(Privilege::kTemporary);  // every user may connect
    result |= grant_option ? GrantOptionOf(bit) : bit;
    start = end + 1;
  }
  return result;
}

}  // namespace

bool AccessControl::HasTablePrivilege(const Catalog& catalog, const std::string& user,
                                      const std::string& table,
                                      const std::string& privileges) const {
  PrivilegeSet wanted = ParsePrivilegeList(privileges, kAllTablePrivileges);
  auto dot = table.find('.');
  std::string schema_name =
      dot == std::string::npos ? Catalog::kDefaultSchema : table.substr(0, dot);
  std::string name = dot == std::string::npos ? table : table.substr(dot + 1);
  auto schema = catalog.GetSchema(schema_name);
  if (schema && schema->external) {
    return (wanted & Bits(Privilege::kSelect)) &&
           (SchemaPrivileges(user, *schema) & Bits(Privilege::kUsage));
  }
  auto entry = schema ? catalog.GetEntry(schema_name, name) : nullptr;
  if (!entry)
    throw Exception(sqlstate::kUndefinedTable, "relation \"" + table + "\" does not exist");
  return (TablePrivileges(user, *schema, *entry) & wanted) != 0;
}

bool AccessControl::HasColumnPrivilege(const Catalog& catalog, const std::string& user,
                                       const std::string& table, const std::string& column,
                                       const std::string& privileges) const {
  if (HasTablePrivilege(catalog, user, table, privileges))
    return true;
  PrivilegeSet wanted = ParsePrivilegeList(privileges, kAllTablePrivileges);
  auto dot = table.find('.');
  std::string schema_name =
      dot == std::string::npos ? Catalog::kDefaultSchema : table.substr(0, dot);
  std::string name = dot == std::string::npos ? table : table.substr(dot + 1);
  auto schema = catalog.GetSchema(schema_name);
  auto entry = schema ? catalog.GetEntry(schema_name, name) : nullptr;
  if (!entry || schema->external)
    return false;
  if (entry->type == CatalogType::kTable &&
      entry->Cast<TableCatalogEntry>().ColumnIndex(column) == kInvalidIndex) {
    throw Exception(sqlstate::kUndefinedColumn,
                    "column \"" + column + "\" of relation \"" + name + "\" does not exist");
  }
  return (ColumnPrivileges(user, *schema, *entry, column) & wanted) != 0;
}

bool AccessControl::HasAnyColumnPrivilege(const Catalog& catalog, const std::string& user,
                                          const std::string& table,
                                          const std::string& privileges) const {
  if (HasTablePrivilege(catalog, user, table, privileges))
    return true;
  PrivilegeSet wanted = ParsePrivilegeList(privileges, kAllTablePrivileges);
  auto dot = table.find('.');
  std::string schema_name =
      dot == std::string::npos ? Catalog::kDefaultSchema : table.substr(0, dot);
  auto schema = catalog.GetSchema(schema_name);
  auto entry = schema ? catalog.GetEntry(schema_name,
                                         dot == std::string::npos ? table : table.substr(dot + 1))
                      : nullptr;
  return entry && (AnyColumnPrivileges(user, *schema, *entry) & wanted) != 0;
}

bool AccessControl::HasSchemaPrivilege(const Catalog& catalog, const std::string& user,
                                       const std::string& schema,
                                       const std::string& privileges) const {
  PrivilegeSet wanted = ParsePrivilegeList(privileges, kAllSchemaPrivileges);
  auto entry = catalog.GetSchema(schema);
  if (!entry)
    throw Exception(sqlstate::kInvalidSchemaName, "schema \"" + schema + "\" does not exist");
  return (SchemaPrivileges(user, *entry) & wanted) != 0;
}

bool AccessControl::HasDatabasePrivilege(const std::string& user, const std::string& database,
                                         const std::string& privileges) const {
  PrivilegeSet wanted = ParsePrivilegeList(privileges, kAllDatabasePrivileges);
  if (database != GrantStore::kDatabaseName)
    throw Exception("3D000", "database \"" + database + "\" does not exist");
  return (DatabasePrivileges(user) & wanted) != 0;
}

std::string AccessControl::AclText(const GrantObject& object, const std::string& owner,
                                   PrivilegeSet all) const {
  std::string owner_name = OwnerOf(owner);
  auto item = [&](const std::string& grantee, PrivilegeSet privileges) {
    std::string text = grantee + "=" + PrivilegeLetters(privileges) + "/" + owner_name;
    bool quote = text.find_first_of(" ,\"{}") != std::string::npos;
    return quote ? "\"" + text + "\"" : text;
  };
  std::string result = "{" + item(owner_name, all);
  for (auto& grant : grants_.Grants(object)) {
    std::string grantee = grant.grantee.kind == GranteeKind::kPublic ? ""
                          : grant.grantee.kind == GranteeKind::kGroup
                              ? "group " + grant.grantee.name
                              : grant.grantee.name;
    if (grant.privileges & all)
      result += "," + item(grantee, grant.privileges & (all | GrantOptionOf(all)));
  }
  return result + "}";
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
