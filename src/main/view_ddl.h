// ViewDdl: CREATE [OR REPLACE] VIEW (normal and late-binding), CREATE
// MATERIALIZED VIEW, REFRESH MATERIALIZED VIEW, and DROP TABLE / VIEW /
// MATERIALIZED VIEW with their dependents (CASCADE).
//
// A materialized view is filled by running its query like CREATE TABLE AS;
// REFRESH runs the query again into a new table and swaps it in, so a
// concurrent reader sees either the old rows or the new ones.
#pragma once

#include <memory>

#include "main/query_result.h"
#include "parser/ast.h"

namespace tributary {

class ClientContext;

class ViewDdl {
 public:
  explicit ViewDdl(ClientContext& context) : context_(context) {}

  std::unique_ptr<QueryResult> Create(CreateViewStatement& statement);
  std::unique_ptr<QueryResult> Refresh(RefreshMaterializedViewStatement& statement);
  std::unique_ptr<QueryResult> Drop(DropStatement& statement);

 private:
  std::unique_ptr<QueryResult> CreateView(CreateViewStatement& statement);
  std::unique_ptr<QueryResult> CreateMaterializedView(CreateViewStatement& statement);

  ClientContext& context_;
};

}  // namespace tributary
