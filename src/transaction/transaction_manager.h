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
// External schemas changed (created, dropped, renamed, given to another
// owner) are written to the external schema store after the manifest.
//
// Thread-safety: all methods may be called concurrently.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "transaction/transaction.h"

namespace tributary {

class Catalog;
class StorageManager;

class TransactionManager {
 public:
  // `storage` is null for an in-memory database. External schema changes
  // are written to `data_directory`'s external schema store at commit
  // (after the manifest; none without a directory).
  TransactionManager(Catalog& catalog, StorageManager* storage, std::string data_directory = "");
  ~TransactionManager();

  // Fills the catalog from the stored manifest (at open).
  void Load();

  std::shared_ptr<Transaction> Begin();
  // Throws 40001 on a conflict, or the storage's error; the transaction is
  // then still open and must be rolled back (nothing of it committed).
  void Commit(Transaction& transaction);
  void Rollback(Transaction& transaction);

 private:
  void End(Transaction& transaction);
  uint64_t OldestActive() const;
  std::shared_ptr<const TableSnapshot> Finalize(const LocalTableChanges& local);

  Catalog& catalog_;
  StorageManager* storage_;
  std::string data_directory_;
  mutable std::mutex lock_;
  uint64_t last_commit_ = 0;
  std::multiset<uint64_t> active_;
  // The open transactions (to give them their catalog snapshot).
  std::set<Transaction*> open_;
};

}  // namespace tributary
