#include "parser/redshift_parser.h"

#include <cctype>

#include "common/exception.h"
#include "parser/sql_tokenizer.h"
#include "parser/token_cursor.h"

namespace tributary {

bool RedshiftParser::Handles(std::string_view statement) {
  auto tokens = SqlTokenizer::Tokenize(statement);
  return tokens.size() >= 3 && tokens[0].kind == SqlTokenKind::kWord &&
         tokens[0].text == "create" && !tokens[1].quoted && tokens[1].text == "external" &&
         !tokens[2].quoted && tokens[2].text == "schema";
}

CreateExternalSchemaInfo RedshiftParser::ParseCreateExternalSchema(std::string_view statement,
                                                                   bool case_sensitive) {
  TokenCursor in(SqlTokenizer::Tokenize(statement, case_sensitive), statement);
  CreateExternalSchemaInfo info;
  auto& def = info.definition;
  in.ExpectWord("create");
  in.ExpectWord("external");
  in.ExpectWord("schema");
  if (in.AcceptWord("if")) {
    in.ExpectWord("not");
    in.ExpectWord("exists");
    info.if_not_exists = true;
  }
  def.name = in.Identifier();
  in.ExpectWord("from");
  if (in.AcceptWord("postgres")) {
    def.kind = ExternalSourceKind::kPostgres;
    def.port = 5432;
  } else if (in.AcceptWord("mysql")) {
    def.kind = ExternalSourceKind::kMySql;
    def.port = 3306;
  } else if (in.PeekWord("data") || in.PeekWord("hive") || in.PeekWord("kinesis") ||
             in.PeekWord("kafka") || in.PeekWord("redshift")) {
    throw Exception(sqlstate::kFeatureNotSupported,
                    "only FROM POSTGRES and FROM MYSQL external schemas are supported")
        .WithPosition(in.Position());
  } else {
    throw in.SyntaxError();
  }
  const char* source = def.kind == ExternalSourceKind::kPostgres ? "POSTGRES" : "MYSQL";
  auto missing = [&](const char* clause) {
    return Exception(sqlstate::kSyntaxError, std::string("CREATE EXTERNAL SCHEMA ... FROM ") +
                                                 source + " requires " + clause)
        .WithPosition(in.Position());
  };
  if (!in.AcceptWord("database"))
    throw missing("DATABASE 'name'");
  def.database = in.String("DATABASE");
  if (def.database.empty()) {
    throw Exception(sqlstate::kInvalidParameterValue, "DATABASE must not be empty");
  }
  if (in.AcceptWord("schema")) {
    if (def.kind == ExternalSourceKind::kMySql) {
      throw Exception(sqlstate::kSyntaxError,
                      "SCHEMA is not allowed with FROM MYSQL: the MySQL database is the namespace")
          .WithPosition(in.Position());
    }
    def.remote_schema = in.String("SCHEMA");
    if (def.remote_schema.empty()) {
      throw Exception(sqlstate::kInvalidParameterValue, "SCHEMA must not be empty");
    }
  } else if (def.kind == ExternalSourceKind::kPostgres) {
    def.remote_schema = "public";
  }
  if (!in.AcceptWord("uri"))
    throw missing("URI 'host'");
  def.host = in.String("URI");
  if (def.host.find("://") != std::string::npos || def.host.find('/') != std::string::npos) {
    throw Exception(
        sqlstate::kInvalidParameterValue,
        "URI must be a host name or address without a protocol or path, not \"" + def.host + "\"")
        .WithHint("For example URI 'db.internal' PORT 5432.");
  }
  if (def.host.empty() || def.host.find(' ') != std::string::npos) {
    throw Exception(sqlstate::kInvalidParameterValue,
                    "URI must be a host name or address, not \"" + def.host + "\"");
  }
  if (in.AcceptWord("port")) {
    int position = in.Position();
    auto* port = in.Integer();
    if (!port)
      throw in.SyntaxError();
    long value = std::stol(port->text);
    if (value < 1 || value > 65535) {
      throw Exception(sqlstate::kInvalidParameterValue,
                      "PORT must be between 1 and 65535, not " + port->text)
          .WithPosition(position);
    }
    def.port = static_cast<uint16_t>(value);
  }
  if (!in.AcceptWord("iam_role"))
    throw missing("IAM_ROLE { default | 'arn' }");
  if (in.AcceptWord("default")) {
    def.iam_role = "default";
  } else {
    def.iam_role = in.String("IAM_ROLE");
  }
  if (!in.AcceptWord("secret_arn"))
    throw missing("SECRET_ARN 'arn'");
  def.secret_arn = in.String("SECRET_ARN");
  if (!in.AtEnd())
    throw in.SyntaxError();
  return info;
}

std::string RedshiftParser::StripApproximate(std::string_view statement) {
  std::string result(statement);
  // Cheap test first: most statements never mention the word.
  std::string lower(statement);
  for (auto& c : lower)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower.find("approximate") == std::string::npos)
    return result;
  auto tokens = SqlTokenizer::Tokenize(statement);
  for (size_t i = 0; i + 2 < tokens.size(); i++) {
    auto& t = tokens[i];
    if (t.kind == SqlTokenKind::kWord && !t.quoted && t.text == "approximate" &&
        tokens[i + 1].kind == SqlTokenKind::kWord && tokens[i + 1].text == "count" &&
        tokens[i + 2].kind == SqlTokenKind::kSymbol && tokens[i + 2].text == "(") {
      for (int b = t.start; b < t.end; b++)
        result[b] = ' ';
    }
  }
  return result;
}

}  // namespace tributary
