// RemoteTable: a table (or view) of an external schema, as the source
// describes it: remote names, and per column the warehouse type and how the
// column is read (binary as is, or cast to text remotely).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "catalog/external_schema_definition.h"
#include "types/logical_type.h"

namespace tributary {

// A column's statistics as the source's pg_stats shows them (after ANALYZE);
// values are in PostgreSQL's text form. Used only for estimates.
struct RemoteColumnStats {
  bool analyzed = false;
  double null_frac = 0;
  // > 0: distinct values; < 0: minus the fraction of rows that are distinct.
  double n_distinct = 0;
  // n_distinct as a count of values (0: unknown).
  double distinct = 0;
  std::vector<std::string> most_common_values;
  std::vector<double> most_common_freqs;
  std::vector<std::string> histogram_bounds;
};

struct RemoteColumn {
  std::string name;           // remote name (exact case)
  std::string local_name;     // name in the warehouse (folded unless case-sensitive)
  std::string remote_type;    // format_type() text, for SVV_EXTERNAL_COLUMNS
  LogicalType type;           // warehouse type
  bool read_as_text = false;  // sent as ::text (types without a binary mapping)
  // Cast applied in the remote SELECT (e.g. "int4", "numeric(15,2)", "text").
  std::string wire_cast;
  bool nullable = true;
  // False under a nondeterministic collation (pg_collation.
  // collisdeterministic; ICU ones created with deterministic = false):
  // string equality is then not pushed down as is.
  bool deterministic_collation = true;
  // The collation orders strings bytewise as we do: "C" or "POSIX" (also
  // as the database default) in a UTF8 or SQL_ASCII database. Otherwise
  // string ordering is pushed only with an explicit COLLATE "C".
  bool bytewise_collation = false;
  // The database's encoding is UTF8 or SQL_ASCII: under COLLATE "C" its
  // strings order bytewise as ours do (false: no string ordering pushed).
  bool utf8 = true;
  RemoteColumnStats stats;
  // The first column of a valid btree index: key lookups on it are cheap.
  bool indexed = false;
};

struct RemoteTable {
  std::shared_ptr<const ExternalSchemaDefinition> schema;
  std::string remote_schema;
  std::string remote_name;
  std::string local_name;
  std::vector<RemoteColumn> columns;
  // pg_class.reltuples, or n_live_tup when the table was never analyzed.
  double estimated_rows = 0;
  int64_t pages = 0;   // pg_class.relpages
  char relkind = 'r';  // pg_class.relkind: r, v, m, p or f
};

}  // namespace tributary
