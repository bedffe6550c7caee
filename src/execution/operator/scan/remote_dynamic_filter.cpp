#include "execution/operator/scan/remote_dynamic_filter.h"

#include <algorithm>
#include <unordered_set>

#include "connector/postgres/postgres_deparser.h"
#include "connector/remote_table.h"
#include "execution/operator/join/join_row_collection.h"
#include "execution/operator/join/physical_hash_join.h"
#include "execution/operator/scan/physical_remote_scan.h"
#include "planner/expression/bound_cast_expression.h"
#include "planner/expression/bound_reference_expression.h"

namespace tributary {

namespace {

bool KeyType(const LogicalType& type) {
  switch (type.id()) {
    case LogicalTypeId::kSmallInt:
    case LogicalTypeId::kInteger:
    case LogicalTypeId::kBigInt:
    case LogicalTypeId::kDate:
    case LogicalTypeId::kDecimal:
    case LogicalTypeId::kVarchar:
    case LogicalTypeId::kChar:
      return true;
    default:
      return false;
  }
}

// Strings of one kind compare alike whatever their lengths (VARCHAR(10)
// against TEXT's VARCHAR); numbers need the same type (DECIMAL literals are
// written at the build side's scale).
bool SameKeyType(const LogicalType& probe, const LogicalType& build) {
  if (probe.IsString())
    return probe.id() == build.id();
  return probe == build;
}

}  // namespace

idx_t RemoteKeyColumn(const JoinCondition& c) {
  // VARCHAR(n) compared as VARCHAR: the cast keeps every value as is.
  const Expression* key = c.left.get();
  if (key->expression_class == ExpressionClass::kCast &&
      key->return_type == LogicalType::Varchar() &&
      key->Cast<BoundCastExpression>().child->return_type.id() == LogicalTypeId::kVarchar)
    key = key->Cast<BoundCastExpression>().child.get();
  if (c.comparison != ComparisonType::kEqual ||
      key->expression_class != ExpressionClass::kReference || !KeyType(key->return_type) ||
      !SameKeyType(key->return_type, c.right->return_type)) {
    return kInvalidIndex;
  }
  return key->Cast<BoundReferenceExpression>().index;
}

bool RemoteScanTakesFilter(const PhysicalRemoteScan& scan, idx_t column) {
  // A MySQL column must be read as it is to be compared there.
  return !(scan.table->schema->kind == ExternalSourceKind::kMySql && !scan.fragment &&
           scan.table->columns[scan.column_ids[column]].read_as_text);
}

bool ReadRemoteKeySet(const RemoteDynamicFilter& filter, ExecutionContext& context, idx_t max_keys,
                      bool batchable, const RemoteColumn* column, RemoteKeySet& keys) {
  if (max_keys == 0)
    return false;
  auto& build = filter.join->BuildKeys(context.executor);
  if (build.Count() > max_keys * 8)
    return false;
  auto type = filter.join->conditions[filter.condition].left->return_type;
  bool is_string = type.IsString();
  // Build sides are small here (at most 8 x max_keys rows), so reading
  // values one by one costs little next to the remote scan it trims.
  std::vector<Value> values;
  std::unordered_set<std::string> seen;
  for (auto& chunk : build.chunks()) {
    auto& vector = chunk.column(filter.condition);
    for (idx_t row = 0; row < chunk.size(); row++) {
      Value value = vector.GetValue(row);
      if (value.IsNull())
        continue;
      if (seen.insert(is_string ? value.GetString() : value.ToString()).second)
        values.push_back(std::move(value));
    }
  }
  // Our order: bytes for strings, numbers for the rest (one DECIMAL scale).
  std::sort(values.begin(), values.end(), [&](const Value& a, const Value& b) {
    if (is_string)
      return a.GetString() < b.GetString();
    if (type.id() == LogicalTypeId::kDecimal)
      return a.GetHugeint() < b.GetHugeint();
    return a.GetInt64() < b.GetInt64();
  });
  // Array literal elements: strings double-quoted with backslash escapes
  // (the whole literal is quoted by libpq afterwards).
  auto element = [&](const Value& v) {
    if (!is_string)
      return v.ToString();
    std::string quoted = "\"";
    for (char c : v.GetString()) {
      if (c == '"' || c == '\\')
        quoted += '\\';
      quoted += c;
    }
    return quoted + "\"";
  };
  // `= ANY` as is compares like us for numbers and, under a deterministic
  // collation, for strings; else only under COLLATE "C", which no index of
  // the column serves (no batches then).
  bool plain_equality =
      !is_string || (column && column->deterministic_collation && !column->read_as_text);
  if (!plain_equality)
    batchable = false;
  if (values.size() <= max_keys) {
    keys.any = true;
    keys.collate_c = !plain_equality;
    keys.count = values.size();
    for (size_t i = 0; i < values.size(); i++)
      keys.elements += (i ? "," : "") + element(values[i]);
  } else if (batchable) {
    keys.count = values.size();
    for (size_t i = 0; i < values.size(); i += max_keys) {
      std::string batch;
      for (size_t j = i; j < std::min(values.size(), i + max_keys); j++)
        batch += (j > i ? "," : "") + element(values[j]);
      keys.batches.push_back(std::move(batch));
    }
  } else {
    // CHAR ordering pads; COLLATE "C" orders our way only in UTF-8.
    if (type.id() == LogicalTypeId::kChar || (is_string && (!column || !column->utf8)))
      return false;
    keys.collate_c = is_string && !(column && column->bytewise_collation && !column->read_as_text);
    keys.min = is_string ? values.front().GetString() : values.front().ToString();
    keys.max = is_string ? values.back().GetString() : values.back().ToString();
  }
  return true;
}

std::string RenderRemoteKeySet(const RemoteKeySet& keys, const std::string& column,
                               const std::string& type_name, const SqlQuoter& quote, idx_t batch) {
  std::string column_sql = keys.collate_c ? column + " COLLATE \"C\"" : column;
  if (keys.any || !keys.batches.empty()) {
    const std::string& elements = keys.any ? keys.elements : keys.batches[batch];
    return "(" + column_sql + " = ANY(" + quote.literal("{" + elements + "}") + "::" + type_name +
           "[]))";
  }
  return "(" + column_sql + " BETWEEN " + quote.literal(keys.min) + "::" + type_name + " AND " +
         quote.literal(keys.max) + "::" + type_name + ")";
}

std::string RenderMySqlKeySet(const RemoteKeySet& keys, const std::string& column_sql, bool date,
                              const SqlQuoter& quote) {
  auto value = [&](const std::string& key) { return date ? quote.literal(key) : key; };
  if (keys.any) {
    std::string list;
    size_t start = 0;
    while (start <= keys.elements.size()) {
      size_t comma = keys.elements.find(',', start);
      if (comma == std::string::npos)
        comma = keys.elements.size();
      if (comma > start)
        list += (list.empty() ? "" : ", ") + value(keys.elements.substr(start, comma - start));
      start = comma + 1;
    }
    if (list.empty())
      return "(1 = 0)";
    return "(" + column_sql + " IN (" + list + "))";
  }
  return "(" + column_sql + " BETWEEN " + value(keys.min) + " AND " + value(keys.max) + ")";
}

}  // namespace tributary
