#include "transaction/transaction.h"

#include "catalog/catalog.h"
#include "catalog/external_schema_definition.h"
#include "common/exception.h"
#include "storage/sort_key_order.h"

namespace tributary {

namespace {

bool HasRowsOf(const CatalogEntry& entry) {
  return entry.type == CatalogType::kTable || entry.type == CatalogType::kMaterializedView;
}

}  // namespace

std::shared_ptr<const TableSnapshot> VisibleSnapshot(const Transaction* transaction,
                                                     const DataTable& table) {
  return transaction ? transaction->Snapshot(table) : table.Committed();
}

std::vector<DataChunk> RowGroupChunks(const RowGroup& group) {
  std::vector<std::shared_ptr<const ColumnVectors>> columns;
  for (idx_t c = 0; c < group.types().size(); c++)
    columns.push_back(group.Column(c));
  std::vector<DataChunk> chunks;
  for (idx_t v = 0; v < group.VectorCount(); v++) {
    DataChunk chunk;
    chunk.Initialize(group.types(), 0);
    for (idx_t c = 0; c < columns.size(); c++)
      chunk.column(c).Reference((*columns[c])[v]);
    chunk.SetCardinality(group.VectorRows(v));
    chunks.push_back(std::move(chunk));
  }
  return chunks;
}

std::vector<DataChunk> VisibleChunks(const TableSnapshot& snapshot) {
  std::vector<DataChunk> result;
  for (idx_t g = 0; g < snapshot.row_groups.size(); g++) {
    auto chunks = RowGroupChunks(*snapshot.row_groups[g]);
    auto& mask = snapshot.deletes[g];
    for (idx_t v = 0; v < chunks.size(); v++) {
      auto& chunk = chunks[v];
      if (mask && mask->deleted > 0) {
        SelectionVector sel(chunk.size());
        idx_t kept = 0;
        for (idx_t r = 0; r < chunk.size(); r++) {
          if (!mask->IsDeleted(v * kVectorSize + r))
            sel.set_index(kept++, r);
        }
        if (kept == 0)
          continue;
        if (kept < chunk.size())
          chunk.Slice(sel, kept);
      }
      result.push_back(std::move(chunk));
    }
  }
  return result;
}

Exception ConcurrentUpdateError(const std::string& table) {
  return Exception(sqlstate::kSerializationFailure, "could not serialize access to table \"" +
                                                        table + "\" due to a concurrent update")
      .WithDetail("Another transaction changed the table after this transaction started.")
      .WithHint("Retry the transaction.");
}

void Transaction::CheckConflict(const LocalTableChanges& local, bool rewrites) const {
  if (local.table->dropped())
    throw ConcurrentUpdateError(local.name);
  if (rewrites && local.table->Committed()->commit_id != local.base->commit_id)
    throw ConcurrentUpdateError(local.name);
}

void Transaction::CheckDropConflict(const CatalogEntry& entry) const {
  if (!HasRowsOf(entry))
    return;
  auto& table = entry.Cast<TableCatalogEntry>();
  if (table.storage && table.storage->Committed()->commit_id > start_id_)
    throw ConcurrentUpdateError(table.name);
}

std::shared_ptr<const TableSnapshot> Transaction::Snapshot(const DataTable& table) const {
  {
    std::lock_guard<std::mutex> guard(lock_);
    auto it = tables_.find(&table);
    if (it != tables_.end())
      return it->second.current;
  }
  return table.Committed(start_id_);
}

LocalTableChanges& Transaction::Local(TableCatalogEntry& table) {
  auto it = tables_.find(table.storage.get());
  if (it != tables_.end())
    return it->second;
  LocalTableChanges local;
  local.table = table.storage;
  local.name = table.name;
  local.base = table.storage->Committed(start_id_);
  local.current = local.base;
  local.local_start = local.base->row_groups.size();
  return tables_.emplace(table.storage.get(), std::move(local)).first->second;
}

std::vector<idx_t> SortKeyColumns(const TableCatalogEntry& table) {
  std::vector<idx_t> keys;
  auto type = table.attributes.sort_key_type;
  if (type != SortKeyType::kCompound && type != SortKeyType::kInterleaved)
    return keys;
  for (auto& name : table.attributes.sort_key) {
    idx_t index = table.ColumnIndex(name);
    if (index != kInvalidIndex)
      keys.push_back(index);
  }
  return keys;
}

void Transaction::Append(TableCatalogEntry& table, std::vector<DataChunk> chunks) {
  // Each load is written in sort key order (outside the lock: scans of
  // this transaction's other tables may be running).
  chunks = SortChunksByKey(table.storage->types(), std::move(chunks), SortKeyColumns(table));
  std::lock_guard<std::mutex> guard(lock_);
  auto& local = Local(table);
  CheckConflict(local, local.rewrote);
  auto next = std::make_shared<TableSnapshot>(*local.current);
  RowGroupBuilder builder(table.storage->types());
  // Fill this transaction's own last row group first (it is not shared).
  if (next->row_groups.size() > local.local_start && !next->deletes.back() &&
      next->row_groups.back()->count() < kRowGroupSize) {
    auto last = next->row_groups.back();
    next->row_groups.pop_back();
    next->deletes.pop_back();
    next->row_count -= last->count();
    for (auto& chunk : RowGroupChunks(*last))
      builder.Append(std::move(chunk));
  }
  for (auto& chunk : chunks)
    builder.Append(std::move(chunk));
  for (auto& group : builder.Finish())
    next->AddRowGroup(std::move(group));
  local.current = std::move(next);
}

void Transaction::ReplaceRows(TableCatalogEntry& table,
                              std::shared_ptr<const TableSnapshot> snapshot) {
  std::lock_guard<std::mutex> guard(lock_);
  auto& local = Local(table);
  bool rewrites = local.rewrote;
  for (idx_t i = 0; i < local.local_start && i < snapshot->deletes.size(); i++) {
    if (snapshot->deletes[i] != local.current->deletes[i])
      rewrites = true;
  }
  CheckConflict(local, rewrites);
  local.rewrote = rewrites;
  local.current = std::move(snapshot);
}

idx_t Transaction::DeleteRows(TableCatalogEntry& table, const std::vector<int64_t>& row_ids) {
  if (row_ids.empty())
    return 0;
  auto snapshot = Snapshot(*table.storage);
  auto next = std::make_shared<TableSnapshot>();
  std::vector<std::shared_ptr<DeleteMask>> masks(snapshot->row_groups.size());
  idx_t deleted = 0;
  for (int64_t id : row_ids) {
    idx_t group = static_cast<idx_t>(id) / kRowGroupSize;
    idx_t row = static_cast<idx_t>(id) % kRowGroupSize;
    if (group >= masks.size() || row >= snapshot->row_groups[group]->count())
      throw InternalException("row id out of range");
    auto& mask = masks[group];
    if (!mask) {
      auto& old = snapshot->deletes[group];
      mask = old ? std::make_shared<DeleteMask>(*old)
                 : std::make_shared<DeleteMask>(snapshot->row_groups[group]->count());
      mask->file.clear();
    }
    idx_t before = mask->deleted;
    mask->Delete(row);
    deleted += mask->deleted - before;
  }
  for (idx_t g = 0; g < snapshot->row_groups.size(); g++) {
    next->AddRowGroup(snapshot->row_groups[g], masks[g]
                                                   ? std::shared_ptr<const DeleteMask>(masks[g])
                                                   : snapshot->deletes[g]);
  }
  ReplaceRows(table, std::move(next));
  return deleted;
}

void Transaction::Truncate(TableCatalogEntry& table) {
  std::lock_guard<std::mutex> guard(lock_);
  auto& local = Local(table);
  CheckConflict(local, true);
  local.current = std::make_shared<const TableSnapshot>();
  local.local_start = 0;
  local.rewrote = true;
}

void Transaction::RecordCreateSchema(std::shared_ptr<SchemaCatalogEntry> schema) {
  std::lock_guard<std::mutex> guard(lock_);
  CatalogChange change{CatalogChange::Kind::kCreateSchema, schema->name, std::move(schema)};
  changes_.push_back(std::move(change));
}

void Transaction::RecordDropSchema(std::shared_ptr<SchemaCatalogEntry> schema) {
  std::lock_guard<std::mutex> guard(lock_);
  CatalogChange change{CatalogChange::Kind::kDropSchema, schema->name, std::move(schema)};
  changes_.push_back(std::move(change));
}

void Transaction::RecordCreateEntry(const std::string& schema,
                                    std::shared_ptr<CatalogEntry> entry) {
  std::lock_guard<std::mutex> guard(lock_);
  CatalogChange change{CatalogChange::Kind::kCreateEntry, schema, nullptr, std::move(entry)};
  changes_.push_back(std::move(change));
}

void Transaction::RecordDropEntry(const std::string& schema, std::shared_ptr<CatalogEntry> entry) {
  CheckDropConflict(*entry);
  std::lock_guard<std::mutex> guard(lock_);
  CatalogChange change{CatalogChange::Kind::kDropEntry, schema, nullptr, std::move(entry)};
  changes_.push_back(std::move(change));
}

void Transaction::RecordCreateExternalSchema(
    std::shared_ptr<const ExternalSchemaDefinition> definition) {
  std::lock_guard<std::mutex> guard(lock_);
  CatalogChange change{CatalogChange::Kind::kCreateExternalSchema, definition->name};
  change.external = std::move(definition);
  changes_.push_back(std::move(change));
}

void Transaction::RecordDropExternalSchema(
    std::shared_ptr<const ExternalSchemaDefinition> definition) {
  std::lock_guard<std::mutex> guard(lock_);
  CatalogChange change{CatalogChange::Kind::kDropExternalSchema, definition->name};
  change.external = std::move(definition);
  changes_.push_back(std::move(change));
}

void Transaction::RecordReplaceEntry(const std::string& schema,
                                     std::shared_ptr<CatalogEntry> old_entry,
                                     std::shared_ptr<CatalogEntry> new_entry) {
  // A rebuild (the new entry has other storage) drops the old table's rows.
  if (old_entry && new_entry && HasRowsOf(*old_entry) &&
      (!HasRowsOf(*new_entry) || old_entry->Cast<TableCatalogEntry>().storage !=
                                     new_entry->Cast<TableCatalogEntry>().storage))
    CheckDropConflict(*old_entry);
  std::lock_guard<std::mutex> guard(lock_);
  CatalogChange change{CatalogChange::Kind::kReplaceEntry, schema, nullptr, std::move(new_entry),
                       std::move(old_entry)};
  changes_.push_back(std::move(change));
}

namespace {

thread_local const std::shared_ptr<Transaction>* current_slot = nullptr;

}  // namespace

Transaction* CurrentTransaction() {
  return current_slot && *current_slot ? current_slot->get() : nullptr;
}

const std::shared_ptr<Transaction>* SetCurrentTransactionSlot(
    const std::shared_ptr<Transaction>* slot) {
  auto previous = current_slot;
  current_slot = slot;
  return previous;
}

Transaction::PendingDocument Transaction::Document(const JsonDocument* document) const {
  std::lock_guard<std::mutex> guard(lock_);
  auto it = documents_.find(const_cast<JsonDocument*>(document));
  return it == documents_.end() ? PendingDocument{} : it->second;
}

void Transaction::SetDocument(JsonDocument* document, PendingDocument pending) {
  std::lock_guard<std::mutex> guard(lock_);
  documents_[document] = std::move(pending);
}

std::map<JsonDocument*, Transaction::PendingDocument> Transaction::documents() const {
  std::lock_guard<std::mutex> guard(lock_);
  return documents_;
}

void Transaction::RecordGrantTarget(const std::string& schema, const std::string& name) {
  std::lock_guard<std::mutex> guard(lock_);
  grant_targets_.emplace_back(schema, name);
}

std::vector<std::pair<std::string, std::string>> Transaction::grant_targets() const {
  std::lock_guard<std::mutex> guard(lock_);
  return grant_targets_;
}

Transaction::Savepoint Transaction::Save() const {
  std::lock_guard<std::mutex> guard(lock_);
  return Savepoint{tables_, changes_.size(), catalog_ ? catalog_->Copy() : nullptr, documents_,
                   grant_targets_.size()};
}

void Transaction::RestoreTo(const Savepoint& savepoint) {
  std::lock_guard<std::mutex> guard(lock_);
  tables_ = savepoint.tables;
  if (changes_.size() > savepoint.changes)
    changes_.resize(savepoint.changes);
  catalog_ = savepoint.catalog ? savepoint.catalog->Copy() : nullptr;
  documents_ = savepoint.documents;
  if (grant_targets_.size() > savepoint.grant_targets)
    grant_targets_.resize(savepoint.grant_targets);
}

std::shared_ptr<Catalog> Transaction::catalog() const {
  std::lock_guard<std::mutex> guard(lock_);
  return catalog_;
}

void Transaction::SetCatalog(std::shared_ptr<Catalog> catalog) {
  std::lock_guard<std::mutex> guard(lock_);
  catalog_ = std::move(catalog);
}

bool Transaction::HasChanges() const {
  std::lock_guard<std::mutex> guard(lock_);
  return !tables_.empty() || !changes_.empty() || !documents_.empty() || !grant_targets_.empty() ||
         (catalog_ && catalog_->HasChanges());
}

}  // namespace tributary
