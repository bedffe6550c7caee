#include "security/json_document.h"

#include <sys/stat.h>

#include <unistd.h>

#include "common/exception.h"
#include "security/json_merge.h"
#include "transaction/transaction.h"
#include "transaction/transaction_manager.h"

namespace tributary {

JsonDocument::JsonDocument(const std::string& data_directory, const std::string& file_name,
                           std::function<nlohmann::json()> initial,
                           std::function<bool(const nlohmann::json&)> valid,
                           Transactions transactions)
    : transactions_(transactions), name_(file_name), initial_(std::move(initial)) {
  if (data_directory.empty()) {
    cached_ = std::make_shared<const nlohmann::json>(initial_());
    return;
  }
  file_ = std::make_unique<AtomicJsonFile>(data_directory + "/control", file_name, initial_,
                                           std::move(valid));
  path_ = data_directory + "/control/" + file_name;
}

std::optional<JsonDocument::FileIdentity> JsonDocument::Identity() const {
  struct stat st;
  if (::stat(path_.c_str(), &st) != 0)
    return std::nullopt;
  FileIdentity id;
  id.inode = st.st_ino;
  id.size = st.st_size;
  id.modified_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  return id;
}

std::shared_ptr<const nlohmann::json> JsonDocument::Load() const {
  if (auto* transaction = transactions_ != Transactions::kNone ? CurrentTransaction() : nullptr) {
    auto pending = transaction->Document(this);
    if (pending.current)
      return pending.current;
  }
  return LoadStored();
}

std::shared_ptr<const nlohmann::json> JsonDocument::LoadStored() const {
  std::lock_guard<std::mutex> guard(lock_);
  if (!file_ || manager_)
    return cached_;
  auto identity = Identity();
  if (cached_ && identity == cached_identity_)
    return cached_;
  cached_ = std::make_shared<const nlohmann::json>(file_->Load());
  cached_identity_ = identity;
  return cached_;
}

void JsonDocument::Update(const std::function<void(nlohmann::json& document)>& change) {
  if (auto* transaction = transactions_ != Transactions::kNone ? CurrentTransaction() : nullptr) {
    auto pending = transaction->Document(this);
    if (!pending.current) {
      pending.base = LoadStored();
      pending.current = pending.base;
    }
    auto copy = *pending.current;
    change(copy);
    pending.current = std::make_shared<const nlohmann::json>(std::move(copy));
    transaction->SetDocument(this, std::move(pending));
    return;
  }
  TransactionManager* manager;
  {
    std::lock_guard<std::mutex> guard(lock_);
    manager = manager_;
  }
  if (manager) {
    // A change of its own (server start-up, pruning at open): one commit.
    manager->CommitDocumentChange(*this, change);
    return;
  }
  UpdateStored(change);
}

void JsonDocument::Move(std::function<void(nlohmann::json& document)> change) {
  auto* transaction = transactions_ != Transactions::kNone ? CurrentTransaction() : nullptr;
  Update(change);
  if (transaction) {
    auto pending = transaction->Document(this);
    pending.moves.push_back(std::move(change));
    transaction->SetDocument(this, std::move(pending));
  }
}

nlohmann::json JsonDocument::LoadFile(bool& exists) const {
  exists = file_ && ::access(path_.c_str(), F_OK) == 0;
  return exists ? file_->Load() : initial_();
}

void JsonDocument::RemoveFile() {
  if (file_)
    ::unlink(path_.c_str());
}

void JsonDocument::StoreInManifest(TransactionManager* manager, nlohmann::json committed) {
  std::lock_guard<std::mutex> guard(lock_);
  manager_ = manager;
  cached_ = std::make_shared<const nlohmann::json>(std::move(committed));
  cached_identity_.reset();
}

void JsonDocument::InstallCommitted(nlohmann::json document) {
  std::lock_guard<std::mutex> guard(lock_);
  cached_ = std::make_shared<const nlohmann::json>(std::move(document));
}

namespace {

// Three-way merge with `moves` replayed on `base` and `stored` first.
bool MergeWithMoves(const nlohmann::json& base, const nlohmann::json& changed,
                    const nlohmann::json& stored, const JsonDocument::Moves& moves,
                    nlohmann::json& out) {
  if (moves.empty())
    return MergeJsonChanges(base, changed, stored, out);
  nlohmann::json moved_base = base, moved_stored = stored;
  for (auto& move : moves) {
    move(moved_base);
    move(moved_stored);
  }
  return MergeJsonChanges(moved_base, changed, moved_stored, out);
}

}  // namespace

nlohmann::json JsonDocument::Check(const nlohmann::json& base, const nlohmann::json& changed,
                                   const Moves& moves) const {
  auto stored = LoadStored();
  if (*stored == base)
    return changed;
  if (transactions_ == Transactions::kExclusive) {
    throw Exception(sqlstate::kSerializationFailure,
                    "could not serialize access to users and groups due to a concurrent change")
        .WithDetail("Another transaction changed users or groups after this one did.")
        .WithHint("Retry the transaction.");
  }
  nlohmann::json merged;
  if (!MergeWithMoves(base, changed, *stored, moves, merged)) {
    throw Exception(sqlstate::kSerializationFailure,
                    "could not serialize access to privileges due to a concurrent change")
        .WithDetail("Another transaction changed the same privileges after this one started.")
        .WithHint("Retry the transaction.");
  }
  return merged;
}

void JsonDocument::Commit(const nlohmann::json& base, const nlohmann::json& changed,
                          const Moves& moves) {
  if (transactions_ == Transactions::kExclusive) {
    UpdateStored([&](nlohmann::json& document) { document = changed; });
    return;
  }
  UpdateStored([&](nlohmann::json& document) {
    nlohmann::json merged;
    if (!MergeWithMoves(base, changed, document, moves, merged)) {
      throw Exception(sqlstate::kSerializationFailure,
                      "could not serialize access to privileges due to a concurrent change");
    }
    document = std::move(merged);
  });
}

void JsonDocument::UpdateStored(const std::function<void(nlohmann::json& document)>& change) {
  std::lock_guard<std::mutex> guard(lock_);
  if (!file_ || manager_) {
    auto copy = *cached_;
    change(copy);
    cached_ = std::make_shared<const nlohmann::json>(std::move(copy));
    return;
  }
  file_->Update(change);
  // Read again on the next Load(): another process may have saved after us
  // before we could look at the file's identity.
  cached_ = nullptr;
  cached_identity_.reset();
}

}  // namespace tributary
