// AccessControl: who the users and groups are and what each may do, for
// one Database. Owns the UserStore (users.json) and the GrantStore
// (grants.json) and answers privilege questions; PrivilegeChecker turns the
// answers into 42501 errors for statements.
//
// Rules (PostgreSQL's, with Redshift's defaults):
//  - A superuser holds every privilege. CREATEUSER makes a superuser.
//  - An object's owner holds every privilege on it. An object without an
//    owner (created before users existed) belongs to the database owner.
//  - Otherwise a user holds what was granted to the user, to a group the
//    user belongs to, or to PUBLIC. The *Privileges() sets carry grant
//    options too (GrantOptionOf); owners and superusers hold them all.
//  - Column privileges (GRANT SELECT (a) ON t): SELECT, INSERT and UPDATE
//    on single columns of a table, in addition to the table's.
//  - GRANT and REVOKE are for the owner, a superuser, or a holder of the
//    grant option of each privilege named (grantors are not recorded, so
//    such a holder may revoke what another grantor granted).
//  - PUBLIC starts with USAGE and CREATE on schema public; pg_catalog and
//    information_schema are readable by everyone.
//  - USAGE on an external schema lets a user read every table in it; its
//    tables carry no grants of their own.
//
// For pg_catalog (pg_user, pg_group, pg_roles, has_table_privilege(), ...)
// use Users(), Groups(), IsSuperuser(), TablePrivileges(),
// SchemaPrivileges(), DatabasePrivileges() and Grants().
//
// Thread-safe. Implements CatalogObserver so grants follow DROP and RENAME.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog_observer.h"
#include "security/grant_store.h"
#include "security/user_store.h"

namespace tributary {

class Catalog;
class CatalogEntry;
class SchemaCatalogEntry;

class AccessControl : public CatalogObserver {
 public:
  // `data_directory` empty: users and grants live in memory.
  AccessControl(const std::string& data_directory, const std::string& default_superuser);
  // Makes sure a superuser exists (`default_superuser`, without a
  // password, on a new data directory). The Database calls it once the
  // stores' documents are loaded (they live in the storage manifest).
  void Bootstrap();

  UserStore& users() { return users_; }
  const UserStore& users() const { return users_; }
  GrantStore& grants() { return grants_; }
  const GrantStore& grants() const { return grants_; }

  // The user a session without a login runs as (the embedded shell, `-c`,
  // tests): the database owner, a superuser.
  std::string DefaultUser() const;
  std::string DatabaseOwner() const { return users_.DatabaseOwner(); }

  std::vector<UserRecord> Users() const { return users_.Users(); }
  std::vector<GroupRecord> Groups() const { return users_.Groups(); }
  bool IsSuperuser(const std::string& user) const;
  // The owner of an object as recorded ("" means the database owner).
  std::string OwnerOf(const std::string& recorded_owner) const;

  // What `user` may do with a table or view of `schema` (its own
  // privileges, not counting USAGE on the schema), a schema, or the database.
  PrivilegeSet TablePrivileges(const std::string& user, const SchemaCatalogEntry& schema,
                               const CatalogEntry& table) const;
  // What `user` may do with one column: the table's privileges and those
  // granted on the column (GRANT SELECT (a) ON t).
  PrivilegeSet ColumnPrivileges(const std::string& user, const SchemaCatalogEntry& schema,
                                const CatalogEntry& table, const std::string& column) const;
  // The union of the column privileges granted to `user` on any column.
  PrivilegeSet AnyColumnPrivileges(const std::string& user, const SchemaCatalogEntry& schema,
                                   const CatalogEntry& table) const;
  PrivilegeSet SchemaPrivileges(const std::string& user, const SchemaCatalogEntry& schema) const;
  PrivilegeSet DatabasePrivileges(const std::string& user) const;
  // The grants recorded on an object (owners' implicit privileges are not
  // listed), e.g. to print relacl / nspacl.
  std::vector<GrantEntry> Grants(const GrantObject& object) const { return grants_.Grants(object); }

  // PostgreSQL's has_table_privilege / has_schema_privilege /
  // has_database_privilege for `user`: `privileges` is a comma-separated
  // list ("SELECT, INSERT", any case, each optionally "WITH GRANT OPTION"
  // to ask for the grant option); true when the user holds any of them. A table
  // name may be schema-qualified (unqualified: public); tables of external
  // schemas answer by USAGE on the schema. Throws 42P01 / 3F000 / 3D000 for
  // a missing object and 22023 for an unknown privilege, as PostgreSQL.
  bool HasTablePrivilege(const Catalog& catalog, const std::string& user, const std::string& table,
                         const std::string& privileges) const;
  // has_column_privilege(table, column, privileges) and
  // has_any_column_privilege(table, privileges): table privileges count
  // for every column. 42703 for a missing column.
  bool HasColumnPrivilege(const Catalog& catalog, const std::string& user, const std::string& table,
                          const std::string& column, const std::string& privileges) const;
  bool HasAnyColumnPrivilege(const Catalog& catalog, const std::string& user,
                             const std::string& table, const std::string& privileges) const;
  bool HasSchemaPrivilege(const Catalog& catalog, const std::string& user,
                          const std::string& schema, const std::string& privileges) const;
  bool HasDatabasePrivilege(const std::string& user, const std::string& database,
                            const std::string& privileges) const;
  // An object's privileges as PostgreSQL prints aclitem[] (relacl, nspacl,
  // datacl): {owner=arwd/owner,alice=r/owner,=U/owner,"group g=r/owner"}.
  // Includes the owner's implicit entry; `all` is the object kind's ALL.
  std::string AclText(const GrantObject& object, const std::string& owner, PrivilegeSet all) const;

  // Forgets grants on tables the catalog no longer has (after a restart).
  void PruneGrants(const Catalog& catalog);

  // CatalogObserver.
  void OnDropSchema(const std::string& schema) override;
  void OnRenameSchema(const std::string& schema, const std::string& new_name) override;
  void OnDropEntry(const std::string& schema, const std::string& name) override;
  void OnRenameEntry(const std::string& schema, const std::string& name,
                     const std::string& new_name) override;

 private:
  std::string default_superuser_;
  // The user, its groups and PUBLIC.
  std::vector<Grantee> GranteesOf(const std::string& user) const;

  UserStore users_;
  GrantStore grants_;
};

}  // namespace tributary
