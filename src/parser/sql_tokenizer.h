// SqlTokenizer: PostgreSQL's lexer (pg_query_scan) turned into a token list
// with decoded text, for the statements PostgreSQL's grammar lacks
// (CREATE EXTERNAL SCHEMA, Redshift table attributes, ...). Using the real
// lexer means quoting, comments and escapes behave exactly as in SQL text
// that libpg_query parses.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tributary {

enum class SqlTokenKind : uint8_t {
  kWord,     // identifier or keyword; `text` lower-cased unless quoted
  kString,   // string constant; `text` is the decoded value
  kInteger,  // integer constant
  kSymbol,   // punctuation / operator; `text` as written
  kOther,    // anything else (numeric constants, parameters)
};

struct SqlToken {
  SqlTokenKind kind;
  std::string text;
  bool quoted = false;  // a "quoted identifier"
  int start = 0;        // byte offset in the input
  int end = 0;
};

class SqlTokenizer {
 public:
  // Throws 42601 (with the position) for text the lexer rejects.
  // `case_sensitive` keeps quoted identifiers' case (Redshift's
  // enable_case_sensitive_identifier); otherwise every identifier folds.
  static std::vector<SqlToken> Tokenize(std::string_view sql, bool case_sensitive = false);

  // Byte ranges of the statements in `sql` (split at semicolons outside
  // quotes and comments; empty statements skipped). Throws 42601 for text
  // the lexer rejects (an unterminated quote).
  struct Span {
    int start;
    int length;
  };
  static std::vector<Span> SplitStatements(std::string_view sql);
};

}  // namespace tributary
