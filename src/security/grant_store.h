// GrantStore: the privileges granted on tables, schemas and the database,
// kept in the Database's storage manifest like the users (see UserStore;
// DATA_DIR/control/grants.json for a store of no Database, in memory
// without a data directory). Objects are keyed by name, so the
// catalog tells the store when an object is dropped or renamed
// (AccessControl does, as the Catalog's observer):
//   {"tables": {"public": {"t": {"user:alice": ["SELECT"], "PUBLIC": [...]}}},
//    "columns": {"public": {"t": {"a": {"user:bob": ["SELECT"]}}}},
//    "schemas": {"public": {"PUBLIC": ["USAGE", "CREATE"]}},
//    "databases": {"dev": {"PUBLIC": ["TEMPORARY"]}}}
// Grantees are "user:NAME", "group:NAME" or "PUBLIC"; a privilege held
// WITH GRANT OPTION is listed as "SELECT WITH GRANT OPTION" (in a
// PrivilegeSet, GrantOptionOf(SELECT) beside SELECT). Owners and
// superusers are not recorded here: they hold every privilege implicitly.
// A new store starts with Redshift's defaults: PUBLIC has USAGE and CREATE
// on schema public and TEMPORARY on the database.
//
// Transactional: changes made by a statement of a transaction (GRANT,
// REVOKE, and the grants a DROP or RENAME takes along) are seen by that
// transaction alone until it commits, and undone by ROLLBACK (see
// JsonDocument). Transactions that changed grants concurrently merge by
// (object, grantee, privilege): each privilege granted or revoked by one
// of them stays granted or revoked (JsonMerge).
//
// Thread-safe.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "security/json_document.h"
#include "security/privilege.h"

namespace tributary {

struct GrantObject {
  GrantObjectKind kind = GrantObjectKind::kTable;
  std::string schema;  // tables only
  std::string name;    // the table, schema or database name
  std::string column;  // a column of the table (column privileges); empty: the table
};

struct GrantEntry {
  Grantee grantee;
  PrivilegeSet privileges = 0;
};

class GrantStore {
 public:
  static constexpr const char* kDatabaseName = "dev";

  explicit GrantStore(const std::string& data_directory);

  // Adds (Grant) or removes (Revoke) `privileges` for every grantee on
  // every object, in one atomic change.
  void Grant(const std::vector<GrantObject>& objects, const std::vector<Grantee>& grantees,
             PrivilegeSet privileges);
  void Revoke(const std::vector<GrantObject>& objects, const std::vector<Grantee>& grantees,
              PrivilegeSet privileges);

  // The union of what `grantees` were granted on `object`.
  PrivilegeSet Granted(const GrantObject& object, const std::vector<Grantee>& grantees) const;
  // Every grant on `object` (for aclitem[] columns such as relacl).
  std::vector<GrantEntry> Grants(const GrantObject& object) const;
  // True when `grantee` holds a privilege on any object (DROP USER/GROUP).
  bool HasGrants(const Grantee& grantee) const;

  // The grants `grantees` hold on columns of a table, by column.
  std::vector<std::pair<std::string, PrivilegeSet>> ColumnGrants(
      const std::string& schema, const std::string& table,
      const std::vector<Grantee>& grantees) const;

  // Catalog changes (a table's column grants follow the table).
  void DropColumn(const std::string& schema, const std::string& table, const std::string& column);
  void RenameColumn(const std::string& schema, const std::string& table, const std::string& column,
                    const std::string& new_name);
  void DropTable(const std::string& schema, const std::string& name);
  void RenameTable(const std::string& schema, const std::string& name, const std::string& new_name);
  // Drops the schema's grants and those of every table in it.
  void DropSchema(const std::string& schema);
  void RenameSchema(const std::string& schema, const std::string& new_name);
  void RenameGrantee(const Grantee& grantee, const std::string& new_name);
  // Forgets table grants for which `exists(schema, table)` is false (tables
  // that did not survive a restart must not pass their grants on to a new
  // table of the same name).
  void Prune(const std::function<bool(const std::string&, const std::string&)>& exists);

  // The document (the TransactionManager keeps it in the manifest).
  JsonDocument& document() { return document_; }

 private:
  JsonDocument document_;
};

}  // namespace tributary
