#include "transaction/transaction_manager.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "catalog/catalog.h"
#include "catalog/catalog_serializer.h"
#include "catalog/external_schema_store.h"
#include "common/exception.h"
#include "security/json_document.h"
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

// The tables (and materialized views) of `catalog`, with their names.
std::map<const DataTable*, std::string> TablesOf(const Catalog& catalog) {
  std::map<const DataTable*, std::string> tables;
  for (auto& snapshot : catalog.Snapshot()) {
    for (auto& entry : snapshot.entries) {
      if (HasRows(*entry))
        tables[entry->Cast<TableCatalogEntry>().storage.get()] = entry->name;
    }
  }
  return tables;
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
    : catalog_(catalog), storage_(storage), data_directory_(std::move(data_directory)) {}

TransactionManager::~TransactionManager() = default;

void TransactionManager::AttachDocument(JsonDocument& document) {
  if (storage_)
    documents_.push_back(&document);
}

void TransactionManager::Load() {
  if (!storage_)
    return;
  CatalogTransactionScope committed_catalog(nullptr);
  std::lock_guard<std::mutex> guard(lock_);
  auto body = storage_->ReadManifest();
  // Format 1 (or no manifest): external schemas, users and grants are in
  // files of their own, moved into the manifest below.
  bool legacy = body.is_null() || body.value("format", 1) < 2;
  bool migrate = false;
  // Read-only (a tool beside a running server): no tables, no writes.
  bool read_only = storage_->read_only();
  if (!body.is_null()) {
    try {
      // Entries keep their OIDs (pg_class.oid and friends stay stable
      // across restarts); schemas, recreated first, must not take one.
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
      }
      static const nlohmann::json kNoEntries = nlohmann::json::array();
      for (auto& item : read_only ? kNoEntries : body.at("entries")) {
        auto entry = CatalogSerializer::Deserialize(item);
        std::string schema = item.at("schema").get<std::string>();
        if (HasRows(*entry)) {
          auto& table = entry->Cast<TableCatalogEntry>();
          table.storage->Install(storage_->LoadTable(item.at("data"), table.Types()), 0);
        }
        catalog_.CreateEntry(schema, entry, false);
      }
      if (!legacy) {
        for (auto& item : body.at("external_schemas"))
          catalog_.CreateExternalSchema(ExternalSchemaStore::Deserialize(item), true);
      }
    } catch (const nlohmann::json::exception& e) {
      throw Exception(sqlstate::kDataCorrupted, std::string("could not read the manifest in \"") +
                                                    storage_->directory() + "\": " + e.what());
    }
  }
  std::unique_ptr<ExternalSchemaStore> legacy_external;
  if (legacy && !data_directory_.empty() &&
      std::filesystem::exists(data_directory_ + "/catalog/external_schemas.json")) {
    legacy_external = std::make_unique<ExternalSchemaStore>(data_directory_);
    for (auto& definition : legacy_external->Load())
      catalog_.CreateExternalSchema(std::move(definition), true);
    migrate = true;
  }
  std::vector<JsonDocument*> legacy_documents;
  for (auto* document : documents_) {
    const nlohmann::json* stored = nullptr;
    if (!legacy && body.contains("documents")) {
      auto it = body["documents"].find(document->name());
      if (it != body["documents"].end())
        stored = &*it;
    }
    if (stored) {
      document->StoreInManifest(this, *stored);
      continue;
    }
    bool exists = false;
    auto contents = document->LoadFile(exists);
    document->StoreInManifest(this, std::move(contents));
    if (exists) {
      legacy_documents.push_back(document);
      migrate = true;
    }
  }
  if (!read_only && (migrate || (legacy && !body.is_null()))) {
    // One new manifest holds what the older layout kept in several files;
    // only once it is durable are those removed.
    WriteManifest(catalog_, {}, {});
    for (auto* document : legacy_documents)
      document->RemoveFile();
    if (legacy_external)
      legacy_external->RemoveFile();
    body = storage_->ReadManifest();
  }
  if (read_only)
    return;
  if (!legacy) {
    // Left by a crash between moving them into the manifest and removing
    // them: the manifest's versions are the committed ones.
    for (auto* document : documents_)
      document->RemoveFile();
    if (!data_directory_.empty())
      ::unlink((data_directory_ + "/catalog/external_schemas.json").c_str());
  }
  storage_->RemoveUnreferencedFiles(body);
}

void TransactionManager::CommitDocumentChange(JsonDocument& document,
                                              const std::function<void(nlohmann::json&)>& change) {
  auto transaction = Begin();
  try {
    {
      CatalogTransactionScope scope(&transaction);
      document.Update(change);
    }
    Commit(*transaction);
  } catch (...) {
    Rollback(*transaction);
    throw;
  }
}

