// Redshift's catalog views (SystemCatalog::RedshiftTable): PG_TABLE_DEF,
// SVV_TABLE_INFO and SVV_ALL_SCHEMAS/TABLES/COLUMNS. PG_TABLE_DEF and
// SVV_TABLE_INFO show the table attributes as declared (DISTSTYLE, DISTKEY,
// SORTKEY, column ENCODE); a column without ENCODE shows the encoding
// Redshift's ENCODE AUTO starts it with (sort key columns, BOOLEAN, REAL and
// DOUBLE PRECISION raw; other numbers, dates and timestamps az64; CHAR and
// VARCHAR lzo), raw printing as "none" as Redshift prints it. A table
// without SORTKEY has Redshift's default, SORTKEY AUTO.
#include "catalog/system_catalog.h"
#include "catalog/system_table_builder.h"
#include "catalog/table_catalog_entry.h"

namespace tributary {

namespace {

// The encoding PG_TABLE_DEF.encoding shows for a column.
std::string ColumnEncoding(const ColumnDefinition& column, const TableAttributes& attributes) {
  std::string encoding = column.encoding;
  if (encoding.empty()) {
    switch (column.type.id()) {
      case LogicalTypeId::kBoolean:
      case LogicalTypeId::kReal:
      case LogicalTypeId::kDouble:
        encoding = "raw";
        break;
      case LogicalTypeId::kChar:
      case LogicalTypeId::kVarchar:
        encoding = "lzo";
        break;
      default:
        encoding = "az64";
        break;
    }
    if (attributes.SortKeyPosition(column.name) != 0)
      encoding = "raw";
  }
  return encoding == "raw" ? "none" : encoding;
}

// SVV_TABLE_INFO.diststyle: EVEN, ALL, KEY(col), AUTO(EVEN) (a table left
// to DISTSTYLE AUTO starts even).
std::string DistStyleText(const TableAttributes& a) {
  switch (a.dist_style) {
    case DistStyle::kEven:
      return "EVEN";
    case DistStyle::kAll:
      return "ALL";
    case DistStyle::kKey:
      return "KEY(" + a.dist_key + ")";
    case DistStyle::kAuto:
      break;
  }
  return a.dist_key.empty() ? "AUTO(EVEN)" : "KEY(" + a.dist_key + ")";
}

Value Text(const std::string& s) {
  return Value::Varchar(s);
}
Value Int(int64_t v) {
  return Value::Integer(static_cast<int32_t>(v));
}

}  // namespace

std::optional<SystemTable> SystemCatalog::RedshiftTable(const std::string& name) const {
  if (name != "pg_table_def" && name != "svv_table_info" && name != "svv_all_schemas" &&
      name != "svv_all_tables" && name != "svv_all_columns")
    return std::nullopt;
  SystemTableBuilder b(SpecColumns("pg_catalog", name));
  if (name == "pg_table_def") {
    // Like Redshift: only tables in schemas on search_path.
    auto path = SearchPath();
    for (auto& schema : path) {
      for (auto& r : relations_) {
        if (!r.table || r.schema != schema || r.relkind != 'r')
          continue;
        auto& attributes = r.table->attributes;
        for (auto& c : r.table->columns) {
          auto [oid, typmod] = PgType(c.type);
          b.AddRow();
          b.Set("schemaname", Text(r.schema));
          b.Set("tablename", Text(r.name));
          b.Set("column", Text(c.name));
          b.Set("type", Text(FormatType(oid, typmod)));
          b.Set("encoding", Text(ColumnEncoding(c, attributes)));
          b.Set("distkey",
                Value::Boolean(!attributes.dist_key.empty() && attributes.dist_key == c.name));
          b.Set("sortkey", Int(attributes.SortKeyPosition(c.name)));
          b.Set("notnull", Value::Boolean(c.not_null));
        }
      }
    }
  } else if (name == "svv_table_info") {
    // Like Redshift, empty tables are not listed.
    for (auto& r : relations_) {
      if (!r.table || r.relkind != 'r' || r.rows == 0)
        continue;
      auto& attributes = r.table->attributes;
      // Y when a column has an encoding other than raw; ENCODE AUTO (no
      // column names one) adds AUTO(ENCODE).
      bool any_declared = false, any_encoded = false;
      for (auto& c : r.table->columns) {
        any_declared = any_declared || !c.encoding.empty();
        any_encoded = any_encoded || ColumnEncoding(c, attributes) != "none";
      }
      std::string encoded = any_encoded ? "Y" : "N";
      if (!any_declared)
        encoded += ", AUTO(ENCODE)";
      int64_t max_varchar = 0;
      for (auto& c : r.columns) {
        if (c.type.id() == LogicalTypeId::kVarchar)
          max_varchar = std::max<int64_t>(max_varchar, c.type.width());
      }
      int64_t megabytes = (EstimatedBytes(r) + (1 << 20) - 1) >> 20;
      b.AddRow();
      b.Set("database", Text(session_.database));
      b.Set("schema", Text(r.schema));
      b.Set("table_id", Value::Integer(static_cast<int32_t>(r.oid)));
      b.Set("table", Text(r.name));
      b.Set("encoded", Text(encoded));
      b.Set("diststyle", Text(DistStyleText(attributes)));
      if (attributes.sort_key_type == SortKeyType::kNone ||
          attributes.sort_key_type == SortKeyType::kAuto || attributes.sort_key.empty()) {
        b.Set("sortkey1", Text("AUTO(SORTKEY)"));
        b.Set("sortkey_num", Int(0));
      } else {
        b.Set("sortkey1", Text(attributes.sort_key[0]));
        b.Set("sortkey_num", Int(static_cast<int64_t>(attributes.sort_key.size())));
        for (auto& c : r.table->columns) {
          if (c.name == attributes.sort_key[0])
            b.Set("sortkey1_enc", Text(ColumnEncoding(c, attributes)));
        }
      }
      b.Set("max_varchar", Int(max_varchar));
      b.Set("size", Value::BigInt(std::max<int64_t>(megabytes, 1)));
      b.Set("stats_off", Value::Integer(0));
      b.Set("tbl_rows", Value::BigInt(r.rows));
      b.Set("estimated_visible_rows", Value::BigInt(r.rows));
    }
  } else if (name == "svv_all_schemas") {
    for (auto& n : namespaces_) {
      b.AddRow();
      b.Set("database_name", Text(session_.database));
      b.Set("schema_name", Text(n.name));
      b.Set("schema_owner", Int(n.oid < Catalog::kFirstUserOid ? OwnerOid("") : OwnerOid(n.owner)));
      b.Set("schema_type", Text(n.external ? "external" : "local"));
      if (n.definition) {
        b.Set("source_database", Text(n.definition->database));
        b.Set("schema_option", Text(n.definition->remote_schema));
      }
    }
  } else if (name == "svv_all_tables") {
    for (auto& r : relations_) {
      if (r.system)
        continue;
      b.AddRow();
      b.Set("database_name", Text(session_.database));
      b.Set("schema_name", Text(r.schema));
      b.Set("table_name", Text(r.name));
      b.Set("table_type", Text(r.relkind == 'v' ? "VIEW" : "TABLE"));
    }
    for (auto& e : session_.external_relations) {
      b.AddRow();
      b.Set("database_name", Text(session_.database));
      b.Set("schema_name", Text(e.schema));
      b.Set("table_name", Text(e.name));
      b.Set("table_type", Text("EXTERNAL TABLE"));
    }
  } else {
    for (auto& r : relations_) {
      if (r.system)
        continue;
      for (size_t i = 0; i < r.columns.size(); i++) {
        auto& c = r.columns[i];
        auto [oid, typmod] = PgType(c.type);
        auto facts = TypeFacts(oid, typmod);
        b.AddRow();
        b.Set("database_name", Text(session_.database));
        b.Set("schema_name", Text(r.schema));
        b.Set("table_name", Text(r.name));
        b.Set("column_name", Text(c.name));
        b.Set("ordinal_position", Int(static_cast<int64_t>(i + 1)));
        if (!c.default_sql.empty())
          b.Set("column_default", Text(c.default_sql));
        b.Set("is_nullable", Text(c.not_null ? "NO" : "YES"));
        b.Set("data_type", Text(facts.data_type));
        if (facts.max_length)
          b.Set("character_maximum_length", Int(*facts.max_length));
        if (facts.precision)
          b.Set("numeric_precision", Int(*facts.precision));
        if (facts.scale)
          b.Set("numeric_scale", Int(*facts.scale));
      }
    }
    for (auto& e : session_.external_relations) {
      for (size_t i = 0; i < e.columns.size(); i++) {
        b.AddRow();
        b.Set("database_name", Text(session_.database));
        b.Set("schema_name", Text(e.schema));
        b.Set("table_name", Text(e.name));
        b.Set("column_name", Text(e.columns[i].name));
        b.Set("ordinal_position", Int(static_cast<int64_t>(i + 1)));
        b.Set("is_nullable", Text(e.columns[i].nullable ? "YES" : "NO"));
        b.Set("data_type", Text(e.columns[i].remote_type));
      }
    }
  }
  return b.Finish();
}

}  // namespace tributary
