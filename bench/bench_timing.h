// Wall-clock timing shared by the in-process benchmarks.
#pragma once

#include <algorithm>
#include <chrono>
#include <functional>

namespace tributary::bench {

// Seconds `fn` takes to run once.
inline double Seconds(const std::function<void()>& fn) {
  auto start = std::chrono::steady_clock::now();
  fn();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The fastest of `runs` timed runs of `fn`, after one untimed warm-up run.
inline double BestOf(int runs, const std::function<void()>& fn) {
  fn();
  double best = 1e30;
  for (int i = 0; i < runs; i++)
    best = std::min(best, Seconds(fn));
  return best;
}

}  // namespace tributary::bench
