// TableConstraintBuilder: CREATE TABLE's declared PRIMARY KEY / UNIQUE /
// FOREIGN KEY constraints -> the TableConstraints the catalog stores
// (informational, as in Redshift: never enforced). Checks what PostgreSQL
// checks when it creates them and names unnamed ones as PostgreSQL does
// (t_pkey, t_a_b_key, t_a_fkey; a digit is appended when the name is taken
// in the schema).
#pragma once

#include <string>
#include <vector>

#include "catalog/column_definition.h"
#include "catalog/table_constraint.h"

namespace tributary {

class Catalog;

class TableConstraintBuilder {
 public:
  // Throws 42703 for a key column the table lacks (or a referenced column
  // the referenced table lacks), 42P16 for a second primary key, 42P01 for
  // a missing referenced table, 42830 when the referenced columns are no
  // primary key or unique constraint of it (or it has no primary key), 42830
  // when the numbers of referencing and referenced columns differ, and 42P07
  // for a name already used in the schema.
  static std::vector<TableConstraint> Build(const Catalog& catalog, const std::string& schema,
                                            const std::string& table,
                                            const std::vector<ColumnDefinition>& columns,
                                            std::vector<TableConstraint> declared);
};

}  // namespace tributary
