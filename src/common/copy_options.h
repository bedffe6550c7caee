// CopyOptions: how COPY reads or writes delimited text, after the
// statement's options (PostgreSQL's WITH (...) list or Redshift's keywords)
// have been read and checked. Shared by the parser (which fills it in) and
// the loaders/writers in execution/copy/.
#pragma once

#include <string>

#include "common/constants.h"

namespace tributary {

enum class CopyFormat : uint8_t { kText, kCsv };
enum class CopyCompression : uint8_t { kNone, kGzip, kZstd, kBzip2 };

struct CopyOptions {
  // Redshift's keyword syntax (COPY ... DELIMITER '|' ZSTD, UNLOAD) rather
  // than PostgreSQL's. It changes defaults: Redshift's text format has no
  // backslash escapes unless ESCAPE is given, an empty field of a
  // non-string column is NULL, and one trailing delimiter is allowed.
  bool redshift = false;
  CopyFormat format = CopyFormat::kText;
  char delimiter = '\t';
  char quote = '"';
  char escape = '"';
  std::string null_string = "\\N";
  // Lines skipped at the start (PostgreSQL's HEADER is 1 line).
  idx_t skip_lines = 0;
  // Output: write the column names first.
  bool header = false;
  CopyCompression compression = CopyCompression::kNone;
  // Redshift's DATEFORMAT / TIMEFORMAT: "" = the ISO default, "auto", or a
  // pattern such as 'MM/DD/YYYY' or 'YYYY-MM-DD HH24:MI:SS'.
  std::string date_format;
  std::string time_format;
  // Bad rows skipped before the load fails (Redshift's MAXERROR).
  idx_t max_errors = 0;
  // Invalid UTF-8 bytes are replaced by `replacement_char` instead of failing.
  bool accept_invalid_chars = false;
  char replacement_char = '?';
  bool empty_as_null = false;
  bool blanks_as_null = false;
  bool trim_blanks = false;
  bool remove_quotes = false;
  // Redshift: records missing trailing columns load NULLs there
  // (FILLRECORD); empty lines are skipped (IGNOREBLANKLINES).
  bool fill_record = false;
  bool ignore_blank_lines = false;
  // Text format: backslash escapes (PostgreSQL always; Redshift with ESCAPE).
  bool backslash_escapes = true;
  // UNLOAD: one file per worker (PARALLEL ON, the default) or one file.
  bool parallel = true;
  bool allow_overwrite = false;
};

}  // namespace tributary
