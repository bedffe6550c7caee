// DelimitedTextWriter: formats rows as COPY TO / UNLOAD text or CSV, with
// PostgreSQL's output rules: text format escapes backslash, newline,
// carriage return, tab and the delimiter with backslashes (Redshift's
// UNLOAD only with ESCAPE); CSV quotes a value that holds the delimiter,
// the quote, a newline or carriage return, or equals the NULL string.
// Values are printed in PostgreSQL's text form.
//
// Immutable after construction; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "common/copy_options.h"
#include "vector/data_chunk.h"

namespace tributary {

class DelimitedTextWriter {
 public:
  explicit DelimitedTextWriter(const CopyOptions& options) : options_(options) {}

  // Appends the header line (column names) to `out`.
  void WriteHeader(const std::vector<std::string>& names, std::string& out) const;
  // Appends rows [0, count) of `columns` of `chunk` to `out`.
  void WriteRows(const DataChunk& chunk, const std::vector<idx_t>& columns, idx_t count,
                 std::string& out) const;

 private:
  void WriteValue(std::string_view text, std::string& out) const;

  CopyOptions options_;
};

}  // namespace tributary
