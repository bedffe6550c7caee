#include "connector/mysql/mysql_catalog.h"

#include <algorithm>
#include <map>

#include "common/exception.h"
#include "connector/mysql/mysql_connection.h"

namespace tributary {

namespace {

bool StartsWith(const std::string& s, const char* prefix) {
  return s.rfind(prefix, 0) == 0;
}

int64_t ToInt(const std::optional<std::string>& text) {
  if (!text || text->empty())
    return 0;
  try {
    return std::stoll(*text);
  } catch (...) {
    return 0;
  }
}

const char* kWireNames[] = {"", "boolean", "float", "year", "time", "hex", "bits", "spatial"};

// Collations under which MySQL compares strings byte for byte with no
// trailing-space padding, as we compare VARCHAR: `binary`, MariaDB's
// *_nopad_bin and MySQL 8's utf8mb4_0900_bin. Others (case-insensitive,
// or PAD SPACE like utf8mb4_bin) can disagree with us.
bool ExactCollation(const std::string& collation) {
  return collation == "binary" || collation.find("_nopad_bin") != std::string::npos ||
         collation == "utf8mb4_0900_bin";
}

}  // namespace

MySqlColumnType MySqlCatalog::MapType(const std::string& data_type, const std::string& column_type,
                                      int64_t precision, int64_t scale, int64_t char_length) {
  bool is_unsigned = column_type.find("unsigned") != std::string::npos;
  auto text = [](MySqlWireKind wire = MySqlWireKind::kPlain) {
    return MySqlColumnType{LogicalType::Varchar(LogicalType::kMaxVarcharLength), wire};
  };
  if (data_type == "tinyint") {
    if (StartsWith(column_type, "tinyint(1)"))
      return {LogicalTypeId::kBoolean, MySqlWireKind::kBoolean};
    return {LogicalTypeId::kSmallInt};
  }
  if (data_type == "smallint")
    return {is_unsigned ? LogicalTypeId::kInteger : LogicalTypeId::kSmallInt};
  if (data_type == "mediumint")
    return {LogicalTypeId::kInteger};
  if (data_type == "int" || data_type == "integer")
    return {is_unsigned ? LogicalTypeId::kBigInt : LogicalTypeId::kInteger};
  if (data_type == "bigint") {
    if (is_unsigned)
      return {LogicalType::Decimal(20, 0)};
    return {LogicalTypeId::kBigInt};
  }
  if (data_type == "decimal" || data_type == "numeric") {
    if (precision < 1 || precision > LogicalType::kMaxDecimalPrecision || scale < 0 ||
        scale > precision) {
      return text();
    }
    return {LogicalType::Decimal(static_cast<int>(precision), static_cast<int>(scale))};
  }
  if (data_type == "float")
    return {LogicalTypeId::kReal, MySqlWireKind::kFloat};
  if (data_type == "double" || data_type == "real")
    return {LogicalTypeId::kDouble};
  if (data_type == "char") {
    int length = static_cast<int>(
        std::clamp<int64_t>(char_length, 1, static_cast<int64_t>(LogicalType::kMaxVarcharLength)));
    return {LogicalType::Char(length)};
  }
  if (data_type == "varchar") {
    int length = static_cast<int>(
        std::clamp<int64_t>(char_length, 1, static_cast<int64_t>(LogicalType::kMaxVarcharLength)));
    return {LogicalType::Varchar(length)};
  }
  if (data_type == "date")
    return {LogicalTypeId::kDate};
  if (data_type == "datetime" || data_type == "timestamp")
    return {LogicalTypeId::kTimestamp};
  if (data_type == "year")
    return {LogicalType::Varchar(4), MySqlWireKind::kYear};
  if (data_type == "time")
    return text(MySqlWireKind::kTime);
  if (data_type == "bit")
    return text(MySqlWireKind::kBits);
  if (data_type == "binary" || data_type == "varbinary" ||
      data_type.find("blob") != std::string::npos)
    return text(MySqlWireKind::kHex);
  if (data_type == "geometry" || data_type == "point" || data_type == "linestring" ||
      data_type == "polygon" || data_type == "multipoint" || data_type == "multilinestring" ||
      data_type == "multipolygon" || data_type == "geometrycollection" ||
      data_type == "geomcollection") {
    return text(MySqlWireKind::kSpatial);
  }
  // *TEXT, ENUM, SET, JSON and anything newer: the server's text form.
  return text();
}

MySqlWireKind MySqlCatalog::WireKind(const RemoteColumn& column) {
  for (size_t i = 0; i < sizeof(kWireNames) / sizeof(kWireNames[0]); i++) {
    if (column.wire_cast == kWireNames[i])
      return static_cast<MySqlWireKind>(i);
  }
  return MySqlWireKind::kPlain;
}

std::string MySqlCatalog::SelectExpression(const RemoteColumn& column, const std::string& quoted) {
  switch (WireKind(column)) {
    case MySqlWireKind::kFloat:
      // FLOAT's own text form keeps only 6 digits; as a DOUBLE it is exact.
      return "(" + quoted + " + 0e0)";
    case MySqlWireKind::kYear:
      return "LPAD(" + quoted + ", 4, '0')";
    case MySqlWireKind::kHex:
      return "HEX(" + quoted + ")";
    case MySqlWireKind::kBits:
      return "BIN(" + quoted + ")";
    case MySqlWireKind::kSpatial:
      return "ST_AsText(" + quoted + ")";
    default:
      return quoted;
  }
}

std::vector<RemoteTable> MySqlCatalog::ReadSchema(
    MySqlConnection& connection, const std::shared_ptr<const ExternalSchemaDefinition>& schema,
    const std::atomic<bool>* interrupted) {
  std::string database = MySqlConnection::QuoteLiteral(schema->database);
  auto rows = connection.Query(
      "SELECT c.TABLE_NAME, t.TABLE_TYPE, t.TABLE_ROWS, t.DATA_LENGTH, c.COLUMN_NAME, "
      "LOWER(c.DATA_TYPE), LOWER(c.COLUMN_TYPE), c.NUMERIC_PRECISION, c.NUMERIC_SCALE, "
      "c.CHARACTER_MAXIMUM_LENGTH, c.IS_NULLABLE, c.COLLATION_NAME, "
      "(SELECT COUNT(*) FROM information_schema.STATISTICS s WHERE s.TABLE_SCHEMA = "
      "c.TABLE_SCHEMA AND s.TABLE_NAME = c.TABLE_NAME AND s.COLUMN_NAME = c.COLUMN_NAME AND "
      "s.SEQ_IN_INDEX = 1) "
      "FROM information_schema.COLUMNS c JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = "
      "c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME WHERE c.TABLE_SCHEMA = " +
          database + " ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION",
      interrupted, std::chrono::seconds(connection.options().metadata_timeout_seconds));
  std::vector<RemoteTable> tables;
  for (auto& row : rows) {
    const std::string& table_name = *row[0];
    if (tables.empty() || tables.back().remote_name != table_name) {
      RemoteTable table;
      table.schema = schema;
      table.remote_schema = schema->database;
      table.remote_name = table_name;
      table.local_name = table_name;
      std::string type = row[1].value_or("");
      table.relkind = type == "VIEW" || type == "SYSTEM VIEW" ? 'v' : 'r';
      table.estimated_rows = static_cast<double>(ToInt(row[2]));
      table.pages = ToInt(row[3]) / 8192;
      tables.push_back(std::move(table));
    }
    RemoteColumn column;
    column.name = *row[4];
    column.local_name = column.name;
    column.remote_type = row[6].value_or("");
    auto mapped = MapType(row[5].value_or(""), column.remote_type, ToInt(row[7]), ToInt(row[8]),
                          ToInt(row[9]));
    column.type = mapped.type;
    column.wire_cast = kWireNames[static_cast<int>(mapped.wire)];
    // Only a column read as it is can be compared remotely.
    column.read_as_text = mapped.wire != MySqlWireKind::kPlain;
    column.nullable = row[10].value_or("YES") == "YES";
    column.deterministic_collation = !row[11] || ExactCollation(*row[11]);
    column.indexed = ToInt(row[12]) > 0;
    tables.back().columns.push_back(std::move(column));
  }
  return tables;
}

}  // namespace tributary
