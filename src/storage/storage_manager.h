// StorageManager: a database's files in its data directory.
//
//   DATA_DIR/tributary.lock     held (flock) while a Database has the
//                               directory open: a second process gets 55006
//   DATA_DIR/storage/MANIFEST   the committed state: catalog entries and,
//                               per table, its row groups' files, segment
//                               offsets, zone maps and deletion masks;
//                               external schemas, users and grants (format
//                               2; see TransactionManager)
//   DATA_DIR/storage/rg-N.seg   one row group's column segments (immutable)
//   DATA_DIR/storage/dv-N.del   one row group's deletion mask (immutable)
//
// A commit writes its new segment and mask files (fsynced), then replaces
// the manifest atomically (temp file, fsync, rename, fsync directory): a
// crash leaves the old or the new version, and a failure (the directory's
// fsync included) leaves the old one. The manifest carries a CRC; a
// damaged one is reported (XX001), never read as data. Files the manifest
// does not name (left by a crash or by later commits) are removed at open.
//
// Thread-safety: the TransactionManager calls the writing methods under
// its commit lock; LoadTable may run concurrently with them.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "storage/table_snapshot.h"

namespace tributary {

class StorageManager {
 public:
  // Creates the directories if needed and takes the lock; throws 55006
  // naming the directory when another process holds it. `read_only`: no
  // lock, nothing created, written or removed (for tools that read the
  // committed manifest while a server holds the directory; the manifest is
  // replaced atomically, so reading it needs no lock).
  explicit StorageManager(const std::string& data_directory, bool read_only = false);
  ~StorageManager();
  StorageManager(const StorageManager&) = delete;
  StorageManager& operator=(const StorageManager&) = delete;

  const std::string& directory() const { return directory_; }
  bool read_only() const { return read_only_; }
  // The last committed manifest's body; null when the database is new.
  nlohmann::json ReadManifest();
  // A table's rows as a manifest describes them (`data`: its "data" item).
  std::shared_ptr<TableSnapshot> LoadTable(const nlohmann::json& data,
                                           const std::vector<LogicalType>& types);
  // Writes the row groups and masks of `snapshot` that are not stored yet
  // (their new file names are added to `written`) and returns its "data"
  // item for the manifest. Row groups are encoded and written on several
  // threads (ParallelFor); file names are still assigned in order.
  nlohmann::json PersistTable(const TableSnapshot& snapshot, std::vector<std::string>& written);
  // Replaces the manifest with `body`.
  void WriteManifest(nlohmann::json body);
  // Removes files written by a commit that failed.
  void RemoveFiles(const std::vector<std::string>& names);
  // Removes every data file `body` does not name.
  void RemoveUnreferencedFiles(const nlohmann::json& body);

 private:
  std::string NextFileName(const char* prefix, const char* suffix);

  std::string data_directory_;
  std::string directory_;
  bool read_only_ = false;
  int lock_fd_ = -1;
  uint64_t next_file_id_ = 1;
};

}  // namespace tributary
