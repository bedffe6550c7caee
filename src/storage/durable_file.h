// DurableFile: the file operations storage needs, with errors a user can act
// on. Writes are durable when they return (data fsynced; new names are
// fsynced in their directory by SyncDirectory).
//
// Errors: ENOSPC/EFBIG/EDQUOT throw 53100 (disk_full), EACCES/EPERM/EROFS
// 42501, anything else 58030 (io_error); the message names the file and the
// operation.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace tributary {

// Creates `path` (which must not exist) holding `data`, fsynced.
void WriteNewFile(const std::string& path, std::string_view data);
// Writes `data` to `path` through `path`.tmp, fsync and rename: a crash
// leaves the old or the new contents. Fsyncs the directory.
void ReplaceFileAtomically(const std::string& directory, const std::string& name,
                           std::string_view data);
// `size` bytes at `offset`; XX001 if the file is shorter.
std::string ReadFileRange(const std::string& path, uint64_t offset, uint64_t size);
// The same into `out` (room for `size` bytes).
void ReadFileRangeInto(const std::string& path, uint64_t offset, uint64_t size, char* out);
// The same bytes mapped read-only, followed by at least 8 readable bytes
// (bit unpacking reads whole words), or null when they cannot be mapped so
// (then read them). For segment files, which are immutable once a
// manifest names them (a rewrite is a new file) and stay mapped after
// they are unlinked, so the bytes never change under a reader. The size
// is checked first: a file shorter than the manifest says is XX001, never
// a SIGBUS (a file truncated by something else while it is mapped is
// outside what the data directory's lock protects against). The mapping
// is released with the last copy of the pointer.
std::shared_ptr<const char> MapFileRange(const std::string& path, uint64_t offset, uint64_t size);
// The whole file; returns false when it does not exist.
bool ReadWholeFile(const std::string& path, std::string& out);
void SyncDirectory(const std::string& directory);
[[noreturn]] void ThrowFileError(const char* operation, const std::string& path, int error);

}  // namespace tributary
