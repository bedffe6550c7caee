// Catalog: every schema and the objects in them, for one database.
//
// Thread-safety: all methods are safe to call concurrently. Entries are
// handed out as shared_ptr, so a running query keeps an entry it resolved
// alive even if a concurrent DROP removes it from the catalog.
//
// Transactions (snapshot isolation for DDL): the Database's Catalog holds
// the committed catalog. While a CatalogTransactionScope is open on a
// thread, every method called on it acts on that thread's transaction's
// own copy instead: the first change a transaction makes copies the
// committed catalog into the transaction (Transaction::catalog()), so its
// DDL is seen by it alone until COMMIT; a transaction that has made none
// reads the committed catalog, except that when another transaction's DDL
// commits, every open transaction without a copy is given one of the
// catalog as it was (it keeps its snapshot: a table dropped meanwhile stays
// readable). At COMMIT the TransactionManager calls PrepareCommit (checks
// that no object the transaction changed was changed by a transaction that
// committed after the copy was made: 40001 otherwise) and InstallCommit. A
// change to an object such a commit changed before the change is made fails
// with that 40001 at once.
#pragma once

#include <algorithm>
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "catalog/catalog_observer.h"
#include "catalog/schema_catalog_entry.h"
#include "catalog/table_catalog_entry.h"

namespace tributary {

class Transaction;

// While alive, Catalog calls made on this thread act on the transaction
// `*slot` holds (none when it is null, or `slot` is): its own copy of the
// catalog if it has one, and for a change one is made. Scopes nest; the
// slot must outlive the scope. (Connection::Execute opens one on the
// session's transaction; the TransactionManager one with none.)
class CatalogTransactionScope {
 public:
  explicit CatalogTransactionScope(const std::shared_ptr<Transaction>* slot);
  ~CatalogTransactionScope();
  CatalogTransactionScope(const CatalogTransactionScope&) = delete;
  CatalogTransactionScope& operator=(const CatalogTransactionScope&) = delete;

 private:
  const std::shared_ptr<Transaction>* saved_;
};

class Catalog {
 public:
  static constexpr const char* kDefaultSchema = "public";

  Catalog();

  // Returns false (and changes nothing) if it exists and if_not_exists;
  // throws 42P06 if it exists otherwise.
  bool CreateSchema(const std::string& name, bool if_not_exists);
  // Throws 3F000 if missing (unless if_exists), 2BP01 if not empty without
  // cascade. Returns false when it did not exist.
  bool DropSchema(const std::string& name, bool if_exists, bool cascade);
  // Renames an external schema (42P06 if the new name exists). Returns the
  // renamed definition.
  std::shared_ptr<const ExternalSchemaDefinition> RenameExternalSchema(const std::string& name,
                                                                       const std::string& new_name);
  // Sets a schema's owner (and an external schema definition's).
  std::shared_ptr<const ExternalSchemaDefinition> SetSchemaOwner(const std::string& name,
                                                                 const std::string& owner);
  // Registers an external schema; same existence rules as CreateSchema.
  bool CreateExternalSchema(ExternalSchemaDefinition definition, bool if_not_exists);
  // Every external schema's definition (SVV_EXTERNAL_SCHEMAS).
  std::vector<std::shared_ptr<const ExternalSchemaDefinition>> ExternalSchemas() const;
  std::shared_ptr<SchemaCatalogEntry> GetSchema(const std::string& name) const;

  // Adds `entry` to `schema`. Returns false if an entry with that name
  // exists and if_not_exists; throws 42P07 otherwise, 3F000 for a missing
  // schema.
  bool CreateEntry(const std::string& schema, std::shared_ptr<CatalogEntry> entry,
                   bool if_not_exists);
  // Throws 42P01 when missing (unless if_exists), 42809 when the object is
  // of another type. Returns false when it did not exist.
  bool DropEntry(const std::string& schema, const std::string& name, CatalogType type,
                 bool if_exists);
  std::shared_ptr<CatalogEntry> GetEntry(const std::string& schema, const std::string& name) const;

