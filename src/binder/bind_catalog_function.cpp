// The catalog functions clients call (version(), current_database(),
// pg_get_userbyid, format_type, pg_table_is_visible, obj_description, ...)
// and casts to object identifier types ('t'::regclass, oid::regtype, ...).
// They read a SystemCatalog built when the statement is bound, so a
// statement sees one state of the catalog. Per-row ones run a small kernel
// over Values: catalog queries read tens of rows, not millions.
//
// Object identifier types are not types here: a name cast to reg* gives the
// OID (INTEGER), an OID cast to reg* gives the object's name (VARCHAR), which
// is what clients compare and print. regproc values are function names.
#include <functional>
#include <set>

#include "binder/binder.h"
#include "binder/expression_binder.h"
#include "catalog/system_catalog.h"
#include "execution/expression_executor.h"
#include "execution/expression_state.h"
#include "main/client_context.h"
#include "main/database.h"
#include "main/session_settings.h"
#include "parser/expression/cast_expression.h"
#include "parser/expression/constant_expression.h"
#include "parser/expression/function_expression.h"
#include "planner/expression/bound_column_ref_expression.h"
#include "planner/expression/bound_constant_expression.h"
#include "planner/expression/bound_function_expression.h"
#include "planner/expression/bound_reference_expression.h"
#include "security/access_control.h"
#include "types/cast.h"
#include "vector/data_chunk.h"

