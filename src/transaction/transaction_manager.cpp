#include "transaction/transaction_manager.h"

#include <algorithm>
#include <set>

#include "catalog/catalog.h"
#include "catalog/catalog_serializer.h"
#include "catalog/external_schema_store.h"
#include "common/exception.h"
#include "storage/storage_manager.h"

namespace tributary {

namespace {

// A stored row group smaller than this absorbs the next commit's appended
// rows (rewritten as one row group), so many small INSERTs do not leave
// many tiny files.
constexpr idx_t kMergeBelow = 16 * kVectorSize;

// Tables and materialized views keep rows (a TableCatalogEntry's storage).
bool HasRows(const CatalogEntry& entry) {
  return entry.type == CatalogType::kTable || entry.type == CatalogType::kMaterializedView;
}

std::shared_ptr<TableSnapshot> CopySnapshot(const TableSnapshot& from) {
  auto copy = std::make_shared<TableSnapshot>();
  for (idx_t i = 0; i < from.row_groups.size(); i++)
    copy->AddRowGroup(from.row_groups[i], from.deletes[i]);
  return copy;
}

}  // namespace

TransactionManager::TransactionManager(Catalog& catalog, StorageManager* storage,
                                       std::string data_directory)
    : catalog_(catalog), storage_(storage), data_directory_(std::move(data_directory)) {
  committed_[Catalog::kDefaultSchema] = CommittedSchema{};
}

TransactionManager::~TransactionManager() = default;

void TransactionManager::Load() {
  if (!storage_)
    return;
  std::lock_guard<std::mutex> guard(lock_);
  auto body = storage_->ReadManifest();
  if (body.is_null()) {
    storage_->RemoveUnreferencedFiles(body);
    return;
  }
  try {
    // Entries keep their OIDs (pg_class.oid and friends stay stable across
    // restarts); schemas, recreated first, must not take one of them.
    uint32_t max_oid = 0;
    for (auto& item : body.at("entries"))
      max_oid = std::max(max_oid, item.value("oid", 0u));
    catalog_.ReserveOidsBelow(max_oid + 1);
    for (auto& item : body.at("schemas")) {
      std::string name = item.at("name").get<std::string>();
      catalog_.CreateSchema(name, true);
      std::string owner = item.value("owner", "");
      if (auto schema = catalog_.GetSchema(name))
        schema->owner = owner;
      committed_[name].owner = owner;
    }
    for (auto& item : body.at("entries")) {
      auto entry = CatalogSerializer::Deserialize(item);
      std::string schema = item.at("schema").get<std::string>();
      if (HasRows(*entry)) {
        auto& table = entry->Cast<TableCatalogEntry>();
        table.storage->Install(storage_->LoadTable(item.at("data"), table.Types()), 0);
      }
      catalog_.CreateEntry(schema, entry, false);
      committed_[schema].entries[entry->name] = entry;
    }
  } catch (const nlohmann::json::exception& e) {
    throw Exception(sqlstate::kDataCorrupted, std::string("could not read the manifest in \"") +
                                                  storage_->directory() + "\": " + e.what());
  }
  storage_->RemoveUnreferencedFiles(body);
}

std::shared_ptr<Transaction> TransactionManager::Begin() {
  std::lock_guard<std::mutex> guard(lock_);
  active_.insert(last_commit_);
  return std::make_shared<Transaction>(last_commit_);
}

uint64_t TransactionManager::OldestActive() const {
  return active_.empty() ? last_commit_ : *active_.begin();
}

void TransactionManager::End(Transaction& transaction) {
  auto it = active_.find(transaction.start_id());
  if (it != active_.end())
    active_.erase(it);
}

std::shared_ptr<const TableSnapshot> TransactionManager::Finalize(const LocalTableChanges& local) {
  auto latest = local.table->Committed();
  std::shared_ptr<TableSnapshot> result;
  idx_t start;
  if (latest->commit_id != local.base->commit_id) {
    if (local.rewrote || local.table->dropped()) {
      throw Exception(
          sqlstate::kSerializationFailure,
          "could not serialize access to table \"" + local.name + "\" due to a concurrent update")
          .WithDetail("Another transaction changed the table after this transaction started.")
          .WithHint("Retry the transaction.");
    }
    // Only appends: replay them on the newer version.
    result = CopySnapshot(*latest);
    start = result->row_groups.size();
    for (idx_t i = local.local_start; i < local.current->row_groups.size(); i++)
      result->AddRowGroup(local.current->row_groups[i], local.current->deletes[i]);
  } else {
    result = CopySnapshot(*local.current);
    start = local.local_start;
  }
  if (start > 0 && start < result->row_groups.size()) {
    auto& previous = result->row_groups[start - 1];
    auto& first = result->row_groups[start];
    if (!result->deletes[start - 1] && !result->deletes[start] && previous->count() < kMergeBelow &&
        previous->count() + first->count() <= kRowGroupSize) {
      RowGroupBuilder builder(previous->types());
      for (auto& chunk : RowGroupChunks(*previous))
        builder.Append(std::move(chunk));
      for (auto& chunk : RowGroupChunks(*first))
        builder.Append(std::move(chunk));
      auto merged = std::make_shared<TableSnapshot>();
      for (idx_t i = 0; i + 1 < start; i++)
        merged->AddRowGroup(result->row_groups[i], result->deletes[i]);
      for (auto& group : builder.Finish())
        merged->AddRowGroup(std::move(group));
      for (idx_t i = start + 1; i < result->row_groups.size(); i++)
        merged->AddRowGroup(result->row_groups[i], result->deletes[i]);
      result = std::move(merged);
    }
  }
  return result;
}

void TransactionManager::Commit(Transaction& transaction) {
  std::lock_guard<std::mutex> guard(lock_);
  if (!transaction.HasChanges()) {
    End(transaction);
    return;
  }
  uint64_t commit_id = last_commit_ + 1;

  // The committed catalog after this transaction's DDL.
  CommittedCatalog catalog = committed_;
  std::set<const DataTable*> dropped;
  auto drop_entry = [&](const std::shared_ptr<CatalogEntry>& entry) {
    if (entry && HasRows(*entry))
      dropped.insert(entry->Cast<TableCatalogEntry>().storage.get());
  };
  for (auto& change : transaction.changes()) {
    switch (change.kind) {
      case CatalogChange::Kind::kCreateSchema:
        catalog[change.schema].owner = change.schema_entry->owner;
        break;
      case CatalogChange::Kind::kDropSchema: {
        auto it = catalog.find(change.schema);
        if (it != catalog.end()) {
          for (auto& [_, entry] : it->second.entries)
            drop_entry(entry);
          catalog.erase(it);
        }
        break;
      }
      case CatalogChange::Kind::kCreateEntry:
        catalog[change.schema].entries[change.entry->name] = change.entry;
        break;
      case CatalogChange::Kind::kDropEntry:
        catalog[change.schema].entries.erase(change.entry->name);
        drop_entry(change.entry);
        break;
      case CatalogChange::Kind::kReplaceEntry:
        catalog[change.schema].entries.erase(change.old_entry->name);
        catalog[change.schema].entries[change.entry->name] = change.entry;
        if (HasRows(*change.old_entry) &&
            (!HasRows(*change.entry) || change.entry->Cast<TableCatalogEntry>().storage !=
                                            change.old_entry->Cast<TableCatalogEntry>().storage)) {
          drop_entry(change.old_entry);
        }
        break;
      case CatalogChange::Kind::kCreateExternalSchema:
      case CatalogChange::Kind::kDropExternalSchema:
        break;  // not in the manifest: see below
    }
  }

  // New table versions (throws 40001 on a conflict).
  std::map<const DataTable*, std::shared_ptr<const TableSnapshot>> versions;
  for (auto& [table, local] : transaction.tables()) {
    if (dropped.count(table))
      continue;
    versions[table] = Finalize(local);
  }

  if (storage_) {
    std::vector<std::string> written;
    try {
      nlohmann::json body;
      body["format"] = 1;
      auto schemas = nlohmann::json::array();
      auto entries = nlohmann::json::array();
      for (auto& [name, schema] : catalog) {
        schemas.push_back({{"name", name}, {"owner", schema.owner}});
        for (auto& [_, entry] : schema.entries) {
          auto item = CatalogSerializer::Serialize(name, *entry);
          if (HasRows(*entry)) {
            auto& table = entry->Cast<TableCatalogEntry>();
            auto it = versions.find(table.storage.get());
            auto snapshot = it != versions.end() ? it->second : table.storage->Committed();
            item["data"] = storage_->PersistTable(*snapshot, written);
          }
          entries.push_back(std::move(item));
        }
      }
      body["schemas"] = std::move(schemas);
      body["entries"] = std::move(entries);
      storage_->WriteManifest(std::move(body));
    } catch (...) {
      // The previous manifest is still in place; drop what this commit wrote.
      storage_->RemoveFiles(written);
      throw;
    }
  }

  // External schemas, in the order they changed. A failure here (after
  // the manifest) fails COMMIT with the store's error; the Catalog keeps
  // the change, the store the ones written before it.
  if (!data_directory_.empty()) {
    for (auto& change : transaction.changes()) {
      if (change.kind == CatalogChange::Kind::kCreateExternalSchema)
        ExternalSchemaStore(data_directory_).Put(*change.external);
      else if (change.kind == CatalogChange::Kind::kDropExternalSchema)
        ExternalSchemaStore(data_directory_).Remove(change.schema);
    }
  }

  // Publish.
  last_commit_ = commit_id;
  End(transaction);
  uint64_t oldest = OldestActive();
  for (auto& [table, snapshot] : versions) {
    auto published = std::const_pointer_cast<TableSnapshot>(snapshot);
    published->commit_id = commit_id;
    transaction.tables().at(table).table->Install(published, oldest);
  }
  for (auto* table : dropped)
    const_cast<DataTable*>(table)->MarkDropped();
  committed_ = std::move(catalog);
}

void TransactionManager::Rollback(Transaction& transaction) {
  transaction.UndoCatalogChanges(catalog_);
  std::lock_guard<std::mutex> guard(lock_);
  End(transaction);
}

}  // namespace tributary
