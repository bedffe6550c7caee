#include "main/view_ddl.h"

#include <algorithm>

#include "binder/binder.h"
#include "catalog/catalog.h"
#include "catalog/materialized_view_catalog_entry.h"
#include "catalog/view_catalog_entry.h"
#include "execution/executor.h"
#include "execution/operator/persistent/physical_insert.h"
#include "execution/physical_plan/physical_plan_generator.h"
#include "main/client_context.h"
#include "main/column_definition_builder.h"
#include "main/database.h"
#include "main/foreign_key_references.h"
#include "main/session_settings.h"
#include "optimizer/optimizer.h"
#include "parser/parser.h"
#include "parser/relation_references.h"
#include "planner/expression/bound_column_ref_expression.h"
#include "planner/operator/logical_create_table_as.h"
#include "planner/operator/logical_insert.h"
#include "planner/operator/logical_projection.h"
#include "security/privilege_checker.h"
#include "transaction/transaction.h"

namespace tributary {

namespace {

std::unique_ptr<QueryResult> TagOnly(std::string tag) {
  auto result = std::make_unique<QueryResult>();
  result->SetCommandTag(std::move(tag));
  return result;
}

// Runs an INSERT / CREATE TABLE AS plan; returns its sink state's row count
// (and whether CREATE ... IF NOT EXISTS found the relation there).
idx_t RunInsertPlan(ClientContext& context, LogicalOperatorPtr plan, bool* skipped = nullptr) {
  Optimizer optimizer(context);
  auto optimized = optimizer.Optimize(std::move(plan));
  PhysicalPlanGenerator generator(context);
  auto physical = generator.CreatePlan(*optimized);
  Executor executor(context);
  auto& state = static_cast<InsertGlobalState&>(executor.Execute(*physical));
  if (skipped)
    *skipped = state.skipped;
  return state.row_count.load();
}

std::string SchemaOf(const std::string& schema) {
  return schema.empty() ? Catalog::kDefaultSchema : schema;
}

// The query text a view keeps (what follows AS, as written).
std::string QueryText(const CreateViewStatement& statement) {
  return statement.query_sql.empty() ? statement.query->ToString() : statement.query_sql;
}

// Column names of a view or materialized view: the query's, with the
// CREATE statement's column list over the first ones.
std::vector<std::string> ColumnNames(const std::vector<std::string>& query_names,
                                     const std::vector<std::string>& aliases, bool materialized) {
  if (aliases.size() > query_names.size()) {
    throw Exception(sqlstate::kSyntaxError,
                    materialized ? "too many column names were specified"
                                 : "CREATE VIEW specifies more column names than columns");
  }
  auto names = query_names;
  for (size_t i = 0; i < aliases.size(); i++)
    names[i] = aliases[i];
  for (size_t i = 0; i < names.size(); i++) {
    for (size_t j = 0; j < i; j++) {
      if (names[i] == names[j]) {
        throw Exception(sqlstate::kDuplicateColumn,
                        "column \"" + names[i] + "\" specified more than once");
      }
    }
  }
  return names;
}

}  // namespace

std::unique_ptr<QueryResult> ViewDdl::Create(CreateViewStatement& statement) {
  return statement.materialized ? CreateMaterializedView(statement) : CreateView(statement);
}

std::unique_ptr<QueryResult> ViewDdl::CreateView(CreateViewStatement& statement) {
  auto& catalog = context_.db.catalog();
  std::string schema = SchemaOf(statement.schema);
  auto schema_entry = catalog.GetSchema(schema);
  if (!schema_entry)
    throw Exception(sqlstate::kInvalidSchemaName, "schema \"" + schema + "\" does not exist");
  if (schema_entry->external) {
    throw Exception(sqlstate::kReadOnlySqlTransaction, "cannot create \"" + statement.view +
                                                           "\" in external schema \"" + schema +
                                                           "\": external schemas are read-only");
  }
  PrivilegeChecker(context_.db.access_control(), context_.current_user)
      .RequireSchema(*schema_entry, Privilege::kCreate);
  auto view = std::make_shared<ViewCatalogEntry>(schema, statement.view);
  view->owner = context_.current_user;
  view->sql = QueryText(statement);
  view->column_aliases = statement.column_aliases;
  view->no_schema_binding = statement.no_schema_binding;
  view->case_sensitive_identifiers = context_.settings.enable_case_sensitive_identifier();
  if (statement.no_schema_binding) {
    // Nothing is resolved now; names must not depend on search_path.
    for (auto& ref : RelationReferences::Of(view->sql)) {
      if (ref.schema.empty()) {
        throw Exception(sqlstate::kUndefinedTable,
                        "relation \"" + ref.name +
                            "\" must be qualified with a schema name in a view WITH NO SCHEMA "
                            "BINDING")
            .WithHint("Write " + std::string(Catalog::kDefaultSchema) + "." + ref.name +
                      " (late-binding views resolve names only when they are queried).");
      }
    }
  } else {
    Binder binder(context_);
    auto bound = binder.BindViewQuery(*statement.query, true, view->dependencies);
    view->column_names = ColumnNames(bound.names, statement.column_aliases, false);
    view->column_types = bound.types;
  }

  auto existing = catalog.GetEntry(schema, statement.view);
  if (existing && statement.or_replace) {
    if (existing->type != CatalogType::kView) {
      throw Exception(sqlstate::kWrongObjectType, "\"" + statement.view + "\" is not a view");
    }
    auto& old = existing->Cast<ViewCatalogEntry>();
    // PostgreSQL's rule for bound views: the new query may add columns at
    // the end but keeps the old ones' names and types.
    if (!old.no_schema_binding && !view->no_schema_binding) {
      if (view->column_names.size() < old.column_names.size()) {
        throw Exception(sqlstate::kInvalidTableDefinition, "cannot drop columns from view");
      }
      for (size_t i = 0; i < old.column_names.size(); i++) {
        if (view->column_names[i] != old.column_names[i]) {
          throw Exception(sqlstate::kInvalidTableDefinition,
                          "cannot change name of view column \"" + old.column_names[i] +
                              "\" to \"" + view->column_names[i] + "\"")
              .WithHint(
                  "Use ALTER VIEW ... RENAME COLUMN ... to change name of view column instead.");
        }
        if (view->column_types[i] != old.column_types[i]) {
          throw Exception(sqlstate::kInvalidTableDefinition,
                          "cannot change data type of view column \"" + old.column_names[i] +
                              "\" from " + old.column_types[i].ToString() + " to " +
                              view->column_types[i].ToString());
        }
      }
    }
    view->owner = old.owner;
    context_.transaction->RecordReplaceEntry(schema, catalog.ReplaceEntry(schema, old, view), view);
    return TagOnly("CREATE VIEW");
  }
  catalog.CreateEntry(schema, view, false);
  context_.transaction->RecordCreateEntry(schema, view);
  return TagOnly("CREATE VIEW");
}

std::unique_ptr<QueryResult> ViewDdl::CreateMaterializedView(CreateViewStatement& statement) {
  auto& catalog = context_.db.catalog();
  std::string schema = SchemaOf(statement.schema);
  if (!catalog.GetSchema(schema))
    throw Exception(sqlstate::kInvalidSchemaName, "schema \"" + schema + "\" does not exist");
  if (catalog.GetEntry(schema, statement.view)) {
    if (statement.if_not_exists) {
      auto result = TagOnly("CREATE MATERIALIZED VIEW");
      result->AddNotice("relation \"" + statement.view + "\" already exists, skipping");
      return result;
    }
    throw Exception(sqlstate::kDuplicateTable,
                    "relation \"" + statement.view + "\" already exists");
  }
  std::vector<CatalogDependency> dependencies;
  Binder binder(context_);
  auto bound = binder.BindViewQuery(*statement.query, false, dependencies);
  auto names = ColumnNames(bound.names, statement.column_aliases, true);
  std::vector<ColumnDefinition> columns;
  for (size_t i = 0; i < names.size(); i++) {
    ColumnDefinition column;
    column.name = names[i];
    column.type =
        bound.types[i].id() == LogicalTypeId::kNull ? LogicalType::Varchar() : bound.types[i];
    columns.push_back(std::move(column));
  }
  auto view =
      std::make_shared<MaterializedViewCatalogEntry>(schema, statement.view, std::move(columns));
  view->owner = context_.current_user;
  view->sql = QueryText(statement);
  view->column_aliases = statement.column_aliases;
  view->case_sensitive_identifiers = context_.settings.enable_case_sensitive_identifier();
  view->dependencies = std::move(dependencies);
  view->attributes = statement.attributes;
  ColumnDefinitionBuilder::CheckAttributes(view->attributes, view->columns);
  auto create = std::make_unique<LogicalCreateTableAs>(binder.GenerateTableIndex(), view,
                                                       statement.if_not_exists);
  create->children.push_back(std::move(bound.plan));
  bool skipped = false;
  idx_t rows = RunInsertPlan(context_, std::move(create), &skipped);
  if (skipped) {
    auto result = TagOnly("CREATE MATERIALIZED VIEW");
    result->AddNotice("relation \"" + statement.view + "\" already exists, skipping");
    return result;
  }
  return TagOnly("SELECT " + std::to_string(rows));
}

std::unique_ptr<QueryResult> ViewDdl::Refresh(RefreshMaterializedViewStatement& statement) {
  auto& catalog = context_.db.catalog();
  std::string schema = SchemaOf(statement.schema);
  auto entry = catalog.GetEntry(schema, statement.name);
  if (!entry) {
    throw Exception(
        sqlstate::kUndefinedTable,
        "relation \"" +
            (statement.schema.empty() ? statement.name : statement.schema + "." + statement.name) +
            "\" does not exist");
  }
  if (entry->type != CatalogType::kMaterializedView) {
    throw Exception(sqlstate::kWrongObjectType,
                    "\"" + statement.name + "\" is not a materialized view");
  }
  PrivilegeChecker(context_.db.access_control(), context_.current_user)
      .RequireOwner(*entry, "materialized view");
  auto old = std::static_pointer_cast<MaterializedViewCatalogEntry>(entry);
  ParserOptions options;
  options.case_sensitive_identifiers = old->case_sensitive_identifiers;
  auto statements = Parser::Parse(old->sql, options);
  if (statements.size() != 1 || statements[0]->type != StatementType::kSelect)
    throw InternalException("the query of materialized view \"" + old->name + "\" is not a query");
  std::vector<CatalogDependency> dependencies;
  Binder binder(context_);
  auto bound =
      binder.BindViewQuery(static_cast<SelectStatement&>(*statements[0]), false, dependencies);
  // The columns stay what they were; the query may have gained some (`*`).
  auto bindings = bound.plan->GetColumnBindings();
  std::vector<ExpressionPtr> select;
  for (idx_t i = 0; i < old->columns.size(); i++) {
    auto type = bound.types.size() > i ? bound.types[i] : LogicalType();
    if (i >= bound.types.size() ||
        (type != old->columns[i].type && type.id() != LogicalTypeId::kNull)) {
      throw Exception(sqlstate::kFeatureNotSupported,
                      "materialized view \"" + old->name +
                          "\" no longer matches the relations it reads: column \"" +
                          old->columns[i].name + "\" changed")
          .WithHint("Drop and create the materialized view again.");
    }
    select.push_back(std::make_unique<BoundColumnRefExpression>(type, bindings[i]));
  }
  auto fresh =
      std::make_shared<MaterializedViewCatalogEntry>(old->schema_name, old->name, old->columns);
  fresh->owner = old->owner;
  fresh->sql = old->sql;
  fresh->column_aliases = old->column_aliases;
  fresh->case_sensitive_identifiers = old->case_sensitive_identifiers;
  fresh->attributes = old->attributes;
  fresh->dependencies = std::move(dependencies);
  auto projection =
      std::make_unique<LogicalProjection>(binder.GenerateTableIndex(), std::move(select));
  projection->children.push_back(std::move(bound.plan));
  auto insert = std::make_unique<LogicalInsert>(binder.GenerateTableIndex(), fresh);
  insert->children.push_back(std::move(projection));
  RunInsertPlan(context_, std::move(insert));
  context_.transaction->RecordReplaceEntry(schema, catalog.ReplaceEntry(schema, *old, fresh),
                                           fresh);
  return TagOnly("REFRESH MATERIALIZED VIEW");
}

std::unique_ptr<QueryResult> ViewDdl::Drop(DropStatement& statement) {
  CatalogType type = CatalogType::kTable;
  const char* tag = "DROP TABLE";
  if (statement.object_type == DropStatement::ObjectType::kView) {
    type = CatalogType::kView;
    tag = "DROP VIEW";
  } else if (statement.object_type == DropStatement::ObjectType::kMaterializedView) {
    type = CatalogType::kMaterializedView;
    tag = "DROP MATERIALIZED VIEW";
  }
  auto& catalog = context_.db.catalog();
  auto result = TagOnly(tag);
  std::vector<std::string> notices;
  auto schema_of = [](const std::vector<std::string>& name) {
    return name.size() > 1 ? name[name.size() - 2] : std::string(Catalog::kDefaultSchema);
  };
  // Objects named in the same statement may depend on each other (DROP
  // VIEW base_view, view_over_it): dropping them together needs no CASCADE.
  std::vector<CatalogDependency> listed;
  for (auto& name : statement.names)
    listed.push_back({schema_of(name), name.back()});
  auto only_listed_depend = [&](const CatalogDependency& target) {
    std::vector<CatalogDependency> pending = {target};
    for (size_t i = 0; i < pending.size() && i < 10000; i++) {
      for (auto& dependent : catalog.Dependents(pending[i].schema, pending[i].name)) {
        CatalogDependency key{dependent->type == CatalogType::kView
                                  ? dependent->Cast<ViewCatalogEntry>().schema_name
                                  : dependent->Cast<TableCatalogEntry>().schema_name,
                              dependent->name};
        if (std::find(listed.begin(), listed.end(), key) == listed.end())
          return false;
        pending.push_back(key);
      }
    }
    return true;
  };
  std::vector<std::pair<std::string, std::shared_ptr<CatalogEntry>>> dropped;
  for (auto& name : statement.names) {
    std::string schema = schema_of(name);
    bool already = std::any_of(dropped.begin(), dropped.end(), [&](const auto& d) {
      return d.first == schema && d.second->name == name.back();
    });
    if (already)
      continue;  // went with an object named before it
    // DROP needs the owner of the object (or of its schema).
    auto schema_entry = catalog.GetSchema(schema);
    auto entry = catalog.GetEntry(schema, name.back());
    if (schema_entry && entry && entry->type == type) {
      PrivilegeChecker(context_.db.access_control(), context_.current_user)
          .RequireOwner(*entry, CatalogTypeName(type), schema_entry.get());
    }
    bool cascade = statement.cascade || only_listed_depend({schema, name.back()});
    if (entry && entry->type == CatalogType::kTable && type == CatalogType::kTable) {
      std::vector<std::pair<std::string, std::string>> together;
      for (auto& l : listed)
        together.emplace_back(l.schema, l.name);
      ForeignKeyReferences::OnDropTable(context_, schema, name.back(), statement.cascade, together,
                                        notices);
    }
    size_t notices_before = notices.size();
    bool existed = catalog.DropRelation(schema, name.back(), type, statement.if_exists, cascade,
                                        notices, &dropped);
    if (cascade && !statement.cascade)
      notices.resize(notices_before);  // only objects the statement names went
    if (!existed) {
      notices.push_back(std::string(CatalogTypeName(type)) + " \"" + name.back() +
                        "\" does not exist, skipping");
    }
  }
  for (auto& [schema, entry] : dropped)
    context_.transaction->RecordDropEntry(schema, entry);
  for (auto& notice : notices)
    result->AddNotice(notice);
  return result;
}

}  // namespace tributary