namespace tributary {

namespace {

// has_table_privilege(), has_schema_privilege(), has_database_privilege(),
// has_column_privilege() and has_any_column_privilege() answer from
// AccessControl (PostgreSQL's semantics); the function and role variants
// answer true (no functions or roles exist). `user` is the first argument
// of the forms that name one, or the current user; `column` is
// has_column_privilege's column.
bool CatalogPrivilegeCheck(ClientContext& context, const std::string& function,
                           const std::string& user, const std::string& object,
                           const std::string& column, const std::string& privilege) {
  auto& access = context.db.access_control();
  if (function == "has_column_privilege")
    return access.HasColumnPrivilege(context.db.catalog(), user, object, column, privilege);
  if (function == "has_any_column_privilege")
    return access.HasAnyColumnPrivilege(context.db.catalog(), user, object, privilege);
  if (function == "has_table_privilege")
    return access.HasTablePrivilege(context.db.catalog(), user, object, privilege);
  if (function == "has_schema_privilege")
    return access.HasSchemaPrivilege(context.db.catalog(), user, object, privilege);
  if (function == "has_database_privilege")
    return access.HasDatabasePrivilege(user, object, privilege);
  return true;
}

using RowFunction = std::function<Value(const std::vector<Value>&)>;

struct RowFunctionData : public FunctionData {
  explicit RowFunctionData(std::shared_ptr<const RowFunction> fn) : fn(std::move(fn)) {}
  std::shared_ptr<const RowFunction> fn;
  std::unique_ptr<FunctionData> Copy() const override {
    return std::make_unique<RowFunctionData>(fn);
  }
};

void RowFunctionKernel(DataChunk& args, ExpressionState& state, Vector& result) {
  auto& fn = *state.BindData()->Cast<RowFunctionData>().fn;
  bool constant = true;
  for (idx_t c = 0; c < args.ColumnCount(); c++)
    constant = constant && args.column(c).IsConstant();
  idx_t count = constant ? 1 : args.size();
  std::vector<Value> values(args.ColumnCount());
  for (idx_t row = 0; row < count; row++) {
    for (idx_t c = 0; c < args.ColumnCount(); c++)
      values[c] = args.column(c).GetValue(args.column(c).IsConstant() ? 0 : row);
    auto v = fn(values);
    result.SetValue(row, v.IsNull() ? Value::Null(result.type()) : CastValue(v, result.type()));
  }
  if (constant)
    result.MarkConstant();
}

ExpressionPtr MakeRowFunction(const std::string& name, std::vector<ExpressionPtr> args,
                              LogicalType return_type, RowFunction fn) {
  ScalarFunction function;
  function.name = name;
  for (auto& a : args)
    function.arguments.push_back(a->return_type);
  function.return_type = return_type;
  function.function = RowFunctionKernel;
  function.null_handling = FunctionNullHandling::kSpecial;
  auto data = std::make_unique<RowFunctionData>(std::make_shared<const RowFunction>(std::move(fn)));
  return std::make_unique<BoundFunctionExpression>(function, std::move(args), std::move(data));
}

Value Text(const std::string& s) {
  return Value::Varchar(s);
}
ExpressionPtr MakeConstant(Value v) {
  return std::make_unique<BoundConstantExpression>(std::move(v));
}
Value NullText() {
  return Value::Null(LogicalType::Varchar());
}

std::optional<int64_t> AsInteger(const Value& v) {
  if (v.IsNull())
    return std::nullopt;
  try {
    return CastValue(v, LogicalTypeId::kBigInt).GetInt64();
  } catch (const Exception&) {
    return std::nullopt;
  }
}

// Joins the elements of an array in text form ('{a,b}') with `separator`
// (array_to_string); elements that are NULL are skipped unless `null_text`.
Value ArrayToString(const std::string& array, const std::string& separator,
                    const std::optional<std::string>& null_text) {
  if (array.size() < 2 || array.front() != '{' || array.back() != '}') {
    throw Exception(sqlstate::kInvalidTextRepresentation,
                    "malformed array literal: \"" + array + "\"");
  }
  std::vector<std::pair<std::string, bool>> elements;  // text, quoted
  std::string current;
  bool quoted = false, was_quoted = false, any = false;
  for (size_t i = 1; i + 1 < array.size(); i++) {
    char c = array[i];
    if (quoted) {
      if (c == '\\' && i + 2 < array.size()) {
        current += array[++i];
      } else if (c == '"') {
        quoted = false;
      } else {
        current += c;
      }
      continue;
    }
    if (c == '"') {
      quoted = was_quoted = any = true;
    } else if (c == ',') {
      elements.emplace_back(current, was_quoted);
      current.clear();
      was_quoted = false;
    } else {
      current += c;
      any = true;
    }
  }
  if (any || !elements.empty())
    elements.emplace_back(current, was_quoted);
  std::string out;
  bool first = true;
  for (auto& [text, q] : elements) {
    bool is_null = !q && text == "NULL";
    if (is_null && !null_text)
      continue;
    if (!first)
      out += separator;
    out += is_null ? *null_text : text;
    first = false;
  }
  return Text(out);
}

std::string ArrayText(const std::vector<std::string>& items) {
  std::string out = "{";
  for (size_t i = 0; i < items.size(); i++)
    out += (i ? "," : "") + items[i];
  return out + "}";
}

// Splits an array in text form into its elements (NULL elements as NULL).
std::vector<Value> ArrayElements(const std::string& array) {
  auto joined = ArrayToString(array, std::string(1, '\0'), std::string(1, '\1')).GetString();
  std::vector<Value> result;
  if (array == "{}")
    return result;
  size_t start = 0;
  while (true) {
    auto end = joined.find('\0', start);
    auto item = joined.substr(start, end == std::string::npos ? std::string::npos : end - start);
    result.push_back(item == std::string(1, '\1') ? NullText() : Text(item));
    if (end == std::string::npos)
      break;
    start = end + 1;
  }
  return result;
}

// An element of an array in text form, quoted when PostgreSQL would.
std::string ArrayItem(const Value& v) {
  if (v.IsNull())
    return "NULL";
  auto s = v.GetString();
  bool quote = s.empty() || s == "NULL" || s.find_first_of("{},\"\\ ") != std::string::npos;
  if (!quote)
    return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\')
      out += '\\';
    out += c;
  }
  return out + "\"";
}

void ReplaceElementReferences(ExpressionPtr& expr, ColumnBinding element) {
  if (expr->expression_class == ExpressionClass::kColumnRef) {
    auto& ref = expr->Cast<BoundColumnRefExpression>();
    if (ref.binding == element) {
      expr = std::make_unique<BoundReferenceExpression>(ref.return_type, 0);
      return;
    }
  }
  expr->ForEachChild([&](ExpressionPtr& child) { ReplaceElementReferences(child, element); });
}

bool ReferencesColumns(const Expression& expr) {
  if (expr.expression_class == ExpressionClass::kColumnRef ||
      expr.expression_class == ExpressionClass::kSubquery)
    return true;
  bool found = false;
  expr.ForEachChild([&](const Expression& child) { found = found || ReferencesColumns(child); });
  return found;
}

}  // namespace

