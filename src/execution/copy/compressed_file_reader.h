// CompressedFileReader: reads a whole local file into memory, decompressing
// gzip, zstd or bzip2 on the way. Errors are 58P01 (file not found), 42501
// (permission denied), 58030 (other I/O failures) and 22P04 for input that
// is not validly compressed, each naming the file.
//
// Not thread-safe; one reader per load.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "common/copy_options.h"

namespace tributary {

// A file's bytes as ReadAll returns them: a plain file is read straight
// into an anonymous mapping whose pages are populated a piece at a time
// (a load reads hundreds of megabytes: one call per piece instead of a
// page fault per 4 kB); decompressed data is a std::string. Move-only.
// (Transparent huge pages were tried: on this VM, zeroing fresh 2 MB pages
// cost more than the faults they save.)
class FileContents {
 public:
  FileContents() = default;
  explicit FileContents(std::string data) : string_(std::move(data)) {}
  // Uninitialized room for `size` bytes (throws 53200 when it cannot be
  // mapped).
  static FileContents Mapped(size_t size);
  FileContents(FileContents&& other) noexcept;
  FileContents& operator=(FileContents&& other) noexcept;
  FileContents(const FileContents&) = delete;
  FileContents& operator=(const FileContents&) = delete;
  ~FileContents();

  std::string_view view() const {
    return mapped_ ? std::string_view(mapped_, size_) : std::string_view(string_);
  }
  char* mapped_data() { return mapped_; }

 private:
  void Release();
  std::string string_;
  char* mapped_ = nullptr;
  size_t size_ = 0;
  size_t mapped_size_ = 0;
};

class CompressedFileReader {
 public:
  // `on_progress(bytes_read, bytes_total)` is called every few megabytes of
  // input (compressed bytes), possibly from several threads at once (a
  // plain file is read in pieces in parallel).
  using ProgressFn = std::function<void(idx_t, idx_t)>;
  static FileContents ReadAll(const std::string& path, CopyCompression compression,
                              const ProgressFn& on_progress = {});
  // The compression a file name's extension implies (.gz, .zst, .bz2).
  static CopyCompression FromExtension(const std::string& path);
};

}  // namespace tributary
