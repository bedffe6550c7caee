#include "main/table_constraint_builder.h"

#include <algorithm>
#include <set>

#include "catalog/catalog.h"
#include "catalog/table_catalog_entry.h"
#include "common/exception.h"

namespace tributary {

namespace {

constexpr const char* kInvalidForeignKey = "42830";

bool HasColumn(const std::vector<ColumnDefinition>& columns, const std::string& name) {
  return std::any_of(columns.begin(), columns.end(),
                     [&](const ColumnDefinition& c) { return c.name == name; });
}

bool SameColumns(std::vector<std::string> a, std::vector<std::string> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

// PostgreSQL's ChooseConstraintName: table_col1_col2_label, names cut to
// 63 bytes, then a number appended until the name is free.
std::string ChooseName(const std::string& table, const std::vector<std::string>& columns,
                       const std::string& label, const std::set<std::string>& taken) {
  std::string base = table;
  for (auto& c : columns)
    base += "_" + c;
  for (int n = 0;; n++) {
    std::string suffix = "_" + label + (n ? std::to_string(n) : "");
    std::string name = base.substr(0, 63 - suffix.size()) + suffix;
    if (!taken.count(name))
      return name;
  }
}

}  // namespace

std::vector<TableConstraint> TableConstraintBuilder::Build(
    const Catalog& catalog, const std::string& schema, const std::string& table,
    const std::vector<ColumnDefinition>& columns, std::vector<TableConstraint> declared) {
  // Relation and constraint names already used in the schema.
  std::set<std::string> taken;
  for (auto& entry : catalog.SchemaEntries(schema)) {
    taken.insert(entry->name);
    if (entry->type == CatalogType::kTable) {
      for (auto& c : entry->Cast<TableCatalogEntry>().constraints)
        taken.insert(c.name);
    }
  }
  if (taken.count(table)) {
    // An index (a PRIMARY KEY's or UNIQUE's) is a relation of the schema.
    throw Exception(sqlstate::kDuplicateTable, "relation \"" + table + "\" already exists");
  }
  taken.insert(table);
  // PostgreSQL keeps one of several identical keys (a primary key when one
  // of them is).
  for (size_t i = 0; i < declared.size(); i++) {
    if (declared[i].type == ConstraintType::kForeignKey)
      continue;
    for (size_t j = i + 1; j < declared.size();) {
      if (declared[j].type != ConstraintType::kForeignKey &&
          declared[j].columns == declared[i].columns) {
        if (declared[j].type == ConstraintType::kPrimaryKey)
          declared[i].type = ConstraintType::kPrimaryKey;
        if (declared[i].name.empty())
          declared[i].name = declared[j].name;
        declared.erase(declared.begin() + j);
      } else {
        j++;
      }
    }
  }
  bool primary = false;
  for (auto& c : declared) {
    for (auto& column : c.columns) {
      if (!HasColumn(columns, column)) {
        throw Exception(sqlstate::kUndefinedColumn,
                        "column \"" + column + "\" named in key does not exist");
      }
    }
    if (c.type == ConstraintType::kPrimaryKey) {
      if (primary) {
        throw Exception(sqlstate::kInvalidTableDefinition,
                        "multiple primary keys for table \"" + table + "\" are not allowed");
      }
      primary = true;
    }
  }
  for (auto& c : declared) {
    if (c.type != ConstraintType::kForeignKey)
      continue;
    bool self = c.referenced_table == table &&
                (c.referenced_schema.empty() || c.referenced_schema == schema);
    if (c.referenced_schema.empty())
      c.referenced_schema = self ? schema : Catalog::kDefaultSchema;
    // The referenced table's columns and keys (this table's own for a
    // self-reference).
    std::vector<ColumnDefinition> target_columns = columns;
    std::vector<TableConstraint> target_keys = declared;
    if (!self) {
      auto entry = catalog.GetSchema(c.referenced_schema)
                       ? catalog.GetEntry(c.referenced_schema, c.referenced_table)
                       : nullptr;
      if (!entry || entry->type != CatalogType::kTable) {
        throw Exception(sqlstate::kUndefinedTable,
                        "relation \"" + c.referenced_table + "\" does not exist");
      }
      auto& target = entry->Cast<TableCatalogEntry>();
      target_columns = target.columns;
      target_keys = target.constraints;
    }
    if (c.referenced_columns.empty()) {
      for (auto& key : target_keys) {
        if (key.type == ConstraintType::kPrimaryKey)
          c.referenced_columns = key.columns;
      }
      if (c.referenced_columns.empty()) {
        throw Exception(kInvalidForeignKey, "there is no primary key for referenced table \"" +
                                                c.referenced_table + "\"");
      }
    }
    for (auto& column : c.referenced_columns) {
      if (!HasColumn(target_columns, column)) {
        throw Exception(
            sqlstate::kUndefinedColumn,
            "column \"" + column + "\" referenced in foreign key constraint does not exist");
      }
    }
    if (c.referenced_columns.size() != c.columns.size()) {
      throw Exception(kInvalidForeignKey,
                      "number of referencing and referenced columns for foreign key disagree");
    }
    bool matches =
        std::any_of(target_keys.begin(), target_keys.end(), [&](const TableConstraint& k) {
          return k.type != ConstraintType::kForeignKey &&
                 SameColumns(k.columns, c.referenced_columns);
        });
    if (!matches) {
      throw Exception(kInvalidForeignKey,
                      "there is no unique constraint matching given keys for referenced table \"" +
                          c.referenced_table + "\"");
    }
  }
  // Named ones first, so a generated name never takes a declared one.
  for (auto& c : declared) {
    if (c.name.empty())
      continue;
    if (taken.count(c.name)) {
      if (c.type == ConstraintType::kForeignKey) {
        throw Exception(
            sqlstate::kDuplicateObject,
            "constraint \"" + c.name + "\" for relation \"" + table + "\" already exists");
      }
      throw Exception(sqlstate::kDuplicateTable, "relation \"" + c.name + "\" already exists");
    }
    taken.insert(c.name);
  }
  for (auto& c : declared) {
    if (!c.name.empty())
      continue;
    if (c.type == ConstraintType::kPrimaryKey)
      c.name = ChooseName(table, {}, "pkey", taken);
    else if (c.type == ConstraintType::kUnique)
      c.name = ChooseName(table, c.columns, "key", taken);
    else
      c.name = ChooseName(table, c.columns, "fkey", taken);
    taken.insert(c.name);
  }
  return declared;
}

}  // namespace tributary
