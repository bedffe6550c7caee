#include "main/statement_runner.h"

#include <algorithm>
#include <sstream>

#include "binder/binder.h"
#include "binder/expression_binder.h"
#include "catalog/catalog.h"
#include "catalog/external_schema_store.h"
#include "connector/remote_metadata_cache.h"
#include "execution/executor.h"
#include "execution/operator/helper/physical_result_collector.h"
#include "execution/operator/persistent/physical_insert.h"
#include "execution/physical_plan/physical_plan_generator.h"
#include "main/access_statement_runner.h"
#include "main/alter_table_runner.h"
#include "main/client_context.h"
#include "main/column_definition_builder.h"
#include "main/copy_runner.h"
#include "main/database.h"
#include "main/session_settings.h"
#include "main/table_analyzer.h"
#include "main/table_constraint_builder.h"
#include "main/view_ddl.h"
#include "optimizer/optimizer.h"
#include "parser/ast.h"
#include "parser/statement/copy_statement.h"
#include "planner/operator/logical_create_table_as.h"
#include "security/access_control.h"
#include "security/egress_policy.h"
#include "security/privilege_checker.h"
#include "security/source_credentials.h"
#include "transaction/transaction.h"
#include "transaction/transaction_manager.h"

namespace tributary {

namespace {

std::unique_ptr<QueryResult> TagOnly(std::string tag) {
  auto result = std::make_unique<QueryResult>();
  result->SetCommandTag(std::move(tag));
  return result;
}

// A one-column text result (SHOW, EXPLAIN).
std::unique_ptr<QueryResult> TextRows(const std::vector<std::string>& names,
                                      const std::vector<std::vector<std::string>>& rows) {
  auto result = std::make_unique<QueryResult>();
  std::vector<LogicalType> types(names.size(), LogicalType::Varchar());
  result->SetColumns(names, types);
  result->SetHasRows(true);
  for (idx_t start = 0; start < rows.size(); start += kVectorSize) {
    DataChunk chunk;
    idx_t n = std::min<idx_t>(kVectorSize, rows.size() - start);
    chunk.Initialize(types, n);
    for (idx_t r = 0; r < n; r++) {
      for (idx_t c = 0; c < names.size(); c++) {
        chunk.SetValue(c, r, Value::Varchar(rows[start + r][c]));
      }
    }
    chunk.SetCardinality(n);
    result->Append(std::move(chunk));
  }
  result->SetCommandTag("SHOW");
  return result;
}

}  // namespace

BoundStatement StatementRunner::Bind(SQLStatement& statement) {
  Binder binder(context_);
  switch (statement.type) {
    case StatementType::kSelect:
      return binder.BindSelect(static_cast<SelectStatement&>(statement));
    case StatementType::kInsert:
      return binder.BindInsert(static_cast<InsertStatement&>(statement));
    case StatementType::kCreateTable:
      return binder.BindCreateTableAs(static_cast<CreateTableStatement&>(statement));
    default:
      throw Exception(sqlstate::kFeatureNotSupported, "this statement cannot be planned");
  }
}

std::unique_ptr<QueryResult> StatementRunner::Describe(SQLStatement& statement) {
  if (statement.type == StatementType::kShow)
    return RunShow(statement);
  auto result = std::make_unique<QueryResult>();
  if (statement.type == StatementType::kSelect) {
    auto bound = Bind(statement);
    result->SetColumns(bound.names, bound.types);
    result->SetHasRows(true);
  }
  return result;
}

std::unique_ptr<QueryResult> StatementRunner::Run(SQLStatement& statement) {
  AccessStatementRunner(context_).CheckTarget(statement);
  switch (statement.type) {
    case StatementType::kSelect:
      return RunQuery(Bind(statement), "SELECT");
    case StatementType::kInsert:
      return RunQuery(Bind(statement), "INSERT");
    case StatementType::kCreateTable:
      return RunCreateTable(statement);
    case StatementType::kCreateSchema:
      return RunCreateSchema(statement);
    case StatementType::kDrop:
      return RunDrop(statement);
    case StatementType::kExplain:
      return RunExplain(statement);
    case StatementType::kSet:
      return RunSet(statement);
    case StatementType::kShow:
      return RunShow(statement);
    case StatementType::kTransaction:
      return RunTransaction(statement);
    case StatementType::kCreateExternalSchema:
      return RunCreateExternalSchema(statement);
    case StatementType::kAlterSchema:
      return RunAlterSchema(statement);
    case StatementType::kRole:
      return AccessStatementRunner(context_).RunRole(static_cast<RoleStatement&>(statement));
    case StatementType::kGrant:
      return AccessStatementRunner(context_).RunGrant(static_cast<GrantStatement&>(statement));
    case StatementType::kAlterOwner:
      return AccessStatementRunner(context_).RunAlterOwner(
          static_cast<AlterOwnerStatement&>(statement));
    case StatementType::kCopy:
      return CopyRunner(context_).Run(static_cast<CopyStatement&>(statement));
    case StatementType::kCreateView:
      return ViewDdl(context_).Create(static_cast<CreateViewStatement&>(statement));
    case StatementType::kRefreshMaterializedView:
      return ViewDdl(context_).Refresh(static_cast<RefreshMaterializedViewStatement&>(statement));
    case StatementType::kAlterTable:
      return AlterTableRunner(context_).Run(static_cast<AlterTableStatement&>(statement));
    case StatementType::kAnalyze:
      return TableAnalyzer(context_).Run(static_cast<AnalyzeStatement&>(statement));
    case StatementType::kUpdate:
      return RunUpdate(statement);
    case StatementType::kDelete:
      return RunDelete(statement);
    case StatementType::kTruncate:
      return RunTruncate(statement);
    case StatementType::kVacuum:
      return RunVacuum(statement);
    default:
      throw Exception(sqlstate::kFeatureNotSupported, "statement is not supported yet");
  }
}

std::unique_ptr<QueryResult> StatementRunner::RunQuery(BoundStatement bound, const char* tag) {
  auto names = bound.names;
  Optimizer optimizer(context_);
  auto plan = optimizer.Optimize(std::move(bound.plan));
  PhysicalPlanGenerator generator(context_);
  auto physical = generator.CreatePlan(*plan);

  Executor executor(context_);
  auto result = std::make_unique<QueryResult>();
  if (physical->type == PhysicalOperatorType::kInsert ||
      physical->type == PhysicalOperatorType::kCreateTableAs) {
    auto& state = static_cast<InsertGlobalState&>(executor.Execute(*physical));
    idx_t rows = state.row_count.load();
    if (physical->type == PhysicalOperatorType::kInsert) {
      result->SetCommandTag("INSERT 0 " + std::to_string(rows));
    } else if (state.skipped) {
      auto& table = *static_cast<PhysicalInsert&>(*physical).table;
      result->AddNotice("relation \"" + table.name + "\" already exists, skipping");
      result->SetCommandTag("CREATE TABLE AS");
    } else {
      result->SetCommandTag("SELECT " + std::to_string(rows));
    }
    return result;
  }
  PhysicalResultCollector collector(std::move(physical));
  auto& state = static_cast<ResultCollectorState&>(executor.Execute(collector));
  result->SetColumns(names, collector.types);
  result->SetHasRows(true);
  for (auto& chunk : state.chunks)
    result->Append(std::move(chunk));
  result->SetCommandTag(std::string(tag) + " " + std::to_string(result->RowCount()));
  return result;
}

std::unique_ptr<QueryResult> StatementRunner::RunExplain(SQLStatement& statement) {
  auto& explain = static_cast<ExplainStatement&>(statement);
  auto bound = Bind(*explain.statement);
  Optimizer optimizer(context_);
  auto plan = optimizer.Optimize(std::move(bound.plan));
  std::string logical = plan->ToString();
  PhysicalPlanGenerator generator(context_);
  auto physical = generator.CreatePlan(*plan);
  if (explain.analyze) {
    // Runs the query (its rows are dropped); remote scans then show what
    // they did (PhysicalRemoteScan::actuals).
    if (physical->type == PhysicalOperatorType::kInsert ||
        physical->type == PhysicalOperatorType::kCreateTableAs) {
      throw Exception(sqlstate::kFeatureNotSupported,
                      "EXPLAIN ANALYZE is supported for queries only");
    }
    auto collector = std::make_unique<PhysicalResultCollector>(std::move(physical));
    {
      Executor executor(context_);
      executor.Execute(*collector);
    }
    physical = std::move(collector->children[0]);
  }
  std::string text = physical->ToString();
  if (explain.verbose)
    text = "Logical plan:\n" + logical + "Physical plan:\n" + text;
  std::vector<std::vector<std::string>> rows;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos)
      end = text.size();
    rows.push_back({text.substr(start, end - start)});
    start = end + 1;
  }
  auto result = TextRows({"QUERY PLAN"}, rows);
  result->SetCommandTag("EXPLAIN");
  return result;
}

