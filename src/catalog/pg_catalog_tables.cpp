// The pg_catalog tables (SystemCatalog::PgCatalogTable): what psql, JDBC and
// ODBC read. Declared PRIMARY KEY / UNIQUE constraints appear as unique
// btree indexes (pg_index, relkind 'i' in pg_class) as PostgreSQL creates
// them. Tables for features Tributary lacks (comments, inheritance,
// policies, triggers, ...) exist with PostgreSQL's columns and no rows, so
// the clients' joins against them work.
#include <algorithm>
#include <set>

#include "catalog/system_catalog.h"
#include "catalog/system_table_builder.h"

namespace tributary {

namespace {

Value Text(const std::string& s) {
  return Value::Varchar(s);
}
Value Oid(int64_t oid) {
  return Value::Integer(static_cast<int32_t>(oid));
}
Value Bool(bool b) {
  return Value::Boolean(b);
}

// Per-type attlen/attbyval/attalign/attstorage.
struct Storage {
  int16_t length;
  bool by_value;
  const char* align;
  const char* storage;
};

Storage StorageOf(uint32_t type_oid) {
  switch (type_oid) {
    case 16:
    case 18:
      return {1, true, "c", "p"};
    case 21:
      return {2, true, "s", "p"};
    case 23:
    case 26:
    case 28:
    case 24:
    case 700:
    case 1082:
      return {4, true, "i", "p"};
    case 20:
    case 701:
    case 1114:
    case 1184:
      return {8, true, "d", "p"};
    case 1186:
      return {16, false, "d", "p"};
    case 19:
      return {64, false, "c", "p"};
    case 1700:
      return {-1, false, "i", "m"};
    default:
      return {-1, false, "i", "x"};
  }
}

bool Collatable(uint32_t type_oid) {
  return type_oid == 25 || type_oid == 1043 || type_oid == 1042 || type_oid == 19;
}

}  // namespace

SystemTable SystemCatalog::PgCatalogTable(const std::string& name) const {
  SystemTableBuilder b(SpecColumns("pg_catalog", name));
  // The first superuser owns the system objects and the database.
  uint32_t dba = OwnerOid("");

  if (name == "pg_namespace") {
    for (auto& n : namespaces_) {
      b.AddRow();
      b.Set("oid", Oid(n.oid));
      b.Set("nspname", Text(n.name));
      b.Set("nspowner", Oid(n.oid < Catalog::kFirstUserOid ? dba : OwnerOid(n.owner)));
    }
  } else if (name == "pg_class") {
    std::set<int64_t> indexed, with_triggers;
    for (auto& c : constraints_) {
      if (c.index_oid)
        indexed.insert(relations_[c.relation].oid);
      // PostgreSQL implements foreign keys with triggers on both tables,
      // and psql lists them when relhastriggers is set.
      if (c.definition->type == ConstraintType::kForeignKey) {
        with_triggers.insert(relations_[c.relation].oid);
        with_triggers.insert(c.referenced_oid);
      }
    }
    for (auto& c : constraints_) {
      if (!c.index_oid)
        continue;
      auto& table = relations_[c.relation];
      b.AddRow();
      b.Set("oid", Oid(c.index_oid));
      b.Set("relname", Text(c.definition->name));
      b.Set("relnamespace", Oid(table.namespace_oid));
      b.Set("relowner", Oid(OwnerOid(table.owner)));
      b.Set("relam", Oid(403));
      b.Set("relfilenode", Oid(c.index_oid));
      b.Set("relpersistence", Text("p"));
      b.Set("relkind", Text("i"));
      b.Set("relnatts", Value::SmallInt(static_cast<int16_t>(c.keys.size())));
      b.Set("relispopulated", Bool(true));
      b.Set("relreplident", Text("n"));
    }
    for (auto& r : relations_) {
      b.AddRow();
      b.Set("relhasindex", Bool(indexed.count(r.oid) > 0));
      b.Set("relhastriggers", Bool(with_triggers.count(r.oid) > 0));
      b.Set("oid", Oid(r.oid));
      b.Set("relname", Text(r.name));
      b.Set("relnamespace", Oid(r.namespace_oid));
      b.Set("relowner", Oid(r.system ? dba : OwnerOid(r.owner)));
      b.Set("relam", Oid(r.relkind == 'r' ? 2 : 0));
      b.Set("relfilenode", Oid(r.relkind == 'r' ? r.oid : 0));
      b.Set("reltuples", Value::Real(r.relkind == 'r' ? static_cast<float>(r.rows) : 0));
      b.Set("relpersistence", Text("p"));
      b.Set("relkind", Text(std::string(1, r.relkind)));
      b.Set("relnatts", Value::SmallInt(static_cast<int16_t>(r.columns.size())));
      b.Set("relhasrules", Bool(r.relkind == 'v'));
      b.Set("relispopulated", Bool(true));
      b.Set("relreplident", Text(r.relkind == 'r' ? "d" : "n"));
    }
  } else if (name == "pg_attribute") {
    for (auto& r : relations_) {
      for (size_t i = 0; i < r.columns.size(); i++) {
        auto& c = r.columns[i];
        auto [type_oid, typmod] = PgType(c.type);
        if (c.pg_type_oid) {
          type_oid = c.pg_type_oid;
          typmod = -1;
        }
        auto storage = StorageOf(type_oid);
        b.AddRow();
        b.Set("attrelid", Oid(r.oid));
        b.Set("attname", Text(c.name));
        b.Set("atttypid", Oid(type_oid));
        b.Set("attstattarget", Value::Integer(-1));
        b.Set("attlen", Value::SmallInt(storage.length));
        b.Set("attnum", Value::SmallInt(static_cast<int16_t>(i + 1)));
        b.Set("attcacheoff", Value::Integer(-1));
        b.Set("atttypmod", Value::Integer(typmod));
        b.Set("attbyval", Bool(storage.by_value));
        b.Set("attalign", Text(storage.align));
        b.Set("attstorage", Text(storage.storage));
        b.Set("attcompression", Text(""));
        b.Set("attnotnull", Bool(c.not_null));
        b.Set("atthasdef", Bool(!c.default_sql.empty()));
        b.Set("attidentity", Text(""));
        b.Set("attgenerated", Text(""));
        b.Set("attislocal", Bool(true));
        b.Set("attcollation", Oid(Collatable(type_oid) ? 100 : 0));
      }
    }
  } else if (name == "pg_attrdef") {
    // OIDs of defaults: above every relation's, derived from the column.
    for (auto& r : relations_) {
      for (size_t i = 0; i < r.columns.size(); i++) {
        if (r.columns[i].default_sql.empty())
          continue;
        b.AddRow();
        b.Set("oid", Oid(1000000000 + static_cast<int64_t>(r.oid) * 16 + static_cast<int64_t>(i)));
        b.Set("adrelid", Oid(r.oid));
        b.Set("adnum", Value::SmallInt(static_cast<int16_t>(i + 1)));
        b.Set("adbin", Text(r.columns[i].default_sql));
      }
    }
  } else if (name == "pg_type") {
    for (auto& row : PgTypes()) {
      int64_t oid = row.oid;
      b.AddRow();
      b.Set("oid", Oid(oid));
      b.Set("typname", Text(row.name));
      b.Set("typnamespace", Oid(Catalog::kPgCatalogOid));
      b.Set("typowner", Oid(dba));
      b.Set("typlen", Value::SmallInt(row.length));
      b.Set("typbyval", Bool(row.length > 0 && row.length <= 8));
      b.Set("typtype", Text(std::string(1, row.type)));
      b.Set("typcategory", Text(std::string(1, row.category)));
      b.Set("typispreferred", Bool(oid == 25 || oid == 701 || oid == 1184 || oid == 16));
      b.Set("typisdefined", Bool(true));
      b.Set("typdelim", Text(","));
      b.Set("typelem", Oid(row.element));
      b.Set("typarray", Oid(row.array));
      std::string base = row.name;
      bool array = row.category == 'A' && base[0] == '_';
      b.Set("typsubscript", Text(array ? "array_subscript_handler" : "-"));
      b.Set("typinput", Text(array ? "array_in" : base + "in"));
      b.Set("typoutput", Text(array ? "array_out" : base + "out"));
      b.Set("typreceive", Text(array ? "array_recv" : base + "recv"));
      b.Set("typsend", Text(array ? "array_send" : base + "send"));
      auto storage = StorageOf(static_cast<uint32_t>(oid));
      b.Set("typalign", Text(storage.align));
      b.Set("typstorage", Text(storage.storage));
      b.Set("typtypmod", Value::Integer(-1));
      b.Set("typcollation", Oid(Collatable(static_cast<uint32_t>(oid)) ? 100 : 0));
    }
  } else if (name == "pg_database") {
    b.AddRow();
    b.Set("oid", Oid(1));
    b.Set("datname", Text(session_.database));
    b.Set("datdba", Oid(dba));
    b.Set("encoding", Value::Integer(6));
    b.Set("datlocprovider", Text("c"));
    b.Set("datallowconn", Bool(true));
    b.Set("datconnlimit", Value::Integer(-1));
    b.Set("dattablespace", Oid(1663));
    b.Set("datcollate", Text("C"));
    b.Set("datctype", Text("C"));
  } else if (name == "pg_roles" || name == "pg_user") {
    for (auto& role : session_.roles) {
      b.AddRow();
      if (name == "pg_roles") {
        b.Set("rolname", Text(role.name));
        b.Set("rolsuper", Bool(role.superuser));
        b.Set("rolinherit", Bool(true));
        b.Set("rolcreaterole", Bool(role.superuser));
        b.Set("rolcreatedb", Bool(role.superuser));
        b.Set("rolcanlogin", Bool(true));
        b.Set("rolconnlimit", Value::Integer(-1));
        b.Set("rolpassword", Text("********"));
        b.Set("rolbypassrls", Bool(role.superuser));
        b.Set("oid", Oid(role.oid));
      } else {
        b.Set("usename", Text(role.name));
        b.Set("usesysid", Oid(role.oid));
        b.Set("usecreatedb", Bool(role.superuser));
        b.Set("usesuper", Bool(role.superuser));
        b.Set("usebypassrls", Bool(role.superuser));
        b.Set("passwd", Text("********"));
      }
    }
    if (name == "pg_roles") {
      // Groups are roles that cannot log in (PostgreSQL's CREATE GROUP).
      for (auto& group : session_.groups) {
        b.AddRow();
        b.Set("rolname", Text(group.name));
        b.Set("rolinherit", Bool(true));
        b.Set("rolconnlimit", Value::Integer(-1));
        b.Set("rolpassword", Text("********"));
        b.Set("oid", Oid(RoleOidOfGroup(group.oid)));
      }
    }
  } else if (name == "pg_auth_members") {
    for (auto& group : session_.groups) {
      for (auto member : group.members) {
        b.AddRow();
        b.Set("roleid", Oid(RoleOidOfGroup(group.oid)));
        b.Set("member", Oid(member));
        b.Set("grantor", Oid(dba));
        b.Set("admin_option", Bool(false));
      }
    }
  } else if (name == "pg_group") {
    for (auto& group : session_.groups) {
      b.AddRow();
      b.Set("groname", Text(group.name));
      b.Set("grosysid", Oid(group.oid));
      std::string list = "{";
      for (size_t i = 0; i < group.members.size(); i++)
        list += (i ? "," : "") + std::to_string(group.members[i]);
      b.Set("grolist", Text(list + "}"));
    }
  } else if (name == "pg_settings") {
    for (auto& [setting, value] : session_.settings) {
      b.AddRow();
      b.Set("name", Text(setting));
      b.Set("setting", Text(value));
      b.Set("category", Text("Tributary"));
      b.Set("context", Text("user"));
      b.Set("vartype", Text(value == "on" || value == "off" ? "bool" : "string"));
      b.Set("source", Text("session"));
    }
    // Read-only limits clients ask for (JDBC's getImportedKeys reads
    // max_index_keys); PostgreSQL's compiled-in values.
    b.AddRow();
    b.Set("name", Text("max_index_keys"));
    b.Set("setting", Text("32"));
    b.Set("category", Text("Preset Options"));
    b.Set("context", Text("internal"));
    b.Set("vartype", Text("integer"));
    b.Set("source", Text("default"));
  } else if (name == "pg_am") {
    b.AddRow();
    b.Set("oid", Oid(2));
    b.Set("amname", Text("heap"));
    b.Set("amhandler", Text("heap_tableam_handler"));
    b.Set("amtype", Text("t"));
    b.AddRow();
    b.Set("oid", Oid(403));
    b.Set("amname", Text("btree"));
    b.Set("amhandler", Text("bthandler"));
    b.Set("amtype", Text("i"));
  } else if (name == "pg_index") {
    for (auto& c : constraints_) {
      if (!c.index_oid)
        continue;
      auto n = static_cast<int16_t>(c.keys.size());
      b.AddRow();
      b.Set("indexrelid", Oid(c.index_oid));
      b.Set("indrelid", Oid(relations_[c.relation].oid));
      b.Set("indnatts", Value::SmallInt(n));
      b.Set("indnkeyatts", Value::SmallInt(n));
      b.Set("indisunique", Bool(true));
      b.Set("indisprimary", Bool(c.definition->type == ConstraintType::kPrimaryKey));
      b.Set("indimmediate", Bool(true));
      b.Set("indisvalid", Bool(true));
      b.Set("indisready", Bool(true));
      b.Set("indislive", Bool(true));
      // int2vector and oidvector print space-separated.
      std::string keys, collations, classes, options;
      for (size_t i = 0; i < c.keys.size(); i++) {
        auto& column = relations_[c.relation].columns[c.keys[i] - 1];
        auto type_oid = PgType(column.type).first;
        keys += (i ? " " : "") + std::to_string(c.keys[i]);
        collations += (i ? " " : "") + std::to_string(Collatable(type_oid) ? 100 : 0);
        classes += (i ? " " : "") + std::string("0");
        options += (i ? " " : "") + std::string("0");
      }
      b.Set("indkey", Text(keys));
      b.Set("indcollation", Text(collations));
      b.Set("indclass", Text(classes));
      b.Set("indoption", Text(options));
    }
  } else if (name == "pg_constraint") {
    auto int2_array = [](const std::vector<int16_t>& keys) {
      std::string out = "{";
      for (size_t i = 0; i < keys.size(); i++)
        out += (i ? "," : "") + std::to_string(keys[i]);
      return out + "}";
    };
    for (auto& c : constraints_) {
      auto& table = relations_[c.relation];
      bool foreign = c.definition->type == ConstraintType::kForeignKey;
      b.AddRow();
      b.Set("oid", Oid(c.oid));
      b.Set("conname", Text(c.definition->name));
      b.Set("connamespace", Oid(table.namespace_oid));
      b.Set("contype", Text(foreign                                             ? "f"
                            : c.definition->type == ConstraintType::kPrimaryKey ? "p"
                                                                                : "u"));
      b.Set("convalidated", Bool(true));
      b.Set("conrelid", Oid(table.oid));
      b.Set("conindid", Oid(foreign ? c.referenced_index_oid : c.index_oid));
      b.Set("confrelid", Oid(foreign ? c.referenced_oid : 0));
      b.Set("confupdtype", Text(foreign ? "a" : " "));
      b.Set("confdeltype", Text(foreign ? "a" : " "));
      b.Set("confmatchtype", Text(foreign ? "s" : " "));
      b.Set("conislocal", Bool(true));
      b.Set("connoinherit", Bool(!foreign));
      b.Set("conkey", Text(int2_array(c.keys)));
      if (foreign)
        b.Set("confkey", Text(int2_array(c.referenced_keys)));
    }
  } else if (name == "pg_tablespace") {
    for (auto [oid, spc] : {std::pair<int, const char*>{1663, "pg_default"}, {1664, "pg_global"}}) {
      b.AddRow();
      b.Set("oid", Oid(oid));
      b.Set("spcname", Text(spc));
      b.Set("spcowner", Oid(dba));
    }
  } else if (name == "pg_collation") {
    struct Coll {
      int oid;
      const char* name;
      const char* provider;
      const char* locale;
    };
    for (auto c : {Coll{100, "default", "d", nullptr}, Coll{950, "C", "c", "C"},
                   Coll{951, "POSIX", "c", "POSIX"}}) {
      b.AddRow();
      b.Set("oid", Oid(c.oid));
      b.Set("collname", Text(c.name));
      b.Set("collnamespace", Oid(Catalog::kPgCatalogOid));
      b.Set("collowner", Oid(dba));
      b.Set("collprovider", Text(c.provider));
      b.Set("collisdeterministic", Bool(true));
      b.Set("collencoding", Value::Integer(-1));
      if (c.locale) {
        b.Set("collcollate", Text(c.locale));
        b.Set("collctype", Text(c.locale));
      }
    }
  } else if (name == "pg_tables" || name == "pg_views") {
    bool tables = name == "pg_tables";
    for (auto& r : relations_) {
      if (r.relkind != (tables ? 'r' : 'v'))
        continue;
      b.AddRow();
      b.Set("schemaname", Text(r.schema));
      b.Set(tables ? "tablename" : "viewname", Text(r.name));
      auto owner =
          session_.roles.empty() ? std::string() : RoleNames()[r.system ? dba : OwnerOid(r.owner)];
      b.Set(tables ? "tableowner" : "viewowner", Text(owner));
      if (tables) {
        b.Set("hasindexes",
              Bool(std::any_of(constraints_.begin(), constraints_.end(), [&](const Constraint& c) {
                return c.index_oid && relations_[c.relation].oid == r.oid;
              })));
      } else if (auto definition = ViewDefinition(r.oid)) {
        b.Set("definition", Text(*definition));
      }
    }
  }
  // Every other pg_catalog table has no rows.
  return b.Finish();
}

}  // namespace tributary
