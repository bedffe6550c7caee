// QueryResult: the complete result of one statement, materialized as chunks.
// Produced by Connection; read by the shell, the test runner and the server.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "vector/data_chunk.h"

namespace tributary {

class QueryResult {
 public:
  QueryResult() = default;

  // Column metadata (empty for statements that return no rows).
  idx_t ColumnCount() const { return types_.size(); }
  const std::string& ColumnName(idx_t i) const { return names_[i]; }
  const LogicalType& ColumnType(idx_t i) const { return types_[i]; }
  const std::vector<std::string>& names() const { return names_; }
  const std::vector<LogicalType>& types() const { return types_; }
  // True when the statement produces a row set (SELECT, VALUES, SHOW, ...),
  // even an empty one; false for DDL/DML, which only have a command tag.
  bool HasRows() const { return has_rows_; }

  idx_t RowCount() const { return row_count_; }
  const std::vector<DataChunk>& chunks() const { return chunks_; }
  // Slow random access; fine for tests and small results.
  Value GetValue(idx_t column, idx_t row) const;

  // PostgreSQL's command tag: "SELECT 3", "INSERT 0 5", "CREATE TABLE", ...
  const std::string& CommandTag() const { return command_tag_; }
  // NOTICE messages raised while running (e.g. IF NOT EXISTS on an
  // existing object), in order.
  const std::vector<std::string>& Notices() const { return notices_; }

  // Building (used by the executor).
  void SetColumns(std::vector<std::string> names, std::vector<LogicalType> types);
  void Append(DataChunk chunk);
  void SetCommandTag(std::string tag) { command_tag_ = std::move(tag); }
  void AddNotice(std::string notice) { notices_.push_back(std::move(notice)); }
  void SetHasRows(bool has_rows) { has_rows_ = has_rows; }

 private:
  std::vector<std::string> names_;
  std::vector<LogicalType> types_;
  std::vector<DataChunk> chunks_;
  idx_t row_count_ = 0;
  bool has_rows_ = false;
  std::string command_tag_;
  std::vector<std::string> notices_;
};

}  // namespace tributary
