// Binding of the catalog tables (pg_catalog.*, information_schema.*,
// Redshift's SVV_ALL_*, SVV_TABLE_INFO, PG_TABLE_DEF): the SystemCatalog
// computes their rows from a snapshot of the catalog and the session, and
// they are planned as VALUES. Unqualified names find pg_catalog first, as in
// PostgreSQL.
#include <algorithm>
#include <map>

#include "binder/binder.h"
#include "catalog/system_catalog.h"
#include "connector/remote_metadata_cache.h"
#include "main/client_context.h"
#include "main/database.h"
#include "main/session_settings.h"
#include "planner/expression/bound_constant_expression.h"
#include "security/access_control.h"

namespace tributary {

namespace {

// pg_roles / pg_user rows: the users AccessControl knows, with their ids.
std::vector<CatalogRole> ListRoles(const AccessControl& access) {
  std::vector<CatalogRole> roles;
  for (auto& user : access.Users())
    roles.push_back({user.name, static_cast<uint32_t>(user.id), user.superuser});
  return roles;
}

// pg_group rows: the groups with their members' user ids.
std::vector<CatalogGroup> ListGroups(const AccessControl& access) {
  std::map<std::string, uint32_t> ids;
  for (auto& user : access.Users())
    ids[user.name] = static_cast<uint32_t>(user.id);
  std::vector<CatalogGroup> groups;
  for (auto& group : access.Groups()) {
    CatalogGroup row{group.name, static_cast<uint32_t>(group.id), {}};
    for (auto& member : group.members) {
      if (auto it = ids.find(member); it != ids.end())
        row.members.push_back(it->second);
    }
    groups.push_back(std::move(row));
  }
  return groups;
}

// information_schema's privilege filter, PostgreSQL's: a schema when the
// user owns it or holds USAGE or CREATE on it; a relation when the user
// owns it or holds any privilege on it (or SELECT, INSERT or UPDATE on a
// column); a column when the user owns the table or holds SELECT, INSERT
// or UPDATE on the table or the column. Catalog tables are
// readable by everyone. A superuser sees everything (no filter).
std::function<bool(const std::string&, const std::string&, const std::string&)>
InformationSchemaFilter(const Catalog& catalog, const AccessControl& access,
                        const std::string& user) {
  if (access.IsSuperuser(user))
    return nullptr;
  return [&catalog, &access, user](const std::string& schema, const std::string& relation,
                                   const std::string& column) {
    auto schema_entry = catalog.GetSchema(schema);
    if (!schema_entry)
      return true;  // pg_catalog / information_schema tables
    if (relation.empty())
      return access.SchemaPrivileges(user, *schema_entry) != 0;
    auto entry = catalog.GetEntry(schema, relation);
    if (!entry)
      return true;
    auto readable = Bits(Privilege::kSelect) | Bits(Privilege::kInsert) | Bits(Privilege::kUpdate);
    if (!column.empty())
      return (access.ColumnPrivileges(user, *schema_entry, *entry, column) & readable) != 0;
    return (access.TablePrivileges(user, *schema_entry, *entry) & kPrivilegeMask) != 0 ||
           (access.AnyColumnPrivileges(user, *schema_entry, *entry) & readable) != 0;
  };
}

}  // namespace

std::unique_ptr<SystemCatalog> Binder::MakeSystemCatalog(bool with_external) {
  CatalogSession session;
  session.user = context_.current_user;
  session.search_path = context_.settings.Get("search_path");
  session.roles = ListRoles(context_.db.access_control());
  session.groups = ListGroups(context_.db.access_control());
  for (auto& [name, value] : context_.settings.All())
    session.settings.emplace_back(name, value);
  session.backend_pid = context_.session_id;
  session.accessible = InformationSchemaFilter(context_.db.catalog(), context_.db.access_control(),
                                               context_.current_user);
  if (with_external) {
    bool fold = !context_.settings.enable_case_sensitive_identifier();
    auto local = [&](std::string name) {
      if (fold)
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return std::tolower(c); });
      return name;
    };
    for (auto& [schema, tables] : ExternalTables()) {
      for (auto& table : tables) {
        CatalogExternalRelation relation;
        relation.schema = schema->name;
        relation.name = local(table->remote_name);
        relation.type = table->relkind == 'v' ? "VIEW" : "TABLE";
        for (auto& column : table->columns)
          relation.columns.push_back({local(column.name), column.remote_type, column.nullable});
        session.external_relations.push_back(std::move(relation));
      }
    }
  }
  return std::make_unique<SystemCatalog>(context_.db.catalog(), std::move(session));
}

LogicalOperatorPtr Binder::BindCatalogTable(BaseTableRef& ref) {
  bool needs_external = false;
  if (!SystemCatalog::IsSystemTable(ref.schema, ref.table, &needs_external))
    return nullptr;
  auto catalog = MakeSystemCatalog(needs_external);
  auto table = catalog->Table(ref.schema, ref.table);
  std::vector<std::vector<ExpressionPtr>> rows;
  rows.reserve(table->rows.size());
  for (auto& values : table->rows) {
    std::vector<ExpressionPtr> row;
    row.reserve(values.size());
    for (auto& v : values)
      row.push_back(std::make_unique<BoundConstantExpression>(v));
    rows.push_back(std::move(row));
  }
  auto names = table->names;
  if (ref.column_aliases.size() > names.size()) {
    throw Exception(sqlstate::kInvalidColumnReference,
                    "table \"" + ref.table + "\" has " + std::to_string(names.size()) +
                        " columns available but " + std::to_string(ref.column_aliases.size()) +
                        " columns specified")
        .WithPosition(ref.location);
  }
  for (idx_t i = 0; i < ref.column_aliases.size(); i++)
    names[i] = ref.column_aliases[i];
  return MakeSystemViewGet(ref.alias.empty() ? ref.table : ref.alias, names, table->types,
                           std::move(rows));
}

}  // namespace tributary
