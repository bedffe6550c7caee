#include "execution/operator/scan/remote_dynamic_filter.h"

#include <algorithm>
#include <unordered_set>

#include "connector/postgres/postgres_deparser.h"
#include "execution/operator/filter/physical_filter.h"
#include "execution/operator/join/join_row_collection.h"
#include "execution/operator/join/physical_hash_join.h"
#include "execution/operator/projection/physical_projection.h"
#include "execution/operator/scan/physical_remote_scan.h"
#include "planner/expression/bound_reference_expression.h"

namespace tributary {

namespace {

bool KeyType(const LogicalType& type) {
  switch (type.id()) {
    case LogicalTypeId::kSmallInt:
    case LogicalTypeId::kInteger:
    case LogicalTypeId::kBigInt:
    case LogicalTypeId::kDate:
      return true;
    default:
      return false;
  }
}

// Follows output column `column` of `op` down to a remote scan through
// streaming operators only.
void Attach(PhysicalOperator& op, idx_t column, const PhysicalHashJoin& join, idx_t condition) {
  switch (op.type) {
    case PhysicalOperatorType::kRemoteScan: {
      auto& scan = static_cast<PhysicalRemoteScan&>(op);
      // A MySQL column must be read as it is to be compared there.
      if (scan.table->schema->kind == ExternalSourceKind::kMySql && !scan.fragment &&
          scan.table->columns[scan.column_ids[column]].read_as_text) {
        return;
      }
      scan.dynamic_filters.push_back({&join, condition, column});
      return;
    }
    case PhysicalOperatorType::kFilter:
      Attach(*op.children[0], column, join, condition);
      return;
    case PhysicalOperatorType::kProjection: {
      auto& e = *static_cast<PhysicalProjection&>(op).select_list[column];
      if (e.expression_class == ExpressionClass::kReference)
        Attach(*op.children[0], e.Cast<BoundReferenceExpression>().index, join, condition);
      return;
    }
    case PhysicalOperatorType::kHashJoin:
      // The probe side's columns come first in every join type's output.
      if (column < op.children[0]->types.size())
        Attach(*op.children[0], column, join, condition);
      return;
    default:
      return;
  }
}

}  // namespace

void AttachRemoteDynamicFilters(PhysicalHashJoin& join) {
  if (join.join_type != JoinType::kInner && join.join_type != JoinType::kSemi &&
      join.join_type != JoinType::kRight) {
    return;
  }
  for (idx_t i = 0; i < join.conditions.size(); i++) {
    auto& c = join.conditions[i];
    if (c.comparison != ComparisonType::kEqual ||
        c.left->expression_class != ExpressionClass::kReference || !KeyType(c.left->return_type) ||
        c.left->return_type != c.right->return_type) {
      continue;
    }
    Attach(*join.children[0], c.left->Cast<BoundReferenceExpression>().index, join, i);
  }
}

bool ReadRemoteKeySet(const RemoteDynamicFilter& filter, ExecutionContext& context, idx_t max_keys,
                      bool batchable, RemoteKeySet& keys) {
  if (max_keys == 0)
    return false;
  auto& build = filter.join->BuildKeys(context.executor);
  if (build.Count() > max_keys * 8)
    return false;
  // Build sides are small here (at most 8 x max_keys rows), so reading
  // values one by one costs little next to the remote scan it trims.
  std::unordered_set<int64_t> seen;
  std::vector<int64_t> values;
  for (auto& chunk : build.chunks()) {
    auto& vector = chunk.column(filter.condition);
    for (idx_t row = 0; row < chunk.size(); row++) {
      Value value = vector.GetValue(row);
      if (value.IsNull())
        continue;
      if (seen.insert(value.GetInt64()).second)
        values.push_back(value.GetInt64());
    }
  }
  auto type = filter.join->conditions[filter.condition].left->return_type;
  auto text = [&](int64_t v) {
    return type.id() == LogicalTypeId::kDate ? Value::Date(static_cast<int32_t>(v)).ToString()
                                             : std::to_string(v);
  };
  std::sort(values.begin(), values.end());
  if (values.size() <= max_keys) {
    keys.any = true;
    keys.count = values.size();
    for (size_t i = 0; i < values.size(); i++)
      keys.elements += (i ? "," : "") + text(values[i]);
  } else if (batchable) {
    for (size_t i = 0; i < values.size(); i += max_keys) {
      std::string batch;
      for (size_t j = i; j < std::min(values.size(), i + max_keys); j++)
        batch += (j > i ? "," : "") + text(values[j]);
      keys.batches.push_back(std::move(batch));
    }
  } else {
    keys.min = text(values.front());
    keys.max = text(values.back());
  }
  return true;
}

std::string RenderRemoteKeySet(const RemoteKeySet& keys, const std::string& column_sql,
                               const std::string& type_name, const SqlQuoter& quote, idx_t batch) {
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
