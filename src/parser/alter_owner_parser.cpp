#include "parser/alter_owner_parser.h"

#include "parser/ast.h"
#include "parser/token_cursor.h"

namespace tributary {

namespace {

std::unique_ptr<AlterOwnerStatement> ParseTokens(TokenCursor& in) {
  auto s = std::make_unique<AlterOwnerStatement>();
  in.ExpectWord("alter");
  if (in.AcceptWord("view"))
    s->view = true;
  else
    in.ExpectWord("table");
  s->name = in.Identifier();
  if (in.AcceptSymbol(".")) {
    s->schema = s->name;
    s->name = in.Identifier();
  }
  in.ExpectWord("owner");
  in.ExpectWord("to");
  s->new_owner = in.Identifier();
  if (!in.AtEnd())
    throw in.SyntaxError();
  return s;
}

}  // namespace

bool AlterOwnerParser::Handles(std::string_view statement) {
  try {
    auto tokens = SqlTokenizer::Tokenize(statement);
    if (tokens.size() < 5 || tokens[0].text != "alter" || tokens[0].quoted ||
        (tokens[1].text != "table" && tokens[1].text != "view") || tokens[1].quoted)
      return false;
    TokenCursor in(std::move(tokens), statement);
    ParseTokens(in);
    return true;
  } catch (const Exception&) {
    return false;
  }
}

std::unique_ptr<AlterOwnerStatement> AlterOwnerParser::Parse(std::string_view statement,
                                                             bool case_sensitive) {
  TokenCursor in(SqlTokenizer::Tokenize(statement, case_sensitive), statement);
  return ParseTokens(in);
}

}  // namespace tributary
