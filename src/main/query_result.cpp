#include "main/query_result.h"

#include "common/exception.h"

namespace tributary {

void QueryResult::SetColumns(std::vector<std::string> names, std::vector<LogicalType> types) {
  names_ = std::move(names);
  types_ = std::move(types);
}

void QueryResult::Append(DataChunk chunk) {
  row_count_ += chunk.size();
  if (chunk.size() > 0)
    chunks_.push_back(std::move(chunk));
}

Value QueryResult::GetValue(idx_t column, idx_t row) const {
  for (auto& chunk : chunks_) {
    if (row < chunk.size())
      return chunk.GetValue(column, row);
    row -= chunk.size();
  }
  throw InternalException("QueryResult::GetValue: row out of range");
}

}  // namespace tributary
