#include "parser/role_statement_parser.h"

#include "parser/ast.h"
#include "parser/token_cursor.h"

namespace tributary {

namespace {

bool IsWord(const SqlToken& t, const char* word) {
  return t.kind == SqlTokenKind::kWord && !t.quoted && t.text == word;
}

std::vector<std::string> NameList(TokenCursor& in) {
  std::vector<std::string> names{in.Identifier()};
  while (in.AcceptSymbol(","))
    names.push_back(in.Identifier());
  return names;
}

int64_t Count(TokenCursor& in, const char* clause, int64_t max) {
  int position = in.Position();
  auto* t = in.Integer();
  if (!t)
    throw in.SyntaxError();
  if (t->text.size() > 12 || std::stoll(t->text) > max) {
    throw Exception(sqlstate::kInvalidParameterValue,
                    std::string(clause) + " must be at most " + std::to_string(max))
        .WithPosition(position);
  }
  return std::stoll(t->text);
}

[[noreturn]] void NotSupported(TokenCursor& in, const std::string& what) {
  throw Exception(sqlstate::kFeatureNotSupported, what + " is not supported yet")
      .WithPosition(in.Position());
}

// One user option; false when the next token starts none.
bool UserOption(TokenCursor& in, RoleStatement& s, bool alter) {
  if (in.AcceptWord("password")) {
    if (in.AcceptWord("disable")) {
      s.password_disable = true;
    } else if (in.PeekKind(SqlTokenKind::kString)) {
      s.password = in.String("PASSWORD");
    } else {
      throw Exception(sqlstate::kSyntaxError,
                      "PASSWORD must be followed by a quoted password or DISABLE")
          .WithPosition(in.Position());
    }
    if (in.PeekWord("valid"))
      NotSupported(in, "VALID UNTIL");
    return true;
  }
  if (in.AcceptWord("createuser")) {
    s.superuser = true;
  } else if (in.AcceptWord("nocreateuser")) {
    s.superuser = false;
  } else if (in.AcceptWord("createdb")) {
    s.createdb = true;
  } else if (in.AcceptWord("nocreatedb")) {
    s.createdb = false;
  } else if (!alter && in.AcceptWord("in")) {
    in.ExpectWord("group");
    auto groups = NameList(in);
    s.groups.insert(s.groups.end(), groups.begin(), groups.end());
  } else if (in.AcceptWord("connection")) {
    in.ExpectWord("limit");
    s.connection_limit = in.AcceptWord("unlimited") ? -1 : Count(in, "CONNECTION LIMIT", 500);
  } else if (in.AcceptWord("session")) {
    in.ExpectWord("timeout");
    int position = in.Position();
    int64_t seconds = Count(in, "SESSION TIMEOUT", 1728000);
    if (seconds < 60) {
      throw Exception(sqlstate::kInvalidParameterValue,
                      "SESSION TIMEOUT must be between 60 and 1728000 seconds")
          .WithPosition(position);
    }
    s.session_timeout = seconds;
  } else if (alter && in.AcceptWord("reset")) {
    if (in.AcceptWord("session")) {
      in.ExpectWord("timeout");
      s.session_timeout = 0;
    } else {
      NotSupported(in, "ALTER USER ... RESET parameter");
    }
  } else if (alter && in.AcceptWord("rename")) {
    in.ExpectWord("to");
    s.new_name = in.Identifier();
  } else if (alter && in.PeekWord("set")) {
    NotSupported(in, "ALTER USER ... SET parameter");
  } else if (in.PeekWord("syslog")) {
    NotSupported(in, "SYSLOG ACCESS");
  } else if (in.PeekWord("externalid")) {
    NotSupported(in, "EXTERNALID");
  } else if (in.PeekWord("valid")) {
    NotSupported(in, "VALID UNTIL");
  } else {
    return false;
  }
  return true;
}

}  // namespace

bool RoleStatementParser::Handles(std::string_view statement) {
  std::vector<SqlToken> tokens;
  try {
    tokens = SqlTokenizer::Tokenize(statement);
  } catch (const Exception&) {
    return false;
  }
  return tokens.size() >= 2 &&
         (IsWord(tokens[0], "create") || IsWord(tokens[0], "alter") || IsWord(tokens[0], "drop")) &&
         (IsWord(tokens[1], "user") || IsWord(tokens[1], "group"));
}

bool RoleStatementParser::MayHoldPassword(std::string_view text) {
  std::vector<SqlToken> tokens;
  try {
    tokens = SqlTokenizer::Tokenize(text);
  } catch (const Exception&) {
    // Unterminated quotes: keep it out of the history to be safe.
    return true;
  }
  bool in_user_statement = false;
  for (size_t i = 0; i < tokens.size(); i++) {
    auto& t = tokens[i];
    if (t.kind == SqlTokenKind::kSymbol && t.text == ";") {
      in_user_statement = false;
      continue;
    }
    if (i + 1 < tokens.size() && (IsWord(t, "create") || IsWord(t, "alter")) &&
        (IsWord(tokens[i + 1], "user") || IsWord(tokens[i + 1], "role")))
      in_user_statement = true;
    if (in_user_statement && IsWord(t, "password"))
      return true;
  }
  return false;
}

std::unique_ptr<RoleStatement> RoleStatementParser::Parse(std::string_view statement,
                                                          bool case_sensitive) {
  TokenCursor in(SqlTokenizer::Tokenize(statement, case_sensitive), statement, true);
  auto s = std::make_unique<RoleStatement>();
  enum { kCreate, kAlter, kDrop } verb;
  if (in.AcceptWord("create"))
    verb = kCreate;
  else if (in.AcceptWord("alter"))
    verb = kAlter;
  else {
    in.ExpectWord("drop");
    verb = kDrop;
  }
  bool user = in.AcceptWord("user");
  if (!user)
    in.ExpectWord("group");
  if (verb == kDrop) {
    s->kind = user ? RoleStatement::Kind::kDropUser : RoleStatement::Kind::kDropGroup;
    if (in.AcceptWord("if")) {
      in.ExpectWord("exists");
      s->if_exists = true;
    }
    s->names = NameList(in);
  } else if (user) {
    s->kind = verb == kCreate ? RoleStatement::Kind::kCreateUser : RoleStatement::Kind::kAlterUser;
    s->names = {in.Identifier()};
    in.AcceptWord("with");
    bool any = false;
    while (!in.AtEnd()) {
      if (any)
        in.AcceptSymbol(",");
      if (!UserOption(in, *s, verb == kAlter))
        throw in.SyntaxError();
      any = true;
    }
    if (verb == kAlter && !any)
      throw in.SyntaxError();
  } else if (verb == kCreate) {
    s->kind = RoleStatement::Kind::kCreateGroup;
    s->names = {in.Identifier()};
    in.AcceptWord("with");
    if (in.AcceptWord("user"))
      s->users = NameList(in);
  } else {
    s->kind = RoleStatement::Kind::kAlterGroup;
    s->names = {in.Identifier()};
    if (in.AcceptWord("rename")) {
      in.ExpectWord("to");
      s->new_name = in.Identifier();
    } else {
      if (in.AcceptWord("add")) {
        s->add_users = true;
      } else {
        in.ExpectWord("drop");
        s->add_users = false;
      }
      in.ExpectWord("user");
      s->users = NameList(in);
    }
  }
  if (!in.AtEnd())
    throw in.SyntaxError();
  return s;
}

}  // namespace tributary
