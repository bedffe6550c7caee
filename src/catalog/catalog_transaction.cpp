// Catalog: transactions' own copies of the catalog, and committing them
// (see catalog.h). Objects are named by keys: "S<schema>" for a schema
// itself (existence, owner, external definition), "C<schema>" for the set
// of its entries, "E<schema>\x1f<name>" for an entry.
#include <set>

#include "catalog/catalog.h"
#include "common/exception.h"
#include "transaction/transaction.h"

namespace tributary {

namespace {

constexpr char kEntrySeparator = '\x1f';

std::string SchemaKey(const std::string& name) {
  return "S" + name;
}

std::string ContentsKey(const std::string& name) {
  return "C" + name;
}

std::string EntryKey(const std::string& schema, const std::string& name) {
  return "E" + schema + kEntrySeparator + name;
}

// "E<schema>\x1f<name>" -> {schema, name}.
std::pair<std::string, std::string> SplitEntryKey(const std::string& key) {
  auto separator = key.find(kEntrySeparator);
  return {key.substr(1, separator - 1), key.substr(separator + 1)};
}

[[noreturn]] void ThrowConflict(const std::string& what) {
  throw Exception(sqlstate::kSerializationFailure,
                  "could not serialize access to " + what + " due to a concurrent change")
      .WithDetail("Another transaction changed it after this transaction started.")
      .WithHint("Retry the transaction.");
}

std::string DescribeKey(const std::string& key) {
  if (key[0] == 'E') {
    auto [schema, name] = SplitEntryKey(key);
    return "relation \"" + (schema == Catalog::kDefaultSchema ? "" : schema + ".") + name + "\"";
  }
  return "schema \"" + key.substr(1) + "\"";
}

}  // namespace

CatalogTransactionScope::CatalogTransactionScope(const std::shared_ptr<Transaction>* slot)
    : saved_(SetCurrentTransactionSlot(slot)) {}

CatalogTransactionScope::~CatalogTransactionScope() {
  SetCurrentTransactionSlot(saved_);
}

std::shared_ptr<Catalog> Catalog::CopyLocked() const {
  std::shared_ptr<Catalog> copy(new Catalog(CopyTag{}));
  copy->next_oid_ = next_oid_;
  copy->observer_ = observer_;
  copy->local_ = local_;
  copy->committed_ = committed_;
  copy->versions_ = versions_;
  copy->clock_ = clock_;
  copy->base_versions_ = base_versions_;
  for (auto& [name, schema] : schemas_)
    copy->schemas_[name] = std::make_shared<SchemaCatalogEntry>(*schema);
  return copy;
}

std::shared_ptr<Catalog> Catalog::Copy() const {
  std::lock_guard<std::mutex> guard(lock_);
  return CopyLocked();
}

std::shared_ptr<Catalog> Catalog::CopyForTransaction() const {
  std::lock_guard<std::mutex> guard(lock_);
  auto copy = CopyLocked();
  copy->local_ = true;
  copy->committed_ = this;
  copy->base_versions_.clear();
  return copy;
}

void Catalog::PinSnapshot(Transaction& transaction) const {
  std::lock_guard<std::mutex> guard(lock_);
  if (transaction.catalog())
    return;
  auto copy = CopyLocked();
  copy->local_ = true;
  copy->committed_ = this;
  copy->base_versions_.clear();
  transaction.SetCatalog(std::move(copy));
}

std::shared_ptr<Catalog> Catalog::ReadTarget() const {
  if (local_)
    return nullptr;
  auto* transaction = CurrentTransaction();
  return transaction ? transaction->catalog() : nullptr;
}

std::shared_ptr<Catalog> Catalog::WriteTarget() {
  if (local_)
    return nullptr;
  auto* transaction = CurrentTransaction();
  if (!transaction)
    return nullptr;
  PinSnapshot(*transaction);
  return transaction->catalog();
}

void Catalog::RaiseNextOid(uint32_t oid) {
  uint32_t current = next_oid_->load();
  while (current < oid && !next_oid_->compare_exchange_weak(current, oid)) {
  }
}

void Catalog::TouchLocked(const std::string& key) {
  if (local_) {
    auto it = versions_.find(key);
    uint64_t base = it == versions_.end() ? 0 : it->second;
    bool first = base_versions_.emplace(key, base).second;
    // Already known to conflict (the set of a schema's entries only counts
    // at COMMIT, with the schema's own key).
    if (first && committed_ && key[0] != 'C') {
      uint64_t now;
      {
        std::lock_guard<std::mutex> guard(committed_->lock_);
        auto c = committed_->versions_.find(key);
        now = c == committed_->versions_.end() ? 0 : c->second;
      }
      if (now != base) {
        base_versions_.erase(key);
        ThrowConflict(DescribeKey(key));
      }
    }
    return;
  }
  versions_[key] = ++clock_;
}

void Catalog::TouchEntryLocked(const std::string& schema, const std::string& name) {
  TouchLocked(EntryKey(schema, name));
  TouchLocked(ContentsKey(schema));
}

void Catalog::TouchSchemaLocked(const std::string& name) {
  TouchLocked(SchemaKey(name));
  TouchLocked(ContentsKey(name));
  auto it = schemas_.find(name);
  if (it != schemas_.end()) {
    for (auto& [entry, _] : it->second->entries)
      TouchLocked(EntryKey(name, entry));
  }
}

bool Catalog::HasChanges() const {
  std::lock_guard<std::mutex> guard(lock_);
  return !base_versions_.empty();
}

std::vector<std::string> Catalog::ChangedSchemas() const {
  std::lock_guard<std::mutex> guard(lock_);
  std::vector<std::string> names;
  for (auto& [key, _] : base_versions_) {
    if (key[0] == 'S')
      names.push_back(key.substr(1));
  }
  return names;
}

std::unique_ptr<Catalog> Catalog::PrepareCommit(const Catalog& local) const {
  std::scoped_lock guard(lock_, local.lock_);
  // Every object the transaction changed must be as it was when the
  // transaction's copy was made. The set of a schema's entries counts only
  // for a transaction that changed the schema itself (dropped it): two
  // transactions may create different tables in one schema.
  for (auto& [key, base] : local.base_versions_) {
    if (key[0] == 'C' && !local.base_versions_.count(SchemaKey(key.substr(1))))
      continue;
    auto it = versions_.find(key);
    if ((it == versions_.end() ? 0 : it->second) != base)
      ThrowConflict(DescribeKey(key));
  }

  std::unique_ptr<Catalog> next(new Catalog(CopyTag{}));
  next->next_oid_ = next_oid_;
  next->observer_ = observer_;
  next->versions_ = versions_;
  next->clock_ = clock_;
  for (auto& [name, schema] : schemas_)
    next->schemas_[name] = std::make_shared<SchemaCatalogEntry>(*schema);

  // Schemas the transaction created or changed, then entries, then the
  // schemas it dropped.
  for (auto& [key, _] : local.base_versions_) {
    if (key[0] != 'S')
      continue;
    std::string name = key.substr(1);
    auto mine = local.schemas_.find(name);
    if (mine == local.schemas_.end())
      continue;
    auto schema = std::make_shared<SchemaCatalogEntry>(*mine->second);
    auto existing = next->schemas_.find(name);
    schema->entries.clear();
    if (existing != next->schemas_.end())
      schema->entries = existing->second->entries;
    next->schemas_[name] = std::move(schema);
  }
  for (auto& [key, _] : local.base_versions_) {
    if (key[0] != 'E')
      continue;
    auto [schema_name, name] = SplitEntryKey(key);
    std::shared_ptr<CatalogEntry> entry;
    auto mine = local.schemas_.find(schema_name);
    if (mine != local.schemas_.end()) {
      auto it = mine->second->entries.find(name);
      if (it != mine->second->entries.end())
        entry = it->second;
    }
    auto target = next->schemas_.find(schema_name);
    if (entry) {
      // The schema was dropped by a transaction that committed meanwhile.
      if (target == next->schemas_.end())
        ThrowConflict(DescribeKey(SchemaKey(schema_name)));
      target->second->entries[name] = std::move(entry);
    } else if (target != next->schemas_.end()) {
      target->second->entries.erase(name);
    }
  }
  for (auto& [key, _] : local.base_versions_) {
    if (key[0] == 'S' && !local.schemas_.count(key.substr(1)))
      next->schemas_.erase(key.substr(1));
  }
  for (auto& [key, _] : local.base_versions_)
    next->versions_[key] = ++next->clock_;
  return next;
}

void Catalog::InstallCommit(std::unique_ptr<Catalog> next) {
  std::lock_guard<std::mutex> guard(lock_);
  schemas_ = std::move(next->schemas_);
  versions_ = std::move(next->versions_);
  clock_ = next->clock_;
}

}  // namespace tributary
