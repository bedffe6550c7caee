// TaskScheduler: a fixed pool of worker threads shared by all queries of a
// Database. Work is submitted as a TaskGroup of closures; the submitting
// thread waits for the group and helps run it, so a query never deadlocks
// waiting for a worker and the pool can be small.
//
// Thread-safe.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "common/constants.h"

namespace tributary {

class TaskScheduler {
 public:
  // threads = total parallelism including the calling thread; 0 = hardware.
  explicit TaskScheduler(idx_t threads);
  ~TaskScheduler();

  idx_t NumberOfThreads() const { return threads_; }

  // Runs task(i) for i in [0, count) in parallel and returns when all have
  // finished. If any task throws, the first exception is rethrown here
  // (after every started task has finished).
  void RunParallel(idx_t count, const std::function<void(idx_t)>& task);

 private:
  void WorkerLoop();

  idx_t threads_;
  std::vector<std::thread> workers_;
  std::mutex lock_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;
  bool shutdown_ = false;
};

}  // namespace tributary
