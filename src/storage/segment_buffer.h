// SegmentBuffer: memory for decoded column segments (values, string views
// and string bytes of cached row group columns).
//
// Decoded columns are large, numerous and live as long as their row group,
// so they are carved out of 32 MiB arenas backed by transparent huge pages
// where the kernel allows it (madvise): the first scan after a restart
// then takes a page fault per 2 MiB instead of per 4 KiB (most of its
// decode time went into faulting in and zeroing fresh pages). An arena is
// freed when the last buffer carved from it is released.
//
// Thread-safe.
#pragma once

#include <memory>

#include "common/constants.h"

namespace tributary {

// `bytes` of uninitialized memory, 64-byte aligned, with at least 8 more
// readable bytes past the end (bit unpacking reads whole words).
std::shared_ptr<char> AllocateSegmentBuffer(idx_t bytes);

}  // namespace tributary
