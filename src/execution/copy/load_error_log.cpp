#include "execution/copy/load_error_log.h"

namespace tributary {

void LoadErrorLog::Add(std::vector<LoadErrorRecord> records) {
  std::lock_guard<std::mutex> guard(lock_);
  for (auto& r : records) {
    records_.push_back(std::move(r));
    if (records_.size() > capacity_)
      records_.pop_front();
  }
}

std::vector<LoadErrorRecord> LoadErrorLog::Records() const {
  std::lock_guard<std::mutex> guard(lock_);
  return {records_.begin(), records_.end()};
}

}  // namespace tributary
