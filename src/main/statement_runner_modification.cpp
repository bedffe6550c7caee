// StatementRunner: DELETE, UPDATE and TRUNCATE on stored tables. The bound
// query yields the target rows' ids (and UPDATE's new values); the rows are
// then deleted (new deletion masks) and UPDATE appends the new versions,
// all in the statement's transaction.
#include <unordered_set>

#include "binder/binder.h"
#include "catalog/catalog.h"
#include "execution/executor.h"
#include "execution/operator/helper/physical_result_collector.h"
#include "execution/operator/persistent/physical_insert.h"
#include "execution/physical_plan/physical_plan_generator.h"
#include "main/client_context.h"
#include "main/database.h"
#include "main/statement_runner.h"
#include "optimizer/optimizer.h"
#include "parser/ast.h"
#include "security/access_control.h"
#include "security/privilege_checker.h"
#include "storage/sort_key_order.h"
#include "transaction/transaction.h"

namespace tributary {

namespace {

std::unique_ptr<QueryResult> Tag(std::string tag) {
  auto result = std::make_unique<QueryResult>();
  result->SetCommandTag(std::move(tag));
  return result;
}

}  // namespace

std::vector<DataChunk> StatementRunner::CollectRows(BoundStatement bound) {
  Optimizer optimizer(context_);
  auto plan = optimizer.Optimize(std::move(bound.plan));
  PhysicalPlanGenerator generator(context_);
  PhysicalResultCollector collector(generator.CreatePlan(*plan));
  Executor executor(context_);
  auto& state = static_cast<ResultCollectorState&>(executor.Execute(collector));
  return std::move(state.chunks);
}

std::unique_ptr<QueryResult> StatementRunner::RunDelete(SQLStatement& statement) {
  Binder binder(context_);
  auto bound = binder.BindDelete(static_cast<DeleteStatement&>(statement));
  std::vector<int64_t> ids;
  for (auto& chunk : CollectRows(std::move(bound.query))) {
    auto& column = chunk.column(0);
    for (idx_t r = 0; r < chunk.size(); r++)
      ids.push_back(column.Data<int64_t>()[column.IsConstant() ? 0 : r]);
  }
  idx_t deleted = context_.transaction->DeleteRows(*bound.table, ids);
  return Tag("DELETE " + std::to_string(deleted));
}

std::unique_ptr<QueryResult> StatementRunner::RunUpdate(SQLStatement& statement) {
  Binder binder(context_);
  auto bound = binder.BindUpdate(static_cast<UpdateStatement&>(statement));
  auto& table = *bound.table;
  std::vector<int64_t> ids;
  std::unordered_set<int64_t> seen;
  std::vector<DataChunk> rows;
  for (auto& chunk : CollectRows(std::move(bound.query))) {
    chunk.Flatten();
    // A row joined to several FROM rows is updated once (PostgreSQL takes
    // an arbitrary one of them).
    SelectionVector keep(chunk.size());
    idx_t kept = 0;
    auto* row_ids = chunk.column(0).Data<int64_t>();
    for (idx_t r = 0; r < chunk.size(); r++) {
      if (seen.insert(row_ids[r]).second) {
        ids.push_back(row_ids[r]);
        keep.set_index(kept++, r);
      }
    }
    if (kept < chunk.size())
      chunk.Slice(keep, kept);
    DataChunk values;
    values.Initialize(table.Types(), 0);
    for (idx_t c = 0; c < table.columns.size(); c++)
      values.column(c).Reference(chunk.column(c + 1));
    values.SetCardinality(chunk.size());
    rows.push_back(PhysicalInsert::PrepareRows(table, values));
  }
  context_.transaction->DeleteRows(table, ids);
  context_.transaction->Append(table, std::move(rows));
  return Tag("UPDATE " + std::to_string(ids.size()));
}

std::unique_ptr<QueryResult> StatementRunner::RunTruncate(SQLStatement& statement) {
  auto& truncate = static_cast<TruncateStatement&>(statement);
  Binder binder(context_);
  std::vector<std::shared_ptr<TableCatalogEntry>> tables;
  for (auto& [schema, name] : truncate.tables) {
    tables.push_back(binder.GetTable(schema, name, statement.location));
    // Redshift: the table's owner or a superuser.
    PrivilegeChecker(context_.db.access_control(), context_.current_user)
        .RequireOwner(*tables.back(), "table");
  }
  for (auto& table : tables)
    context_.transaction->Truncate(*table);
  return Tag("TRUNCATE TABLE");
}

std::unique_ptr<QueryResult> StatementRunner::RunVacuum(SQLStatement& statement) {
  auto& vacuum = static_cast<VacuumStatement&>(statement);
  auto& transaction = *context_.transaction;
  if (transaction.explicit_block) {
    throw Exception(sqlstate::kActiveSqlTransaction,
                    "VACUUM cannot run inside a transaction block");
  }
  auto& catalog = context_.db.catalog();
  std::vector<std::shared_ptr<TableCatalogEntry>> tables;
  Binder binder(context_);
  for (auto& [schema, name] : vacuum.tables)
    tables.push_back(binder.GetTable(schema, name, statement.location));
  if (vacuum.tables.empty()) {
    for (auto& schema_name : catalog.SchemaNames()) {
      auto schema = catalog.GetSchema(schema_name);
      if (!schema || schema->external)
        continue;
      for (auto& entry : catalog.SchemaEntries(schema_name)) {
        if (entry->type == CatalogType::kTable)
          tables.push_back(std::static_pointer_cast<TableCatalogEntry>(entry));
      }
    }
  }
  // Rewrites each table that has deleted rows or, with a SORTKEY, rows out
  // of key order (loads are sorted one at a time): its live rows become
  // new row groups, sorted as one load (the old files are removed when the
  // directory is next opened, as running scans may still read them).
  for (auto& table : tables) {
    auto snapshot = transaction.Snapshot(*table->storage);
    bool has_deletes = false;
    for (auto& mask : snapshot->deletes)
      has_deletes = has_deletes || (mask && mask->deleted > 0);
    if (!has_deletes && InKeyOrder(*snapshot, SortKeyColumns(*table)))
      continue;
    auto rows = VisibleChunks(*snapshot);
    transaction.Truncate(*table);
    transaction.Append(*table, std::move(rows));
  }
  return Tag("VACUUM");
}

}  // namespace tributary
