// CompressedFileReader: reads a whole local file into memory, decompressing
// gzip, zstd or bzip2 on the way. Errors are 58P01 (file not found), 42501
// (permission denied), 58030 (other I/O failures) and 22P04 for input that
// is not validly compressed, each naming the file.
//
// Not thread-safe; one reader per load.
#pragma once

#include <functional>
#include <string>

#include "common/copy_options.h"

namespace tributary {

class CompressedFileReader {
 public:
  // `on_progress(bytes_read, bytes_total)` is called every few megabytes of
  // input (compressed bytes).
  using ProgressFn = std::function<void(idx_t, idx_t)>;
  static std::string ReadAll(const std::string& path, CopyCompression compression,
                             const ProgressFn& on_progress = {});
  // The compression a file name's extension implies (.gz, .zst, .bz2).
  static CopyCompression FromExtension(const std::string& path);
};

}  // namespace tributary