std::unique_ptr<QueryResult> StatementRunner::RunCreateTable(SQLStatement& statement) {
  auto& create = static_cast<CreateTableStatement&>(statement);
  auto& catalog = context_.db.catalog();
  std::string schema = create.schema.empty() ? Catalog::kDefaultSchema : create.schema;
  if (create.temporary) {
    throw Exception(sqlstate::kFeatureNotSupported, "temporary tables are not supported yet");
  }
  if (auto schema_entry = catalog.GetSchema(schema)) {
    PrivilegeChecker(context_.db.access_control(), context_.current_user)
        .RequireSchema(*schema_entry, Privilege::kCreate);
  }
  if (catalog.GetSchema(schema) && catalog.GetEntry(schema, create.table)) {
    if (create.if_not_exists) {
      auto result = TagOnly(create.as_select ? "CREATE TABLE AS" : "CREATE TABLE");
      result->AddNotice("relation \"" + create.table + "\" already exists, skipping");
      return result;
    }
    throw Exception(sqlstate::kDuplicateTable, "relation \"" + create.table + "\" already exists");
  }
  if (create.as_select) {
    auto bound = Bind(statement);
    auto& table = *bound.plan->Cast<LogicalCreateTableAs>().table;
    for (idx_t i = 0; i < create.columns.size() && i < table.columns.size(); i++) {
      if (create.columns[i].encoding.empty())
        continue;
      ColumnDefinitionBuilder::CheckEncoding(table.columns[i].name, create.columns[i].encoding);
      table.columns[i].encoding = create.columns[i].encoding;
    }
    table.attributes = create.attributes;
    ColumnDefinitionBuilder::CheckAttributes(table.attributes, table.columns);
    return RunQuery(std::move(bound), "SELECT");
  }

  std::vector<ColumnDefinition> columns;
  TableAttributes inherited;
  auto add = [&](ColumnDefinition column) {
    for (auto& existing : columns) {
      if (existing.name == column.name) {
        throw Exception(sqlstate::kDuplicateColumn,
                        "column \"" + column.name + "\" specified more than once");
      }
    }
    columns.push_back(std::move(column));
  };
  size_t like = 0;
  for (size_t i = 0; i <= create.columns.size(); i++) {
    for (; like < create.likes.size() && create.likes[like].position == i; like++) {
      for (auto& column :
           ColumnDefinitionBuilder::FromLike(context_, create.likes[like], inherited))
        add(std::move(column));
    }
    if (i == create.columns.size())
      break;
    auto& def = create.columns[i];
    auto column = ColumnDefinitionBuilder::Build(context_, def);
    if (std::find(create.primary_key.begin(), create.primary_key.end(), def.name) !=
        create.primary_key.end()) {
      column.not_null = true;
    }
    add(std::move(column));
  }
  for (auto& key : create.primary_key) {
    if (std::none_of(columns.begin(), columns.end(),
                     [&](const ColumnDefinition& c) { return c.name == key; })) {
      throw Exception(sqlstate::kUndefinedColumn,
                      "column \"" + key + "\" named in key does not exist");
    }
  }
  auto attributes = create.attributes;
  // LIKE carries the source's distribution and sort key (Redshift) unless
  // the statement names its own.
  if (create.likes.size() == 1 && attributes.dist_key.empty() &&
      attributes.dist_style == DistStyle::kAuto && attributes.sort_key_type == SortKeyType::kNone) {
    attributes = inherited;
  }
  ColumnDefinitionBuilder::CheckAttributes(attributes, columns);
  auto constraints =
      TableConstraintBuilder::Build(catalog, schema, create.table, columns, create.constraints);
  auto table = std::make_shared<TableCatalogEntry>(schema, create.table, std::move(columns));
  table->attributes = std::move(attributes);
  table->constraints = std::move(constraints);
  table->owner = context_.current_user;
  if (catalog.CreateEntry(schema, table, create.if_not_exists))
    context_.transaction->RecordCreateEntry(schema, table);
  return TagOnly("CREATE TABLE");
}

