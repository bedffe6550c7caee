#include "catalog/system_table_builder.h"

#include <sstream>

#include "common/exception.h"
#include "types/cast.h"

namespace tributary {

namespace {

struct ColumnType {
  LogicalType type;
  uint32_t oid;
  Value default_value;
};

ColumnType ParseType(const std::string& name) {
  auto integer = [](uint32_t oid) {
    return ColumnType{LogicalTypeId::kInteger, oid, Value::Integer(0)};
  };
  auto text = [](uint32_t oid) {
    return ColumnType{LogicalType::Varchar(), oid, Value::Null(LogicalType::Varchar())};
  };
  if (name == "oid")
    return integer(26);
  if (name == "xid")
    return integer(28);
  if (name == "int4")
    return integer(23);
  if (name == "cardinal_number")
    return {LogicalTypeId::kInteger, 23, Value::Null(LogicalTypeId::kInteger)};
  if (name == "int2")
    return {LogicalTypeId::kSmallInt, 21, Value::SmallInt(0)};
  if (name == "int8")
    return {LogicalTypeId::kBigInt, 20, Value::BigInt(0)};
  if (name == "float4")
    return {LogicalTypeId::kReal, 700, Value::Real(0)};
  if (name == "numeric")
    return {LogicalType::Decimal(38, 0), 1700, Value::Null(LogicalType::Decimal(38, 0))};
  if (name == "bool")
    return {LogicalTypeId::kBoolean, 16, Value::Boolean(false)};
  if (name == "timestamptz")
    return {LogicalTypeId::kTimestampTz, 1184, Value::Null(LogicalTypeId::kTimestampTz)};
  if (name == "timestamp")
    return {LogicalTypeId::kTimestamp, 1114, Value::Null(LogicalTypeId::kTimestamp)};
  if (name == "name" || name == "sql_identifier")
    return text(19);
  if (name == "char")
    return text(18);
  if (name == "regproc")
    return {LogicalType::Varchar(), 24, Value::Varchar("-")};
  if (name == "pg_node_tree")
    return text(194);
  if (name == "int2vector")
    return text(22);
  if (name == "oidvector")
    return text(30);
  if (name == "bytea")
    return text(17);
  if (name == "anyarray")
    return text(2277);
  if (name == "aclitem[]")
    return text(1034);
  if (name == "text[]")
    return text(1009);
  if (name == "oid[]")
    return text(1028);
  if (name == "int2[]")
    return text(1005);
  if (name == "char[]")
    return text(1002);
  // text, character_data, yes_or_no
  return text(25);
}

}  // namespace

SystemTableBuilder::SystemTableBuilder(const char* columns) {
  std::istringstream in(columns);
  std::string item;
  while (in >> item) {
    auto colon = item.find(':');
    auto name = item.substr(0, colon);
    auto type = ParseType(item.substr(colon + 1));
    index_[name] = table_.names.size();
    table_.names.push_back(name);
    table_.types.push_back(type.type);
    pg_type_oids_.push_back(type.oid);
    defaults_.push_back(type.default_value);
  }
}

void SystemTableBuilder::AddRow() {
  table_.rows.push_back(defaults_);
}

void SystemTableBuilder::Set(const std::string& column, const Value& value) {
  auto it = index_.find(column);
  if (it == index_.end() || table_.rows.empty())
    throw InternalException("catalog table has no column " + column);
  auto& type = table_.types[it->second];
  table_.rows.back()[it->second] = value.IsNull() ? Value::Null(type) : CastValue(value, type);
}

}  // namespace tributary
