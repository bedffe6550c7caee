// AtomicJsonFile: a JSON document in one file that several processes share
// (the CLI, the shell, a server).
//
// Durability: every change is written to a temporary file, fsynced, renamed
// over the old file and the directory fsynced, so a crash leaves either the
// old or the new document, never a torn file. Update() holds an exclusive
// flock on the directory's .lock for the read-modify-write, so two processes
// never lose each other's changes. Files are created with mode 0600.
#pragma once

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

namespace tributary {

class AtomicJsonFile {
 public:
  // `directory` (created if missing, mode 0700) holds `file_name`. A
  // missing file reads as `initial()`; `valid` checks a parsed document.
  AtomicJsonFile(std::string directory, std::string file_name,
                 std::function<nlohmann::json()> initial,
                 std::function<bool(const nlohmann::json&)> valid);

  // Throws XX001 naming the file when it cannot be parsed or is not valid.
  nlohmann::json Load() const;
  // Runs `change` on the current document under the lock and saves the
  // result unless it throws (then nothing is written).
  nlohmann::json Update(const std::function<void(nlohmann::json& document)>& change);

  const std::string& directory() const { return directory_; }
  // Holds the directory's exclusive lock while `fn` runs.
  void Locked(const std::function<void()>& fn) const;

 private:
  nlohmann::json LoadUnlocked() const;
  void SaveUnlocked(const nlohmann::json& document) const;

  std::string directory_;
  std::string path_;
  std::function<nlohmann::json()> initial_;
  std::function<bool(const nlohmann::json&)> valid_;
};

}  // namespace tributary