std::unique_ptr<QueryResult> StatementRunner::RunCreateExternalSchema(SQLStatement& statement) {
  auto& info = static_cast<CreateExternalSchemaStatement&>(statement).info;
  auto definition = info.definition;
  auto& catalog = context_.db.catalog();
  PrivilegeChecker(context_.db.access_control(), context_.current_user)
      .RequireSuperuserOrDatabaseOwner("create external schema");
  if (catalog.GetSchema(definition.name)) {
    if (info.if_not_exists) {
      auto result = TagOnly("CREATE EXTERNAL SCHEMA");
      result->AddNotice("schema \"" + definition.name + "\" already exists, skipping");
      return result;
    }
    throw Exception(sqlstate::kDuplicateSchema,
                    "schema \"" + definition.name + "\" already exists");
  }
  const std::string& data_directory = context_.db.config().data_directory;
  // The source must be reachable under the egress policy, and the role
  // chain must be allowed to read the secret; IAM_ROLE default is fixed to
  // the warehouse's default role now, as in Redshift.
  definition.iam_role = ValidateExternalSchemaAccess(data_directory, definition);
  EgressPolicy::Load(data_directory).Resolve(definition.host, definition.port);
  definition.owner = context_.current_user;
  // Stored at commit (TransactionManager), undone by ROLLBACK.
  auto stored = std::make_shared<const ExternalSchemaDefinition>(definition);
  if (catalog.CreateExternalSchema(std::move(definition), info.if_not_exists))
    context_.transaction->RecordCreateExternalSchema(std::move(stored));
  return TagOnly("CREATE EXTERNAL SCHEMA");
}