ExpressionPtr ExpressionBinder::BindArrayMap(FunctionExpression& expr) {
  auto array = Coerce(ResolveUnknown(Bind(*expr.children[0])), LogicalType::Varchar());
  auto& name_literal = expr.children[2]->Cast<ConstantExpression>();
  // The element is the only column the mapped expression sees.
  BindContext element_context;
  TableBinding binding;
  binding.alias = name_literal.value.GetString();
  binding.names = {binding.alias};
  binding.types = {LogicalType::Varchar()};
  ColumnBinding element(binder_.GenerateTableIndex(), 0);
  binding.bindings = {element};
  element_context.AddBinding(std::move(binding));
  ExpressionBinder element_binder(binder_, element_context, "ARRAY");
  auto only_element = [&]() {
    return Exception(sqlstate::kFeatureNotSupported,
                     "ARRAY(SELECT ... FROM unnest(...)) may only use the unnested element \"" +
                         name_literal.value.GetString() + "\"")
        .WithPosition(expr.location);
  };
  ExpressionPtr mapped;
  try {
    mapped = ResolveUnknown(element_binder.Bind(*expr.children[1]));
  } catch (const Exception& e) {
    if (e.SqlState() == sqlstate::kUndefinedTable || e.SqlState() == sqlstate::kUndefinedColumn)
      throw only_element();
    throw;
  }
  ReplaceElementReferences(mapped, element);
  if (ReferencesColumns(*mapped))
    throw only_element();
  std::shared_ptr<const Expression> shared_mapped(std::move(mapped));
  std::vector<ExpressionPtr> args;
  args.push_back(std::move(array));
  return MakeRowFunction("array", std::move(args), LogicalType::Varchar(),
                         [shared_mapped](const std::vector<Value>& v) -> Value {
                           if (v[0].IsNull())
                             return Text("{}");
                           auto elements = ArrayElements(v[0].GetString());
                           std::vector<std::string> items;
                           if (!elements.empty()) {
                             DataChunk input;
                             input.Initialize({LogicalType::Varchar()}, elements.size());
                             for (idx_t i = 0; i < elements.size(); i++)
                               input.column(0).SetValue(i, elements[i]);
                             input.SetCardinality(elements.size());
                             ExpressionExecutor executor(*shared_mapped);
                             Vector result(shared_mapped->return_type, elements.size());
                             executor.ExecuteExpression(0, input, result);
                             for (idx_t i = 0; i < elements.size(); i++) {
                               auto item = result.GetValue(result.IsConstant() ? 0 : i);
                               items.push_back(ArrayItem(
                                   item.IsNull() ? item : CastValue(item, LogicalType::Varchar())));
                             }
                           }
                           return Text(ArrayText(items));
                         });
}

