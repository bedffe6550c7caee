// CopyParser: COPY and UNLOAD, over SqlTokenizer tokens. Both option
// syntaxes are read:
//   PostgreSQL: COPY t [(cols)] FROM 'file' | STDIN [WITH] (FORMAT csv|text,
//     DELIMITER 'c', NULL 's', HEADER [bool], QUOTE 'q', ESCAPE 'e')
//     COPY t [(cols)] | (query) TO 'file' | STDOUT [WITH] (...)
//   Redshift (keywords, no parentheses): DELIMITER [AS] 'c', CSV [QUOTE [AS]
//     'q'], IGNOREHEADER [AS] n, NULL AS 's', GZIP | ZSTD | BZIP2,
//     DATEFORMAT [AS] 'fmt', TIMEFORMAT [AS] 'fmt', MAXERROR [AS] n,
//     ACCEPTINVCHARS [AS 'c'], EMPTYASNULL, BLANKSASNULL, TRIMBLANKS,
//     REMOVEQUOTES, FILLRECORD, IGNOREBLANKLINES, ESCAPE, IAM_ROLE/CREDENTIALS/REGION (accepted,
//     unused: files are local); UNLOAD ('query') TO 'prefix' [DELIMITER [AS] 'c'] [HEADER] [CSV]
//     [PARALLEL ON|OFF] [ZSTD|GZIP|BZIP2] [ALLOWOVERWRITE] [NULL AS 's'].
// A parenthesized option list selects PostgreSQL's semantics, keywords
// Redshift's (see CopyOptions::redshift). Errors: 42601 at the offending
// token, 0A000 for options that exist but are not supported, 22023 for bad
// values (PostgreSQL's messages where PostgreSQL has the option).
#pragma once

#include <memory>
#include <string_view>

#include "parser/parser.h"
#include "parser/statement/copy_statement.h"

namespace tributary {

class CopyParser {
 public:
  // True when `statement` starts with COPY or UNLOAD.
  static bool Handles(std::string_view statement);
  static std::unique_ptr<CopyStatement> Parse(std::string_view statement,
                                              const ParserOptions& options);
};

}  // namespace tributary