std::unique_ptr<QueryResult> StatementRunner::RunAlterSchema(SQLStatement& statement) {
  auto& alter = static_cast<AlterSchemaStatement&>(statement);
  auto& catalog = context_.db.catalog();
  auto& access = context_.db.access_control();
  PrivilegeChecker checker(access, context_.current_user);
  if (auto schema = catalog.GetSchema(alter.name))
    checker.RequireOwner(*schema, "schema");
  if (!alter.new_name.empty()) {
    // Stored at commit (TransactionManager), like CREATE EXTERNAL SCHEMA.
    catalog.RenameExternalSchema(alter.name, alter.new_name);
    context_.db.remote_metadata().Invalidate(alter.name);
  } else {
    if (!access.users().Find(alter.new_owner)) {
      throw Exception(sqlstate::kUndefinedObject,
                      "user \"" + alter.new_owner + "\" does not exist");
    }
    // A user owns what it creates; only a superuser gives things away.
    if (alter.new_owner != context_.current_user)
      checker.RequireSuperuser("give a schema to another user");
    catalog.SetSchemaOwner(alter.name, alter.new_owner);
  }
  return TagOnly("ALTER SCHEMA");
}

std::unique_ptr<QueryResult> StatementRunner::RunCreateSchema(SQLStatement& statement) {
  auto& create = static_cast<CreateSchemaStatement&>(statement);
  auto& access = context_.db.access_control();
  PrivilegeChecker checker(access, context_.current_user);
  checker.RequireDatabase(Privilege::kCreate);
  std::string owner = create.authorization.empty() ? context_.current_user : create.authorization;
  if (!access.users().Find(owner))
    throw Exception(sqlstate::kUndefinedObject, "user \"" + owner + "\" does not exist");
  if (owner != context_.current_user)
    checker.RequireSuperuser("create a schema for another user");
  auto result = TagOnly("CREATE SCHEMA");
  if (!context_.db.catalog().CreateSchema(create.name, create.if_not_exists)) {
    result->AddNotice("schema \"" + create.name + "\" already exists, skipping");
  } else {
    context_.db.catalog().SetSchemaOwner(create.name, owner);
    context_.transaction->RecordCreateSchema(context_.db.catalog().GetSchema(create.name));
  }
  return result;
}

std::unique_ptr<QueryResult> StatementRunner::RunDrop(SQLStatement& statement) {
  auto& drop = static_cast<DropStatement&>(statement);
  auto& catalog = context_.db.catalog();
  std::unique_ptr<QueryResult> result;
  switch (drop.object_type) {
    case DropStatement::ObjectType::kSchema: {
      result = TagOnly("DROP SCHEMA");
      for (auto& name : drop.names) {
        auto schema = catalog.GetSchema(name.back());
        if (schema && !schema->is_system) {
          PrivilegeChecker(context_.db.access_control(), context_.current_user)
              .RequireOwner(*schema, "schema");
        }
        bool external = schema && schema->external;
        auto definition = external ? schema->external : nullptr;
        if (!catalog.DropSchema(name.back(), drop.if_exists, drop.cascade)) {
          result->AddNotice("schema \"" + name.back() + "\" does not exist, skipping");
        } else if (!external) {
          context_.transaction->RecordDropSchema(schema);
        } else {
          context_.transaction->RecordDropExternalSchema(definition);
          context_.db.remote_metadata().Invalidate(name.back());
        }
      }
      return result;
    }
    default:
      // Tables, views and materialized views, with their dependents.
      return ViewDdl(context_).Drop(drop);
  }
}

