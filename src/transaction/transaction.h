// Transaction: one transaction's view of the database and its uncommitted
// changes (snapshot isolation).
//
// Reads see the table versions committed before the transaction started
// (DataTable::Committed(start_id)) plus the transaction's own writes. Writes
// build new TableSnapshots kept here until the TransactionManager commits
// them; rows appended are new in-memory row groups, deletes are new
// deletion masks. DDL changes the transaction's own copy of the catalog
// (catalog(); see catalog/catalog.h), seen by it alone until the
// TransactionManager commits it; ROLLBACK drops the copy. DDL is also
// recorded here (changes()), in the order it was made.
//
// Thread-safety: Snapshot() may be called from scan threads while the
// statement runs; the other methods are called by the statement's thread.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "common/exception.h"
#include "storage/data_table.h"

namespace tributary {

class Catalog;
class CatalogEntry;
class JsonDocument;
class SchemaCatalogEntry;
class TableCatalogEntry;
struct ExternalSchemaDefinition;

// A DDL change, in the order it was made (informational: what commits is
// the transaction's catalog).
struct CatalogChange {
  enum class Kind {
    kCreateSchema,
    kDropSchema,
    kCreateEntry,
    kDropEntry,
    kReplaceEntry,
    kCreateExternalSchema,
    kDropExternalSchema
  };
  Kind kind = Kind::kCreateSchema;
  std::string schema = {};
  std::shared_ptr<SchemaCatalogEntry> schema_entry = nullptr;  // kCreateSchema, kDropSchema
  std::shared_ptr<CatalogEntry> entry = nullptr;               // created, dropped or the new one
  std::shared_ptr<CatalogEntry> old_entry = nullptr;           // kReplaceEntry
  std::shared_ptr<const ExternalSchemaDefinition> external = nullptr;  // k*ExternalSchema
};

// What a transaction did to one table.
struct LocalTableChanges {
  std::shared_ptr<DataTable> table;
  std::string name;  // for error messages
  // The committed version the changes were made on, and the result.
  std::shared_ptr<const TableSnapshot> base;
  std::shared_ptr<const TableSnapshot> current;
  // current->row_groups[local_start..] were appended by this transaction.
  idx_t local_start = 0;
  // Rows of `base` were deleted (or the table truncated): the changes
  // cannot be replayed on a newer version.
  bool rewrote = false;
};

// 40001 for a write to `table` that conflicts with a transaction that
// committed a change to it after this one's snapshot.
Exception ConcurrentUpdateError(const std::string& table);

// Conflicts (concurrent writers, as in Redshift: the second fails with
// 40001) are reported by the first statement that makes one when it is
// already known: a DELETE, UPDATE or TRUNCATE of a table another
// transaction changed and committed since this one's snapshot, any write
// to a table such a transaction dropped or rebuilt, and a DROP or rebuild
// (ALTER) of a table such a transaction wrote. The TransactionManager
// checks again at COMMIT for what was committed later.
class Transaction {
 public:
  explicit Transaction(uint64_t start_id) : start_id_(start_id) {}

  uint64_t start_id() const { return start_id_; }
  // The rows of `table` this transaction sees.
  std::shared_ptr<const TableSnapshot> Snapshot(const DataTable& table) const;
  // Appends `chunks` (the table's types) to `table`, sorted by its SORTKEY
  // when it has one (SortKeyColumns).
  void Append(TableCatalogEntry& table, std::vector<DataChunk> chunks);
  // Replaces what this transaction sees of `table` with `snapshot`, made
  // from Snapshot(table) by new deletion masks (DELETE, UPDATE).
  void ReplaceRows(TableCatalogEntry& table, std::shared_ptr<const TableSnapshot> snapshot);
  // Deletes the rows with these ids (kRowIdColumn values of a scan of
  // Snapshot(table) in this transaction). Returns how many were deleted
  // (an id given twice counts once).
  idx_t DeleteRows(TableCatalogEntry& table, const std::vector<int64_t>& row_ids);
  // Removes every row of `table`.
  void Truncate(TableCatalogEntry& table);

  void RecordCreateSchema(std::shared_ptr<SchemaCatalogEntry> schema);
  void RecordDropSchema(std::shared_ptr<SchemaCatalogEntry> schema);
  void RecordCreateEntry(const std::string& schema, std::shared_ptr<CatalogEntry> entry);
  void RecordDropEntry(const std::string& schema, std::shared_ptr<CatalogEntry> entry);
  // An external schema created or dropped.
  void RecordCreateExternalSchema(std::shared_ptr<const ExternalSchemaDefinition> definition);
  void RecordDropExternalSchema(std::shared_ptr<const ExternalSchemaDefinition> definition);
  // An entry changed by ALTER (`old_entry` is the one it replaced).
  void RecordReplaceEntry(const std::string& schema, std::shared_ptr<CatalogEntry> old_entry,
                          std::shared_ptr<CatalogEntry> new_entry);

