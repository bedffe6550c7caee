// PreparedStatement and Portal: the named objects of the extended query
// protocol. Parse creates a PreparedStatement (the text and the parameter
// types the client declared); Bind creates a Portal (a statement plus
// parameter values and result formats); Execute runs a portal, possibly in
// several steps when the client limits the rows per Execute.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "main/parameter_value.h"
#include "main/query_result.h"

namespace tributary {

struct PreparedStatement {
  std::string sql;
  // One OID per parameter, $1 first; 0 = the client left it untyped.
  // Covers the declared types and every $n the text uses.
  std::vector<int32_t> parameter_types;
  // False when the text holds no statement (Execute answers
  // EmptyQueryResponse).
  bool has_statement = true;

  // Parses `sql` to check it (throws its syntax error, or 42601 for more
  // than one statement) and counts its parameters.
  static PreparedStatement Create(std::string sql, std::vector<int32_t> declared_types);
};

struct Portal {
  std::shared_ptr<const PreparedStatement> statement;
  std::vector<ParameterValue> parameters;
  // 0 = text, 1 = binary; empty = all text, one entry = for every column.
  std::vector<int16_t> result_formats;

  // Filled by the first Describe or Execute; later Executes continue from
  // (chunk, row).
  std::unique_ptr<QueryResult> result;
  size_t chunk = 0;
  size_t row = 0;
  bool complete = false;

  bool BinaryColumn(size_t column) const {
    if (result_formats.empty())
      return false;
    return (result_formats.size() == 1 ? result_formats[0] : result_formats[column]) == 1;
  }
};

}  // namespace tributary
