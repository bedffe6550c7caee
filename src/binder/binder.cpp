#include "binder/binder.h"

#include "binder/cte_registry.h"
#include "catalog/catalog.h"
#include "main/client_context.h"
#include "main/database.h"
#include "security/privilege_checker.h"

namespace tributary {

Binder::Binder(ClientContext& context, Binder* parent)
    : context_(context),
      parent_(parent),
      next_table_index_(parent ? parent->next_table_index_ : std::make_shared<idx_t>(0)),
      cte_registry_(parent ? parent->cte_registry_ : std::make_shared<CteRegistry>()),
      scan_sources_(parent ? parent->scan_sources_
                           : std::make_shared<std::unordered_map<idx_t, ScanSource>>()),
      view_state_(parent ? parent->view_state_ : std::make_shared<ViewBindingState>()) {
  if (parent)
    ctes_ = parent->ctes_;
}

idx_t Binder::GenerateTableIndex() {
  return (*next_table_index_)++;
}

std::string Binder::DefaultSchema() const {
  return Catalog::kDefaultSchema;
}

std::shared_ptr<TableCatalogEntry> Binder::GetTable(const std::string& schema,
                                                    const std::string& name, int location) {
  auto& catalog = context_.db.catalog();
  std::string schema_name = schema.empty() ? DefaultSchema() : schema;
  if (!schema.empty() && !catalog.GetSchema(schema)) {
    throw Exception(sqlstate::kInvalidSchemaName, "schema \"" + schema + "\" does not exist")
        .WithPosition(location);
  }
  auto schema_entry = catalog.GetSchema(schema_name);
  if (schema_entry && schema_entry->external) {
    throw Exception(sqlstate::kReadOnlySqlTransaction,
                    "cannot modify \"" + schema_name + "." + name +
                        "\": tables of external schemas are read-only");
  }
  auto entry = catalog.GetEntry(schema_name, name);
  if (entry && entry->type == CatalogType::kMaterializedView) {
    throw Exception(sqlstate::kWrongObjectType, "cannot change materialized view \"" + name + "\"")
        .WithPosition(location);
  }
  if (entry && entry->type == CatalogType::kView) {
    throw Exception(sqlstate::kFeatureNotSupported,
                    "cannot modify view \"" + name + "\": views are read-only")
        .WithHint("Write to the tables the view reads.")
        .WithPosition(location);
  }
  if (!entry || entry->type != CatalogType::kTable) {
    throw Exception(
        sqlstate::kUndefinedTable,
        "relation \"" + (schema.empty() ? name : schema + "." + name) + "\" does not exist")
        .WithPosition(location);
  }
  return std::static_pointer_cast<TableCatalogEntry>(entry);
}

void Binder::CheckPrivilege(const std::string& schema, const CatalogEntry& object,
                            Privilege privilege) {
  auto schema_entry = context_.db.catalog().GetSchema(schema);
  if (!schema_entry)
    return;
  PrivilegeChecker(context_.db.access_control(), context_.current_user)
      .RequireTable(*schema_entry, object, privilege);
}

const CommonTableExpression* Binder::FindCte(const std::string& name) const {
  auto it = ctes_.find(name);
  return it == ctes_.end() ? nullptr : it->second;
}

BoundStatement Binder::BindSelect(SelectStatement& statement) {
  return BindNode(*statement.node);
}

BoundStatement Binder::BindNode(QueryNode& node) {
  for (auto& cte : node.ctes) {
    if (node.recursive_ctes) {
      throw Exception(sqlstate::kFeatureNotSupported, "WITH RECURSIVE is not supported yet")
          .WithPosition(cte.location);
    }
    ctes_[cte.name] = &cte;
  }
  // The outermost query places the CTEs computed once (cte_registry.h).
  struct Depth {
    explicit Depth(CteRegistry& registry) : registry(registry) { registry.depth++; }
    ~Depth() { registry.depth--; }
    CteRegistry& registry;
  };
  BoundStatement result;
  {
    Depth depth(*cte_registry_);
    switch (node.type) {
      case QueryNodeType::kSelect:
        result = BindSelectNode(node.Cast<SelectNode>());
        break;
      case QueryNodeType::kSetOperation:
        result = BindSetOperation(node.Cast<SetOperationNode>());
        break;
      case QueryNodeType::kValues:
        result = BindValues(node.Cast<ValuesNode>());
        break;
    }
  }
  if (cte_registry_->depth == 0)
    result.plan = FinishCtes(std::move(result.plan));
  return result;
}

}  // namespace tributary