  // A table GRANT or REVOKE changed privileges on (by name): COMMIT fails
  // with 40001 when another transaction dropped or renamed it meanwhile.
  void RecordGrantTarget(const std::string& schema, const std::string& name);
  std::vector<std::pair<std::string, std::string>> grant_targets() const;

  // Statement-level undo: a failed statement inside a transaction block
  // is rolled back to the savepoint taken before it.
  // A transactional JsonDocument (the grants) as this transaction changed
  // it: `base` is the committed document the changes were made on.
  struct PendingDocument {
    std::shared_ptr<const nlohmann::json> base;
    std::shared_ptr<const nlohmann::json> current;
    // Changes that move content to another key (the grants a RENAME takes
    // along), in order: replayed at COMMIT on what other transactions
    // committed meanwhile, so that their changes under the old key follow
    // (JsonDocument::Move).
    std::vector<std::function<void(nlohmann::json&)>> moves;
  };
  // Null `current` when the transaction has not changed `document`.
  PendingDocument Document(const JsonDocument* document) const;
  void SetDocument(JsonDocument* document, PendingDocument pending);
  std::map<JsonDocument*, PendingDocument> documents() const;

  struct Savepoint {
    std::map<const DataTable*, LocalTableChanges> tables;
    size_t changes = 0;
    std::shared_ptr<Catalog> catalog;  // a copy of catalog() (null: none)
    std::map<JsonDocument*, PendingDocument> documents;
    size_t grant_targets = 0;
  };
  Savepoint Save() const;
  void RestoreTo(const Savepoint& savepoint);

  // The transaction's own catalog: a copy of the committed one made at its
  // first DDL (holding its uncommitted changes), or when another
  // transaction's DDL committed (its snapshot); null while it reads the
  // committed catalog. Set by the Catalog.
  std::shared_ptr<Catalog> catalog() const;
  void SetCatalog(std::shared_ptr<Catalog> catalog);

  bool HasChanges() const;
  // For the TransactionManager at commit.
  const std::map<const DataTable*, LocalTableChanges>& tables() const { return tables_; }
  const std::vector<CatalogChange>& changes() const { return changes_; }

  // BEGIN ... COMMIT block (false: one autocommit statement).
  bool explicit_block = false;
  // A statement failed in the block: only ROLLBACK/COMMIT are accepted.
  bool aborted = false;

 private:
  LocalTableChanges& Local(TableCatalogEntry& table);
  // Throws 40001 when a committed transaction changed `local`'s table since
  // its base version (`rewrites`: this write cannot be replayed on a newer
  // version) or dropped it.
  void CheckConflict(const LocalTableChanges& local, bool rewrites) const;
  // The same for dropping or rebuilding `entry` (a table).
  void CheckDropConflict(const CatalogEntry& entry) const;

  uint64_t start_id_;
  mutable std::mutex lock_;
  std::map<const DataTable*, LocalTableChanges> tables_;
  std::vector<CatalogChange> changes_;
  std::shared_ptr<Catalog> catalog_;
  std::map<JsonDocument*, PendingDocument> documents_;
  std::vector<std::pair<std::string, std::string>> grant_targets_;
};

// The transaction of the statement running on this thread (the one a
// CatalogTransactionScope names), or null.
Transaction* CurrentTransaction();
// Makes `slot` the calling thread's (see CatalogTransactionScope); returns
// the previous one.
const std::shared_ptr<Transaction>* SetCurrentTransactionSlot(
    const std::shared_ptr<Transaction>* slot);

// Snapshot of `table` for `transaction`; the newest committed version when
// there is none (a statement bound outside a transaction).
std::shared_ptr<const TableSnapshot> VisibleSnapshot(const Transaction* transaction,
                                                     const DataTable& table);

// The column indexes of `table`'s compound or interleaved SORTKEY, in key
// order (empty without one).
std::vector<idx_t> SortKeyColumns(const TableCatalogEntry& table);

// Every row group of `group` as DataChunks referencing its vectors.
std::vector<DataChunk> RowGroupChunks(const RowGroup& group);
// The rows of `snapshot` that are not deleted, in order, as DataChunks (for
// statements that rebuild a table, e.g. ALTER TABLE ADD COLUMN, then
// Transaction::Append the result to the new table).
std::vector<DataChunk> VisibleChunks(const TableSnapshot& snapshot);

}  // namespace tributary
