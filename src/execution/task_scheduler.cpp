#include "execution/task_scheduler.h"

#include <algorithm>

namespace tributary {

TaskScheduler::TaskScheduler(idx_t threads) {
  threads_ = threads ? threads : std::max<idx_t>(1, std::thread::hardware_concurrency());
  // The thread calling RunParallel takes part, so the pool has one fewer.
  for (idx_t i = 1; i < threads_; i++) {
    workers_.emplace_back([this] { WorkerLoop(); });
  }
}

TaskScheduler::~TaskScheduler() {
  {
    std::lock_guard<std::mutex> guard(lock_);
    shutdown_ = true;
  }
  cv_.notify_all();
  for (auto& w : workers_)
    w.join();
}

void TaskScheduler::WorkerLoop() {
  while (true) {
    std::function<void()> job;
    {
      std::unique_lock<std::mutex> guard(lock_);
      cv_.wait(guard, [this] { return shutdown_ || !queue_.empty(); });
      if (shutdown_ && queue_.empty())
        return;
      job = std::move(queue_.front());
      queue_.pop_front();
    }
    job();
  }
}

void TaskScheduler::RunParallel(idx_t count, const std::function<void(idx_t)>& task) {
  if (count == 0)
    return;
  if (count == 1) {
    task(0);
    return;
  }
  // Tasks are claimed through a shared counter, so whichever thread is free
  // (a worker or the caller) runs the next one; the caller never just waits
  // while work it could do is queued.
  struct Group {
    std::atomic<idx_t> next{0};
    std::atomic<idx_t> done{0};
    std::mutex lock;
    std::condition_variable finished;
    std::exception_ptr error;
  };
  auto group = std::make_shared<Group>();
  auto run_some = [group, count, &task]() {
    while (true) {
      idx_t i = group->next.fetch_add(1);
      if (i >= count)
        return;
      try {
        task(i);
      } catch (...) {
        std::lock_guard<std::mutex> guard(group->lock);
        if (!group->error)
          group->error = std::current_exception();
      }
      if (group->done.fetch_add(1) + 1 == count) {
        std::lock_guard<std::mutex> guard(group->lock);
        group->finished.notify_all();
      }
    }
  };
  idx_t helpers = std::min<idx_t>(count - 1, workers_.size());
  {
    std::lock_guard<std::mutex> guard(lock_);
    for (idx_t i = 0; i < helpers; i++)
      queue_.push_back(run_some);
  }
  cv_.notify_all();
  run_some();
  std::unique_lock<std::mutex> guard(group->lock);
  group->finished.wait(guard, [&] { return group->done.load() == count; });
  if (group->error)
    std::rethrow_exception(group->error);
}

}  // namespace tributary
