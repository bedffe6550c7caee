#include "parser/parser.h"

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include "common/exception.h"
#include "parser/alter_owner_parser.h"
#include "parser/copy_parser.h"
#include "parser/grant_statement_parser.h"
#include "parser/redshift_parser.h"
#include "parser/role_statement_parser.h"
#include "parser/sql_tokenizer.h"
#include "parser/transformer.h"

namespace tributary {

namespace {

std::string Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
    s.remove_prefix(1);
  while (!s.empty() && (std::isspace(static_cast<unsigned char>(s.back())) || s.back() == ';')) {
    s.remove_suffix(1);
  }
  return std::string(s);
}

// Shifts an error's position from the statement to the whole text.
Exception Shift(const Exception& e, int offset) {
  Exception result = e;
  if (e.Position() > 0)
    result.WithPosition(e.Position() + offset);
  return result;
}

// Puts what RedshiftParser::Rewrite cut out of the text into the statement.
void ApplyRewrite(RedshiftRewrite& rewrite, SQLStatement& statement) {
  if (statement.type == StatementType::kCreateTable) {
    auto& create = static_cast<CreateTableStatement&>(statement);
    create.attributes = std::move(rewrite.attributes);
    for (auto& [column, encoding] : rewrite.encodings) {
      for (auto& def : create.columns) {
        if (def.name == column)
          def.encoding = encoding;
      }
    }
  } else if (statement.type == StatementType::kCreateView) {
    auto& create = static_cast<CreateViewStatement&>(statement);
    create.attributes = std::move(rewrite.attributes);
    create.no_schema_binding = rewrite.no_schema_binding;
    create.query_sql = std::move(rewrite.view_query);
  }
}

std::unique_ptr<SQLStatement> ParseOne(std::string_view text, int offset,
                                       const ParserOptions& options) {
  // Users, groups, grants and owners start with one of these words.
  bool access_statement = false;
  try {
    auto tokens = SqlTokenizer::Tokenize(text);
    if (!tokens.empty() && tokens[0].kind == SqlTokenKind::kWord && !tokens[0].quoted) {
      auto& w = tokens[0].text;
      access_statement =
          w == "create" || w == "alter" || w == "drop" || w == "grant" || w == "revoke";
    }
  } catch (const Exception&) {
    // PostgreSQL's parser reports what is wrong with the text.
  }
  if (access_statement && RoleStatementParser::Handles(text)) {
    try {
      // query_text stays empty: the text may carry a password.
      return RoleStatementParser::Parse(text, options.case_sensitive_identifiers);
    } catch (const Exception& e) {
      throw Shift(e, offset);
    }
  }
  if (access_statement && AlterOwnerParser::Handles(text)) {
    auto statement = AlterOwnerParser::Parse(text, options.case_sensitive_identifiers);
    statement->query_text = Trim(text);
    return statement;
  }
  if (access_statement && GrantStatementParser::Handles(text)) {
    try {
      auto statement = GrantStatementParser::Parse(text, options.case_sensitive_identifiers);
      statement->query_text = Trim(text);
      return statement;
    } catch (const Exception& e) {
      throw Shift(e, offset);
    }
  }
  if (RedshiftParser::Handles(text)) {
    auto statement = std::make_unique<CreateExternalSchemaStatement>();
    try {
      statement->info =
          RedshiftParser::ParseCreateExternalSchema(text, options.case_sensitive_identifiers);
    } catch (const Exception& e) {
      throw Shift(e, offset);
    }
    statement->query_text = Trim(text);
    return statement;
  }
  if (CopyParser::Handles(text)) {
    std::unique_ptr<SQLStatement> statement;
    try {
      statement = CopyParser::Parse(text, options);
    } catch (const Exception& e) {
      throw Shift(e, offset);
    }
    statement->query_text = Trim(text);
    return statement;
  }
  RedshiftRewrite rewrite;
  try {
    rewrite = RedshiftParser::Rewrite(text, options.case_sensitive_identifiers);
  } catch (const Exception& e) {
    throw Shift(e, offset);
  }
  std::string copy = RedshiftParser::StripApproximate(rewrite.text);
  PgQueryProtobufParseResult parsed = pg_query_parse_protobuf(copy.c_str());
  if (parsed.error) {
    Exception error(sqlstate::kSyntaxError, parsed.error->message);
    error.WithPosition(parsed.error->cursorpos > 0 ? parsed.error->cursorpos + offset : 0);
    pg_query_free_protobuf_parse_result(parsed);
    throw error;
  }
  auto* tree = pg_query__parse_result__unpack(
      nullptr, parsed.parse_tree.len, reinterpret_cast<const uint8_t*>(parsed.parse_tree.data));
  std::unique_ptr<SQLStatement> result;
  try {
    if (!tree)
      throw InternalException("could not decode the parse tree");
    if (tree->n_stmts == 1) {
      Transformer transformer(options);
      result = transformer.TransformStatement(tree->stmts[0]->stmt);
    } else if (tree->n_stmts > 1) {
      throw InternalException("statement splitting disagreed with the parser");
    }
  } catch (const Exception& e) {
    if (tree)
      pg_query__parse_result__free_unpacked(tree, nullptr);
    pg_query_free_protobuf_parse_result(parsed);
    throw Shift(e, offset);
  }
  pg_query__parse_result__free_unpacked(tree, nullptr);
  pg_query_free_protobuf_parse_result(parsed);
  if (result) {
    result->query_text = Trim(text);
    ApplyRewrite(rewrite, *result);
  }
  return result;
}

}  // namespace

std::vector<std::unique_ptr<SQLStatement>> Parser::Parse(std::string_view sql,
                                                         const ParserOptions& options) {
  std::vector<std::unique_ptr<SQLStatement>> result;
  for (auto& span : SqlTokenizer::SplitStatements(sql)) {
    int length = span.length > 0 ? span.length : static_cast<int>(sql.size()) - span.start;
    auto text = sql.substr(span.start, length);
    if (Trim(text).empty())
      continue;
    auto statement = ParseOne(text, span.start, options);
    if (statement) {
      statement->location = span.start + 1;
      result.push_back(std::move(statement));
    }
  }
  return result;
}

}  // namespace tributary