ExpressionPtr ExpressionBinder::BindCatalogCast(CastExpression& expr, ExpressionPtr child) {
  const std::string& type = expr.catalog_type;
  auto catalog = binder_.MakeSystemCatalog(false);
  bool from_text = IsUnknownLiteral(*child) || child->return_type.IsString();
  if (type == "regproc" || type == "regprocedure") {
    // Functions have no OIDs here: a regproc is the function's name.
    std::vector<ExpressionPtr> args;
    args.push_back(Coerce(ResolveUnknown(std::move(child)), LogicalType::Varchar()));
    return MakeRowFunction(type, std::move(args), LogicalType::Varchar(),
                           [](const std::vector<Value>& v) -> Value {
                             if (v[0].IsNull())
                               return NullText();
                             auto name = v[0].GetString();
                             auto paren = name.find('(');
                             if (paren != std::string::npos)
                               name = name.substr(0, paren);
                             auto dot = name.rfind('.');
                             return Text(dot == std::string::npos ? name : name.substr(dot + 1));
                           });
  }
  if (from_text) {
    child = ResolveUnknown(std::move(child));
    auto lookup = [catalog = std::shared_ptr<SystemCatalog>(std::move(catalog)),
                   type](const std::vector<Value>& v) -> Value {
      if (v[0].IsNull())
        return Value::Null(LogicalTypeId::kInteger);
      auto text = v[0].GetString();
      if (!text.empty() && text.find_first_not_of("0123456789") == std::string::npos)
        return Value::Integer(static_cast<int32_t>(std::stoll(text)));
      std::optional<uint32_t> oid;
      if (type == "regclass")
        oid = catalog->RelationOid(text);
      else if (type == "regtype")
        oid = catalog->TypeOid(text);
      else if (type == "regnamespace")
        oid = catalog->NamespaceOid(text);
      else
        oid = catalog->RoleOid(text);
      if (!oid) {
        if (type == "regclass")
          throw Exception(sqlstate::kUndefinedTable, "relation \"" + text + "\" does not exist");
        if (type == "regnamespace")
          throw Exception(sqlstate::kInvalidSchemaName, "schema \"" + text + "\" does not exist");
        if (type == "regtype")
          throw Exception(sqlstate::kUndefinedObject, "type \"" + text + "\" does not exist");
        throw Exception(sqlstate::kUndefinedObject, "role \"" + text + "\" does not exist");
      }
      return Value::Integer(static_cast<int32_t>(*oid));
    };
    std::vector<ExpressionPtr> args;
    args.push_back(Coerce(std::move(child), LogicalType::Varchar()));
    auto result = MakeRowFunction(type, std::move(args), LogicalTypeId::kInteger, lookup);
    if (result->IsFoldable())
      return MakeConstant(ExpressionExecutor::EvaluateConstant(*result));
    return result;
  }
  std::map<int64_t, std::string> names = type == "regclass"       ? catalog->RelationNames()
                                         : type == "regtype"      ? catalog->TypeNames()
                                         : type == "regnamespace" ? catalog->NamespaceNames()
                                                                  : catalog->RoleNames();
  std::vector<ExpressionPtr> args;
  args.push_back(Coerce(std::move(child), LogicalTypeId::kBigInt));
  return MakeRowFunction(type, std::move(args), LogicalType::Varchar(),
                         [names = std::move(names)](const std::vector<Value>& v) -> Value {
                           auto oid = AsInteger(v[0]);
                           if (!oid)
                             return NullText();
                           auto it = names.find(*oid);
                           if (it != names.end())
                             return Text(it->second);
                           return Text(*oid == 0 ? "-" : std::to_string(*oid));
                         });
}

