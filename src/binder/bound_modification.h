// BoundModification: a bound DELETE or UPDATE. `query` produces the target
// rows' ids (BIGINT, see kRowIdColumn) and, for UPDATE, every column's new
// value in table order (as an INSERT's values: strings unbounded, the
// length checked when stored). A row may appear more than once (UPDATE ...
// FROM with several matches); it is changed once.
#pragma once

#include <memory>

#include "binder/bound_statement.h"
#include "catalog/table_catalog_entry.h"

namespace tributary {

struct BoundModification {
  BoundStatement query;
  std::shared_ptr<TableCatalogEntry> table;
};

}  // namespace tributary
