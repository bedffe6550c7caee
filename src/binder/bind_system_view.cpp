// System views computed from the catalog at bind time (Redshift's SVV_*),
// and the table function tributary_doctor('schema') (step, status, detail,
// fix: see PostgresDoctor).
//   svv_external_schemas: esoid, eskind (3 PostgreSQL, 8 MySQL), schemaname,
//     esowner, databasename, esoptions (JSON: IAM_ROLE, SECRET_ARN, URI,
//     PORT, SCHEMA; never a secret's value)
//   pg_external_schema: esoid, eskind, esdbname, esoptions
//   svv_external_tables: redshift_database_name, schemaname, tablename,
//     tabletype, location, input_format, output_format, serialization_lib,
//     serde_parameters, compressed, parameters
//   svv_external_columns: redshift_database_name, schemaname, tablename,
//     columnname, external_type, columnnum, part_key, is_nullable
//   svl_federated_query: userid, xid, pid, query, sourcetype, recordtime,
//     querytext, num_rows, num_bytes, duration (one row per remote scan)
//   stl_load_errors: userid, slice, tbl, starttime, session, query, filename,
//     line_number, colname, type, col_length, position, raw_line,
//     raw_field_value, err_code, err_reason (one row per row COPY rejected)
// svv_external_tables/columns read each source's metadata (through the cache); a source
// that cannot be reached is skipped with a NOTICE naming it.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "binder/binder.h"
#include "binder/expression_binder.h"
#include "catalog/catalog.h"
#include "connector/federated_query_log.h"
#include "connector/remote_metadata_cache.h"
#include "connector/source_doctor.h"
#include "execution/copy/load_error_log.h"
#include "execution/expression_executor.h"
#include "main/client_context.h"
#include "main/database.h"
#include "main/session_settings.h"
#include "planner/expression/bound_constant_expression.h"
#include "planner/operator/logical_expression_get.h"
#include "security/access_control.h"
#include "security/privilege_checker.h"

