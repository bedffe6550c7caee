// SystemCatalog: the catalog tables clients read (pg_catalog, information_schema
// and Redshift's SVV_ALL_*, SVV_TABLE_INFO, PG_TABLE_DEF), computed from one
// snapshot of the Catalog plus what the session knows (user, search_path,
// settings, roles, the external schemas' remote relations).
//
// Types: oid columns are INTEGER, name/text/"char"/array/pg_node_tree columns
// VARCHAR (arrays in PostgreSQL's text form, e.g. '{a,b}'), regproc columns
// the function's name. OIDs: PostgreSQL's for system schemas, types and
// catalog tables; user schemas and relations carry the OID the Catalog gave
// them (CatalogEntry::oid), so they are stable while the object lives.
//
// Thread-safety: immutable after construction; built per statement.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/table_constraint.h"
#include "types/value.h"

namespace tributary {

class TableCatalogEntry;
class ViewCatalogEntry;

struct CatalogRole {
  std::string name;
  uint32_t oid = 0;
  bool superuser = false;
};

// A user group (pg_group): its id and its members' user ids. Groups are
// also roles that cannot log in (pg_roles, pg_auth_members), as CREATE GROUP
// makes them in PostgreSQL; their role OID is RoleOidOfGroup(oid), apart
// from the users' ids (users and groups both count from 100).
struct CatalogGroup {
  std::string name;
  uint32_t oid = 0;
  std::vector<uint32_t> members;
};

// One relation of an external schema, as read from its source.
struct CatalogExternalRelation {
  std::string schema;  // the local external schema's name
  std::string name;
  std::string type;  // TABLE, VIEW, MATERIALIZED VIEW
  struct Column {
    std::string name;
    std::string remote_type;  // the source's format_type() text
    bool nullable = true;
  };
  std::vector<Column> columns;
};

// What the catalog tables need to know beyond the Catalog.
struct CatalogSession {
  std::string database = "dev";
  std::string user;
  // search_path as set ("$user" included); pg_catalog is searched first.
  std::string search_path;
  std::vector<CatalogRole> roles;
  std::vector<CatalogGroup> groups;
  std::vector<std::pair<std::string, std::string>> settings;
  int32_t backend_pid = 0;
  std::vector<CatalogExternalRelation> external_relations;
  // What information_schema lists (PostgreSQL: what the user owns or holds
  // some privilege on): called with (schema, "", "") for a schema, (schema,
  // relation, "") for a relation and (schema, relation, column) for a
  // column. Unset: everything (pg_catalog is never filtered).
  std::function<bool(const std::string&, const std::string&, const std::string&)> accessible;
};

// A computed catalog table.
struct SystemTable {
  std::vector<std::string> names;
  std::vector<LogicalType> types;
  std::vector<std::vector<Value>> rows;
};

class SystemCatalog {
 public:
  SystemCatalog(const Catalog& catalog, CatalogSession session);

  // True when `schema`.`name` (schema empty, "pg_catalog" or
  // "information_schema") names a catalog table; `needs_external` says
  // whether it lists the external schemas' relations (the caller then fills
  // CatalogSession::external_relations, which costs a metadata read).
  static bool IsSystemTable(const std::string& schema, const std::string& name,
                            bool* needs_external = nullptr);
  // The table's rows; nullopt when it is not a catalog table.
  std::optional<SystemTable> Table(const std::string& schema, const std::string& name) const;

  // Names of the schemas on search_path that exist, in order (pg_catalog not
  // included unless listed).
  std::vector<std::string> SearchPath() const;
  // The OID of relation `name` ("t", "s.t", quoted parts allowed) as
  // 'name'::regclass resolves it; nullopt when it does not exist.
  std::optional<uint32_t> RelationOid(const std::string& name) const;
  std::optional<uint32_t> TypeOid(const std::string& name) const;
  std::optional<uint32_t> NamespaceOid(const std::string& name) const;
  // A user's id, else a group's role OID.
  std::optional<uint32_t> RoleOid(const std::string& name) const;
  // The pg_roles OID of the group whose pg_group.grosysid is `group_id`.
  static uint32_t RoleOidOfGroup(uint32_t group_id) { return kGroupRoleOidBase + group_id; }
  // OID -> name maps for oid::regclass, pg_get_userbyid, ...; relation
  // names are schema-qualified when not visible on search_path; role names
  // include the groups' (by RoleOidOfGroup).
  std::map<int64_t, std::string> RelationNames() const;
  std::map<int64_t, std::string> TypeNames() const;
  std::map<int64_t, std::string> NamespaceNames() const;
  std::map<int64_t, std::string> RoleNames() const;
  // Estimated bytes of each stored table (rows times a nominal row width),
  // for pg_table_size() and SVV_TABLE_INFO.size.
  std::map<int64_t, int64_t> RelationSizes() const;
  // OIDs of relations pg_table_is_visible() accepts.
  std::vector<int64_t> VisibleRelations() const;

