// FederatedQueryLog: one record per remote fragment a statement ran (a
// remote scan, over all its splits), kept for SVL_FEDERATED_QUERY. Bounded:
// the oldest records go first. Thread-safe. The SQL recorded is the
// deparsed remote query, which holds identifiers and constants of the
// user's query but never a credential.
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

namespace tributary {

struct FederatedQueryRecord {
  int32_t userid = 100;
  int64_t xid = 0;
  int32_t pid = 0;
  int64_t query = 0;
  std::string sourcetype;  // "PG" or "MYSQL"
  int64_t recordtime = 0;  // microseconds since the epoch (UTC)
  std::string querytext;
  int64_t num_rows = 0;
  int64_t num_bytes = 0;
  int64_t duration = 0;  // microseconds
};

class FederatedQueryLog {
 public:
  explicit FederatedQueryLog(size_t capacity = 10000) : capacity_(capacity) {}
  void Add(FederatedQueryRecord record);
  std::vector<FederatedQueryRecord> Records() const;

 private:
  size_t capacity_;
  mutable std::mutex lock_;
  std::deque<FederatedQueryRecord> records_;
};

}  // namespace tributary
