// TextFieldDecoder: turns one column of a TextBatch into a typed Vector, with
// PostgreSQL's input rules and error messages (22P02 bad syntax, 22003 out
// of range, 22007/22008 bad dates, 22001 too long, 22021 bad UTF-8, 23502
// NULL in a NOT NULL column). Common forms (plain integers, decimals,
// ISO dates, strings) are parsed inline; anything else goes through the
// engine's text casts, so every form a cast accepts loads too.
//
// Type dispatch happens once per column and batch. Immutable after
// construction; thread-safe.
#pragma once

#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "common/copy_options.h"
#include "execution/copy/date_time_format.h"
#include "execution/copy/delimited_text_scanner.h"
#include "types/logical_type.h"
#include "vector/vector.h"

namespace tributary {

// A field that could not be loaded.
struct FieldError {
  idx_t row;     // in the batch
  idx_t column;  // the input column (position in the COPY column list)
  std::string sql_state;
  std::string message;
};

class TextFieldDecoder {
 public:
  // `force_not_null`: the NULL string is never NULL here; `force_null`: it
  // is NULL even when quoted (PostgreSQL's FORCE_NOT_NULL / FORCE_NULL).
  TextFieldDecoder(std::string column_name, std::string table_name, LogicalType type, bool not_null,
                   const CopyOptions& options, bool force_not_null = false,
                   bool force_null = false);

  // Decodes field `input_column` of every row of `batch` that is still ok
  // into the same row of `out`. A row that fails is marked not ok and its
  // error appended to `errors`.
  void Decode(TextBatch& batch, idx_t input_column, Vector& out,
              std::vector<FieldError>& errors) const;

  const LogicalType& type() const { return type_; }

 private:
  // Text format without BLANKSASNULL (the common case) is decided inline;
  // everything else by IsNullGeneral.
  bool IsNull(const TextBatch& batch, idx_t row, idx_t column, const TextField& field) const {
    if (!text_nulls_)
      return IsNullGeneral(field, batch.Raw(row, column));
    if (field.missing)
      return true;
    RawField raw = field.own_raw ? batch.Raw(row, column) : RawField{field.data, field.size};
    const std::string& n = options_.null_string;
    if (raw.size == n.size() &&
        (n.empty() || (raw.data[0] == n[0] && std::memcmp(raw.data, n.data(), n.size()) == 0)))
      return true;
    return field.size == 0 && (empty_is_null_ || (empty_string_is_null_ && !field.quoted));
  }
  bool IsNullGeneral(const TextField& field, RawField raw_field) const;
  template <class T, class Fast>
  void DecodeFixed(TextBatch& batch, idx_t input_column, Vector& out,
                   std::vector<FieldError>& errors, Fast fast) const;
  void DecodeStrings(TextBatch& batch, idx_t input_column, Vector& out,
                     std::vector<FieldError>& errors) const;
  // The general path: the engine's cast from text, with its errors.
  void DecodeSlow(std::string_view text, Vector& out, idx_t row) const;

  std::string column_name_;
  std::string table_name_;
  LogicalType type_;
  bool not_null_;
  bool force_not_null_;
  bool force_null_;
  CopyOptions options_;
  std::optional<DateTimeFormat> date_format_;
  std::optional<DateTimeFormat> time_format_;
  bool text_nulls_ = false;            // text format, no BLANKSASNULL
  bool empty_is_null_ = false;         // Redshift, not a string column
  bool empty_string_is_null_ = false;  // Redshift, a string column, EMPTYASNULL
};

}  // namespace tributary
