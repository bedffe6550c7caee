// System views computed from the catalog at bind time (Redshift's SVV_*).
//   svv_external_schemas: esoid, eskind (3 PostgreSQL, 8 MySQL), schemaname,
//     esowner, databasename, esoptions (JSON: IAM_ROLE, SECRET_ARN, URI,
//     PORT, SCHEMA; never a secret's value)
//   pg_external_schema: esoid, eskind, esdbname, esoptions
#include <nlohmann/json.hpp>

#include "binder/binder.h"
#include "catalog/catalog.h"
#include "main/client_context.h"
#include "main/database.h"
#include "planner/expression/bound_constant_expression.h"
#include "planner/operator/logical_expression_get.h"

namespace tributary {

namespace {

ExpressionPtr Constant(Value v) { return std::make_unique<BoundConstantExpression>(std::move(v)); }

std::string Options(const ExternalSchemaDefinition& d) {
  nlohmann::json options = {{"IAM_ROLE", d.iam_role},
                            {"SECRET_ARN", d.secret_arn},
                            {"URI", d.host},
                            {"PORT", std::to_string(d.port)}};
  if (d.kind == ExternalSourceKind::kPostgres) options["SCHEMA"] = d.remote_schema;
  return options.dump();
}

}  // namespace

LogicalOperatorPtr Binder::BindSystemView(BaseTableRef& ref) {
  if (!ref.schema.empty() && ref.schema != "pg_catalog") return nullptr;
  bool svv = ref.table == "svv_external_schemas";
  bool pg = ref.table == "pg_external_schema";
  if (!svv && !pg) return nullptr;
  std::vector<std::string> names;
  std::vector<LogicalType> types;
  if (svv) {
    names = {"esoid", "eskind", "schemaname", "esowner", "databasename", "esoptions"};
    types = {LogicalTypeId::kInteger, LogicalTypeId::kInteger, LogicalType::Varchar(),
             LogicalTypeId::kInteger, LogicalType::Varchar(), LogicalType::Varchar()};
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
  idx_t index = GenerateTableIndex();
  idx_t count = rows.size();
  auto get = std::make_unique<LogicalExpressionGet>(index, types, std::move(rows));
  get->estimated_cardinality = count;
  TableBinding binding;
  binding.alias = ref.alias.empty() ? ref.table : ref.alias;
  binding.names = names;
  binding.types = types;
  binding.bindings = GenerateColumnBindings(index, types.size());
  bind_context_.AddBinding(std::move(binding));
  return get;
}

}  // namespace tributary
