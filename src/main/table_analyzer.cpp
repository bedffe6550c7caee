#include "main/table_analyzer.h"

#include <bit>
#include <cmath>

#include "catalog/catalog.h"
#include "catalog/materialized_view_catalog_entry.h"
#include "execution/vector_comparison.h"
#include "execution/vector_hash.h"
#include "main/client_context.h"
#include "main/database.h"
#include "transaction/transaction.h"
#include "vector/vector_dispatch.h"

namespace tributary {

namespace {

// HyperLogLog with 2^12 registers over 64-bit hashes.
class HyperLogLog {
 public:
  static constexpr int kBits = 12;
  static constexpr idx_t kRegisters = idx_t(1) << kBits;

  void Add(hash_t hash) {
    // Rehash: VectorHash of small integers is good in the low bits but the
    // register index comes from the high bits.
    hash = HashInt64(hash);
    idx_t index = hash >> (64 - kBits);
    uint64_t rest = (hash << kBits) | (uint64_t(1) << (kBits - 1));
    uint8_t rank = static_cast<uint8_t>(std::countl_zero(rest) + 1);
    if (rank > registers_[index])
      registers_[index] = rank;
  }
  idx_t Estimate() const {
    double sum = 0;
    idx_t zeros = 0;
    for (auto r : registers_) {
      sum += std::ldexp(1.0, -r);
      zeros += r == 0;
    }
    double m = static_cast<double>(kRegisters);
    double estimate = 0.7213 / (1 + 1.079 / m) * m * m / sum;
    if (estimate <= 2.5 * m && zeros > 0)
      estimate = m * std::log(m / static_cast<double>(zeros));
    return static_cast<idx_t>(std::llround(estimate));
  }

 private:
  uint8_t registers_[kRegisters] = {};
};

struct ColumnScan {
  idx_t nulls = 0;
  HyperLogLog distinct;
  // Where the smallest / largest value seen so far is.
  const Vector* min_vector = nullptr;
  idx_t min_row = 0;
  const Vector* max_vector = nullptr;
  idx_t max_row = 0;
};

bool Orderable(const LogicalType& type) {
  return type.physical() != PhysicalType::kBool;
}

void ScanColumn(const Vector& column, idx_t count, ColumnScan& scan, hash_t* hashes) {
  VectorHash(column, count, hashes);
  bool constant = column.IsConstant();
  for (idx_t r = 0; r < count; r++) {
    if (column.IsNull(r)) {
      scan.nulls++;
      continue;
    }
    scan.distinct.Add(hashes[r]);
  }
  if (!Orderable(column.type()))
    return;
  DispatchPhysical(column.type().physical(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* data = column.Data<T>();
    for (idx_t r = 0; r < count; r++) {
      if (column.IsNull(r))
        continue;
      idx_t row = constant ? 0 : r;
      if (!scan.min_vector ||
          CompareValues<T>(data[row], scan.min_vector->Data<T>()[scan.min_row]) < 0) {
        scan.min_vector = &column;
        scan.min_row = row;
      }
      if (!scan.max_vector ||
          CompareValues<T>(data[row], scan.max_vector->Data<T>()[scan.max_row]) > 0) {
        scan.max_vector = &column;
        scan.max_row = row;
      }
    }
  });
}

}  // namespace

std::shared_ptr<TableStatistics> TableAnalyzer::Measure(const TableCatalogEntry& table) {
  auto snapshot = table.storage->Committed();
  std::vector<ColumnScan> scans(table.columns.size());
  std::vector<hash_t> hashes(kVectorSize);
  // Kept until the end: the scans point into these chunks' vectors.
  auto chunks = VisibleChunks(*snapshot);
  for (auto& chunk : chunks) {
    idx_t count = chunk.size();
    if (hashes.size() < count)
      hashes.resize(count);
    for (idx_t c = 0; c < table.columns.size(); c++)
      ScanColumn(chunk.column(c), count, scans[c], hashes.data());
  }
  auto stats = std::make_shared<TableStatistics>();
  stats->row_count = snapshot->row_count;
  for (idx_t c = 0; c < table.columns.size(); c++) {
    auto& scan = scans[c];
    ColumnStatistics column;
    column.null_fraction = snapshot->row_count == 0 ? 0.0
                                                    : static_cast<double>(scan.nulls) /
                                                          static_cast<double>(snapshot->row_count);
    idx_t non_null = snapshot->row_count - scan.nulls;
    column.distinct_count = non_null == 0 ? 0 : std::min(non_null, scan.distinct.Estimate());
    if (non_null > 0 && column.distinct_count == 0)
      column.distinct_count = 1;
    column.min = scan.min_vector ? scan.min_vector->GetValue(scan.min_row)
                                 : Value::Null(table.columns[c].type);
    column.max = scan.max_vector ? scan.max_vector->GetValue(scan.max_row)
                                 : Value::Null(table.columns[c].type);
    stats->columns.push_back(std::move(column));
  }
  return stats;
}

void TableAnalyzer::Analyze(const std::shared_ptr<TableCatalogEntry>& table) {
  std::shared_ptr<TableCatalogEntry> copy;
  if (table->type == CatalogType::kMaterializedView) {
    copy =
        std::make_shared<MaterializedViewCatalogEntry>(table->Cast<MaterializedViewCatalogEntry>());
  } else {
    copy = std::make_shared<TableCatalogEntry>(*table);
  }
  copy->statistics = Measure(*table);
  auto replaced = context_.db.catalog().ReplaceEntry(table->schema_name, *table, copy);
  context_.transaction->RecordReplaceEntry(table->schema_name, replaced, copy);
}

std::unique_ptr<QueryResult> TableAnalyzer::Run(AnalyzeStatement& statement) {
  auto& catalog = context_.db.catalog();
  auto result = std::make_unique<QueryResult>();
  result->SetCommandTag("ANALYZE");
  if (statement.tables.empty()) {
    for (auto& schema_name : catalog.SchemaNames()) {
      auto schema = catalog.GetSchema(schema_name);
      if (!schema || schema->external)
        continue;
      std::vector<std::string> names;
      {
        // Names first: Analyze takes the catalog's lock itself.
        for (auto& name : catalog.EntryNames(schema_name))
          names.push_back(name);
      }
      for (auto& name : names) {
        auto entry = catalog.GetEntry(schema_name, name);
        if (entry &&
            (entry->type == CatalogType::kTable || entry->type == CatalogType::kMaterializedView))
          Analyze(std::static_pointer_cast<TableCatalogEntry>(entry));
      }
    }
    return result;
  }
  for (auto& [schema_written, name] : statement.tables) {
    std::string schema = schema_written.empty() ? Catalog::kDefaultSchema : schema_written;
    auto schema_entry = catalog.GetSchema(schema);
    if (schema_entry && schema_entry->external) {
      result->AddNotice("skipping \"" + schema + "." + name +
                        "\": tables of external schemas are analyzed by their source");
      continue;
    }
    auto entry = catalog.GetEntry(schema, name);
    if (!entry) {
      throw Exception(sqlstate::kUndefinedTable,
                      "relation \"" + (schema_written.empty() ? name : schema + "." + name) +
                          "\" does not exist");
    }
    if (entry->type == CatalogType::kView) {
      result->AddNotice("skipping \"" + name +
                        "\" --- cannot analyze non-tables or special "
                        "system tables");
      continue;
    }
    Analyze(std::static_pointer_cast<TableCatalogEntry>(entry));
  }
  return result;
}

}  // namespace tributary