// External tables are always schema-qualified (Redshift): an external
// schema may not be on search_path.
void StatementRunner::RejectExternalSchemasOnPath(const std::string& path) {
  std::stringstream items(path);
  std::string item;
  while (std::getline(items, item, ',')) {
    item.erase(0, item.find_first_not_of(" \t"));
    item.erase(item.find_last_not_of(" \t") + 1);
    if (item.size() >= 2 && item.front() == '"' && item.back() == '"')
      item = item.substr(1, item.size() - 2);
    auto schema = context_.db.catalog().GetSchema(item);
    if (schema && schema->external) {
      throw Exception(sqlstate::kFeatureNotSupported,
                      "external schema \"" + item + "\" cannot be on search_path")
          .WithHint("Qualify external tables with their schema, e.g. " + item + ".table.");
    }
  }
}

std::unique_ptr<QueryResult> StatementRunner::RunSet(SQLStatement& statement) {
  auto& set = static_cast<SetStatement&>(statement);
  if (set.name == "session_authorization")
    return AccessStatementRunner(context_).RunSessionAuthorization(set);
  switch (set.kind) {
    case SetStatement::Kind::kSet:
      if (set.name == "search_path")
        RejectExternalSchemasOnPath(set.value);
      context_.settings.Set(set.name, set.value);
      return TagOnly("SET");
    case SetStatement::Kind::kReset:
      context_.settings.Reset(set.name);
      return TagOnly("RESET");
    case SetStatement::Kind::kResetAll:
      context_.settings.Reset("all");
      return TagOnly("RESET");
  }
  return TagOnly("SET");
}

std::unique_ptr<QueryResult> StatementRunner::RunShow(SQLStatement& statement) {
  auto& show = static_cast<ShowStatement&>(statement);
  if (show.name == "all") {
    std::vector<std::vector<std::string>> rows;
    for (const char* name :
         {"application_name", "client_encoding", "client_min_messages", "datestyle",
          "enable_case_sensitive_identifier", "extra_float_digits", "idle_session_timeout",
          "intervalstyle", "pg_federation_repeatable_read", "search_path",
          "standard_conforming_strings", "statement_timeout", "timezone"}) {
      rows.push_back({name, context_.settings.Get(name)});
    }
    return TextRows({"name", "setting"}, rows);
  }
  if (show.name == "session_authorization")
    return TextRows({show.name}, {{context_.session_user}});
  if (show.name == "is_superuser") {
    bool superuser = context_.db.access_control().IsSuperuser(context_.session_user);
    return TextRows({show.name}, {{superuser ? "on" : "off"}});
  }
  return TextRows({show.name}, {{context_.settings.Get(show.name)}});
}

std::unique_ptr<QueryResult> StatementRunner::RunTransaction(SQLStatement& statement) {
  auto& txn = static_cast<TransactionStatement&>(statement);
  auto& manager = context_.db.transaction_manager();
  auto& current = context_.transaction;
  switch (txn.kind) {
    case TransactionStatement::Kind::kBegin: {
      auto result = TagOnly("BEGIN");
      if (current) {
        result->AddNotice("there is already a transaction in progress");
      } else {
        current = manager.Begin();
        current->explicit_block = true;
      }
      return result;
    }
    case TransactionStatement::Kind::kCommit: {
      if (!current) {
        auto result = TagOnly("COMMIT");
        result->AddNotice("there is no transaction in progress");
        return result;
      }
      auto transaction = std::move(current);
      if (transaction->aborted) {
        manager.Rollback(*transaction);
        return TagOnly("ROLLBACK");
      }
      try {
        manager.Commit(*transaction);
      } catch (...) {
        manager.Rollback(*transaction);
        throw;
      }
      return TagOnly("COMMIT");
    }
    case TransactionStatement::Kind::kRollback: {
      auto result = TagOnly("ROLLBACK");
      if (!current) {
        result->AddNotice("there is no transaction in progress");
      } else {
        auto transaction = std::move(current);
        manager.Rollback(*transaction);
      }
      return result;
    }
  }
  return TagOnly("COMMIT");
}

}  // namespace tributary
