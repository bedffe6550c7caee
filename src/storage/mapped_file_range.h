// MappedFileRange: a read-only memory mapping of part of a segment file,
// for table scans that verify and decode stored segments where the page
// cache holds them instead of copying them out first.
//
// Segment files are immutable once the manifest names them (a rewrite is a
// new file), and a mapping stays valid after the file is unlinked, so the
// mapped bytes never change under a scan. The file's size is checked
// before mapping: a file shorter than the manifest says is XX001, as for
// reads, never a SIGBUS. (A file truncated by something else while mapped
// is outside what the data directory's lock protects against.)
//
// Thread-safe; the mapping is released with the last copy of the pointer.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace tributary {

// The `size` bytes at `offset` of `path`, followed by at least 8 readable
// bytes (bit unpacking reads whole words), or null when they cannot be
// mapped so (the caller reads them instead). Throws like ReadFileRangeInto.
std::shared_ptr<const char> MapFileRange(const std::string& path, uint64_t offset, uint64_t size);

}  // namespace tributary
