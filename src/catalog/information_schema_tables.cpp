// information_schema.schemata/tables/columns/views with the SQL standard
// column lists PostgreSQL 15 uses (SystemCatalog::InformationSchemaTable).
// As in PostgreSQL they list only what the user may access
// (CatalogSession::accessible); pg_catalog lists everything.
#include "catalog/system_catalog.h"
#include "catalog/system_table_builder.h"
#include "catalog/view_catalog_entry.h"

namespace tributary {

namespace {

Value Text(const std::string& s) {
  return Value::Varchar(s);
}
Value Int(int64_t v) {
  return Value::Integer(static_cast<int32_t>(v));
}

}  // namespace

SystemCatalog::ColumnTypeFacts SystemCatalog::TypeFacts(uint32_t oid, int32_t typmod) {
  ColumnTypeFacts f;
  f.data_type = SystemCatalog::FormatType(oid, std::nullopt);
  for (auto& t : {std::pair<uint32_t, const char*>{16, "bool"},
                  {18, "char"},
                  {19, "name"},
                  {20, "int8"},
                  {21, "int2"},
                  {23, "int4"},
                  {25, "text"},
                  {26, "oid"},
                  {700, "float4"},
                  {701, "float8"},
                  {1042, "bpchar"},
                  {1043, "varchar"},
                  {1082, "date"},
                  {1114, "timestamp"},
                  {1184, "timestamptz"},
                  {1186, "interval"},
                  {1700, "numeric"}}) {
    if (t.first == oid)
      f.udt_name = t.second;
  }
  if (f.udt_name.empty())
    f.udt_name = f.data_type;
  if (f.data_type.size() > 2 && f.data_type.substr(f.data_type.size() - 2) == "[]")
    f.data_type = "ARRAY";
  switch (oid) {
    case 1042:
    case 1043:
    case 25:
      f.data_type = oid == 1042 ? "character" : oid == 1043 ? "character varying" : "text";
      if (typmod >= 4) {
        f.max_length = typmod - 4;
        f.octet_length = static_cast<int64_t>(typmod - 4) * 4;
      } else {
        f.octet_length = 1073741824;
      }
      break;
    case 21:
    case 23:
    case 20:
      f.precision = oid == 21 ? 16 : oid == 23 ? 32 : 64;
      f.radix = 2;
      f.scale = 0;
      break;
    case 700:
    case 701:
      f.precision = oid == 700 ? 24 : 53;
      f.radix = 2;
      break;
    case 1700:
      f.radix = 10;
      if (typmod >= 4) {
        f.precision = ((typmod - 4) >> 16) & 0xffff;
        f.scale = (typmod - 4) & 0xffff;
      }
      break;
    case 1082:
      f.datetime_precision = 0;
      break;
    case 1114:
    case 1184:
    case 1186:
      f.datetime_precision = 6;
      break;
    default:
      break;
  }
  return f;
}

std::optional<SystemTable> SystemCatalog::InformationSchemaTable(const std::string& name) const {
  SystemTableBuilder b(SpecColumns("information_schema", name));
  auto owners = RoleNames();
  auto owner_name = [&](const std::string& owner, bool system) {
    auto it = owners.find(system ? OwnerOid("") : OwnerOid(owner));
    return it == owners.end() ? Value::Null(LogicalType::Varchar()) : Text(it->second);
  };
  auto accessible = [&](const std::string& schema, const std::string& relation,
                        const std::string& column) {
    return !session_.accessible || session_.accessible(schema, relation, column);
  };
  if (name == "schemata") {
    for (auto& n : namespaces_) {
      if (!accessible(n.name, "", ""))
        continue;
      b.AddRow();
      b.Set("catalog_name", Text(session_.database));
      b.Set("schema_name", Text(n.name));
      b.Set("schema_owner", owner_name(n.owner, n.oid < Catalog::kFirstUserOid));
    }
  } else if (name == "tables" || name == "views") {
    for (auto& r : relations_) {
      if ((name == "views" && r.relkind != 'v') || (!r.system && !accessible(r.schema, r.name, "")))
        continue;
      b.AddRow();
      b.Set("table_catalog", Text(session_.database));
      b.Set("table_schema", Text(r.schema));
      b.Set("table_name", Text(r.name));
      if (name == "tables") {
        b.Set("table_type", Text(r.relkind == 'v' ? "VIEW" : "BASE TABLE"));
        b.Set("is_insertable_into", Text(r.relkind == 'r' ? "YES" : "NO"));
        b.Set("is_typed", Text("NO"));
      } else {
        // As PostgreSQL: the definition only for the owner (or a superuser).
        if (r.view && (OwnerOid(r.owner) == OwnerOid(session_.user) || IsSuperuser()))
          b.Set("view_definition", Text(r.view->sql));
        b.Set("check_option", Text("NONE"));
        for (const char* c : {"is_updatable", "is_insertable_into", "is_trigger_updatable",
                              "is_trigger_deletable", "is_trigger_insertable_into"})
          b.Set(c, Text("NO"));
      }
    }
  } else if (name == "columns") {
    for (auto& r : relations_) {
      for (size_t i = 0; i < r.columns.size(); i++) {
        auto& c = r.columns[i];
        if (!r.system && !accessible(r.schema, r.name, c.name))
          continue;
        auto [oid, typmod] = PgType(c.type);
        if (c.pg_type_oid) {
          oid = c.pg_type_oid;
          typmod = -1;
        }
        auto facts = TypeFacts(oid, typmod);
        b.AddRow();
        b.Set("table_catalog", Text(session_.database));
        b.Set("table_schema", Text(r.schema));
        b.Set("table_name", Text(r.name));
        b.Set("column_name", Text(c.name));
        b.Set("ordinal_position", Int(static_cast<int64_t>(i + 1)));
        if (!c.default_sql.empty())
          b.Set("column_default", Text(c.default_sql));
        b.Set("is_nullable", Text(c.not_null ? "NO" : "YES"));
        b.Set("data_type", Text(facts.data_type));
        auto set = [&](const char* column, const std::optional<int64_t>& v) {
          if (v)
            b.Set(column, Int(*v));
        };
        set("character_maximum_length", facts.max_length);
        set("character_octet_length", facts.octet_length);
        set("numeric_precision", facts.precision);
        set("numeric_precision_radix", facts.radix);
        set("numeric_scale", facts.scale);
        set("datetime_precision", facts.datetime_precision);
        b.Set("udt_catalog", Text(session_.database));
        b.Set("udt_schema", Text("pg_catalog"));
        b.Set("udt_name", Text(facts.udt_name));
        b.Set("dtd_identifier", Text(std::to_string(i + 1)));
        b.Set("is_self_referencing", Text("NO"));
        b.Set("is_identity", Text("NO"));
        b.Set("identity_cycle", Text("NO"));
        b.Set("is_generated", Text("NEVER"));
        b.Set("is_updatable", Text(r.relkind == 'r' ? "YES" : "NO"));
      }
    }
  } else {
    return std::nullopt;
  }
  return b.Finish();
}

}  // namespace tributary