  std::vector<std::string> SchemaNames() const;
  // The entries of `schema` (none when it does not exist).
  std::vector<std::shared_ptr<CatalogEntry>> SchemaEntries(const std::string& schema) const;

  // Undo of DDL at ROLLBACK: put back a dropped schema or entry, or remove
  // a created one (only if it is still the same object).
  void RestoreSchema(std::shared_ptr<SchemaCatalogEntry> schema);
  void RemoveSchema(const std::shared_ptr<SchemaCatalogEntry>& schema);
  void RestoreEntry(const std::string& schema, std::shared_ptr<CatalogEntry> entry);
  void RemoveEntry(const std::string& schema, const std::shared_ptr<CatalogEntry>& entry);
  // Names of the objects in `schema` (empty when it does not exist).
  std::vector<std::string> EntryNames(const std::string& schema) const;

  // Dependencies of views and materialized views (catalog_dependencies.cpp).
  //
  // Drops schema.name (which must be of `type`: 42809 otherwise, 42P01
  // when missing unless if_exists) and, with `cascade`, every view and
  // materialized view that reads it, transitively; without `cascade` such
  // dependents are a 2BP01 error naming the first. Adds PostgreSQL's "drop
  // cascades to ..." notice to `notices`, and every entry removed (the
  // relation first) to `dropped` when given, so a transaction can put them
  // back. Returns false when it did not exist.
  bool DropRelation(
      const std::string& schema, const std::string& name, CatalogType type, bool if_exists,
      bool cascade, std::vector<std::string>& notices,
      std::vector<std::pair<std::string, std::shared_ptr<CatalogEntry>>>* dropped = nullptr);
  // The views and materialized views whose query reads schema.name.
  std::vector<std::shared_ptr<CatalogEntry>> Dependents(const std::string& schema,
                                                        const std::string& name) const;
  // Installs `replacement` in place of `current` in `schema` (its name may
  // differ: RENAME TO). Throws 42P07 when the new name is taken, 40001 when
  // `current` is no longer the catalog's entry (a concurrent change).
  // Returns the entry replaced (for undo).
  std::shared_ptr<CatalogEntry> ReplaceEntry(const std::string& schema, const CatalogEntry& current,
                                             std::shared_ptr<CatalogEntry> replacement);
  // Every view and materialized view, by schema then name (for
  // information_schema.views, pg_views, pg_matviews): ViewCatalogEntry or
  // MaterializedViewCatalogEntry, by `type`.
  std::vector<std::shared_ptr<const CatalogEntry>> Views() const;
  // The tables and views of `schema` (empty when it does not exist).
  std::vector<std::shared_ptr<CatalogEntry>> Entries(const std::string& schema) const;
  // Every object's owner named `owner` becomes `new_owner` (ALTER USER ...
  // RENAME TO). Returns the external schema definitions that changed.
  std::vector<std::shared_ptr<const ExternalSchemaDefinition>> RenameOwner(
      const std::string& owner, const std::string& new_owner);
  // Sets the owner of a table or view (42P01 when missing, 42809 when it
  // is of another type).
  void SetEntryOwner(const std::string& schema, const std::string& name, CatalogType type,
                     const std::string& owner);
  // True when `owner` owns a schema or an object in one (DROP USER).
  bool OwnsObjects(const std::string& owner) const;
  // Told about drops and renames (AccessControl; not owned, may be null).
  void SetObserver(CatalogObserver* observer) { observer_ = observer; }
  // Every schema (local, system and external) and, for each, its entries at
  // one instant (for pg_catalog and information_schema). Entries are shared
  // with the catalog: read-only.
  struct SchemaSnapshot {
    std::shared_ptr<SchemaCatalogEntry> schema;
    std::vector<std::shared_ptr<CatalogEntry>> entries;
  };
  std::vector<SchemaSnapshot> Snapshot() const;

