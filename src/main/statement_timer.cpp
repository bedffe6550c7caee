#include "main/statement_timer.h"

#include <chrono>
#include <cstdlib>

namespace tributary {

StatementTimer::StatementTimer(std::atomic<bool>& interrupted, int64_t timeout_ms)
    : interrupted_(interrupted) {
  if (timeout_ms <= 0)
    return;
  thread_ = std::thread([this, timeout_ms] {
    std::unique_lock<std::mutex> guard(lock_);
    if (!done_cv_.wait_for(guard, std::chrono::milliseconds(timeout_ms),
                           [this] { return done_; })) {
      fired_ = true;
      interrupted_ = true;
    }
  });
}

StatementTimer::~StatementTimer() {
  if (!thread_.joinable())
    return;
  {
    std::lock_guard<std::mutex> guard(lock_);
    done_ = true;
  }
  done_cv_.notify_all();
  thread_.join();
}

int64_t StatementTimer::ParseMilliseconds(const std::string& value) {
  char* end = nullptr;
  double number = std::strtod(value.c_str(), &end);
  if (end == value.c_str() || number <= 0)
    return 0;
  std::string unit(end);
  while (!unit.empty() && unit.front() == ' ')
    unit.erase(0, 1);
  double scale = unit.empty() || unit == "ms" ? 1
                 : unit == "s"                ? 1000
                 : unit == "min"              ? 60000
                 : unit == "h"                ? 3600000
                 : unit == "d"                ? 86400000
                                              : 0;
  return static_cast<int64_t>(number * scale);
}

}  // namespace tributary
