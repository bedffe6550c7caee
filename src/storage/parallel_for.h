// ParallelFor: runs task(i) for i in [0, count) on up to the machine's
// hardware threads (the caller included) and returns when all have
// finished; the first exception a task throws is rethrown here once every
// started task is done.
//
// Storage uses it where it has no TaskScheduler at hand (commit-time
// encoding, sorting a load): the work items are large (a row group, a
// column), so a few threads per call cost nothing measurable.
//
// Thread-safe; tasks must not share mutable state without their own locks.
#pragma once

#include <functional>

#include "common/constants.h"

namespace tributary {

void ParallelFor(idx_t count, const std::function<void(idx_t)>& task);

}  // namespace tributary
