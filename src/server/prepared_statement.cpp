#include "server/prepared_statement.h"

#include <charconv>

#include "common/exception.h"
#include "parser/parser.h"
#include "parser/sql_tokenizer.h"

namespace tributary {

namespace {

// The highest $n in `sql`, from PostgreSQL's own lexer (so a "$1" inside a
// string or comment does not count).
size_t HighestParameter(const std::string& sql) {
  size_t highest = 0;
  for (auto& token : SqlTokenizer::Tokenize(sql)) {
    if (token.kind != SqlTokenKind::kOther || token.text.size() < 2 || token.text[0] != '$')
      continue;
    size_t n = 0;
    auto [end, error] =
        std::from_chars(token.text.data() + 1, token.text.data() + token.text.size(), n);
    if (error == std::errc() && end == token.text.data() + token.text.size())
      highest = std::max(highest, n);
  }
  return highest;
}

}  // namespace

PreparedStatement PreparedStatement::Create(std::string sql, std::vector<int32_t> declared_types) {
  PreparedStatement result;
  auto statements = Parser::Parse(sql);
  if (statements.size() > 1) {
    throw Exception(sqlstate::kSyntaxError,
                    "cannot insert multiple commands into a prepared statement");
  }
  result.has_statement = !statements.empty();
  size_t count = std::max(declared_types.size(), HighestParameter(sql));
  if (count > 65535)
    throw Exception(sqlstate::kProgramLimitExceeded, "too many parameters (at most 65535)");
  declared_types.resize(count, 0);
  result.parameter_types = std::move(declared_types);
  result.sql = std::move(sql);
  return result;
}

}  // namespace tributary
