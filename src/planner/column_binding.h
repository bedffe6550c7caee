// ColumnBinding: how logical plans name a column: (table_index, column_index),
// where table_index identifies the operator that produces it (a scan, a
// projection, an aggregate's group or aggregate list, ...). Names stay stable
// while optimizer passes reorder and prune operators; physical planning turns
// them into chunk positions.
#pragma once

#include <string>

#include "common/constants.h"

namespace tributary {

struct ColumnBinding {
  idx_t table_index = kInvalidIndex;
  idx_t column_index = kInvalidIndex;

  ColumnBinding() = default;
  ColumnBinding(idx_t table, idx_t column) : table_index(table), column_index(column) {}
  bool operator==(const ColumnBinding& o) const {
    return table_index == o.table_index && column_index == o.column_index;
  }
  bool operator!=(const ColumnBinding& o) const { return !(*this == o); }
  bool operator<(const ColumnBinding& o) const {
    return table_index < o.table_index ||
           (table_index == o.table_index && column_index < o.column_index);
  }
  std::string ToString() const {
    return "#[" + std::to_string(table_index) + "." + std::to_string(column_index) + "]";
  }
};

struct ColumnBindingHash {
  size_t operator()(const ColumnBinding& b) const {
    return std::hash<idx_t>()(b.table_index * 1000003 + b.column_index);
  }
};

}  // namespace tributary
