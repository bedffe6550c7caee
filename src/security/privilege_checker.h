// PrivilegeChecker: the one place statements ask "may the current user do
// this?". The binder and the statement runner call it for every schema and
// table they resolve; a denial throws 42501 worded as PostgreSQL words it
// ("permission denied for table t", "must be owner of schema s"), with a
// detail naming the privilege and object and a hint saying who can grant it.
//
// What each statement needs:
//   SELECT (also the sources of INSERT ... SELECT and CTAS, EXPLAIN):
//     USAGE on each table's schema, SELECT on each table; for external
//     schemas USAGE alone.
//   INSERT / UPDATE / DELETE: USAGE on the schema and that privilege
//     (UPDATE and SELECT, when WHERE or SET read columns, and INSERT also
//     per column: RequireColumns). SELECT on some columns only lets a query
//     read those (the binder's ColumnGuard).
//   CREATE TABLE [AS]: CREATE on the schema.   CREATE SCHEMA: CREATE on the
//   database.   CREATE EXTERNAL SCHEMA: a superuser or the database owner.
//   DROP / ALTER ... OWNER / RENAME, GRANT / REVOKE: the object's owner
//   (DROP TABLE: or the schema's owner).   Users and groups: a superuser.
//
// Views (hook for their binder): bind a view's query with a checker for
// the view's owner, `PrivilegeChecker(access, view.owner)`, so readers need
// SELECT on the view only and the owner's privileges reach the tables.
//
// Cheap to construct (one user lookup); not thread-safe; lives for one
// statement or less.
#pragma once

#include <string>
#include <vector>

#include "security/access_control.h"

namespace tributary {

class PrivilegeChecker {
 public:
  PrivilegeChecker(const AccessControl& access, std::string user);

  const std::string& user() const { return user_; }
  bool IsSuperuser() const { return superuser_; }

  void RequireSchema(const SchemaCatalogEntry& schema, Privilege privilege) const;
  // USAGE on `schema`, then `privilege` on `table` (a table or view in it).
  void RequireTable(const SchemaCatalogEntry& schema, const CatalogEntry& table,
                    Privilege privilege) const;
  // Column privileges: USAGE on `schema`, then `privilege` on `table` or
  // on each of `columns` (GRANT UPDATE (a) ON t); 42501 names the first
  // column missing it. Empty `columns` (nothing read): the privilege on the
  // table or on any of its columns.
  void RequireColumns(const SchemaCatalogEntry& schema, const CatalogEntry& table,
                      Privilege privilege, const std::vector<std::string>& columns) const;
  // DROP and ALTER: the owner of `object` (or, with `schema`, the owner of
  // the schema that holds it). `kind` is "table", "schema", "view".
  void RequireOwner(const CatalogEntry& object, const char* kind,
                    const SchemaCatalogEntry* schema = nullptr) const;
  void RequireDatabase(Privilege privilege) const;
  // `action` completes "permission denied to ...", e.g. "create user".
  void RequireSuperuser(const std::string& action) const;
  // CREATE EXTERNAL SCHEMA.
  void RequireSuperuserOrDatabaseOwner(const std::string& action) const;

 private:
  const AccessControl& access_;
  std::string user_;
  bool superuser_;
};

}  // namespace tributary