ExpressionPtr ExpressionBinder::BindCatalogFunction(const std::string& name,
                                                    std::vector<ExpressionPtr>& args) {
  auto& context = binder_.context();
  size_t n = args.size();
  auto constant_text = [&](const std::string& s) { return MakeConstant(Text(s)); };
  if (n == 0) {
    if (name == "version") {
      return constant_text(
          "PostgreSQL 9.0.0 on x86_64-pc-linux-gnu, Tributary (Redshift-compatible warehouse)");
    }
    if (name == "current_database" || name == "current_catalog")
      return constant_text("dev");
    if (name == "current_user" || name == "user" || name == "current_role" ||
        name == "getpgusername")
      return constant_text(context.current_user);
    if (name == "session_user")
      return constant_text(context.session_user);
    if (name == "current_schema") {
      auto path = binder_.MakeSystemCatalog(false)->SearchPath();
      return path.empty() ? MakeConstant(NullText()) : constant_text(path[0]);
    }
    if (name == "pg_backend_pid")
      return MakeConstant(Value::Integer(context.session_id));
    if (name == "pg_is_in_recovery")
      return MakeConstant(Value::Boolean(false));
  }
  auto resolve_all = [&]() {
    for (auto& a : args)
      a = ResolveUnknown(std::move(a));
  };
  if (name == "current_schemas" && n == 1) {
    auto path = binder_.MakeSystemCatalog(false)->SearchPath();
    resolve_all();
    return MakeRowFunction(name, std::move(args), LogicalType::Varchar(),
                           [path](const std::vector<Value>& v) -> Value {
                             if (v[0].IsNull())
                               return NullText();
                             std::vector<std::string> items;
                             if (CastValue(v[0], LogicalTypeId::kBoolean).GetBool())
                               items.push_back("pg_catalog");
                             for (auto& p : path) {
                               if (p != "pg_catalog")
                                 items.push_back(p);
                             }
                             return Text(ArrayText(items));
                           });
  }
  if (name == "current_setting" && (n == 1 || n == 2)) {
    resolve_all();
    auto all = context.settings.All();
    return MakeRowFunction(
        name, std::move(args), LogicalType::Varchar(), [all](const std::vector<Value>& v) -> Value {
          if (v[0].IsNull())
            return NullText();
          auto setting = v[0].GetString();
          std::transform(setting.begin(), setting.end(), setting.begin(),
                         [](unsigned char c) { return std::tolower(c); });
          auto it = all.find(setting);
          if (it != all.end())
            return Text(it->second);
          if (setting == "server_version")
            return Text("9.0.0");
          if (v.size() == 2 && !v[1].IsNull() && CastValue(v[1], LogicalTypeId::kBoolean).GetBool())
            return NullText();
          throw Exception(sqlstate::kUndefinedObject,
                          "unrecognized configuration parameter \"" + v[0].GetString() + "\"");
        });
  }
  if (name == "pg_get_userbyid" && n == 1) {
    resolve_all();
    auto names = binder_.MakeSystemCatalog(false)->RoleNames();
    return MakeRowFunction(name, std::move(args), LogicalType::Varchar(),
                           [names](const std::vector<Value>& v) -> Value {
                             auto oid = AsInteger(v[0]);
                             if (!oid)
                               return NullText();
                             auto it = names.find(*oid);
                             return Text(it != names.end()
                                             ? it->second
                                             : "unknown (OID=" + std::to_string(*oid) + ")");
                           });
  }
  if (name == "pg_encoding_to_char" && n == 1) {
    resolve_all();
    return MakeRowFunction(name, std::move(args), LogicalType::Varchar(),
                           [](const std::vector<Value>& v) -> Value {
                             auto e = AsInteger(v[0]);
                             if (!e)
                               return NullText();
                             return Text(*e == 6 ? "UTF8" : *e == 0 ? "SQL_ASCII" : "");
                           });
  }
  if (name == "format_type" && n == 2) {
    resolve_all();
    return MakeRowFunction(
        name, std::move(args), LogicalType::Varchar(), [](const std::vector<Value>& v) -> Value {
          auto oid = AsInteger(v[0]);
          if (!oid)
            return NullText();
          auto mod = AsInteger(v[1]);
          return Text(SystemCatalog::FormatType(
              *oid, mod ? std::optional<int32_t>(static_cast<int32_t>(*mod)) : std::nullopt));
        });
  }
  if ((name == "pg_table_is_visible" || name == "pg_type_is_visible" ||
       name == "pg_function_is_visible") &&
      n == 1) {
    resolve_all();
    std::set<int64_t> visible;
    bool all = name == "pg_function_is_visible";
    if (name == "pg_table_is_visible") {
      for (auto oid : binder_.MakeSystemCatalog(false)->VisibleRelations())
        visible.insert(oid);
    } else if (name == "pg_type_is_visible") {
      for (auto& [oid, _] : binder_.MakeSystemCatalog(false)->TypeNames())
        visible.insert(oid);
    }
    return MakeRowFunction(name, std::move(args), LogicalTypeId::kBoolean,
                           [visible, all](const std::vector<Value>& v) -> Value {
                             auto oid = AsInteger(v[0]);
                             if (!oid)
                               return Value::Null(LogicalTypeId::kBoolean);
                             return Value::Boolean(all || visible.count(*oid) > 0);
                           });
  }
  if (name == "pg_get_expr" && (n == 2 || n == 3)) {
    // adbin holds the default's SQL text.
    resolve_all();
    return MakeRowFunction(
        name, std::move(args), LogicalType::Varchar(), [](const std::vector<Value>& v) -> Value {
          return v[0].IsNull() ? NullText() : CastValue(v[0], LogicalType::Varchar());
        });
  }
  // Views, declared constraints and their indexes print their definitions
  // (a view's SQL as stored; pg_get_viewdef also takes the view's name).
  // pg_get_indexdef(oid, column, pretty) with column > 0 gives that key
  // column's name.
  if ((name == "pg_get_viewdef" && (n == 1 || n == 2)) ||
      (name == "pg_get_constraintdef" && (n == 1 || n == 2)) ||
      (name == "pg_get_indexdef" && (n == 1 || n == 3))) {
    resolve_all();
    auto catalog = std::shared_ptr<SystemCatalog>(binder_.MakeSystemCatalog(false));
    return MakeRowFunction(
        name, std::move(args), LogicalType::Varchar(),
        [catalog, name](const std::vector<Value>& v) -> Value {
          if (v[0].IsNull())
            return NullText();
          std::optional<int64_t> oid = AsInteger(v[0]);
          if (!oid && name == "pg_get_viewdef") {
            auto relation =
                catalog->RelationOid(CastValue(v[0], LogicalType::Varchar()).GetString());
            if (!relation)
              throw Exception(sqlstate::kUndefinedTable,
                              "relation \"" + v[0].GetString() + "\" does not exist");
            oid = *relation;
          }
          if (!oid)
            return NullText();
          std::optional<std::string> definition;
          if (name == "pg_get_viewdef") {
            definition = catalog->ViewDefinition(*oid);
          } else if (name == "pg_get_constraintdef") {
            definition = catalog->ConstraintDefinition(*oid);
          } else {
            auto column = v.size() == 3 ? AsInteger(v[1]) : std::optional<int64_t>(0);
            for (auto& c : catalog->constraints()) {
              if (c.index_oid != *oid || !column || *column <= 0)
                continue;
              if (*column > static_cast<int64_t>(c.keys.size()))
                return Text("");
              auto& relation = catalog->relations()[c.relation];
              return Text(relation.columns[c.keys[*column - 1] - 1].name);
            }
            definition = catalog->IndexDefinition(*oid);
          }
          return definition ? Text(*definition) : NullText();
        });
  }
  // No comments, rules, triggers or user functions: their definitions and
  // descriptions are NULL.
  if ((name == "pg_get_triggerdef" && (n == 1 || n == 2)) ||
      (name == "pg_get_ruledef" && (n == 1 || n == 2)) ||
      (name == "pg_get_function_result" && n == 1) ||
      (name == "pg_get_function_arguments" && n == 1) ||
      (name == "pg_get_function_identity_arguments" && n == 1) ||
      (name == "obj_description" && (n == 1 || n == 2)) || (name == "col_description" && n == 2) ||
      (name == "shobj_description" && n == 2)) {
    resolve_all();
    return MakeRowFunction(name, std::move(args), LogicalType::Varchar(),
                           [](const std::vector<Value>&) -> Value { return NullText(); });
  }
  if ((name == "has_schema_privilege" || name == "has_table_privilege" ||
       name == "has_database_privilege" || name == "has_column_privilege" ||
       name == "has_any_column_privilege" || name == "has_function_privilege" ||
       name == "pg_has_role") &&
      n >= 2 && n <= 4) {
    resolve_all();
    ClientContext* ctx = &context;
    // has_column_privilege(table, column, privilege) has three arguments
    // without a user; the others name the user first when they have three.
    bool names_user = name == "has_column_privilege" ? n == 4 : n == 3;
    return MakeRowFunction(
        name, std::move(args), LogicalTypeId::kBoolean,
        [ctx, name, names_user](const std::vector<Value>& v) -> Value {
          for (auto& a : v) {
            if (a.IsNull())
              return Value::Null(LogicalTypeId::kBoolean);
          }
          std::string user =
              names_user ? CastValue(v[0], LogicalType::Varchar()).GetString() : ctx->current_user;
          // has_column_privilege: (user,) table, column, privilege.
          bool column_form = name == "has_column_privilege";
          size_t object_at = v.size() - (column_form ? 3 : 2);
          auto object = CastValue(v[object_at], LogicalType::Varchar());
          std::string column =
              column_form ? CastValue(v[v.size() - 2], LogicalType::Varchar()).GetString() : "";
          auto privilege = CastValue(v.back(), LogicalType::Varchar());
          return Value::Boolean(CatalogPrivilegeCheck(*ctx, name, user, object.GetString(), column,
                                                      privilege.GetString()));
        });
  }
  if (name == "array_to_string" && (n == 2 || n == 3)) {
    resolve_all();
    for (auto& a : args)
      a = Coerce(std::move(a), LogicalType::Varchar());
    return MakeRowFunction(name, std::move(args), LogicalType::Varchar(),
                           [](const std::vector<Value>& v) -> Value {
                             if (v[0].IsNull() || v[1].IsNull())
                               return NullText();
                             std::optional<std::string> null_text;
                             if (v.size() == 3 && !v[2].IsNull())
                               null_text = v[2].GetString();
                             return ArrayToString(v[0].GetString(), v[1].GetString(), null_text);
                           });
  }
  if (name == "array_subscript" && n == 2) {
    args[0] = Coerce(ResolveUnknown(std::move(args[0])), LogicalType::Varchar());
    args[1] = Coerce(ResolveUnknown(std::move(args[1])), LogicalTypeId::kBigInt);
    return MakeRowFunction(
        name, std::move(args), LogicalType::Varchar(), [](const std::vector<Value>& v) -> Value {
          auto index = AsInteger(v[1]);
          if (v[0].IsNull() || !index || *index < 1)
            return NullText();
          auto joined = ArrayToString(v[0].GetString(), std::string(1, '\0'), std::string(1, '\1'));
          auto text = joined.GetString();
          int64_t i = 1;
          size_t start = 0;
          while (i < *index) {
            auto next = text.find('\0', start);
            if (next == std::string::npos)
              return NullText();
            start = next + 1;
            i++;
          }
          auto end = text.find('\0', start);
          auto item =
              text.substr(start, end == std::string::npos ? std::string::npos : end - start);
          if (item == std::string(1, '\1') || (text.empty() && *index == 1))
            return NullText();
          return Text(item);
        });
  }
  if ((name == "pg_table_size" || name == "pg_relation_size" || name == "pg_total_relation_size" ||
       name == "pg_indexes_size") &&
      n >= 1 && n <= 2) {
    resolve_all();
    auto sizes = binder_.MakeSystemCatalog(false)->RelationSizes();
    bool indexes = name == "pg_indexes_size";
    return MakeRowFunction(name, std::move(args), LogicalTypeId::kBigInt,
                           [sizes, indexes](const std::vector<Value>& v) -> Value {
                             auto oid = AsInteger(v[0]);
                             auto it = oid ? sizes.find(*oid) : sizes.end();
                             if (it == sizes.end())
                               return Value::Null(LogicalTypeId::kBigInt);
                             return Value::BigInt(indexes ? 0 : it->second);
                           });
  }
  if (name == "pg_database_size" && n == 1) {
    resolve_all();
    int64_t total = 0;
    for (auto& [_, bytes] : binder_.MakeSystemCatalog(false)->RelationSizes())
      total += bytes;
    return MakeRowFunction(name, std::move(args), LogicalTypeId::kBigInt,
                           [total](const std::vector<Value>& v) -> Value {
                             if (v[0].IsNull())
                               return Value::Null(LogicalTypeId::kBigInt);
                             return Value::BigInt(total);
                           });
  }
  if (name == "pg_size_pretty" && n == 1) {
    // PostgreSQL's rounding: bytes below 10 kB, then kB, MB, ... rounded
    // half away from zero.
    args[0] = Coerce(ResolveUnknown(std::move(args[0])), LogicalTypeId::kBigInt);
    return MakeRowFunction(
        name, std::move(args), LogicalType::Varchar(), [](const std::vector<Value>& v) -> Value {
          auto size = AsInteger(v[0]);
          if (!size)
            return NullText();
          int64_t s = *size;
          const int64_t limit = 10 * 1024, limit2 = limit * 2 - 1;
          if (std::llabs(s) < limit)
            return Text(std::to_string(s) + " bytes");
          auto half_rounded = [](int64_t x) { return (x + (x < 0 ? -1 : 1)) / 2; };
          s >>= 9;
          for (const char* unit : {"kB", "MB", "GB", "TB"}) {
            if (std::llabs(s) < limit2 || std::string(unit) == "TB")
              return Text(std::to_string(half_rounded(s)) + " " + unit);
            s >>= 10;
          }
          return Text(std::to_string(half_rounded(s)) + " PB");
        });
  }
  // information_schema._pg_expandarray(a) in a select list becomes a join
  // with a's positions in the transformer (transform_expand_array.cpp):
  // tributary_array_element(a, n) is a's n-th element (1-based, whatever
  // the array's lower bound; int2vector's space-separated text too), and
  // the only composite values are _pg_expandarray's records, in text form
  // '(x,n)', which (record).x / (record).n read. Anywhere else the function
  // binds but raises 0A000 if a row reaches it.
  if (name == "tributary_array_element" && n == 2) {
    args[0] = Coerce(ResolveUnknown(std::move(args[0])), LogicalType::Varchar());
    args[1] = Coerce(ResolveUnknown(std::move(args[1])), LogicalTypeId::kBigInt);
    return MakeRowFunction(
        name, std::move(args), LogicalTypeId::kInteger, [](const std::vector<Value>& v) -> Value {
          auto index = AsInteger(v[1]);
          auto null = Value::Null(LogicalTypeId::kInteger);
          if (v[0].IsNull() || !index || *index < 1)
            return null;
          auto text = v[0].GetString();
          std::vector<Value> elements;
          if (!text.empty() && text.front() == '{') {
            elements = ArrayElements(text);
          } else {
            size_t start = 0;
            while (start < text.size()) {
              auto end = text.find(' ', start);
              if (end == std::string::npos)
                end = text.size();
              if (end > start)
                elements.push_back(Text(text.substr(start, end - start)));
              start = end + 1;
            }
          }
          if (*index > static_cast<int64_t>(elements.size()) || elements[*index - 1].IsNull())
            return null;
          auto element = AsInteger(elements[*index - 1]);
          return element ? Value::Integer(static_cast<int32_t>(*element)) : null;
        });
  }
  if (name == "tributary_field_select" && n == 2) {
    resolve_all();
    return MakeRowFunction(
        name, std::move(args), LogicalTypeId::kInteger, [](const std::vector<Value>& v) -> Value {
          auto null = Value::Null(LogicalTypeId::kInteger);
          if (v[0].IsNull() || v[1].IsNull())
            return null;
          auto record = CastValue(v[0], LogicalType::Varchar()).GetString();
          auto field = CastValue(v[1], LogicalType::Varchar()).GetString();
          auto comma = record.find(',');
          if (record.size() < 5 || record.front() != '(' || record.back() != ')' ||
              comma == std::string::npos || (field != "x" && field != "n")) {
            throw Exception(sqlstate::kFeatureNotSupported,
                            "field selection from a composite value is not supported");
          }
          auto part = field == "x" ? record.substr(1, comma - 1)
                                   : record.substr(comma + 1, record.size() - comma - 2);
          auto value = AsInteger(Text(part));
          return value ? Value::Integer(static_cast<int32_t>(*value)) : null;
        });
  }
  if (name == "_pg_expandarray" && n == 1) {
    resolve_all();
    return MakeRowFunction(
        name, std::move(args), LogicalType::Varchar(), [](const std::vector<Value>& v) -> Value {
          if (v[0].IsNull())
            return NullText();
          throw Exception(sqlstate::kFeatureNotSupported,
                          "information_schema._pg_expandarray (a set-returning function) is not "
                          "supported here: only in the select list of a query with FROM, on one "
                          "column");
        });
  }
  if (name == "to_regclass" && n == 1) {
    auto catalog = std::shared_ptr<SystemCatalog>(binder_.MakeSystemCatalog(false));
    resolve_all();
    return MakeRowFunction(name, std::move(args), LogicalTypeId::kInteger,
                           [catalog](const std::vector<Value>& v) -> Value {
                             if (v[0].IsNull())
                               return Value::Null(LogicalTypeId::kInteger);
                             auto oid = catalog->RelationOid(v[0].GetString());
                             return oid ? Value::Integer(static_cast<int32_t>(*oid))
                                        : Value::Null(LogicalTypeId::kInteger);
                           });
  }
  return nullptr;
}

}  // namespace tributary
