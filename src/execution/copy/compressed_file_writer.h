// CompressedFileWriter: writes a local file, compressing with gzip, zstd or
// bzip2 on the way. The file is written under a temporary name and renamed
// into place by Finish(), so a failed export leaves no partial file. Errors
// are 58030 (I/O) or 42501 (permission denied), naming the file.
//
// Not thread-safe; one writer per file.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "common/copy_options.h"

namespace tributary {

class CompressedFileWriter {
 public:
  // Fails with 58030 when `path` exists and `overwrite` is false.
  CompressedFileWriter(std::string path, CopyCompression compression, bool overwrite);
  ~CompressedFileWriter();  // removes the temporary file unless Finish() ran
  CompressedFileWriter(const CompressedFileWriter&) = delete;
  CompressedFileWriter& operator=(const CompressedFileWriter&) = delete;

  void Write(std::string_view bytes);
  // Flushes, closes and renames the file into place.
  void Finish();
  // The suffix UNLOAD adds for a compression (".gz", ".zst", ".bz2", "").
  static const char* Extension(CopyCompression compression);

 private:
  struct State;
  void WriteRaw(const char* data, size_t size);

  std::string path_;
  std::string temporary_;
  CopyCompression compression_;
  std::unique_ptr<State> state_;
  bool finished_ = false;
};

}  // namespace tributary
