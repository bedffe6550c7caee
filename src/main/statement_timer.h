// StatementTimer: enforces statement_timeout on one statement. While alive,
// a timer thread waits for the timeout and then sets `interrupted` (the flag
// the running statement checks between batches, as a cancel request does);
// Fired() tells the caller that a 57014 it caught came from the timer, so
// it can report "canceling statement due to statement timeout".
//
// Created and destroyed on the statement's thread; the destructor stops and
// joins the timer thread. A timeout of 0 or less starts no thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace tributary {

class StatementTimer {
 public:
  StatementTimer(std::atomic<bool>& interrupted, int64_t timeout_ms);
  ~StatementTimer();
  StatementTimer(const StatementTimer&) = delete;
  StatementTimer& operator=(const StatementTimer&) = delete;

  bool Fired() const { return fired_.load(); }

  // statement_timeout's value in milliseconds: "5000", "5000ms", "5s",
  // "1min", "1h"; 0 for "0" or a value it cannot read.
  static int64_t ParseMilliseconds(const std::string& value);

 private:
  std::atomic<bool>& interrupted_;
  std::atomic<bool> fired_{false};
  std::mutex lock_;
  std::condition_variable done_cv_;
  bool done_ = false;
  std::thread thread_;
};

}  // namespace tributary
