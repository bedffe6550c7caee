// JsonDocument: a JSON document that lives either in memory (a database
// without a data directory) or in an AtomicJsonFile shared with other
// processes (the shell, the server, the CLI).
//
// Load() is cheap when nothing changed: the parsed file is cached and read
// again only when the file's identity (inode, size, modification time)
// changes, which every AtomicJsonFile save does (it renames a new file into
// place). Privilege checks read these documents on every statement.
//
// Transactional documents (grants, users): while the calling thread runs a
// statement of a transaction (CurrentTransaction()), Update changes the
// transaction's own copy, which Load returns to that transaction alone;
// the TransactionManager applies the transaction's changes at COMMIT
// (Check, then Commit or InstallCommitted), and ROLLBACK drops them.
// kMerge merges them into what was committed meanwhile; kExclusive fails
// with 40001 when anything was.
//
// A Database with a data directory keeps its transactional documents in
// the storage manifest, so that one commit is one atomic step
// (TransactionManager::AttachDocument calls StoreInManifest): from then on
// the committed document lives in memory and in the manifest, the file is
// neither read nor written, and an Update outside a transaction commits
// through the TransactionManager as a transaction of its own.
//
// Thread-safe.
#pragma once

#include <sys/types.h>

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/atomic_json_file.h"

namespace tributary {

class TransactionManager;

class JsonDocument {
 public:
  enum class Transactions { kNone, kMerge, kExclusive };

  // `data_directory` empty: in memory. Otherwise DATA_DIR/control/`file_name`.
  JsonDocument(const std::string& data_directory, const std::string& file_name,
               std::function<nlohmann::json()> initial,
               std::function<bool(const nlohmann::json&)> valid,
               Transactions transactions = Transactions::kNone);

  // A snapshot of the current document (throws XX001 for a corrupted file).
  std::shared_ptr<const nlohmann::json> Load() const;
  // Runs `change` on the current document (under the file's lock) and
  // saves it unless `change` throws; then nothing changes.
  void Update(const std::function<void(nlohmann::json& document)>& change);
  // An Update that moves content to another key (a rename; `change` must
  // do nothing where the old key is missing). In a transaction it is also
  // replayed at COMMIT on the documents merged (see Check), so changes
  // others committed under the old key meanwhile follow it.
  void Move(std::function<void(nlohmann::json& document)> change);

  // The stored document with the changes from `base` to `changed` applied
  // (`moves` replayed on it first, then the changes merged into what other
  // transactions committed since; throws 40001 when they cannot be). Check
  // does not save it.
  using Moves = std::vector<std::function<void(nlohmann::json&)>>;
  nlohmann::json Check(const nlohmann::json& base, const nlohmann::json& changed,
                       const Moves& moves = {}) const;
  void Commit(const nlohmann::json& base, const nlohmann::json& changed, const Moves& moves = {});

  // The file's name ("grants.json"): the document's key in the manifest.
  const std::string& name() const { return name_; }
  // The document as its file holds it (`initial()` when there is no file,
  // `exists` false then); for moving an older data directory's file into
  // the manifest. Throws XX001 for a corrupted file.
  nlohmann::json LoadFile(bool& exists) const;
  // The file, if any, once the manifest holding its document is durable.
  void RemoveFile();
  // See the top of this file: `committed` is the manifest's document.
  void StoreInManifest(TransactionManager* manager, nlohmann::json committed);
  bool stored_in_manifest() const {
    std::lock_guard<std::mutex> guard(lock_);
    return manager_ != nullptr;
  }
  // The committed document (not a transaction's own).
  std::shared_ptr<const nlohmann::json> LoadCommitted() const { return LoadStored(); }
  // Makes `document` (from Check) the committed one, once the manifest
  // naming it is durable (manifest mode).
  void InstallCommitted(nlohmann::json document);

 private:
  struct FileIdentity {
    ino_t inode = 0;
    off_t size = 0;
    int64_t modified_ns = 0;
    bool operator==(const FileIdentity& other) const {
      return inode == other.inode && size == other.size && modified_ns == other.modified_ns;
    }
  };
  std::optional<FileIdentity> Identity() const;
  std::shared_ptr<const nlohmann::json> LoadStored() const;
  void UpdateStored(const std::function<void(nlohmann::json& document)>& change);

  Transactions transactions_ = Transactions::kNone;
  std::string name_;
  TransactionManager* manager_ = nullptr;  // set: the manifest holds it
  std::function<nlohmann::json()> initial_;
  std::unique_ptr<AtomicJsonFile> file_;  // null: in memory
  std::string path_;
  mutable std::mutex lock_;
  mutable std::shared_ptr<const nlohmann::json> cached_;
  mutable std::optional<FileIdentity> cached_identity_;
};

}  // namespace tributary
