// SystemTableBuilder: builds a SystemTable from a column list written as
// "name:pgtype name:pgtype ..." (PostgreSQL type names: oid, name, text, char
// for "char", bool, int2, int4, int8, float4, numeric, timestamp(tz), regproc,
// xid, arrays as "type[]", and information_schema's domains). Rows start with
// each column's default (0 for numbers and oids, false, NULL for text) and are
// filled by column name.
//
// Not thread-safe; one builder per table being computed.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "catalog/system_catalog.h"

namespace tributary {

class SystemTableBuilder {
 public:
  explicit SystemTableBuilder(const char* columns);

  // Starts a row of defaults.
  void AddRow();
  // Sets `column` of the last row; the value is cast to the column's type.
  void Set(const std::string& column, const Value& value);
  SystemTable Finish() { return std::move(table_); }

  const std::vector<std::string>& names() const { return table_.names; }
  const std::vector<LogicalType>& types() const { return table_.types; }
  const std::vector<uint32_t>& pg_type_oids() const { return pg_type_oids_; }

 private:
  SystemTable table_;
  std::vector<uint32_t> pg_type_oids_;
  std::vector<Value> defaults_;
  std::map<std::string, idx_t> index_;
};

}  // namespace tributary
