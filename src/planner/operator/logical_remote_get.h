// Scan of an external schema's table. Bindings are (table_index, remote
// column index), so column pruning only edits column_ids. remote_filters
// are conjuncts the source evaluates (PostgresDeparser::CanPush holds for
// each); they name remote columns, so a column only they use is not read.
#pragma once

#include "connector/remote_fragment.h"
#include "connector/remote_table.h"
#include "planner/logical_operator.h"

namespace tributary {

class LogicalRemoteGet : public LogicalOperator {
 public:
  LogicalRemoteGet(idx_t table_index, std::shared_ptr<const RemoteTable> table)
      : LogicalOperator(LogicalOperatorType::kRemoteGet),
        table_index(table_index),
        table(std::move(table)) {
    for (idx_t i = 0; i < this->table->columns.size(); i++)
      column_ids.push_back(i);
  }

  idx_t table_index;
  std::shared_ptr<const RemoteTable> table;
  std::vector<idx_t> column_ids;
  std::vector<ExpressionPtr> remote_filters;
  // Rows the source needs to return at most (kInvalidIndex: all).
  idx_t limit = kInvalidIndex;
  // Set by remote pushdown: this scan runs the fragment's query instead
  // (`table` is then one of its tables, naming the source; column_ids and
  // remote_filters are unused).
  std::shared_ptr<const RemoteFragment> fragment;

  std::vector<ColumnBinding> GetColumnBindings() override {
    if (fragment)
      return fragment->bindings;
    std::vector<ColumnBinding> result;
    for (idx_t id : column_ids)
      result.emplace_back(table_index, id);
    return result;
  }
  std::string GetName() const override { return "REMOTE_GET"; }
  std::string ParamsToString() const override {
    if (fragment)
      return table->schema->name + ": pushed subtree\n" + fragment->plan->ToString();
    std::string params = table->schema->name + "." + table->local_name;
    for (auto& filter : remote_filters)
      params += "\nremote filter: " + filter->ToString();
    if (limit != kInvalidIndex)
      params += "\nremote limit: " + std::to_string(limit);
    return params;
  }

 protected:
  void ResolveTypes() override {
    if (fragment) {
      types = fragment->types;
      return;
    }
    for (idx_t id : column_ids)
      types.push_back(table->columns[id].type);
  }
};

}  // namespace tributary
