#include "security/privilege_checker.h"

#include "catalog/schema_catalog_entry.h"
#include "common/exception.h"

namespace tributary {

namespace {

// A name as SQL would need it written (quoted when it is not a plain
// lower-case identifier).
std::string Sql(const std::string& name) {
  bool plain = !name.empty() && !(name[0] >= '0' && name[0] <= '9');
  for (char c : name)
    plain = plain && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
  if (plain)
    return name;
  std::string quoted = "\"";
  for (char c : name) {
    if (c == '"')
      quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

Exception Denied(const std::string& message, const std::string& user, Privilege privilege,
                 const std::string& kind, const std::string& object,
                 const std::string& grant_target) {
  return Exception(sqlstate::kInsufficientPrivilege, message)
      .WithDetail("User \"" + user + "\" needs " + PrivilegeName(privilege) + " on " + kind + " " +
                  object + ".")
      .WithHint("Its owner or a superuser can run GRANT " + std::string(PrivilegeName(privilege)) +
                " ON " + grant_target + " TO " + Sql(user) + ";");
}

}  // namespace

PrivilegeChecker::PrivilegeChecker(const AccessControl& access, std::string user)
    : access_(access), user_(std::move(user)), superuser_(access.IsSuperuser(user_)) {}

void PrivilegeChecker::RequireSchema(const SchemaCatalogEntry& schema, Privilege privilege) const {
  if (superuser_ || schema.is_system)
    return;
  if (access_.SchemaPrivileges(user_, schema) & Bits(privilege))
    return;
  if (schema.external && privilege == Privilege::kCreate) {
    throw Exception(sqlstate::kInsufficientPrivilege, "permission denied for schema " + schema.name)
        .WithDetail("External schema " + schema.name +
                    " is read-only: tables cannot be created in it.");
  }
  throw Denied("permission denied for schema " + schema.name, user_, privilege, "schema",
               schema.name, "SCHEMA " + Sql(schema.name));
}

void PrivilegeChecker::RequireTable(const SchemaCatalogEntry& schema, const CatalogEntry& table,
                                    Privilege privilege) const {
  if (superuser_)
    return;
  RequireSchema(schema, Privilege::kUsage);
  if (access_.TablePrivileges(user_, schema, table) & Bits(privilege))
    return;
  const char* kind = CatalogTypeName(table.type);
  std::string qualified = Sql(schema.name) + "." + Sql(table.name);
  throw Denied(std::string("permission denied for ") + kind + " " + table.name, user_, privilege,
               kind, schema.name + "." + table.name, qualified);
}

void PrivilegeChecker::RequireColumns(const SchemaCatalogEntry& schema, const CatalogEntry& table,
                                      Privilege privilege,
                                      const std::vector<std::string>& columns) const {
  if (superuser_ || (access_.TablePrivileges(user_, schema, table) & Bits(privilege)))
    return RequireTable(schema, table, privilege);
  RequireSchema(schema, Privilege::kUsage);
  // Without the privilege on any column the table is what is denied.
  if (!(access_.AnyColumnPrivileges(user_, schema, table) & Bits(privilege)))
    return RequireTable(schema, table, privilege);  // throws
  for (auto& column : columns) {
    if (access_.ColumnPrivileges(user_, schema, table, column) & Bits(privilege))
      continue;
    throw Exception(sqlstate::kInsufficientPrivilege,
                    "permission denied for column " + column + " of table " + table.name)
        .WithDetail(std::string(PrivilegeName(privilege)) + " on column " + column + " of " +
                    schema.name + "." + table.name + " is needed.")
        .WithHint("Its owner can run GRANT " + std::string(PrivilegeName(privilege)) + " (" +
                  Sql(column) + ") ON " + Sql(schema.name) + "." + Sql(table.name) + " TO " +
                  Sql(user_) + ";");
  }
}

void PrivilegeChecker::RequireOwner(const CatalogEntry& object, const char* kind,
                                    const SchemaCatalogEntry* schema) const {
  if (superuser_ || access_.OwnerOf(object.owner) == user_)
    return;
  if (schema && access_.OwnerOf(schema->owner) == user_)
    return;
  throw Exception(sqlstate::kInsufficientPrivilege,
                  std::string("must be owner of ") + kind + " " + object.name)
      .WithDetail(std::string("The ") + kind + " is owned by \"" + access_.OwnerOf(object.owner) +
                  "\".");
}

void PrivilegeChecker::RequireDatabase(Privilege privilege) const {
  if (superuser_ || (access_.DatabasePrivileges(user_) & Bits(privilege)))
    return;
  throw Denied(std::string("permission denied for database ") + GrantStore::kDatabaseName, user_,
               privilege, "database", GrantStore::kDatabaseName,
               std::string("DATABASE ") + GrantStore::kDatabaseName);
}

void PrivilegeChecker::RequireSuperuser(const std::string& action) const {
  if (superuser_)
    return;
  throw Exception(sqlstate::kInsufficientPrivilege, "permission denied to " + action)
      .WithDetail("Only superusers may " + action + ".");
}

void PrivilegeChecker::RequireSuperuserOrDatabaseOwner(const std::string& action) const {
  if (superuser_ || access_.DatabaseOwner() == user_)
    return;
  throw Exception(sqlstate::kInsufficientPrivilege, "permission denied to " + action)
      .WithDetail("Only a superuser or the database owner (\"" + access_.DatabaseOwner() +
                  "\") may " + action + ".");
}

}  // namespace tributary
