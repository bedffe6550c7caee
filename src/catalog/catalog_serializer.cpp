#include "catalog/catalog_serializer.h"

#include "catalog/materialized_view_catalog_entry.h"
#include "catalog/table_catalog_entry.h"
#include "catalog/table_statistics_serializer.h"
#include "catalog/view_catalog_entry.h"
#include "common/exception.h"

namespace tributary {

namespace {

const char* TypeIdName(LogicalTypeId id) {
  switch (id) {
    case LogicalTypeId::kBoolean:
      return "boolean";
    case LogicalTypeId::kSmallInt:
      return "smallint";
    case LogicalTypeId::kInteger:
      return "integer";
    case LogicalTypeId::kBigInt:
      return "bigint";
    case LogicalTypeId::kDecimal:
      return "decimal";
    case LogicalTypeId::kReal:
      return "real";
    case LogicalTypeId::kDouble:
      return "double";
    case LogicalTypeId::kChar:
      return "char";
    case LogicalTypeId::kVarchar:
      return "varchar";
    case LogicalTypeId::kDate:
      return "date";
    case LogicalTypeId::kTimestamp:
      return "timestamp";
    case LogicalTypeId::kTimestampTz:
      return "timestamptz";
    case LogicalTypeId::kInterval:
      return "interval";
    default:
      return "invalid";
  }
}

nlohmann::json SerializeDependencies(const std::vector<CatalogDependency>& dependencies) {
  auto items = nlohmann::json::array();
  for (auto& d : dependencies)
    items.push_back({{"schema", d.schema}, {"name", d.name}});
  return items;
}

std::vector<CatalogDependency> DeserializeDependencies(const nlohmann::json& items) {
  std::vector<CatalogDependency> result;
  for (auto& d : items)
    result.push_back({d.at("schema").get<std::string>(), d.at("name").get<std::string>()});
  return result;
}

nlohmann::json SerializeTable(const CatalogEntry& entry) {
  auto& table = entry.Cast<TableCatalogEntry>();
  auto columns = nlohmann::json::array();
  for (auto& c : table.columns) {
    columns.push_back({{"name", c.name},
                       {"type", CatalogSerializer::SerializeType(c.type)},
                       {"not_null", c.not_null},
                       {"default", c.default_sql},
                       {"encode", c.encoding}});
  }
  auto& a = table.attributes;
  nlohmann::json attributes = {{"dist_style", static_cast<int>(a.dist_style)},
                               {"dist_key", a.dist_key},
                               {"sort_key_type", static_cast<int>(a.sort_key_type)},
                               {"sort_key", a.sort_key},
                               {"backup", a.backup}};
  auto constraints = nlohmann::json::array();
  for (auto& c : table.constraints) {
    constraints.push_back({{"type", static_cast<int>(c.type)},
                           {"name", c.name},
                           {"columns", c.columns},
                           {"referenced_schema", c.referenced_schema},
                           {"referenced_table", c.referenced_table},
                           {"referenced_columns", c.referenced_columns}});
  }
  nlohmann::json item = {{"columns", std::move(columns)},
                         {"attributes", std::move(attributes)},
                         {"constraints", std::move(constraints)}};
  if (table.statistics)
    item["statistics"] = SerializeTableStatistics(*table.statistics, table.columns);
  return item;
}

std::vector<ColumnDefinition> DeserializeColumns(const nlohmann::json& item) {
  std::vector<ColumnDefinition> columns;
  for (auto& c : item.at("columns")) {
    ColumnDefinition column;
    column.name = c.at("name").get<std::string>();
    column.type = CatalogSerializer::DeserializeType(c.at("type"));
    column.not_null = c.value("not_null", false);
    column.default_sql = c.value("default", "");
    column.encoding = c.value("encode", "");
    columns.push_back(std::move(column));
  }
  return columns;
}

void DeserializeAttributes(const nlohmann::json& item, TableCatalogEntry& table) {
  for (auto& c : item.value("constraints", nlohmann::json::array())) {
    TableConstraint constraint;
    int type = c.at("type").get<int>();
    if (type < 0 || type > static_cast<int>(ConstraintType::kForeignKey))
      throw Exception(sqlstate::kDataCorrupted, "unknown constraint type in the manifest");
    constraint.type = static_cast<ConstraintType>(type);
    constraint.name = c.at("name").get<std::string>();
    constraint.columns = c.at("columns").get<std::vector<std::string>>();
    constraint.referenced_schema = c.value("referenced_schema", "");
    constraint.referenced_table = c.value("referenced_table", "");
    constraint.referenced_columns = c.value("referenced_columns", std::vector<std::string>());
    table.constraints.push_back(std::move(constraint));
  }
  if (item.contains("statistics"))
    table.statistics = DeserializeTableStatistics(item["statistics"], table.columns);
  if (!item.contains("attributes"))
    return;
  auto& a = item["attributes"];
  table.attributes.dist_style = static_cast<DistStyle>(a.value("dist_style", 0));
  table.attributes.dist_key = a.value("dist_key", "");
  table.attributes.sort_key_type = static_cast<SortKeyType>(a.value("sort_key_type", 0));
  table.attributes.sort_key = a.value("sort_key", std::vector<std::string>());
  table.attributes.backup = a.value("backup", true);
}

std::shared_ptr<CatalogEntry> DeserializeTable(const nlohmann::json& item) {
  auto table = std::make_shared<TableCatalogEntry>(item.at("schema").get<std::string>(),
                                                   item.at("name").get<std::string>(),
                                                   DeserializeColumns(item));
  DeserializeAttributes(item, *table);
  return table;
}

nlohmann::json SerializeView(const CatalogEntry& entry) {
  auto& view = entry.Cast<ViewCatalogEntry>();
  auto types = nlohmann::json::array();
  for (auto& t : view.column_types)
    types.push_back(CatalogSerializer::SerializeType(t));
  return {{"sql", view.sql},
          {"column_aliases", view.column_aliases},
          {"column_names", view.column_names},
          {"column_types", std::move(types)},
          {"no_schema_binding", view.no_schema_binding},
          {"case_sensitive_identifiers", view.case_sensitive_identifiers},
          {"dependencies", SerializeDependencies(view.dependencies)}};
}

std::shared_ptr<CatalogEntry> DeserializeView(const nlohmann::json& item) {
  auto view = std::make_shared<ViewCatalogEntry>(item.at("schema").get<std::string>(),
                                                 item.at("name").get<std::string>());
  view->sql = item.at("sql").get<std::string>();
  view->column_aliases = item.value("column_aliases", std::vector<std::string>());
  view->column_names = item.value("column_names", std::vector<std::string>());
  for (auto& t : item.value("column_types", nlohmann::json::array()))
    view->column_types.push_back(CatalogSerializer::DeserializeType(t));
  view->no_schema_binding = item.value("no_schema_binding", false);
  view->case_sensitive_identifiers = item.value("case_sensitive_identifiers", false);
  view->dependencies = DeserializeDependencies(item.value("dependencies", nlohmann::json::array()));
  return view;
}

nlohmann::json SerializeMaterializedView(const CatalogEntry& entry) {
  auto& view = entry.Cast<MaterializedViewCatalogEntry>();
  auto item = SerializeTable(entry);
  item["sql"] = view.sql;
  item["column_aliases"] = view.column_aliases;
  item["case_sensitive_identifiers"] = view.case_sensitive_identifiers;
  item["dependencies"] = SerializeDependencies(view.dependencies);
  return item;
}

std::shared_ptr<CatalogEntry> DeserializeMaterializedView(const nlohmann::json& item) {
  auto view = std::make_shared<MaterializedViewCatalogEntry>(item.at("schema").get<std::string>(),
                                                             item.at("name").get<std::string>(),
                                                             DeserializeColumns(item));
  DeserializeAttributes(item, *view);
  view->sql = item.at("sql").get<std::string>();
  view->column_aliases = item.value("column_aliases", std::vector<std::string>());
  view->case_sensitive_identifiers = item.value("case_sensitive_identifiers", false);
  view->dependencies = DeserializeDependencies(item.value("dependencies", nlohmann::json::array()));
  return view;
}

struct EntryCodec {
  CatalogType type;
  const char* name;
  nlohmann::json (*serialize)(const CatalogEntry&);
  std::shared_ptr<CatalogEntry> (*deserialize)(const nlohmann::json&);
};

// One row per entry type that is stored.
const EntryCodec kCodecs[] = {
    {CatalogType::kTable, "table", SerializeTable, DeserializeTable},
    {CatalogType::kView, "view", SerializeView, DeserializeView},
    {CatalogType::kMaterializedView, "materialized_view", SerializeMaterializedView,
     DeserializeMaterializedView},
};

}  // namespace

nlohmann::json CatalogSerializer::SerializeType(const LogicalType& type) {
  return {{"id", TypeIdName(type.id())}, {"width", type.width()}, {"scale", type.scale()}};
}

LogicalType CatalogSerializer::DeserializeType(const nlohmann::json& item) {
  std::string id = item.at("id").get<std::string>();
  int width = item.value("width", 0);
  int scale = item.value("scale", 0);
  if (id == "decimal")
    return LogicalType::Decimal(width, scale);
  if (id == "varchar")
    return LogicalType::Varchar(width);
  if (id == "char")
    return LogicalType::Char(width);
  for (auto t :
       {LogicalTypeId::kBoolean, LogicalTypeId::kSmallInt, LogicalTypeId::kInteger,
        LogicalTypeId::kBigInt, LogicalTypeId::kReal, LogicalTypeId::kDouble, LogicalTypeId::kDate,
        LogicalTypeId::kTimestamp, LogicalTypeId::kTimestampTz, LogicalTypeId::kInterval}) {
    if (id == TypeIdName(t))
      return LogicalType(t);
  }
  throw Exception(sqlstate::kDataCorrupted, "unknown column type \"" + id + "\" in the manifest");
}

nlohmann::json CatalogSerializer::Serialize(const std::string& schema, const CatalogEntry& entry) {
  for (auto& codec : kCodecs) {
    if (codec.type == entry.type) {
      auto item = codec.serialize(entry);
      item["type"] = codec.name;
      item["schema"] = schema;
      item["name"] = entry.name;
      item["owner"] = entry.owner;
      item["oid"] = entry.oid;
      return item;
    }
  }
  throw InternalException(std::string("no serializer for catalog entries of type ") +
                          CatalogTypeName(entry.type));
}

std::shared_ptr<CatalogEntry> CatalogSerializer::Deserialize(const nlohmann::json& item) {
  try {
    std::string type = item.at("type").get<std::string>();
    for (auto& codec : kCodecs) {
      if (type == codec.name) {
        auto entry = codec.deserialize(item);
        entry->owner = item.value("owner", "");
        entry->oid = item.value("oid", 0u);
        return entry;
      }
    }
    throw Exception(sqlstate::kDataCorrupted,
                    "unknown catalog entry type \"" + type + "\" in the manifest");
  } catch (const nlohmann::json::exception& e) {
    throw Exception(sqlstate::kDataCorrupted,
                    std::string("malformed catalog entry in the manifest: ") + e.what());
  }
}

}  // namespace tributary
