// TableConstraint: a PRIMARY KEY, UNIQUE or FOREIGN KEY constraint declared
// on a table. As in Redshift they are informational: stored, persisted and
// shown by the catalogs (pg_constraint, pg_index, psql's \d, JDBC's
// getPrimaryKeys), never enforced; the optimizer may not rely on them.
#pragma once

#include <string>
#include <vector>

namespace tributary {

enum class ConstraintType : uint8_t { kPrimaryKey, kUnique, kForeignKey };

struct TableConstraint {
  ConstraintType type = ConstraintType::kPrimaryKey;
  // As declared, or PostgreSQL's generated name (t_pkey, t_a_key, t_a_fkey).
  std::string name;
  std::vector<std::string> columns;
  // Foreign keys: the referenced table (schema resolved at CREATE) and its
  // columns (the referenced table's primary key when none were written).
  std::string referenced_schema;
  std::string referenced_table;
  std::vector<std::string> referenced_columns;
};

}  // namespace tributary
