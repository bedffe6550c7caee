#include "storage/parallel_for.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace tributary {

void ParallelFor(idx_t count, const std::function<void(idx_t)>& task) {
  idx_t threads = std::max<idx_t>(1, std::thread::hardware_concurrency());
  if (threads > count)
    threads = count;
  if (threads <= 1) {
    for (idx_t i = 0; i < count; i++)
      task(i);
    return;
  }
  std::atomic<idx_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex error_lock;
  auto work = [&] {
    while (!failed.load()) {
      idx_t i = next++;
      if (i >= count)
        return;
      try {
        task(i);
      } catch (...) {
        std::lock_guard<std::mutex> guard(error_lock);
        if (!error)
          error = std::current_exception();
        failed = true;
      }
    }
  };
  std::vector<std::thread> workers;
  for (idx_t t = 1; t < threads; t++)
    workers.emplace_back(work);
  work();
  for (auto& w : workers)
    w.join();
  if (error)
    std::rethrow_exception(error);
}

}  // namespace tributary