  const CatalogSession& session() const { return session_; }

  // The PostgreSQL type OID and typmod of a warehouse type.
  static std::pair<uint32_t, int32_t> PgType(const LogicalType& type);
  // format_type(oid, typmod); NULL-free: "???" for an unknown OID.
  static std::string FormatType(int64_t oid, std::optional<int32_t> typmod);

  // What information_schema.columns says about a column type.
  struct ColumnTypeFacts {
    std::string data_type;
    std::string udt_name;
    std::optional<int64_t> max_length, octet_length, precision, radix, scale, datetime_precision;
  };
  static ColumnTypeFacts TypeFacts(uint32_t oid, int32_t typmod);

  struct Relation {
    uint32_t oid = 0;
    uint32_t namespace_oid = 0;
    std::string schema;
    std::string name;
    char relkind = 'r';
    std::string owner;
    struct Column {
      std::string name;
      LogicalType type;
      uint32_t pg_type_oid = 0;  // catalog tables: the PostgreSQL type; 0: from `type`
      bool not_null = false;
      std::string default_sql;
    };
    std::vector<Column> columns;
    bool system = false;
    int64_t rows = 0;  // stored rows (local tables)
    // The stored definition (owned by the snapshot, so valid while this
    // SystemCatalog lives); null for catalog tables and other kinds.
    const TableCatalogEntry* table = nullptr;
    const ViewCatalogEntry* view = nullptr;
  };
  // pg_index / pg_constraint: one per declared constraint of a local table;
  // PRIMARY KEY and UNIQUE ones also have an index (relkind 'i' in pg_class,
  // named after the constraint).
  struct Constraint {
    uint32_t oid = 0;
    uint32_t index_oid = 0;  // 0 for foreign keys
    idx_t relation = 0;      // index in relations()
    const TableConstraint* definition = nullptr;
    std::vector<int16_t> keys;             // attnums
    uint32_t referenced_oid = 0;           // foreign keys; 0 when missing
    std::vector<int16_t> referenced_keys;  // attnums in the referenced table
    uint32_t referenced_index_oid = 0;
  };
  const std::vector<Constraint>& constraints() const { return constraints_; }
  // The view's SQL as stored (pg_get_viewdef); nullopt when `oid` is no view.
  std::optional<std::string> ViewDefinition(int64_t oid) const;
  // pg_get_constraintdef / pg_get_indexdef; nullopt when unknown.
  std::optional<std::string> ConstraintDefinition(int64_t oid) const;
  std::optional<std::string> IndexDefinition(int64_t oid) const;
  struct Namespace {
    uint32_t oid = 0;
    std::string name;
    std::string owner;
    bool external = false;
    const ExternalSchemaDefinition* definition = nullptr;
  };
  const std::vector<Relation>& relations() const { return relations_; }
  static int64_t EstimatedBytes(const Relation& relation);
  const std::vector<Namespace>& namespaces() const { return namespaces_; }

 private:
  static constexpr uint32_t kGroupRoleOidBase = 1u << 24;

  struct PgTypeInfo {
    uint32_t oid;
    const char* name;
    int16_t length;
    char category;
    uint32_t array;
    uint32_t element;
    char type;
  };
  static std::vector<PgTypeInfo> PgTypes();
  // The column list of a catalog table (see SystemTableBuilder).
  static const char* SpecColumns(const std::string& schema, const std::string& name);

  SystemTable PgCatalogTable(const std::string& name) const;
  std::optional<SystemTable> InformationSchemaTable(const std::string& name) const;
  std::optional<SystemTable> RedshiftTable(const std::string& name) const;
  uint32_t OwnerOid(const std::string& owner) const;
  // Whether the session's user is a superuser.
  bool IsSuperuser() const;
  // Fills constraints_ from the tables' declared constraints.
  void BuildConstraints();
  // The relation with `oid`, or null.
  const Relation* FindRelation(int64_t oid) const;
  bool Visible(const Relation& relation) const;

  CatalogSession session_;
  std::vector<Catalog::SchemaSnapshot> snapshot_;
  std::vector<Namespace> namespaces_;
  std::vector<Relation> relations_;
  std::vector<Constraint> constraints_;
};

}  // namespace tributary
