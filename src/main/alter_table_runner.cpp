#include "main/alter_table_runner.h"

#include <algorithm>

#include "binder/binder.h"
#include "binder/expression_binder.h"
#include "catalog/catalog.h"
#include "catalog/materialized_view_catalog_entry.h"
#include "catalog/view_catalog_entry.h"
#include "execution/expression_executor.h"
#include "main/client_context.h"
#include "main/column_definition_builder.h"
#include "main/database.h"
#include "main/foreign_key_references.h"
#include "parser/parser.h"
#include "security/privilege_checker.h"
#include "transaction/transaction.h"

namespace tributary {

namespace {

const char* Tag(AlterTableStatement::ObjectType type) {
  switch (type) {
    case AlterTableStatement::ObjectType::kView:
      return "ALTER VIEW";
    case AlterTableStatement::ObjectType::kMaterializedView:
      return "ALTER MATERIALIZED VIEW";
    case AlterTableStatement::ObjectType::kTable:
      break;
  }
  return "ALTER TABLE";
}

std::shared_ptr<CatalogEntry> CopyEntry(const CatalogEntry& entry) {
  switch (entry.type) {
    case CatalogType::kView:
      return std::make_shared<ViewCatalogEntry>(entry.Cast<ViewCatalogEntry>());
    case CatalogType::kMaterializedView:
      return std::make_shared<MaterializedViewCatalogEntry>(
          entry.Cast<MaterializedViewCatalogEntry>());
    default:
      return std::make_shared<TableCatalogEntry>(entry.Cast<TableCatalogEntry>());
  }
}

// The value a new column gets in existing rows: its DEFAULT evaluated once.
Value DefaultValue(ClientContext& context, const ColumnDefinition& column, bool rows_exist) {
  if (column.default_sql.empty())
    return Value::Null(column.type);
  auto statements = Parser::Parse("SELECT " + column.default_sql);
  auto& node = static_cast<SelectNode&>(*static_cast<SelectStatement&>(*statements[0]).node);
  Binder binder(context);
  BindContext empty;
  ExpressionBinder expression_binder(binder, empty, "DEFAULT");
  auto bound = ExpressionBinder::Coerce(expression_binder.Bind(*node.select_list[0]), column.type);
  if (!bound->IsFoldable()) {
    if (!rows_exist)
      return Value::Null(column.type);
    throw Exception(sqlstate::kFeatureNotSupported,
                    "ADD COLUMN with a DEFAULT that is not a constant is not supported on a "
                    "table with rows");
  }
  return ExpressionExecutor::EvaluateConstant(*bound);
}

}  // namespace

std::unique_ptr<QueryResult> AlterTableRunner::Run(AlterTableStatement& statement) {
  auto result = std::make_unique<QueryResult>();
  result->SetCommandTag(Tag(statement.object_type));
  auto& catalog = context_.db.catalog();
  std::string schema = statement.schema.empty() ? Catalog::kDefaultSchema : statement.schema;
  auto schema_entry = catalog.GetSchema(schema);
  if (schema_entry && schema_entry->external) {
    throw Exception(sqlstate::kReadOnlySqlTransaction,
                    "cannot alter \"" + schema + "." + statement.table +
                        "\": tables of external schemas are read-only");
  }
  for (auto& command : statement.commands) {
    auto entry = catalog.GetEntry(schema, statement.table);
    if (!entry) {
      if (statement.if_exists) {
        result->AddNotice("relation \"" + statement.table + "\" does not exist, skipping");
        return result;
      }
      throw Exception(sqlstate::kUndefinedTable,
                      "relation \"" + statement.table + "\" does not exist");
    }
    // ALTER needs the owner (PostgreSQL: "must be owner of table t").
    if (schema_entry) {
      PrivilegeChecker(context_.db.access_control(), context_.current_user)
          .RequireOwner(*entry, CatalogTypeName(entry->type));
    }
    if (command.action == AlterTableStatement::Action::kRenameTable) {
      RenameRelation(statement, command, *result);
      continue;
    }
    if (entry->type != CatalogType::kTable) {
      throw Exception(sqlstate::kWrongObjectType, "\"" + statement.table + "\" is not a table");
    }
    auto& table = entry->Cast<TableCatalogEntry>();
    switch (command.action) {
      case AlterTableStatement::Action::kRenameColumn:
        RenameColumn(table, command, *result);
        break;
      case AlterTableStatement::Action::kAddColumn:
        AddColumn(table, command, *result);
        break;
      case AlterTableStatement::Action::kDropColumn:
        DropColumn(table, command, *result);
        break;
      case AlterTableStatement::Action::kRenameTable:
        break;
    }
  }
  return result;
}

void AlterTableRunner::InstallChecked(const TableCatalogEntry& table,
                                      std::shared_ptr<TableCatalogEntry> copy, bool cascade,
                                      const std::string& what, const std::string& column,
                                      QueryResult& result) {
  auto& catalog = context_.db.catalog();
  auto original = catalog.GetEntry(table.schema_name, table.name);
  auto dependents = catalog.Dependents(table.schema_name, table.name);
  context_.transaction->RecordReplaceEntry(
      table.schema_name, catalog.ReplaceEntry(table.schema_name, table, copy), copy);
  std::vector<std::shared_ptr<CatalogEntry>> broken;
  for (auto& dependent : dependents) {
    std::string schema = dependent->type == CatalogType::kView
                             ? dependent->Cast<ViewCatalogEntry>().schema_name
                             : dependent->Cast<TableCatalogEntry>().schema_name;
    try {
      if (dependent->type == CatalogType::kView) {
        auto statements = Parser::Parse("SELECT * FROM " + QuoteIdentifier(schema) + "." +
                                        QuoteIdentifier(dependent->name));
        Binder binder(context_);
        binder.BindSelect(static_cast<SelectStatement&>(*statements[0]));
      } else {
        // A materialized view's query must still bind for REFRESH.
        auto& view = dependent->Cast<MaterializedViewCatalogEntry>();
        ParserOptions options;
        options.case_sensitive_identifiers = view.case_sensitive_identifiers;
        auto statements = Parser::Parse(view.sql, options);
        Binder binder(context_);
        auto bound = binder.BindSelect(static_cast<SelectStatement&>(*statements[0]));
        if (bound.types.size() < view.columns.size())
          throw Exception(sqlstate::kUndefinedColumn, "columns changed");
        for (idx_t i = 0; i < view.columns.size(); i++) {
          if (bound.types[i] != view.columns[i].type)
            throw Exception(sqlstate::kUndefinedColumn, "columns changed");
        }
      }
    } catch (const Exception&) {
      broken.push_back(dependent);
    }
  }
  if (broken.empty())
    return;
  if (!cascade) {
    context_.transaction->RecordReplaceEntry(
        table.schema_name, catalog.ReplaceEntry(table.schema_name, *copy, original), original);
    auto& first = *broken[0];
    throw Exception(sqlstate::kDependentObjectsStillExist,
                    "cannot " + what + " because other objects depend on it")
        .WithDetail(std::string(CatalogTypeName(first.type)) + " " + first.name +
                    " depends on column " + column + " of table " + table.name)
        .WithHint(what.rfind("drop", 0) == 0
                      ? "Use DROP ... CASCADE to drop the dependent objects too."
                      : "Drop the view first and create it again afterwards, or use a "
                        "late-binding view (WITH NO SCHEMA BINDING).");
  }
  std::vector<std::string> notices;
  std::vector<std::pair<std::string, std::shared_ptr<CatalogEntry>>> dropped;
  for (auto& dependent : broken) {
    std::string schema = dependent->type == CatalogType::kView
                             ? dependent->Cast<ViewCatalogEntry>().schema_name
                             : dependent->Cast<TableCatalogEntry>().schema_name;
    catalog.DropRelation(schema, dependent->name, dependent->type, true, true, notices, &dropped);
    for (auto& [dropped_schema, entry] : dropped)
      context_.transaction->RecordDropEntry(dropped_schema, entry);
    dropped.clear();
    result.AddNotice("drop cascades to " + std::string(CatalogTypeName(dependent->type)) + " " +
                     dependent->name);
  }
}

void AlterTableRunner::RenameRelation(AlterTableStatement& statement,
                                      const AlterTableStatement::Command& command,
                                      QueryResult& result) {
  auto& catalog = context_.db.catalog();
  std::string schema = statement.schema.empty() ? Catalog::kDefaultSchema : statement.schema;
  auto entry = catalog.GetEntry(schema, statement.table);
  using ObjectType = AlterTableStatement::ObjectType;
  if (statement.object_type == ObjectType::kView && entry->type != CatalogType::kView)
    throw Exception(sqlstate::kWrongObjectType, "\"" + statement.table + "\" is not a view");
  if (statement.object_type == ObjectType::kMaterializedView &&
      entry->type != CatalogType::kMaterializedView) {
    throw Exception(sqlstate::kWrongObjectType,
                    "\"" + statement.table + "\" is not a materialized view");
  }
  auto dependents = catalog.Dependents(schema, statement.table);
  if (!dependents.empty()) {
    auto& first = *dependents[0];
    throw Exception(sqlstate::kDependentObjectsStillExist,
                    "cannot rename " + std::string(CatalogTypeName(entry->type)) + " " +
                        entry->name + " because " + CatalogTypeName(first.type) + " " + first.name +
                        " depends on it")
        .WithHint(
            "Drop the view first and create it again afterwards, or use a late-binding view "
            "(WITH NO SCHEMA BINDING), which resolves names when it is queried.");
  }
  auto copy = CopyEntry(*entry);
  copy->name = command.new_name;
  if (copy->type == CatalogType::kTable) {
    for (auto& c : copy->Cast<TableCatalogEntry>().constraints) {
      if (c.referenced_schema == schema && c.referenced_table == statement.table)
        c.referenced_table = command.new_name;  // a self-reference
    }
  }
  context_.transaction->RecordReplaceEntry(schema, catalog.ReplaceEntry(schema, *entry, copy),
                                           copy);
  if (copy->type == CatalogType::kTable)
    ForeignKeyReferences::OnRenameTable(context_, schema, statement.table, command.new_name);
}

void AlterTableRunner::RenameColumn(const TableCatalogEntry& table,
                                    const AlterTableStatement::Command& command,
                                    QueryResult& result) {
  idx_t index = table.ColumnIndex(command.name);
  if (index == kInvalidIndex) {
    throw Exception(sqlstate::kUndefinedColumn, "column \"" + command.name + "\" does not exist");
  }
  if (table.ColumnIndex(command.new_name) != kInvalidIndex) {
    throw Exception(
        sqlstate::kDuplicateColumn,
        "column \"" + command.new_name + "\" of relation \"" + table.name + "\" already exists");
  }
  auto copy = std::make_shared<TableCatalogEntry>(table);
  copy->columns[index].name = command.new_name;
  if (copy->attributes.dist_key == command.name)
    copy->attributes.dist_key = command.new_name;
  for (auto& key : copy->attributes.sort_key) {
    if (key == command.name)
      key = command.new_name;
  }
  for (auto& constraint : copy->constraints) {
    std::replace(constraint.columns.begin(), constraint.columns.end(), command.name,
                 command.new_name);
    if (constraint.referenced_table == table.name &&
        constraint.referenced_schema == table.schema_name) {
      std::replace(constraint.referenced_columns.begin(), constraint.referenced_columns.end(),
                   command.name, command.new_name);
    }
  }
  copy->statistics = table.statistics;
  InstallChecked(table, copy, false, "rename column " + command.name + " of table " + table.name,
                 command.name, result);
  ForeignKeyReferences::OnRenameColumn(context_, table.schema_name, table.name, command.name,
                                       command.new_name);
  // Column privileges follow (like other grants, not undone by ROLLBACK).
  context_.db.access_control().grants().RenameColumn(table.schema_name, table.name, command.name,
                                                     command.new_name);
}

void AlterTableRunner::AddColumn(const TableCatalogEntry& table,
                                 const AlterTableStatement::Command& command, QueryResult& result) {
  if (table.ColumnIndex(command.column.name) != kInvalidIndex) {
    if (command.if_exists) {
      result.AddNotice("column \"" + command.column.name + "\" of relation \"" + table.name +
                       "\" already exists, skipping");
      return;
    }
    throw Exception(
        sqlstate::kDuplicateColumn,
        "column \"" + command.column.name + "\" of relation \"" + table.name + "\" already exists");
  }
  auto column = ColumnDefinitionBuilder::Build(context_, command.column);
  auto snapshot = context_.transaction->Snapshot(*table.storage);
  Value fill = DefaultValue(context_, column, snapshot->row_count > 0);
  if (column.not_null && fill.IsNull() && snapshot->row_count > 0) {
    throw Exception(sqlstate::kNotNullViolation, "column \"" + column.name + "\" of relation \"" +
                                                     table.name + "\" contains null values");
  }
  auto copy = std::make_shared<TableCatalogEntry>(table);
  copy->columns.push_back(column);
  copy->statistics = nullptr;
  auto types = copy->Types();
  copy->storage = std::make_shared<DataTable>(types);
  std::vector<DataChunk> chunks;
  for (auto& old : VisibleChunks(*snapshot)) {
    idx_t count = old.size();
    DataChunk chunk;
    chunk.Initialize(types, count);
    for (idx_t c = 0; c < table.columns.size(); c++)
      chunk.column(c).CopyFrom(old.column(c), SelectionVector(), count, 0);
    auto& added = chunk.column(table.columns.size());
    for (idx_t r = 0; r < count; r++)
      added.SetValue(r, fill);
    chunk.SetCardinality(count);
    chunks.push_back(std::move(chunk));
  }
  context_.transaction->Append(*copy, std::move(chunks));
  context_.transaction->RecordReplaceEntry(
      table.schema_name, context_.db.catalog().ReplaceEntry(table.schema_name, table, copy), copy);
}

void AlterTableRunner::DropColumn(const TableCatalogEntry& table,
                                  const AlterTableStatement::Command& command,
                                  QueryResult& result) {
  idx_t index = table.ColumnIndex(command.name);
  if (index == kInvalidIndex) {
    if (command.if_exists) {
      result.AddNotice("column \"" + command.name + "\" of relation \"" + table.name +
                       "\" does not exist, skipping");
      return;
    }
    throw Exception(sqlstate::kUndefinedColumn, "column \"" + command.name + "\" of relation \"" +
                                                    table.name + "\" does not exist");
  }
  if (table.columns.size() == 1) {
    throw Exception(sqlstate::kFeatureNotSupported, "cannot drop column " + command.name +
                                                        " of table " + table.name +
                                                        ": it is the table's only column");
  }
  if (table.attributes.dist_key == command.name ||
      table.attributes.SortKeyPosition(command.name) != 0) {
    throw Exception(sqlstate::kFeatureNotSupported,
                    "cannot drop column " + command.name + " of table " + table.name +
                        ": it is the table's " +
                        (table.attributes.dist_key == command.name ? "DISTKEY" : "SORTKEY"));
  }
  // Other tables' foreign keys to the column need CASCADE (and go with it).
  std::vector<std::string> notices;
  ForeignKeyReferences::OnDropColumn(context_, table.schema_name, table.name, command.name,
                                     command.cascade, notices);
  for (auto& notice : notices)
    result.AddNotice(notice);
  auto copy = std::make_shared<TableCatalogEntry>(table);
  copy->columns.erase(copy->columns.begin() + index);
  // As PostgreSQL: the table's constraints on the column go with it.
  auto& constraints = copy->constraints;
  constraints.erase(
      std::remove_if(constraints.begin(), constraints.end(),
                     [&](const TableConstraint& c) {
                       bool self = c.referenced_table == table.name &&
                                   c.referenced_schema == table.schema_name;
                       return std::count(c.columns.begin(), c.columns.end(), command.name) > 0 ||
                              (self && std::count(c.referenced_columns.begin(),
                                                  c.referenced_columns.end(), command.name) > 0);
                     }),
      constraints.end());
  copy->statistics = nullptr;
  auto types = copy->Types();
  copy->storage = std::make_shared<DataTable>(types);
  auto snapshot = context_.transaction->Snapshot(*table.storage);
  std::vector<DataChunk> chunks;
  for (auto& old : VisibleChunks(*snapshot)) {
    idx_t count = old.size();
    DataChunk chunk;
    chunk.Initialize(types, count);
    for (idx_t c = 0, out = 0; c < table.columns.size(); c++) {
      if (c != index)
        chunk.column(out++).CopyFrom(old.column(c), SelectionVector(), count, 0);
    }
    chunk.SetCardinality(count);
    chunks.push_back(std::move(chunk));
  }
  context_.transaction->Append(*copy, std::move(chunks));
  InstallChecked(table, copy, command.cascade,
                 "drop column " + command.name + " of table " + table.name, command.name, result);
  context_.db.access_control().grants().DropColumn(table.schema_name, table.name, command.name);
}

}  // namespace tributary