void TransactionManager::WriteManifest(
    const Catalog& catalog,
    const std::map<const DataTable*, std::shared_ptr<const TableSnapshot>>& versions,
    const std::map<JsonDocument*, nlohmann::json>& documents) {
  std::vector<std::string> written;
  try {
    nlohmann::json body;
    body["format"] = 2;
    auto schemas = nlohmann::json::array();
    auto entries = nlohmann::json::array();
    auto external = nlohmann::json::array();
    for (auto& snapshot : catalog.Snapshot()) {
      auto& schema = *snapshot.schema;
      if (schema.is_system)
        continue;
      if (schema.external) {
        external.push_back(ExternalSchemaStore::Serialize(*schema.external));
        continue;
      }
      schemas.push_back({{"name", schema.name}, {"owner", schema.owner}});
      for (auto& entry : snapshot.entries) {
        auto item = CatalogSerializer::Serialize(schema.name, *entry);
        if (HasRows(*entry)) {
          auto& table = entry->Cast<TableCatalogEntry>();
          auto it = versions.find(table.storage.get());
          auto version = it != versions.end() ? it->second : table.storage->Committed();
          item["data"] = storage_->PersistTable(*version, written);
        }
        entries.push_back(std::move(item));
      }
    }
    body["schemas"] = std::move(schemas);
    body["entries"] = std::move(entries);
    body["external_schemas"] = std::move(external);
    auto stored = nlohmann::json::object();
    for (auto* document : documents_) {
      auto it = documents.find(document);
      stored[document->name()] = it != documents.end() ? it->second : *document->LoadCommitted();
    }
    body["documents"] = std::move(stored);
    storage_->WriteManifest(std::move(body));
  } catch (...) {
    // The previous manifest is still in place; drop what this commit wrote.
    storage_->RemoveFiles(written);
    throw;
  }
}

std::shared_ptr<Transaction> TransactionManager::Begin() {
  std::lock_guard<std::mutex> guard(lock_);
  active_.insert(last_commit_);
  auto transaction = std::make_shared<Transaction>(last_commit_);
  open_.insert(transaction.get());
  return transaction;
}

uint64_t TransactionManager::OldestActive() const {
  return active_.empty() ? last_commit_ : *active_.begin();
}

void TransactionManager::End(Transaction& transaction) {
  if (!open_.erase(&transaction))
    return;
  auto it = active_.find(transaction.start_id());
  if (it != active_.end())
    active_.erase(it);
}

std::shared_ptr<const TableSnapshot> TransactionManager::Finalize(const LocalTableChanges& local) {
  auto latest = local.table->Committed();
  std::shared_ptr<TableSnapshot> result;
  idx_t start;
  if (latest->commit_id != local.base->commit_id) {
    if (local.rewrote || local.table->dropped())
      throw ConcurrentUpdateError(local.name);
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
  CatalogTransactionScope committed_catalog(nullptr);
  std::lock_guard<std::mutex> guard(lock_);
  if (!transaction.HasChanges()) {
    End(transaction);
    return;
  }
  uint64_t commit_id = last_commit_ + 1;

  // The committed catalog after this transaction's DDL (throws 40001 on
  // a conflicting change).
  auto local = transaction.catalog();
  std::unique_ptr<Catalog> next;
  if (local && local->HasChanges())
    next = catalog_.PrepareCommit(*local);
  const Catalog& after = next ? *next : catalog_;

  // Tables this commit drops (DROP, or ALTER rebuilding one): none may have
  // been written by a transaction that committed after this one started.
  std::set<const DataTable*> dropped;
  if (next) {
    auto kept = TablesOf(after);
    for (auto& [table, name] : TablesOf(catalog_)) {
      if (kept.count(table))
        continue;
      if (table->Committed()->commit_id > transaction.start_id())
        throw ConcurrentUpdateError(name);
      dropped.insert(table);
    }
  }

  // New table versions (throws 40001 on a conflict).
  std::map<const DataTable*, std::shared_ptr<const TableSnapshot>> versions;
  for (auto& [table, local_changes] : transaction.tables()) {
    if (dropped.count(table))
      continue;
    if (local_changes.table->dropped())
      throw ConcurrentUpdateError(local_changes.name);
    versions[table] = Finalize(local_changes);
  }

  // Tables this transaction granted on, still there in its own catalog,
  // must not have been dropped or renamed by a commit since.
  for (auto& [schema, name] : transaction.grant_targets()) {
    if (local && local->GetEntry(schema, name) && !after.GetEntry(schema, name)) {
      throw Exception(sqlstate::kSerializationFailure,
                      "could not serialize access to privileges due to a concurrent change")
          .WithDetail("Another transaction dropped or renamed relation \"" + name +
                      "\" after this one changed its privileges.")
          .WithHint("Retry the transaction.");
    }
  }

  // Users and privileges changed (throws 40001 when they cannot be merged
  // into what was committed since).
  auto documents = transaction.documents();
  std::map<JsonDocument*, nlohmann::json> merged;
  for (auto& [document, pending] : documents)
    merged[document] = document->Check(*pending.base, *pending.current, pending.moves);

  // The commit point: one new manifest holding all of it.
  if (storage_)
    WriteManifest(after, versions, merged);

  for (auto& [document, pending] : documents) {
    if (document->stored_in_manifest())
      document->InstallCommitted(std::move(merged[document]));
    else
      document->Commit(*pending.base, *pending.current, pending.moves);
  }

  // Publish.
  last_commit_ = commit_id;
  End(transaction);
  if (next) {
    for (auto* other : open_)
      catalog_.PinSnapshot(*other);
    catalog_.InstallCommit(std::move(next));
  }
  uint64_t oldest = OldestActive();
  for (auto& [table, snapshot] : versions) {
    auto published = std::const_pointer_cast<TableSnapshot>(snapshot);
    published->commit_id = commit_id;
    transaction.tables().at(table).table->Install(published, oldest);
  }
  for (auto* table : dropped)
    const_cast<DataTable*>(table)->MarkDropped();
}

void TransactionManager::Rollback(Transaction& transaction) {
  // The transaction's catalog goes with it.
  std::lock_guard<std::mutex> guard(lock_);
  End(transaction);
}

}  // namespace tributary