  // Transactions (see the top of this file). A copy of this catalog
  // (schemas copied, entries shared: entries are never changed in place)
  // that is a transaction's own: changes to it are tracked.
  std::shared_ptr<Catalog> CopyForTransaction() const;
  // Gives `transaction` a copy of this catalog unless it has one.
  void PinSnapshot(Transaction& transaction) const;
  // An exact copy (a statement's savepoint of a transaction's copy).
  std::shared_ptr<Catalog> Copy() const;
  // A transaction's copy: whether it changed anything, and the names of
  // the schemas it created, dropped, renamed or changed the owner of.
  bool HasChanges() const;
  std::vector<std::string> ChangedSchemas() const;
  // The committed catalog with `local`'s changes applied, for the manifest;
  // throws 40001 when an object `local` changed was changed by another
  // commit since `local` was copied. Changes nothing.
  std::unique_ptr<Catalog> PrepareCommit(const Catalog& local) const;
  // Makes `next` (from PrepareCommit) the committed catalog.
  void InstallCommit(std::unique_ptr<Catalog> next);

  // OIDs of the system schemas (PostgreSQL's); user objects get OIDs from
  // kFirstUserOid upwards in creation order.
  static constexpr uint32_t kPgCatalogOid = 11;
  static constexpr uint32_t kPublicOid = 2200;
  static constexpr uint32_t kInformationSchemaOid = 13207;
  static constexpr uint32_t kFirstUserOid = 16384;

 private:
  std::shared_ptr<SchemaCatalogEntry> GetSchemaOrThrow(const std::string& name) const;
  // DROP SCHEMA ... CASCADE: removes the views and materialized views of
  // other schemas that read objects of `schema`. Caller holds lock_.
  void DropDependentsOfSchemaLocked(const std::string& schema);

  uint32_t NextOid() { return (*next_oid_)++; }
  void RaiseNextOid(uint32_t oid);

  struct CopyTag {};
  explicit Catalog(CopyTag) {}
  std::shared_ptr<Catalog> CopyLocked() const;
  // The calling thread's transaction's copy to act on (null: act on this
  // catalog); for a change, one is made when the transaction has none.
  std::shared_ptr<Catalog> ReadTarget() const;
  std::shared_ptr<Catalog> WriteTarget();
  // Records that the object named by `key` (SchemaKey, ContentsKey,
  // EntryKey) changes. Caller holds lock_.
  void TouchLocked(const std::string& key);
  void TouchEntryLocked(const std::string& schema, const std::string& name);
  void TouchSchemaLocked(const std::string& name);

 public:
  // OIDs below `oid` are taken (entries read back with their OIDs): new
  // objects get higher ones.
  void ReserveOidsBelow(uint32_t oid) { RaiseNextOid(oid); }

 private:
  mutable std::mutex lock_;
  // Shared by a catalog and its copies: OIDs stay unique across sessions.
  std::shared_ptr<std::atomic<uint32_t>> next_oid_ =
      std::make_shared<std::atomic<uint32_t>>(kFirstUserOid);
  // A transaction's copy (its changes are tracked in base_versions_).
  bool local_ = false;
  // A transaction's copy: the Database's catalog it was copied from (which
  // outlives it). A change to an object that catalog changed since the
  // copy was made is a 40001 right away (COMMIT would fail on it).
  const Catalog* committed_ = nullptr;
  // The version of every object changed since the catalog was created,
  // by key (see TouchLocked), and the clock that numbers them.
  std::map<std::string, uint64_t> versions_;
  uint64_t clock_ = 0;
  // A transaction's copy: each key it changed, with the version it had in
  // the committed catalog when the copy was made.
  std::map<std::string, uint64_t> base_versions_;
  std::map<std::string, std::shared_ptr<SchemaCatalogEntry>> schemas_;
  CatalogObserver* observer_ = nullptr;
};

}  // namespace tributary
