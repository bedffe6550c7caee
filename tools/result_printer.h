// ResultPrinter: psql's output formats for a QueryResult.
//   aligned   - header centered, ` | ` separators, numbers right-aligned,
//               `(N rows)` footer (psql's default)
//   unaligned - fields joined by a separator (-A, -F)
//   csv       - RFC 4180, header line, NULL as empty (--csv)
// `tuples_only` (-t) drops header and footer.
#pragma once

#include <ostream>
#include <string>

#include "main/query_result.h"

namespace tributary {

struct PrintOptions {
  enum class Format { kAligned, kUnaligned, kCsv } format = Format::kAligned;
  bool tuples_only = false;
  std::string field_separator = "|";
  std::string null_string;
};

void PrintResult(const QueryResult& result, const PrintOptions& options, std::ostream& out);

// Display width of a UTF-8 string (code points; good enough for psql parity
// on non-wide scripts).
size_t DisplayWidth(const std::string& s);

}  // namespace tributary
