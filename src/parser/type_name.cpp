// Transformer: SQL type names -> LogicalType.
#include "common/exception.h"
#include "parser/transformer.h"

namespace tributary {

namespace {

std::vector<int> Typmods(const PgQuery__TypeName* type) {
  std::vector<int> result;
  for (size_t i = 0; i < type->n_typmods; i++) {
    auto* n = type->typmods[i];
    if (n->node_case == PG_QUERY__NODE__NODE_A_CONST &&
        n->a_const->val_case == PG_QUERY__A__CONST__VAL_IVAL) {
      result.push_back(n->a_const->ival->ival);
    } else {
      throw Exception(sqlstate::kSyntaxError, "type modifiers must be simple constants")
          .WithPosition(type->location + 1);
    }
  }
  return result;
}

}  // namespace

LogicalType Transformer::TransformTypeName(const PgQuery__TypeName* type,
                                           bool* unconstrained_numeric) {
  if (!type || type->n_names == 0)
    throw InternalException("empty type name");
  if (type->n_array_bounds > 0)
    ThrowNotSupported("array types", type->location);
  if (type->setof || type->pct_type)
    ThrowNotSupported("this type reference", type->location);
  std::string name = StringValue(type->names[type->n_names - 1]);
  auto mods = Typmods(type);
  auto no_mods = [&]() {
    if (!mods.empty()) {
      throw Exception(sqlstate::kSyntaxError,
                      "type modifier is not allowed for type \"" + name + "\"")
          .WithPosition(type->location + 1);
    }
  };
  if (unconstrained_numeric)
    *unconstrained_numeric = false;
  if (name == "int2" || name == "smallint") {
    no_mods();
    return LogicalTypeId::kSmallInt;
  }
  if (name == "int4" || name == "integer" || name == "int") {
    no_mods();
    return LogicalTypeId::kInteger;
  }
  if (name == "int8" || name == "bigint") {
    no_mods();
    return LogicalTypeId::kBigInt;
  }
  if (name == "numeric" || name == "decimal") {
    if (mods.empty()) {
      if (unconstrained_numeric)
        *unconstrained_numeric = true;
      return LogicalType::Decimal(38, 10);
    }
    if (mods.size() > 2) {
      throw Exception(sqlstate::kSyntaxError, "invalid NUMERIC type modifier")
          .WithPosition(type->location + 1);
    }
    return LogicalType::Decimal(mods[0], mods.size() > 1 ? mods[1] : 0);
  }
  if (name == "float4" || name == "real") {
    no_mods();
    return LogicalTypeId::kReal;
  }
  if (name == "float8" || name == "double precision") {
    no_mods();
    return LogicalTypeId::kDouble;
  }
  if (name == "float") {
    if (!mods.empty() && (mods[0] < 1 || mods[0] > 53)) {
      throw Exception(sqlstate::kInvalidParameterValue,
                      "precision for type float must be between 1 and 53 bits");
    }
    return !mods.empty() && mods[0] <= 24 ? LogicalType(LogicalTypeId::kReal)
                                          : LogicalType(LogicalTypeId::kDouble);
  }
  if (name == "bool" || name == "boolean") {
    no_mods();
    return LogicalTypeId::kBoolean;
  }
  if (name == "bpchar" || name == "char" || name == "character") {
    return LogicalType::Char(mods.empty() ? 1 : mods[0]);
  }
  if (name == "varchar" || name == "character varying" || name == "nvarchar") {
    return LogicalType::Varchar(mods.empty() ? 0 : mods[0]);
  }
  if (name == "oid" || name == "xid") {
    no_mods();
    return LogicalTypeId::kInteger;
  }
  if (name == "text" || name == "bpchar_unbounded" || name == "name") {
    no_mods();
    return LogicalType::Varchar();
  }
  if (name == "date") {
    no_mods();
    return LogicalTypeId::kDate;
  }
  if (name == "timestamp") {
    return LogicalTypeId::kTimestamp;
  }
  if (name == "timestamptz") {
    return LogicalTypeId::kTimestampTz;
  }
  if (name == "interval") {
    if (!mods.empty() && !(mods.size() == 1 && mods[0] == 0x7FFF)) {
      ThrowNotSupported("interval field restrictions", type->location);
    }
    return LogicalTypeId::kInterval;
  }
  throw Exception(sqlstate::kUndefinedObject, "type \"" + name + "\" does not exist")
      .WithPosition(type->location + 1);
}

}  // namespace tributary
