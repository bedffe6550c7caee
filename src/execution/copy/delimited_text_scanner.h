// DelimitedTextScanner: splits COPY input (text or CSV) into records and
// fields, a batch of up to kVectorSize records at a time, without copying
// fields that need no unescaping. Fields point into the input (or into the
// batch's arena when quotes or escapes had to be removed).
//
// Parallel loads cut the input into ranges with SplitPoints, each a whole
// number of records, and scan them independently.
//
// Thread-safety: a scanner is immutable after construction; Read may run
// on many threads at once, each with its own TextBatch.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/copy_options.h"
#include "vector/string_heap.h"

namespace tributary {

// A field as written in the input (for NULL matching and errors).
struct RawField {
  const char* data = nullptr;
  uint32_t size = 0;
};

// 16 bytes: a batch's fields stay in cache between the scan and the
// decoders. The field as written is the same bytes unless `own_raw`, when
// the batch keeps it aside (quotes or escapes were removed).
struct TextField {
  const char* data = nullptr;
  uint32_t size = 0;
  bool quoted = false;   // CSV: the field had quotes ("" is then not NULL)
  bool missing = false;  // FILLRECORD: absent from the record (NULL)
  bool own_raw = false;  // the raw bytes differ from data (TextBatch::Raw)
};

// A problem with a whole record (wrong number of fields, bad quoting).
struct RecordProblem {
  idx_t row;
  const char* sql_state;
  std::string message;
  idx_t column;  // the column it concerns (kInvalidIndex: none)
};

struct TextBatch {
  idx_t rows = 0;
  idx_t columns = 0;
  // kVectorSize * columns, column-major: decoders read a column's fields
  // in sequence.
  std::vector<TextField> fields;
  std::vector<idx_t> record;                // each row's record number in its range (0-based)
  std::vector<idx_t> line_begin, line_end;  // each row's bytes in the input
  std::vector<uint8_t> ok;                  // cleared for rows that failed
  std::vector<RecordProblem> problems;
  std::unique_ptr<StringHeap> arena;

  // Raw bytes of fields whose own_raw is set (same layout as fields,
  // sized on first use).
  std::vector<RawField> raws;

  void Reset(idx_t column_count);
  const TextField& Field(idx_t row, idx_t column) const {
    return fields[column * kVectorSize + row];
  }
  // The field as written in the input.
  RawField Raw(idx_t row, idx_t column) const {
    const TextField& f = Field(row, column);
    return f.own_raw ? raws[column * kVectorSize + row] : RawField{f.data, f.size};
  }
};

class DelimitedTextScanner {
 public:
  DelimitedTextScanner(std::string_view data, const CopyOptions& options,
                       std::vector<std::string> column_names);

  // Offset just past the first `lines` records from `begin` (a header).
  idx_t SkipRecords(idx_t begin, idx_t lines) const;
  // Up to `parts` range starts in [begin, data.size()), the first being
  // `begin`; each is the start of a record. CSV with quotes is scanned
  // once from the start to know which newlines end records; CSV whose
  // escape differs from its quote is not split.
  std::vector<idx_t> SplitPoints(idx_t begin, idx_t parts) const;
  // Reads records from `pos` (advanced past them) until `end` or a full
  // batch; `record` is the number of records already read in this range
  // and is advanced too.
  void Read(idx_t& pos, idx_t end, idx_t& record, TextBatch& batch) const;

  // Reads every field with the byte-at-a-time reader (tests compare the
  // block-wise text path against it).
  void DisableFastPathForTesting();

 private:
  // Reads one field starting at p; returns the position of the character
  // that ended it (delimiter, newline or end).
  const char* ReadField(const char* p, const char* end, TextField& field, RawField& raw,
                        StringHeap& arena, bool& unterminated) const;
  // ReadField into field `column` of row `row` of `batch`, keeping its raw
  // bytes aside when they differ.
  const char* ReadFullField(const char* p, const char* end, TextBatch& batch, idx_t row,
                            idx_t column, TextField& field, bool& unterminated) const;
  // Position after the newline that ends the record starting at p.
  const char* RecordEnd(const char* p, const char* end) const;

  std::string_view data_;
  CopyOptions options_;
  std::vector<std::string> names_;
  bool csv_;
  // Text format: the bytes that may end an unquoted field (delimiter,
  // newline, carriage return, backslash when escapes are on), so the scan
  // of a field is one table lookup per byte.
  bool stops_[256] = {};
  // Text format without REMOVEQUOTES and with an ordinary delimiter: fields
  // are found by StopByteCursor, 64 bytes at a time.
  bool fast_text_ = false;
};

}  // namespace tributary
