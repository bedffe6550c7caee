// SystemCatalog: the declared constraints as pg_constraint / pg_index see
// them, and the definitions pg_get_viewdef, pg_get_constraintdef and
// pg_get_indexdef print.
//
// Constraint and index OIDs are derived from the table's OID and the
// constraint's position, so they are stable while the table lives (clients
// read an OID in one query and use it in the next).
#include "catalog/system_catalog.h"
#include "catalog/table_catalog_entry.h"
#include "catalog/view_catalog_entry.h"

namespace tributary {

namespace {

constexpr int64_t kConstraintOidBase = 1500000000;
constexpr size_t kMaxConstraintsPerTable = 16;

// PostgreSQL's quote_ident for what we print: plain when lower-case
// letters, digits and underscores not starting with a digit.
std::string QuoteName(const std::string& name) {
  bool plain = !name.empty() && !(name[0] >= '0' && name[0] <= '9');
  for (char c : name)
    plain = plain && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
  if (plain)
    return name;
  std::string out = "\"";
  for (char c : name) {
    if (c == '"')
      out += '"';
    out += c;
  }
  return out + "\"";
}

std::string NameList(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); i++)
    out += (i ? ", " : "") + QuoteName(names[i]);
  return out;
}

std::vector<int16_t> AttNums(const SystemCatalog::Relation& relation,
                             const std::vector<std::string>& columns) {
  std::vector<int16_t> result;
  for (auto& name : columns) {
    for (size_t i = 0; i < relation.columns.size(); i++) {
      if (relation.columns[i].name == name)
        result.push_back(static_cast<int16_t>(i + 1));
    }
  }
  return result;
}

}  // namespace

void SystemCatalog::BuildConstraints() {
  for (idx_t r = 0; r < relations_.size(); r++) {
    auto& relation = relations_[r];
    if (!relation.table)
      continue;
    auto& declared = relation.table->constraints;
    for (size_t i = 0; i < declared.size() && i < kMaxConstraintsPerTable; i++) {
      Constraint c;
      c.oid = static_cast<uint32_t>(kConstraintOidBase + int64_t(relation.oid) * 32 + 2 * i);
      if (declared[i].type != ConstraintType::kForeignKey)
        c.index_oid = c.oid + 1;
      c.relation = r;
      c.definition = &declared[i];
      c.keys = AttNums(relation, declared[i].columns);
      constraints_.push_back(std::move(c));
    }
  }
  // Foreign keys name their referenced table's key and its index.
  for (auto& c : constraints_) {
    if (c.definition->type != ConstraintType::kForeignKey)
      continue;
    for (idx_t r = 0; r < relations_.size(); r++) {
      auto& target = relations_[r];
      if (!target.table || target.schema != c.definition->referenced_schema ||
          target.name != c.definition->referenced_table)
        continue;
      c.referenced_oid = target.oid;
      c.referenced_keys = AttNums(target, c.definition->referenced_columns);
      for (auto& key : constraints_) {
        if (key.relation == r && key.index_oid && key.keys == c.referenced_keys)
          c.referenced_index_oid = key.index_oid;
      }
    }
  }
}

const SystemCatalog::Relation* SystemCatalog::FindRelation(int64_t oid) const {
  for (auto& r : relations_) {
    if (r.oid == oid)
      return &r;
  }
  return nullptr;
}

std::optional<std::string> SystemCatalog::ViewDefinition(int64_t oid) const {
  auto* relation = FindRelation(oid);
  if (!relation || !relation->view)
    return std::nullopt;
  return relation->view->sql;
}

std::optional<std::string> SystemCatalog::ConstraintDefinition(int64_t oid) const {
  for (auto& c : constraints_) {
    if (c.oid != oid)
      continue;
    auto& d = *c.definition;
    switch (d.type) {
      case ConstraintType::kPrimaryKey:
        return "PRIMARY KEY (" + NameList(d.columns) + ")";
      case ConstraintType::kUnique:
        return "UNIQUE (" + NameList(d.columns) + ")";
      case ConstraintType::kForeignKey: {
        std::string target = QuoteName(d.referenced_table);
        if (c.referenced_oid) {
          auto names = RelationNames();
          target = names[c.referenced_oid];
        } else {
          target = QuoteName(d.referenced_schema) + "." + target;
        }
        return "FOREIGN KEY (" + NameList(d.columns) + ") REFERENCES " + target + "(" +
               NameList(d.referenced_columns) + ")";
      }
    }
  }
  return std::nullopt;
}

std::optional<std::string> SystemCatalog::IndexDefinition(int64_t oid) const {
  for (auto& c : constraints_) {
    if (c.index_oid == 0 || c.index_oid != oid)
      continue;
    auto& relation = relations_[c.relation];
    return "CREATE UNIQUE INDEX " + QuoteName(c.definition->name) + " ON " +
           QuoteName(relation.schema) + "." + QuoteName(relation.name) + " USING btree (" +
           NameList(c.definition->columns) + ")";
  }
  return std::nullopt;
}

}  // namespace tributary
