#include "execution/operator/join/runtime_filter.h"

#include "execution/executor.h"
#include "execution/operator/aggregate/physical_hash_aggregate.h"
#include "execution/operator/join/join_key_summary.h"
#include "execution/operator/join/physical_hash_join.h"
#include "execution/operator/projection/physical_projection.h"
#include "execution/operator/scan/physical_remote_scan.h"
#include "execution/operator/scan/physical_table_scan.h"
#include "planner/expression/bound_cast_expression.h"
#include "planner/expression/bound_reference_expression.h"
#include "storage/column_segment.h"

namespace tributary {

namespace {

// A filter that has checked this many rows and kept more than 90% of them
// switches itself off.
constexpr uint64_t kAdaptiveRows = 64 * kVectorSize;

int IntegerRank(const LogicalType& type) {
  switch (type.id()) {
    case LogicalTypeId::kSmallInt:
      return 1;
    case LogicalTypeId::kInteger:
      return 2;
    case LogicalTypeId::kBigInt:
      return 3;
    default:
      return 0;
  }
}

// The probe column of a key a local scan can filter on (see the contract),
// or kInvalidIndex.
idx_t LocalKeyColumn(const JoinCondition& c) {
  if (c.comparison != ComparisonType::kEqual || !JoinKeySummary::Summarizable(c.right->return_type))
    return kInvalidIndex;
  const Expression* key = c.left.get();
  if (key->expression_class == ExpressionClass::kCast) {
    auto& child = *key->Cast<BoundCastExpression>().child;
    int from = IntegerRank(child.return_type), to = IntegerRank(key->return_type);
    if (from == 0 || to == 0 || from > to)
      return kInvalidIndex;
    key = &child;
  } else if (!(key->return_type == c.right->return_type)) {
    return kInvalidIndex;
  }
  if (key->expression_class != ExpressionClass::kReference)
    return kInvalidIndex;
  return key->Cast<BoundReferenceExpression>().index;
}

struct Key {
  PhysicalHashJoin* join;
  idx_t condition;
  bool remote;  // remote scans may take it (RemoteKeyColumn)
  bool local;   // local scans may take it (LocalKeyColumn)
};

// Follows output column `column` of `op` down to a scan.
void Attach(PhysicalOperator& op, idx_t column, const Key& key) {
  switch (op.type) {
    case PhysicalOperatorType::kRemoteScan: {
      auto& scan = static_cast<PhysicalRemoteScan&>(op);
      if (key.remote && RemoteScanTakesFilter(scan, column))
        scan.dynamic_filters.push_back({key.join, key.condition, column});
      return;
    }
    case PhysicalOperatorType::kTableScan: {
      auto& scan = static_cast<PhysicalTableScan&>(op);
      if (!key.local || scan.column_ids[column] == kRowIdColumn)
        return;
      scan.runtime_filters.push_back({key.join, key.condition, column});
      key.join->summarized_conditions[key.condition] = true;
      return;
    }
    case PhysicalOperatorType::kFilter:
      Attach(*op.children[0], column, key);
      return;
    case PhysicalOperatorType::kProjection: {
      auto& e = *static_cast<PhysicalProjection&>(op).select_list[column];
      if (e.expression_class == ExpressionClass::kReference)
        Attach(*op.children[0], e.Cast<BoundReferenceExpression>().index, key);
      return;
    }
    case PhysicalOperatorType::kHashJoin: {
      // The probe side's columns come first in the output, but for
      // RIGHT_SEMI / RIGHT_ANTI joins, which emit build rows only.
      auto type = static_cast<PhysicalHashJoin&>(op).join_type;
      if (type != JoinType::kRightSemi && type != JoinType::kRightAnti &&
          column < op.children[0]->types.size())
        Attach(*op.children[0], column, key);
      return;
    }
    case PhysicalOperatorType::kHashAggregate: {
      // Output: the group values first. With grouping sets the groups read
      // an expansion of the input (not followed further).
      auto& aggregate = static_cast<PhysicalHashAggregate&>(op);
      if (!aggregate.empty_grouping_sets.empty() || column >= aggregate.groups.size())
        return;
      auto& e = *aggregate.groups[column];
      if (e.expression_class == ExpressionClass::kReference)
        Attach(*op.children[0], e.Cast<BoundReferenceExpression>().index, key);
      return;
    }
    default:
      return;
  }
}

}  // namespace

void AttachRuntimeFilters(PhysicalHashJoin& join) {
  if (join.join_type != JoinType::kInner && join.join_type != JoinType::kSemi &&
      join.join_type != JoinType::kRight && join.join_type != JoinType::kRightSemi &&
      join.join_type != JoinType::kRightAnti) {
    return;
  }
  join.summarized_conditions.assign(join.conditions.size(), false);
  for (idx_t i = 0; i < join.conditions.size(); i++) {
    auto& c = join.conditions[i];
    idx_t remote = RemoteKeyColumn(c);
    idx_t local = LocalKeyColumn(c);
    if (remote != kInvalidIndex && local != kInvalidIndex && remote != local)
      local = kInvalidIndex;  // (never: both unwrap to the same column)
    idx_t column = remote != kInvalidIndex ? remote : local;
    if (column == kInvalidIndex)
      continue;
    Attach(*join.children[0], column, {&join, i, remote != kInvalidIndex, local != kInvalidIndex});
  }
}

LocalRuntimeFilters::LocalRuntimeFilters() = default;
LocalRuntimeFilters::~LocalRuntimeFilters() = default;

void LocalRuntimeFilters::Initialize(const std::vector<RuntimeFilter>& filters,
                                     Executor& executor) {
  for (auto& f : filters) {
    auto filter = std::make_unique<Filter>();
    filter->column = f.column;
    filter->summary = &f.join->KeySummary(executor, f.condition);
    if (filter->summary->built())
      filters_.push_back(std::move(filter));
  }
}

bool LocalRuntimeFilters::MayMatchOne(const Filter& f, const SegmentStatistics* stats) {
  if (f.summary->empty())
    return false;
  if (!stats || !stats->has_min_max)
    return true;
  return f.summary->MayContainRange(stats->min, stats->max);
}

idx_t LocalRuntimeFilters::Apply(DataChunk& chunk) {
  idx_t removed = 0;
  sel_t sel[kVectorSize];
  for (auto& f : filters_) {
    idx_t count = chunk.size();
    if (count == 0)
      break;
    if (f->off.load(std::memory_order_relaxed))
      continue;
    idx_t kept = f->summary->Select(chunk.column(f->column), count, sel);
    uint64_t seen = f->seen.fetch_add(count, std::memory_order_relaxed) + count;
    uint64_t total_kept = f->kept.fetch_add(kept, std::memory_order_relaxed) + kept;
    if (seen >= kAdaptiveRows && total_kept * 10 > seen * 9)
      f->off.store(true, std::memory_order_relaxed);
    if (kept == count)
      continue;
    removed += count - kept;
    if (kept == 0) {
      chunk.SetCardinality(0);
      break;
    }
    chunk.Slice(SelectionVector(sel), kept);
  }
  return removed;
}

}  // namespace tributary
