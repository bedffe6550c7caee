#include "connector/federated_query_log.h"

namespace tributary {

void FederatedQueryLog::Add(FederatedQueryRecord record) {
  std::lock_guard<std::mutex> guard(lock_);
  records_.push_back(std::move(record));
  while (records_.size() > capacity_)
    records_.pop_front();
}

std::vector<FederatedQueryRecord> FederatedQueryLog::Records() const {
  std::lock_guard<std::mutex> guard(lock_);
  return {records_.begin(), records_.end()};
}

}  // namespace tributary
