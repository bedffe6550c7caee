// LoadErrorLog: one record per row a COPY rejected, for STL_LOAD_ERRORS
// (Redshift's columns). Bounded: the oldest records go first. Thread-safe.
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

namespace tributary {

struct LoadErrorRecord {
  int32_t userid = 100;
  int32_t slice = 0;
  int32_t tbl = 0;        // the table's id
  int64_t starttime = 0;  // microseconds since the Unix epoch (UTC)
  int32_t session = 0;
  int64_t query = 0;
  std::string filename;
  int64_t line_number = 0;
  std::string colname;
  std::string type;        // the column's type, e.g. "numeric(15,2)"
  std::string col_length;  // the declared length or precision,scale
  int32_t position = 0;    // byte offset of the field in the line
  std::string raw_line;
  std::string raw_field_value;
  int32_t err_code = 0;  // Redshift's load error code (1207 invalid digit, ...)
  std::string err_reason;
};

class LoadErrorLog {
 public:
  explicit LoadErrorLog(size_t capacity = 10000) : capacity_(capacity) {}
  void Add(std::vector<LoadErrorRecord> records);
  std::vector<LoadErrorRecord> Records() const;

 private:
  size_t capacity_;
  mutable std::mutex lock_;
  std::deque<LoadErrorRecord> records_;
};

}  // namespace tributary
