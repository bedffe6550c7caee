// JsonDocument: a JSON document that lives either in memory (a database
// without a data directory) or in an AtomicJsonFile shared with other
// processes (the shell, the server, the CLI).
//
// Load() is cheap when nothing changed: the parsed file is cached and read
// again only when the file's identity (inode, size, modification time)
// changes, which every AtomicJsonFile save does (it renames a new file into
// place). Privilege checks read these documents on every statement.
//
// Thread-safe.
#pragma once

#include <sys/types.h>

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "common/atomic_json_file.h"

namespace tributary {

class JsonDocument {
 public:
  // `data_directory` empty: in memory. Otherwise DATA_DIR/control/`file_name`.
  JsonDocument(const std::string& data_directory, const std::string& file_name,
               std::function<nlohmann::json()> initial,
               std::function<bool(const nlohmann::json&)> valid);

  // A snapshot of the current document (throws XX001 for a corrupted file).
  std::shared_ptr<const nlohmann::json> Load() const;
  // Runs `change` on the current document (under the file's lock) and
  // saves it unless `change` throws; then nothing changes.
  void Update(const std::function<void(nlohmann::json& document)>& change);

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

  std::function<nlohmann::json()> initial_;
  std::unique_ptr<AtomicJsonFile> file_;  // null: in memory
  std::string path_;
  mutable std::mutex lock_;
  mutable std::shared_ptr<const nlohmann::json> cached_;
  mutable std::optional<FileIdentity> cached_identity_;
};

}  // namespace tributary
