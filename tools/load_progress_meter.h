// LoadProgressMeter: the shell's progress line for long loads (COPY):
//   COPY lineitem: reading 12.0 of 45.1 MB (26%)
//   COPY lineitem: 310,000 rows, 38.2 of 75.0 MB parsed (50%)
// written on one stderr line that is rewritten in place, only when stderr
// is a terminal, and only for loads that run longer than half a second.
// Clear() erases it before anything else is printed.
//
// Thread-safe: Update may be called from the statement's worker threads.
#pragma once

#include <chrono>
#include <mutex>

#include "main/load_progress.h"

namespace tributary {

class LoadProgressMeter {
 public:
  LoadProgressMeter();
  // False when stderr is not a terminal (Update then does nothing).
  bool enabled() const { return enabled_; }
  void Start();
  void Update(const LoadProgress& progress);
  void Clear();

 private:
  bool enabled_;
  std::mutex lock_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace tributary
