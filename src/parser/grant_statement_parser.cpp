#include "parser/grant_statement_parser.h"

#include "parser/ast.h"
#include "parser/token_cursor.h"

namespace tributary {

namespace {

bool IsWord(const SqlToken& t, const char* word) {
  return t.kind == SqlTokenKind::kWord && !t.quoted && t.text == word;
}

constexpr const char* kPrivileges[] = {"select",   "insert", "update",  "delete", "references",
                                       "truncate", "drop",   "usage",   "create", "temporary",
                                       "temp",     "alter",  "execute", "trigger"};

std::string Upper(std::string s) {
  for (auto& c : s)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

GrantStatement::QualifiedName Qualified(TokenCursor& in) {
  GrantStatement::QualifiedName name;
  name.name = in.Identifier();
  if (in.AcceptSymbol(".")) {
    name.schema = name.name;
    name.name = in.Identifier();
  }
  return name;
}

}  // namespace

bool GrantStatementParser::Handles(std::string_view statement) {
  std::vector<SqlToken> tokens;
  try {
    tokens = SqlTokenizer::Tokenize(statement);
  } catch (const Exception&) {
    return false;
  }
  return !tokens.empty() && (IsWord(tokens[0], "grant") || IsWord(tokens[0], "revoke"));
}

std::unique_ptr<GrantStatement> GrantStatementParser::Parse(std::string_view statement,
                                                            bool case_sensitive) {
  TokenCursor in(SqlTokenizer::Tokenize(statement, case_sensitive), statement);
  auto s = std::make_unique<GrantStatement>();
  if (in.AcceptWord("revoke")) {
    s->is_grant = false;
    if (in.AcceptWord("grant")) {
      in.ExpectWord("option");
      in.ExpectWord("for");
      s->grant_option = true;
    }
  } else {
    in.ExpectWord("grant");
  }
  if (in.AcceptWord("all")) {
    s->all = true;
    in.AcceptWord("privileges");
  } else {
    do {
      bool found = false;
      for (const char* p : kPrivileges) {
        if (in.AcceptWord(p)) {
          std::string name = p;
          s->privileges.push_back(name == "temp" ? "TEMPORARY" : Upper(name));
          std::vector<std::string> columns;
          if (in.AcceptSymbol("(")) {
            do {
              columns.push_back(in.Identifier());
            } while (in.AcceptSymbol(","));
            in.ExpectSymbol(")");
          }
          s->columns.push_back(std::move(columns));
          found = true;
          break;
        }
      }
      if (!found) {
        if (in.PeekKind(SqlTokenKind::kWord) && !in.PeekWord("on")) {
          throw Exception(
              sqlstate::kFeatureNotSupported,
              "GRANT of roles and of privilege \"" + in.Peek()->text + "\" is not supported")
              .WithHint(
                  "Privileges are SELECT, INSERT, UPDATE, DELETE, USAGE, CREATE, "
                  "TEMPORARY or ALL.")
              .WithPosition(in.Position());
        }
        throw in.SyntaxError();
      }
    } while (in.AcceptSymbol(","));
  }
  in.ExpectWord("on");
  s->target_location = in.Position();
  if (in.AcceptWord("all")) {
    in.ExpectWord("tables");
    in.ExpectWord("in");
    in.ExpectWord("schema");
    s->target = GrantStatement::Target::kAllTablesInSchema;
    do {
      s->objects.push_back({"", in.Identifier()});
    } while (in.AcceptSymbol(","));
  } else if (in.AcceptWord("schema")) {
    s->target = GrantStatement::Target::kSchemas;
    do {
      s->objects.push_back({"", in.Identifier()});
    } while (in.AcceptSymbol(","));
  } else if (in.AcceptWord("database")) {
    s->target = GrantStatement::Target::kDatabase;
    do {
      s->objects.push_back({"", in.Identifier()});
    } while (in.AcceptSymbol(","));
  } else {
    for (const char* other : {"function", "procedure", "language", "external", "sequence", "model",
                              "datashare", "copy", "foreign", "domain", "type"}) {
      if (in.PeekWord(other)) {
        throw Exception(sqlstate::kFeatureNotSupported,
                        "GRANT ON " + Upper(other) + " is not supported")
            .WithPosition(in.Position());
      }
    }
    in.AcceptWord("table");
    s->target = GrantStatement::Target::kTables;
    do {
      s->objects.push_back(Qualified(in));
    } while (in.AcceptSymbol(","));
  }
  in.ExpectWord(s->is_grant ? "to" : "from");
  do {
    GrantStatement::Grantee grantee;
    if (in.AcceptWord("group")) {
      grantee.kind = GrantStatement::Grantee::Kind::kGroup;
      grantee.name = in.Identifier();
    } else if (in.AcceptWord("public")) {
      grantee.kind = GrantStatement::Grantee::Kind::kPublic;
    } else if (in.PeekWord("role")) {
      throw Exception(sqlstate::kFeatureNotSupported, "GRANT ... TO ROLE is not supported")
          .WithHint("Grant to a user or to GROUP name.")
          .WithPosition(in.Position());
    } else {
      grantee.name = in.Identifier();
    }
    s->grantees.push_back(std::move(grantee));
  } while (in.AcceptSymbol(","));
  if (s->is_grant && in.AcceptWord("with")) {
    in.ExpectWord("grant");
    in.ExpectWord("option");
    s->grant_option = true;
  }
  if (!s->is_grant && !in.AcceptWord("restrict"))
    in.AcceptWord("cascade");
  if (!in.AtEnd())
    throw in.SyntaxError();
  return s;
}

}  // namespace tributary
