#include "main/foreign_key_references.h"

#include <algorithm>
#include <functional>

#include "catalog/catalog.h"
#include "catalog/table_catalog_entry.h"
#include "common/exception.h"
#include "main/client_context.h"
#include "main/database.h"
#include "transaction/transaction.h"

namespace tributary {

namespace {

bool References(const TableConstraint& c, const std::string& schema, const std::string& table) {
  return c.type == ConstraintType::kForeignKey && c.referenced_schema == schema &&
         c.referenced_table == table;
}

// Calls `change` on a copy of every other table with a foreign key to
// schema.table and installs the copies that `change` modified.
void ChangeReferencing(ClientContext& context, const std::string& schema, const std::string& table,
                       const std::function<bool(const std::string&, TableCatalogEntry&)>& change) {
  auto& catalog = context.db.catalog();
  for (auto& schema_name : catalog.SchemaNames()) {
    for (auto& entry : catalog.Entries(schema_name)) {
      if (entry->type != CatalogType::kTable || (schema_name == schema && entry->name == table))
        continue;
      auto& current = entry->Cast<TableCatalogEntry>();
      if (std::none_of(current.constraints.begin(), current.constraints.end(),
                       [&](const TableConstraint& c) { return References(c, schema, table); }))
        continue;
      auto copy = std::make_shared<TableCatalogEntry>(current);
      if (!change(schema_name, *copy))
        continue;
      context.transaction->RecordReplaceEntry(
          schema_name, catalog.ReplaceEntry(schema_name, current, copy), copy);
    }
  }
}

}  // namespace

void ForeignKeyReferences::OnDropTable(
    ClientContext& context, const std::string& schema, const std::string& table, bool cascade,
    const std::vector<std::pair<std::string, std::string>>& dropped_together,
    std::vector<std::string>& notices) {
  ChangeReferencing(context, schema, table, [&](const std::string& owner, TableCatalogEntry& t) {
    if (std::find(dropped_together.begin(), dropped_together.end(),
                  std::make_pair(owner, t.name)) != dropped_together.end())
      return false;
    auto& constraints = t.constraints;
    for (auto& c : constraints) {
      if (!References(c, schema, table))
        continue;
      std::string what = "constraint " + c.name + " on table " +
                         (owner == Catalog::kDefaultSchema ? "" : owner + ".") + t.name;
      if (!cascade) {
        throw Exception(sqlstate::kDependentObjectsStillExist,
                        "cannot drop table " + table + " because other objects depend on it")
            .WithDetail(what + " depends on table " + table)
            .WithHint("Use DROP ... CASCADE to drop the dependent objects too.");
      }
      notices.push_back("drop cascades to " + what);
    }
    constraints.erase(
        std::remove_if(constraints.begin(), constraints.end(),
                       [&](const TableConstraint& c) { return References(c, schema, table); }),
        constraints.end());
    return true;
  });
}

void ForeignKeyReferences::OnDropColumn(ClientContext& context, const std::string& schema,
                                        const std::string& table, const std::string& column,
                                        bool cascade, std::vector<std::string>& notices) {
  auto uses = [&](const TableConstraint& c) {
    return References(c, schema, table) &&
           std::count(c.referenced_columns.begin(), c.referenced_columns.end(), column) > 0;
  };
  ChangeReferencing(context, schema, table, [&](const std::string& owner, TableCatalogEntry& t) {
    auto& constraints = t.constraints;
    if (std::none_of(constraints.begin(), constraints.end(), uses))
      return false;
    for (auto& c : constraints) {
      if (!uses(c))
        continue;
      std::string what = "constraint " + c.name + " on table " +
                         (owner == Catalog::kDefaultSchema ? "" : owner + ".") + t.name;
      if (!cascade) {
        throw Exception(sqlstate::kDependentObjectsStillExist,
                        "cannot drop column " + column + " of table " + table +
                            " because other objects depend on it")
            .WithDetail(what + " depends on column " + column + " of table " + table)
            .WithHint("Use DROP ... CASCADE to drop the dependent objects too.");
      }
      notices.push_back("drop cascades to " + what);
    }
    constraints.erase(std::remove_if(constraints.begin(), constraints.end(), uses),
                      constraints.end());
    return true;
  });
}

void ForeignKeyReferences::OnRenameTable(ClientContext& context, const std::string& schema,
                                         const std::string& table, const std::string& new_table) {
  ChangeReferencing(context, schema, table, [&](const std::string&, TableCatalogEntry& t) {
    for (auto& c : t.constraints) {
      if (References(c, schema, table))
        c.referenced_table = new_table;
    }
    return true;
  });
}

void ForeignKeyReferences::OnRenameColumn(ClientContext& context, const std::string& schema,
                                          const std::string& table, const std::string& column,
                                          const std::string& new_column) {
  ChangeReferencing(context, schema, table, [&](const std::string&, TableCatalogEntry& t) {
    bool changed = false;
    for (auto& c : t.constraints) {
      if (!References(c, schema, table))
        continue;
      for (auto& name : c.referenced_columns) {
        if (name == column) {
          name = new_column;
          changed = true;
        }
      }
    }
    return changed;
  });
}

}  // namespace tributary
