#include "catalog/table_statistics_serializer.h"

#include "common/exception.h"
#include "types/cast.h"

namespace tributary {

namespace {

std::string ToHex(const std::string& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string hex;
  for (unsigned char c : bytes) {
    hex += digits[c >> 4];
    hex += digits[c & 15];
  }
  return hex;
}

bool FromHex(const std::string& hex, std::string& bytes) {
  auto digit = [](char c) {
    if (c >= '0' && c <= '9')
      return c - '0';
    if (c >= 'a' && c <= 'f')
      return c - 'a' + 10;
    return -1;
  };
  if (hex.size() % 2 != 0)
    return false;
  bytes.clear();
  for (size_t i = 0; i < hex.size(); i += 2) {
    int hi = digit(hex[i]), lo = digit(hex[i + 1]);
    if (hi < 0 || lo < 0)
      return false;
    bytes += static_cast<char>(hi * 16 + lo);
  }
  return true;
}

nlohmann::json ValueItem(const Value& value, const LogicalType& type) {
  if (value.IsNull())
    return nullptr;
  return type.IsString() ? ToHex(value.GetString()) : value.ToString();
}

Value ItemValue(const nlohmann::json& item, const LogicalType& type) {
  if (!item.is_string())
    return Value::Null(type);
  std::string text = item.get<std::string>();
  if (type.IsString()) {
    std::string bytes;
    if (!FromHex(text, bytes))
      return Value::Null(type);
    text = std::move(bytes);
  }
  try {
    return CastValue(Value::Varchar(text), type);
  } catch (const Exception&) {
    return Value::Null(type);
  }
}

}  // namespace

nlohmann::json SerializeTableStatistics(const TableStatistics& statistics,
                                        const std::vector<ColumnDefinition>& columns) {
  auto items = nlohmann::json::array();
  for (size_t c = 0; c < statistics.columns.size() && c < columns.size(); c++) {
    auto& s = statistics.columns[c];
    nlohmann::json item = {{"null_fraction", s.null_fraction}, {"distinct", s.distinct_count}};
    auto min = ValueItem(s.min, columns[c].type);
    auto max = ValueItem(s.max, columns[c].type);
    if (!min.is_null() && !max.is_null()) {
      item["min"] = std::move(min);
      item["max"] = std::move(max);
    }
    items.push_back(std::move(item));
  }
  return {{"rows", statistics.row_count}, {"columns", std::move(items)}};
}

std::shared_ptr<const TableStatistics> DeserializeTableStatistics(
    const nlohmann::json& item, const std::vector<ColumnDefinition>& columns) {
  if (!item.is_object() || !item.contains("columns") || !item["columns"].is_array() ||
      item["columns"].size() != columns.size()) {
    return nullptr;
  }
  auto statistics = std::make_shared<TableStatistics>();
  statistics->row_count = item.value("rows", idx_t(0));
  for (size_t c = 0; c < columns.size(); c++) {
    auto& s = item["columns"][c];
    ColumnStatistics column;
    column.null_fraction = s.value("null_fraction", 0.0);
    column.distinct_count = s.value("distinct", idx_t(0));
    column.min = Value::Null(columns[c].type);
    column.max = Value::Null(columns[c].type);
    if (s.contains("min") && s.contains("max")) {
      column.min = ItemValue(s["min"], columns[c].type);
      column.max = ItemValue(s["max"], columns[c].type);
    }
    statistics->columns.push_back(std::move(column));
  }
  return statistics;
}

}  // namespace tributary