namespace tributary {

namespace {

ExpressionPtr Constant(Value v) {
  return std::make_unique<BoundConstantExpression>(std::move(v));
}

std::string Options(const ExternalSchemaDefinition& d) {
  nlohmann::json options = {{"IAM_ROLE", d.iam_role},
                            {"SECRET_ARN", d.secret_arn},
                            {"URI", d.host},
                            {"PORT", std::to_string(d.port)}};
  if (d.kind == ExternalSourceKind::kPostgres)
    options["SCHEMA"] = d.remote_schema;
  return options.dump();
}

const char* TableType(char relkind) {
  switch (relkind) {
    case 'v':
      return "VIEW";
    case 'm':
      return "MATERIALIZED VIEW";
    default:
      return "TABLE";
  }
}

}  // namespace

std::vector<std::pair<std::shared_ptr<const ExternalSchemaDefinition>,
                      std::vector<std::shared_ptr<const RemoteTable>>>>
Binder::ExternalTables() {
  std::vector<std::pair<std::shared_ptr<const ExternalSchemaDefinition>,
                        std::vector<std::shared_ptr<const RemoteTable>>>>
      result;
  for (auto& d : context_.db.catalog().ExternalSchemas()) {
    try {
      auto tables = context_.db.remote_metadata().All(
          [&] {
            return context_.sources.ReadSchema(d, context_.db, context_.settings,
                                               &context_.interrupted);
          },
          d, std::chrono::seconds(context_.settings.pg_federation_metadata_ttl()));
      result.emplace_back(d, std::move(tables));
    } catch (const Exception& e) {
      // A cancel or timeout ends the statement; a source that fails only
      // drops out of the view.
      if (e.SqlState() == sqlstate::kQueryCanceled)
        throw;
      context_.notices.push_back("skipping external schema \"" + d->name + "\": " + e.Message());
    }
  }
  return result;
}

LogicalOperatorPtr Binder::BindExternalTablesView(BaseTableRef& ref, bool columns) {
  std::vector<std::string> names;
  std::vector<LogicalType> types;
  if (columns) {
    names = {"redshift_database_name", "schemaname", "tablename", "columnname",
             "external_type",          "columnnum",  "part_key",  "is_nullable"};
    types = {LogicalType::Varchar(),  LogicalType::Varchar(), LogicalType::Varchar(),
             LogicalType::Varchar(),  LogicalType::Varchar(), LogicalTypeId::kInteger,
             LogicalTypeId::kInteger, LogicalType::Varchar()};
  } else {
    names = {"redshift_database_name",
             "schemaname",
             "tablename",
             "tabletype",
             "location",
             "input_format",
             "output_format",
             "serialization_lib",
             "serde_parameters",
             "compressed",
             "parameters"};
    types = {LogicalType::Varchar(),  LogicalType::Varchar(), LogicalType::Varchar(),
             LogicalType::Varchar(),  LogicalType::Varchar(), LogicalType::Varchar(),
             LogicalType::Varchar(),  LogicalType::Varchar(), LogicalType::Varchar(),
             LogicalTypeId::kInteger, LogicalType::Varchar()};
  }
  bool fold = !context_.settings.enable_case_sensitive_identifier();
  auto local = [&](std::string name) {
    if (fold)
      std::transform(name.begin(), name.end(), name.begin(),
                     [](unsigned char c) { return std::tolower(c); });
    return name;
  };
  std::vector<std::vector<ExpressionPtr>> rows;
  for (auto& [schema, tables] : ExternalTables()) {
    for (auto& table : tables) {
      if (!columns) {
        std::vector<ExpressionPtr> row;
        row.push_back(Constant(Value::Varchar("dev")));
        row.push_back(Constant(Value::Varchar(schema->name)));
        row.push_back(Constant(Value::Varchar(local(table->remote_name))));
        row.push_back(Constant(Value::Varchar(TableType(table->relkind))));
        for (int i = 0; i < 5; i++)
          row.push_back(Constant(Value::Null(LogicalType::Varchar())));
        row.push_back(Constant(Value::Integer(0)));
        row.push_back(Constant(Value::Null(LogicalType::Varchar())));
        rows.push_back(std::move(row));
        continue;
      }
      for (size_t i = 0; i < table->columns.size(); i++) {
        auto& column = table->columns[i];
        std::vector<ExpressionPtr> row;
        row.push_back(Constant(Value::Varchar("dev")));
        row.push_back(Constant(Value::Varchar(schema->name)));
        row.push_back(Constant(Value::Varchar(local(table->remote_name))));
        row.push_back(Constant(Value::Varchar(local(column.name))));
        row.push_back(Constant(Value::Varchar(column.remote_type)));
        row.push_back(Constant(Value::Integer(static_cast<int32_t>(i + 1))));
        row.push_back(Constant(Value::Integer(0)));
        row.push_back(Constant(Value::Varchar(column.nullable ? "true" : "false")));
        rows.push_back(std::move(row));
      }
    }
  }
  return MakeSystemViewGet(ref.alias.empty() ? ref.table : ref.alias, names, types,
                           std::move(rows));
}

LogicalOperatorPtr Binder::MakeSystemViewGet(const std::string& alias,
                                             const std::vector<std::string>& names,
                                             const std::vector<LogicalType>& types,
                                             std::vector<std::vector<ExpressionPtr>> rows) {
  idx_t index = GenerateTableIndex();
  idx_t count = rows.size();
  auto get = std::make_unique<LogicalExpressionGet>(index, types, std::move(rows));
  get->estimated_cardinality = count;
  TableBinding binding;
  binding.alias = alias;
  binding.names = names;
  binding.types = types;
  binding.bindings = GenerateColumnBindings(index, types.size());
  bind_context_.AddBinding(std::move(binding));
  return get;
}

LogicalOperatorPtr Binder::BindFederatedQueryView(BaseTableRef& ref) {
  std::vector<std::string> names = {"userid",     "xid",        "pid",       "query",
                                    "sourcetype", "recordtime", "querytext", "num_rows",
                                    "num_bytes",  "duration"};
  std::vector<LogicalType> types = {LogicalTypeId::kInteger, LogicalTypeId::kBigInt,
                                    LogicalTypeId::kInteger, LogicalTypeId::kBigInt,
                                    LogicalType::Varchar(),  LogicalTypeId::kTimestamp,
                                    LogicalType::Varchar(),  LogicalTypeId::kBigInt,
                                    LogicalTypeId::kBigInt,  LogicalTypeId::kBigInt};
  // recordtime is Unix time; TIMESTAMP counts from 2000-01-01.
  constexpr int64_t kUnixTo2000Micros = 946684800LL * 1000000;
  std::vector<std::vector<ExpressionPtr>> rows;
  // As in Redshift, a user who is not a superuser sees only their own rows.
  bool all_rows = context_.db.access_control().IsSuperuser(context_.session_user);
  for (auto& r : context_.db.federated_query_log().Records()) {
    if (!all_rows && r.userid != context_.user_id)
      continue;
    std::vector<ExpressionPtr> row;
    row.push_back(Constant(Value::Integer(r.userid)));
    row.push_back(Constant(Value::BigInt(r.xid)));
    row.push_back(Constant(Value::Integer(r.pid)));
    row.push_back(Constant(Value::BigInt(r.query)));
    row.push_back(Constant(Value::Varchar(r.sourcetype)));
    row.push_back(Constant(Value::Timestamp(r.recordtime - kUnixTo2000Micros)));
    row.push_back(Constant(Value::Varchar(r.querytext)));
    row.push_back(Constant(Value::BigInt(r.num_rows)));
    row.push_back(Constant(Value::BigInt(r.num_bytes)));
    row.push_back(Constant(Value::BigInt(r.duration)));
    rows.push_back(std::move(row));
  }
  return MakeSystemViewGet(ref.alias.empty() ? ref.table : ref.alias, names, types,
                           std::move(rows));
}

LogicalOperatorPtr Binder::BindLoadErrorsView(BaseTableRef& ref) {
  std::vector<std::string> names = {
      "userid",   "slice",           "tbl",      "starttime", "session",    "query",
      "filename", "line_number",     "colname",  "type",      "col_length", "position",
      "raw_line", "raw_field_value", "err_code", "err_reason"};
  using Id = LogicalTypeId;
  std::vector<LogicalType> types = {Id::kInteger,           Id::kInteger,
                                    Id::kInteger,           Id::kTimestamp,
                                    Id::kInteger,           Id::kBigInt,
                                    LogicalType::Varchar(), Id::kBigInt,
                                    LogicalType::Varchar(), LogicalType::Varchar(),
                                    LogicalType::Varchar(), Id::kInteger,
                                    LogicalType::Varchar(), LogicalType::Varchar(),
                                    Id::kInteger,           LogicalType::Varchar()};
  constexpr int64_t kUnixTo2000Micros = 946684800LL * 1000000;
  std::vector<std::vector<ExpressionPtr>> rows;
  for (auto& r : context_.db.load_error_log().Records()) {
    std::vector<ExpressionPtr> row;
    row.push_back(Constant(Value::Integer(r.userid)));
    row.push_back(Constant(Value::Integer(r.slice)));
    row.push_back(Constant(Value::Integer(r.tbl)));
    row.push_back(Constant(Value::Timestamp(r.starttime - kUnixTo2000Micros)));
    row.push_back(Constant(Value::Integer(r.session)));
    row.push_back(Constant(Value::BigInt(r.query)));
    row.push_back(Constant(Value::Varchar(r.filename)));
    row.push_back(Constant(Value::BigInt(r.line_number)));
    row.push_back(Constant(Value::Varchar(r.colname)));
    row.push_back(Constant(Value::Varchar(r.type)));
    row.push_back(Constant(Value::Varchar(r.col_length)));
    row.push_back(Constant(Value::Integer(r.position)));
    row.push_back(Constant(Value::Varchar(r.raw_line)));
    row.push_back(Constant(Value::Varchar(r.raw_field_value)));
    row.push_back(Constant(Value::Integer(r.err_code)));
    row.push_back(Constant(Value::Varchar(r.err_reason)));
    rows.push_back(std::move(row));
  }
  return MakeSystemViewGet(ref.alias.empty() ? ref.table : ref.alias, names, types,
                           std::move(rows));
}

LogicalOperatorPtr Binder::BindDoctor(TableFunctionRef& ref) {
  auto& call = *ref.function;
  BindContext empty;
  ExpressionBinder binder(*this, empty, "FROM");
  std::string name;
  if (call.children.size() == 1) {
    auto arg = binder.Bind(*call.children[0]);
    if (arg->IsFoldable() && arg->return_type.IsString()) {
      auto value = ExpressionExecutor::EvaluateConstant(*arg);
      if (!value.IsNull())
        name = value.GetString();
    }
  }
  if (name.empty()) {
    throw Exception(sqlstate::kUndefinedFunction,
                    "tributary_doctor takes one argument: the external schema's name")
        .WithPosition(ref.location);
  }
  auto schema = context_.db.catalog().GetSchema(name);
  if (!schema || !schema->external) {
    throw Exception(sqlstate::kInvalidSchemaName, "external schema \"" + name + "\" does not exist")
        .WithPosition(ref.location);
  }
  // Checking the path to a source is for those who may use it.
  PrivilegeChecker(context_.db.access_control(), context_.current_user)
      .RequireSchema(*schema, Privilege::kUsage);
  std::vector<std::vector<ExpressionPtr>> rows;
  for (auto& step :
       DiagnoseExternalSource(*schema->external, context_.db.config().data_directory)) {
    std::vector<ExpressionPtr> row;
    row.push_back(Constant(Value::Varchar(step.step)));
    row.push_back(Constant(Value::Varchar(step.status)));
    row.push_back(Constant(Value::Varchar(step.detail)));
    row.push_back(Constant(Value::Varchar(step.fix)));
    rows.push_back(std::move(row));
  }
  return MakeSystemViewGet(ref.alias.empty() ? call.name : ref.alias,
                           {"step", "status", "detail", "fix"},
                           {LogicalType::Varchar(), LogicalType::Varchar(), LogicalType::Varchar(),
                            LogicalType::Varchar()},
                           std::move(rows));
}

LogicalOperatorPtr Binder::BindSystemView(BaseTableRef& ref) {
  if (auto table = BindCatalogTable(ref))
    return table;
  if (!ref.schema.empty() && ref.schema != "pg_catalog")
    return nullptr;
  if (ref.table == "svl_federated_query")
    return BindFederatedQueryView(ref);
  if (ref.table == "stl_load_errors")
    return BindLoadErrorsView(ref);
  if (ref.table == "svv_external_tables" || ref.table == "svv_external_columns")
    return BindExternalTablesView(ref, ref.table == "svv_external_columns");
  bool svv = ref.table == "svv_external_schemas";
  bool pg = ref.table == "pg_external_schema";
  if (!svv && !pg)
    return nullptr;
  std::vector<std::string> names;
  std::vector<LogicalType> types;
  if (svv) {
    names = {"esoid", "eskind", "schemaname", "esowner", "databasename", "esoptions"};
    types = {LogicalTypeId::kInteger, LogicalTypeId::kInteger, LogicalType::Varchar(),
             LogicalTypeId::kInteger, LogicalType::Varchar(),  LogicalType::Varchar()};
  } else {
    names = {"esoid", "eskind", "esdbname", "esoptions"};
    types = {LogicalTypeId::kInteger, LogicalTypeId::kInteger, LogicalType::Varchar(),
             LogicalType::Varchar()};
  }
  std::vector<std::vector<ExpressionPtr>> rows;
  int32_t oid = 100000;
  for (auto& d : context_.db.catalog().ExternalSchemas()) {
    std::vector<ExpressionPtr> row;
    row.push_back(Constant(Value::Integer(oid++)));
    row.push_back(Constant(Value::Integer(d->EsKind())));
    if (svv) {
      row.push_back(Constant(Value::Varchar(d->name)));
      row.push_back(Constant(Value::Integer(100)));  // the warehouse superuser
    }
    row.push_back(Constant(Value::Varchar(d->database)));
    row.push_back(Constant(Value::Varchar(Options(*d))));
    rows.push_back(std::move(row));
  }
  return MakeSystemViewGet(ref.alias.empty() ? ref.table : ref.alias, names, types,
                           std::move(rows));
}

}  // namespace tributary
