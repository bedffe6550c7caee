#include "catalog/catalog_serializer.h"

#include "catalog/table_catalog_entry.h"
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

nlohmann::json SerializeTable(const CatalogEntry& entry) {
  auto& table = entry.Cast<TableCatalogEntry>();
  auto columns = nlohmann::json::array();
  for (auto& c : table.columns) {
    columns.push_back({{"name", c.name},
                       {"type", CatalogSerializer::SerializeType(c.type)},
                       {"not_null", c.not_null},
                       {"default", c.default_sql}});
  }
  return {{"columns", std::move(columns)}};
}

std::shared_ptr<CatalogEntry> DeserializeTable(const nlohmann::json& item) {
  std::vector<ColumnDefinition> columns;
  for (auto& c : item.at("columns")) {
    ColumnDefinition column;
    column.name = c.at("name").get<std::string>();
    column.type = CatalogSerializer::DeserializeType(c.at("type"));
    column.not_null = c.value("not_null", false);
    column.default_sql = c.value("default", "");
    columns.push_back(std::move(column));
  }
  return std::make_shared<TableCatalogEntry>(
      item.at("schema").get<std::string>(), item.at("name").get<std::string>(), std::move(columns));
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
