// MySqlRowDecoder: decodes rows of a MySQL text-protocol result (as
// mysql_fetch_row gives them: one pointer and length per field, NULL as a
// null pointer) straight into a DataChunk's vectors. The type dispatch is
// done once, when the decoder is built: each column gets its function.
//
// Value rules (REDSHIFT.md): a zero DATE/DATETIME/TIMESTAMP
// ('0000-00-00...') reads as NULL; a date with only some zero parts is an
// error (22008), as is a TIME outside 00:00:00..24:00:00; TINYINT(1) reads
// 0 as false and anything else as true.
//
// Not thread-safe; one per scanning thread.
#pragma once

#include <string>
#include <vector>

#include "connector/mysql/mysql_catalog.h"
#include "vector/data_chunk.h"

namespace tributary {

class MySqlRowDecoder {
 public:
  struct Column {
    std::string name;  // for messages
    LogicalType type;
    MySqlWireKind wire = MySqlWireKind::kPlain;
  };
  explicit MySqlRowDecoder(std::vector<Column> columns);

  // Writes row `row` of `out` from the fields. Throws on a value the
  // warehouse type cannot hold.
  void Decode(char** fields, const unsigned long* lengths, DataChunk& out, idx_t row) const {
    for (idx_t c = 0; c < columns_.size(); c++) {
      Vector& vector = out.column(c);
      if (!fields[c]) {
        vector.SetNull(row);
        continue;
      }
      vector.validity().SetValid(row);
      decoders_[c](std::string_view(fields[c], lengths[c]), vector, row, columns_[c]);
    }
  }

  idx_t column_count() const { return columns_.size(); }

 private:
  using DecodeFunction = void (*)(std::string_view, Vector&, idx_t, const Column&);
  std::vector<Column> columns_;
  std::vector<DecodeFunction> decoders_;
};

}  // namespace tributary
