#include "execution/operator/scan/physical_table_scan.h"

#include <atomic>

#include "execution/operator/join/physical_hash_join.h"
#include "execution/task_scheduler.h"
#include "main/client_context.h"
#include "main/database.h"
#include "storage/segment_scanner.h"
#include "transaction/transaction.h"

namespace tributary {

namespace {

// A stored group is split between threads into ranges of at least this
// many vectors (each range reads and verifies the group's segments).
constexpr idx_t kMinSplitVectors = 8;

// Vectors [first, end) of one row group.
struct ScanMorsel {
  uint32_t group;
  uint32_t first;
  uint32_t end;
};

struct TableScanGlobalState : public GlobalSourceState {
  std::shared_ptr<const TableSnapshot> snapshot;
  std::vector<ScanMorsel> morsels;
  std::atomic<idx_t> next_morsel{0};
  LocalRuntimeFilters runtime_filters;
  idx_t MaxThreads() const override { return morsels.size(); }
};

struct TableScanLocalState : public LocalSourceState {
  // Per output column: the morsel's in-memory vectors, or (null) the
  // scanner its stored segment was loaded into.
  std::vector<std::shared_ptr<const ColumnVectors>> cached;
  std::vector<std::unique_ptr<SegmentScanner>> scanners;
  uint32_t group = 0;
  idx_t next = 0;
  idx_t end = 0;
};

// False when the zone maps of a persisted row group show that no row can
// pass the runtime filters.
bool RuntimeFiltersMayMatch(const RowGroup& group, const LocalRuntimeFilters& filters,
                            const std::vector<idx_t>& column_ids) {
  if (!group.persisted())
    return filters.MayMatch([](idx_t) -> const SegmentStatistics* { return nullptr; });
  auto segments = group.segments();
  return filters.MayMatch([&](idx_t column) -> const SegmentStatistics* {
    return &segments[column_ids[column]].stats;
  });
}

}  // namespace

PhysicalTableScan::PhysicalTableScan(std::vector<LogicalType> types,
                                     std::shared_ptr<TableCatalogEntry> table,
                                     std::vector<idx_t> column_ids, idx_t estimated_cardinality)
    : PhysicalOperator(PhysicalOperatorType::kTableScan, std::move(types), estimated_cardinality),
      table(std::move(table)),
      column_ids(std::move(column_ids)) {}

std::string PhysicalTableScan::ParamsToString() const {
  std::string s = table->schema_name + "." + table->name + " (";
  for (idx_t i = 0; i < column_ids.size(); i++) {
    s += (i ? ", " : "") +
         (column_ids[i] == kRowIdColumn ? "ctid" : table->columns[column_ids[i]].name);
  }
  s += ")";
  if (actuals->executed) {
    s += "\nactual rows: " + std::to_string(actuals->rows.load()) +
         ", row groups: " + std::to_string(actuals->row_groups.load()) +
         ", skipped by zone maps: " + std::to_string(actuals->skipped.load());
    s += RuntimeFiltersToString();
  }
  return s;
}

std::string PhysicalTableScan::RuntimeFiltersToString() const {
  std::string s;
  for (auto& filter : runtime_filters) {
    s += "\nruntime filter: " + table->columns[column_ids[filter.column]].name +
         " from the build keys of " + filter.join->conditions[filter.condition].ToString();
  }
  if (!runtime_filters.empty()) {
    s += "\nremoved by runtime filters: " + std::to_string(actuals->filtered_rows.load()) +
         " rows, " + std::to_string(actuals->filtered_groups.load()) + " row groups";
  }
  return s;
}

std::unique_ptr<GlobalSourceState> PhysicalTableScan::GetGlobalSourceState(
    ExecutionContext& context) const {
  auto state = std::make_unique<TableScanGlobalState>();
  state->snapshot = VisibleSnapshot(context.client.transaction.get(), *table->storage);
  auto& groups = state->snapshot->row_groups;
  idx_t scanned = 0, skipped = 0, filtered = 0;
  std::vector<idx_t> stored;  // morsels that are whole stored groups
  if (!runtime_filters.empty())
    state->runtime_filters.Initialize(runtime_filters, context.executor);
  for (idx_t g = 0; g < groups.size(); g++) {
    auto& mask = state->snapshot->deletes[g];
    if (mask && mask->deleted == groups[g]->count())
      continue;
    if (!zone_filters.empty() && groups[g]->persisted()) {
      auto segments = groups[g]->segments();
      bool may_match = true;
      for (auto& filter : zone_filters)
        may_match = may_match && filter.MayMatch(segments[filter.column].stats);
      if (!may_match) {
        skipped++;
        continue;
      }
    }
    if (!state->runtime_filters.empty() &&
        !RuntimeFiltersMayMatch(*groups[g], state->runtime_filters, column_ids)) {
      filtered++;
      continue;
    }
    scanned++;
    // In memory: a morsel per vector. Stored: the whole group, so that its
    // segments are read and verified once (split below when there are
    // fewer stored groups than threads).
    bool in_memory = true;
    for (idx_t c : column_ids)
      in_memory = in_memory && (c == kRowIdColumn || groups[g]->CachedColumn(c));
    auto vectors = static_cast<uint32_t>(groups[g]->VectorCount());
    if (in_memory) {
      for (uint32_t v = 0; v < vectors; v++)
        state->morsels.push_back({static_cast<uint32_t>(g), v, v + 1});
    } else {
      stored.push_back(state->morsels.size());
      state->morsels.push_back({static_cast<uint32_t>(g), 0, vectors});
    }
  }
  // Too few stored groups to keep every thread busy (a small table is
  // often one group): cut them into ranges of vectors, each of which
  // reads and verifies the group's segments again (more CPU, less time).
  idx_t threads = context.client.db.scheduler().NumberOfThreads();
  if (!stored.empty() && stored.size() < threads) {
    idx_t parts = (threads + stored.size() - 1) / stored.size();
    std::vector<ScanMorsel> morsels;
    idx_t next_stored = 0;
    for (idx_t m = 0; m < state->morsels.size(); m++) {
      ScanMorsel whole = state->morsels[m];
      if (next_stored == stored.size() || stored[next_stored] != m) {
        morsels.push_back(whole);
        continue;
      }
      next_stored++;
      idx_t vectors = whole.end - whole.first;
      idx_t n = std::max<idx_t>(1, std::min(parts, vectors / kMinSplitVectors));
      for (idx_t k = 0; k < n; k++) {
        morsels.push_back({whole.group, static_cast<uint32_t>(whole.first + vectors * k / n),
                           static_cast<uint32_t>(whole.first + vectors * (k + 1) / n)});
      }
    }
    state->morsels = std::move(morsels);
  }
  table->storage->CountScan(scanned, skipped);
  actuals->row_groups += groups.size();
  actuals->skipped += skipped;
  actuals->filtered_groups += filtered;
  actuals->executed = true;
  return state;
}

std::unique_ptr<LocalSourceState> PhysicalTableScan::GetLocalSourceState(ExecutionContext&,
                                                                         GlobalSourceState&) const {
  auto state = std::make_unique<TableScanLocalState>();
  state->cached.resize(column_ids.size());
  state->scanners.resize(column_ids.size());
  return state;
}

SourceResultType PhysicalTableScan::GetData(ExecutionContext&, DataChunk& chunk,
                                            GlobalSourceState& gstate,
                                            LocalSourceState& lstate) const {
  auto& state = static_cast<TableScanGlobalState&>(gstate);
  auto& local = static_cast<TableScanLocalState&>(lstate);
  auto& snapshot = *state.snapshot;
  while (true) {
    if (local.next >= local.end) {
      idx_t index = state.next_morsel.fetch_add(1);
      if (index >= state.morsels.size())
        return SourceResultType::kFinished;
      auto morsel = state.morsels[index];
      auto& group = *snapshot.row_groups[morsel.group];
      // Every needed stored segment is read and verified before any of
      // its rows is used; other columns are not read.
      for (idx_t i = 0; i < column_ids.size(); i++) {
        local.cached[i].reset();
        if (column_ids[i] == kRowIdColumn)
          continue;
        local.cached[i] = group.CachedColumn(column_ids[i]);
        if (local.cached[i])
          continue;
        if (!local.scanners[i])
          local.scanners[i] = std::make_unique<SegmentScanner>();
        group.LoadSegment(column_ids[i], *local.scanners[i]);
      }
      local.group = morsel.group;
      local.next = morsel.first;
      local.end = morsel.end;
    }
    idx_t g = local.group;
    idx_t v = local.next++;
    auto& group = *snapshot.row_groups[g];
    idx_t rows = group.VectorRows(v);
    const DeleteMask* mask = snapshot.deletes[g].get();
    idx_t first = v * kVectorSize;
    SelectionVector sel;
    idx_t kept = rows;
    if (mask && mask->deleted > 0) {
      sel.Initialize(rows);
      kept = 0;
      for (idx_t r = 0; r < rows; r++) {
        if (!mask->IsDeleted(first + r))
          sel.set_index(kept++, r);
      }
      if (kept == 0)
        continue;
    }
    for (idx_t i = 0; i < column_ids.size(); i++) {
      auto& out = chunk.column(i);
      if (column_ids[i] == kRowIdColumn) {
        out.ResetToFlat();
        auto* ids = out.Data<int64_t>();
        for (idx_t r = 0; r < rows; r++)
          ids[r] = static_cast<int64_t>(RowId(g, first + r));
      } else if (local.cached[i]) {
        out.Reference((*local.cached[i])[v]);
      } else {
        local.scanners[i]->Scan(v, out);
      }
    }
    chunk.SetCardinality(rows);
    if (kept < rows)
      chunk.Slice(sel, kept);
    if (!state.runtime_filters.empty()) {
      idx_t removed = state.runtime_filters.Apply(chunk);
      actuals->filtered_rows += removed;
      kept -= removed;
      if (kept == 0)
        continue;
    }
    actuals->rows += kept;
    return SourceResultType::kHaveMoreOutput;
  }
}

}  // namespace tributary
