// TransactionManager: starts, commits and rolls back transactions.
//
// Commit, under one lock: every table the transaction wrote is checked
// against the newest committed version. If another transaction committed a
// change to it since this one's snapshot, an append-only change is replayed
// on the newer version; a delete or update fails with 40001 (serialization
// failure, as in Redshift). Then, with a data directory, the new row groups
// and masks are written and the manifest replaced (StorageManager); only
// when that succeeded are the new versions installed, so a failed write
// (disk full, permissions) leaves the previous version in place.
//
// DDL: the transaction's own catalog (Transaction::catalog()) becomes the
// committed one (Catalog::PrepareCommit, InstallCommit); an object another
// transaction changed and committed since is a 40001. Dropping or
// rebuilding a table another transaction wrote and committed since this
// one started is a 40001, and so is committing writes to a table whose
// DROP committed meanwhile. Open transactions that have no catalog of their
// own are given the catalog as it was before the commit (their snapshot).
// Atomic commit: with a data directory, everything a commit changes is
// written into one new manifest version: the catalog, the tables' row
// groups and masks, the external schema definitions and the documents
// attached with AttachDocument (users, grants). Replacing the manifest
// (one rename) is the commit point, so a failure anywhere before it (disk
// full, permissions, an I/O error) leaves the previous committed state
// whole, and a crash leaves the old or the new state.
//
// Older data directories (manifest format 1, with external schemas in
// catalog/external_schemas.json and users and grants in control/*.json)
// open as before: Load moves those files into a new manifest (one atomic
// step) and then removes them.
//
// Thread-safety: all methods may be called concurrently.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "transaction/transaction.h"

namespace tributary {

class Catalog;
class StorageManager;

class TransactionManager {
 public:
  // `storage` is null for an in-memory database; `data_directory` is where
  // an older directory's external schema file is.
  TransactionManager(Catalog& catalog, StorageManager* storage, std::string data_directory = "");
  ~TransactionManager();

  // Keeps `document` (transactional, of this data directory) in the
  // manifest from Load on; it must outlive this manager. Before Load; no-op
  // for an in-memory database.
  void AttachDocument(JsonDocument& document);
  // Fills the catalog and the attached documents from the stored manifest
  // (at open), moving an older directory's files into it.
  void Load();
  // Runs `change` on `document` as a transaction of its own and commits it
  // (an attached document's Update outside a transaction).
  void CommitDocumentChange(JsonDocument& document,
                            const std::function<void(nlohmann::json&)>& change);

  std::shared_ptr<Transaction> Begin();
  // Throws 40001 on a conflict, or the storage's error; the transaction is
  // then still open and must be rolled back (nothing of it committed).
  void Commit(Transaction& transaction);
  void Rollback(Transaction& transaction);

 private:
  void End(Transaction& transaction);
  uint64_t OldestActive() const;
  std::shared_ptr<const TableSnapshot> Finalize(const LocalTableChanges& local);
  // Writes the manifest of `catalog` with `versions` (tables not named:
  // their committed version) and `documents` (attached documents not
  // named: their committed state). Caller holds lock_. On failure the
  // files written are removed and the previous manifest stays.
  void WriteManifest(
      const Catalog& catalog,
      const std::map<const DataTable*, std::shared_ptr<const TableSnapshot>>& versions,
      const std::map<JsonDocument*, nlohmann::json>& documents);

  Catalog& catalog_;
  StorageManager* storage_;
  std::string data_directory_;
  mutable std::mutex lock_;
  uint64_t last_commit_ = 0;
  std::multiset<uint64_t> active_;
  // The open transactions (to give them their catalog snapshot).
  std::set<Transaction*> open_;
  std::vector<JsonDocument*> documents_;
};

}  // namespace tributary
