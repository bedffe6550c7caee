// CopyStatement: COPY table [(columns)] FROM 'file', COPY table|(query) TO
// 'file', and Redshift's UNLOAD ('query') TO 'prefix'. Parsed by CopyParser.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/copy_options.h"
#include "parser/statement/sql_statement.h"

namespace tributary {

class CopyStatement : public SQLStatement {
 public:
  enum class Direction : uint8_t { kFrom, kTo, kUnload };
  CopyStatement() : SQLStatement(StatementType::kCopy) {}

  Direction direction = Direction::kFrom;
  // The table (empty when a query is copied out).
  std::string schema, table;
  std::vector<std::string> columns;
  // COPY (query) TO and UNLOAD.
  std::unique_ptr<SelectStatement> query;
  // A local file (COPY), or a path prefix (UNLOAD); empty with STDIN/STDOUT.
  std::string path;
  bool stdio = false;
  CopyOptions options;
  // PostgreSQL's FORCE_NOT_NULL / FORCE_NULL (CSV, COPY FROM): columns whose
  // values are never / also when quoted matched against the NULL string.
  std::vector<std::string> force_not_null, force_null;
};

}  // namespace tributary
