#include "parser/copy_parser.h"

#include <cctype>
#include <optional>

#include "common/exception.h"
#include "parser/sql_tokenizer.h"
#include "parser/token_cursor.h"

namespace tributary {

namespace {

// Options as written, before defaults that depend on the format apply.
struct WrittenOptions {
  bool parenthesized = false;  // PostgreSQL's WITH (...)
  bool keywords = false;       // Redshift's (or PostgreSQL's old) keyword list
  std::optional<CopyFormat> format;
  std::optional<std::string> delimiter, null_string, quote, escape;
  std::optional<idx_t> skip_lines;
  bool header = false;
  bool backslash_escape = false;  // Redshift's ESCAPE keyword
};

Exception Unsupported(const std::string& what, int position) {
  return Exception(sqlstate::kFeatureNotSupported, what + " is not supported")
      .WithPosition(position);
}

bool ParseBool(TokenCursor& in, const std::string& option) {
  auto* t = in.Peek();
  if (!t || in.PeekSymbol(",") || in.PeekSymbol(")"))
    return true;
  std::string v = t->text;
  if (t->kind == SqlTokenKind::kInteger || t->kind == SqlTokenKind::kWord ||
      t->kind == SqlTokenKind::kString) {
    in.Advance();
    if (v == "true" || v == "on" || v == "1")
      return true;
    if (v == "false" || v == "off" || v == "0")
      return false;
    if (v == "match" && option == "header") {
      throw Exception(sqlstate::kFeatureNotSupported, "HEADER MATCH is not supported");
    }
  }
  throw Exception(sqlstate::kSyntaxError, option + " requires a Boolean value" +
                                              (option == "header" ? " or \"match\"" : ""));
}

idx_t ParseCount(TokenCursor& in, const char* clause) {
  in.AcceptWord("as");
  int position = in.Position();
  auto* n = in.Integer();
  if (!n) {
    throw Exception(sqlstate::kSyntaxError,
                    std::string(clause) + " must be followed by a non-negative integer")
        .WithPosition(position);
  }
  return std::stoull(n->text);
}

// PostgreSQL's WITH ( name value, ... ).
void ParseOptionList(TokenCursor& in, WrittenOptions& w, CopyStatement& copy) {
  w.parenthesized = true;
  in.ExpectSymbol("(");
  do {
    int position = in.Position();
    std::string name = in.Identifier();
    auto string_value = [&]() {
      auto* t = in.Peek();
      if (!t || (t->kind != SqlTokenKind::kString && t->kind != SqlTokenKind::kWord))
        throw Exception(sqlstate::kSyntaxError, name + " requires a parameter")
            .WithPosition(position);
      in.Advance();
      return t->text;
    };
    if (name == "format") {
      std::string f = string_value();
      if (f == "csv") {
        w.format = CopyFormat::kCsv;
      } else if (f == "text") {
        w.format = CopyFormat::kText;
      } else if (f == "binary") {
        throw Unsupported("COPY FORMAT binary", position);
      } else {
        throw Exception(sqlstate::kInvalidParameterValue,
                        "COPY format \"" + f + "\" not recognized")
            .WithPosition(position);
      }
    } else if (name == "delimiter") {
      w.delimiter = string_value();
    } else if (name == "null") {
      w.null_string = string_value();
    } else if (name == "header") {
      w.header = ParseBool(in, name);
      w.skip_lines = w.header ? 1 : 0;
    } else if (name == "quote") {
      w.quote = string_value();
    } else if (name == "escape") {
      w.escape = string_value();
    } else if (name == "freeze") {
      ParseBool(in, name);
    } else if (name == "encoding") {
      std::string e = string_value();
      if (e != "utf8" && e != "UTF8" && e != "utf-8" && e != "UTF-8")
        throw Unsupported("ENCODING other than UTF8", position);
    } else if (name == "force_not_null" || name == "force_null") {
      auto& list = name == "force_null" ? copy.force_null : copy.force_not_null;
      in.ExpectSymbol("(");
      do {
        list.push_back(in.Identifier());
      } while (in.AcceptSymbol(","));
      in.ExpectSymbol(")");
    } else if (name == "force_quote" || name == "oids") {
      throw Unsupported("COPY option " + name, position);
    } else {
      throw Exception(sqlstate::kSyntaxError, "option \"" + name + "\" not recognized")
          .WithPosition(position);
    }
  } while (in.AcceptSymbol(","));
  in.ExpectSymbol(")");
}

// Keyword options (Redshift's, and PostgreSQL's pre-9.0 ones that share
// their spelling). Returns false at a token that starts no option.
bool ParseKeywordOption(TokenCursor& in, WrittenOptions& w, CopyOptions& o,
                        CopyStatement::Direction direction) {
  int position = in.Position();
  auto string_after = [&](const char* clause) {
    in.AcceptWord("as");
    return in.String(clause);
  };
  bool unload = direction == CopyStatement::Direction::kUnload;
  if (in.AcceptWord("delimiter")) {
    w.delimiter = string_after("DELIMITER");
  } else if (in.AcceptWord("csv")) {
    w.format = CopyFormat::kCsv;
    if (in.AcceptWord("quote"))
      w.quote = string_after("QUOTE");
  } else if (in.AcceptWord("format")) {
    in.AcceptWord("as");
    if (in.AcceptWord("csv")) {
      w.format = CopyFormat::kCsv;
      if (in.AcceptWord("quote"))
        w.quote = string_after("QUOTE");
    } else if (in.AcceptWord("text")) {
      w.format = CopyFormat::kText;
    } else {
      throw Unsupported("this FORMAT", in.Position());
    }
  } else if (in.AcceptWord("quote")) {
    w.quote = string_after("QUOTE");
  } else if (in.AcceptWord("header")) {
    w.header = true;
    w.skip_lines = 1;
  } else if (in.AcceptWord("ignoreheader")) {
    w.skip_lines = ParseCount(in, "IGNOREHEADER");
  } else if (in.AcceptWord("null")) {
    w.null_string = string_after("NULL AS");
  } else if (in.AcceptWord("gzip")) {
    o.compression = CopyCompression::kGzip;
  } else if (in.AcceptWord("zstd")) {
    o.compression = CopyCompression::kZstd;
  } else if (in.AcceptWord("bzip2")) {
    o.compression = CopyCompression::kBzip2;
  } else if (in.PeekWord("lzop") || in.PeekWord("fixedwidth") || in.PeekWord("json") ||
             in.PeekWord("avro") || in.PeekWord("parquet") || in.PeekWord("orc") ||
             in.PeekWord("manifest") || in.PeekWord("encrypted") || in.PeekWord("binary")) {
    std::string name = in.Peek()->text;
    for (auto& c : name)
      c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    throw Unsupported("COPY option " + name, position);
  } else if (in.AcceptWord("dateformat")) {
    o.date_format = string_after("DATEFORMAT");
  } else if (in.AcceptWord("timeformat")) {
    o.time_format = string_after("TIMEFORMAT");
  } else if (in.AcceptWord("maxerror")) {
    o.max_errors = ParseCount(in, "MAXERROR");
  } else if (in.AcceptWord("acceptinvchars")) {
    o.accept_invalid_chars = true;
    if (in.AcceptWord("as")) {
      std::string c = in.String("ACCEPTINVCHARS AS");
      if (c.size() != 1 || static_cast<unsigned char>(c[0]) >= 0x80) {
        throw Exception(sqlstate::kInvalidParameterValue,
                        "ACCEPTINVCHARS replacement must be a single ASCII character");
      }
      o.replacement_char = c[0];
    }
  } else if (in.AcceptWord("emptyasnull")) {
    o.empty_as_null = true;
  } else if (in.AcceptWord("blanksasnull")) {
    o.blanks_as_null = true;
  } else if (in.AcceptWord("trimblanks")) {
    o.trim_blanks = true;
  } else if (in.AcceptWord("removequotes")) {
    o.remove_quotes = true;
  } else if (in.AcceptWord("fillrecord")) {
    o.fill_record = true;
  } else if (in.AcceptWord("ignoreblanklines")) {
    o.ignore_blank_lines = true;
  } else if (in.AcceptWord("escape")) {
    // Redshift's ESCAPE takes no value; PostgreSQL's old form does.
    if (in.Peek() && in.Peek()->kind == SqlTokenKind::kString) {
      w.escape = in.String("ESCAPE");
    } else if (in.AcceptWord("as")) {
      w.escape = in.String("ESCAPE");
    } else {
      w.backslash_escape = true;
    }
  } else if (unload && in.AcceptWord("parallel")) {
    if (in.AcceptWord("off") || in.AcceptWord("false")) {
      o.parallel = false;
    } else if (in.AcceptWord("on") || in.AcceptWord("true")) {
      o.parallel = true;
    } else {
      throw in.SyntaxError();
    }
  } else if (in.AcceptWord("allowoverwrite")) {
    o.allow_overwrite = true;
  } else if (in.AcceptWord("iam_role")) {
    if (!in.AcceptWord("default"))
      in.String("IAM_ROLE");
  } else if (in.AcceptWord("credentials") || in.AcceptWord("region") ||
             in.AcceptWord("access_key_id") || in.AcceptWord("secret_access_key") ||
             in.AcceptWord("session_token")) {
    string_after("the option");
  } else if (in.AcceptWord("compupdate") || in.AcceptWord("statupdate")) {
    if (!in.AcceptWord("on") && !in.AcceptWord("off") && !in.AcceptWord("true") &&
        !in.AcceptWord("false") && !in.AcceptWord("preset")) {
      throw in.SyntaxError();
    }
  } else {
    return false;
  }
  w.keywords = true;
  return true;
}

char SingleByte(const std::string& value, const char* what, bool redshift) {
  if (redshift && value == "\\t")
    return '\t';
  if (value.size() != 1 || static_cast<unsigned char>(value[0]) >= 0x80) {
    throw Exception(sqlstate::kFeatureNotSupported,
                    std::string("COPY ") + what + " must be a single one-byte character");
  }
  return value[0];
}

// Applies the defaults of the chosen format and checks the combination, with
// PostgreSQL's messages.
void Finish(const WrittenOptions& w, CopyOptions& o, CopyStatement::Direction direction) {
  // COPY ... TO is PostgreSQL's only (Redshift exports with UNLOAD).
  o.redshift = !w.parenthesized && direction != CopyStatement::Direction::kTo;
  if (w.parenthesized && w.keywords) {
    throw Exception(sqlstate::kSyntaxError,
                    "COPY options are either a parenthesized list or keywords, not both");
  }
  o.format = w.format.value_or(CopyFormat::kText);
  bool csv = o.format == CopyFormat::kCsv;
  if (w.delimiter) {
    o.delimiter = SingleByte(*w.delimiter, "delimiter", o.redshift);
  } else {
    o.delimiter = csv ? ',' : (o.redshift ? '|' : '\t');
  }
  if (w.quote && !csv)
    throw Exception(sqlstate::kFeatureNotSupported, "COPY quote available only in CSV mode");
  if (w.escape && !csv)
    throw Exception(sqlstate::kFeatureNotSupported, "COPY escape available only in CSV mode");
  if (csv) {
    o.quote = w.quote ? SingleByte(*w.quote, "quote", o.redshift) : '"';
    o.escape = w.escape ? SingleByte(*w.escape, "escape", o.redshift) : o.quote;
    if (o.delimiter == o.quote) {
      throw Exception(sqlstate::kInvalidParameterValue,
                      "COPY delimiter and quote must be different");
    }
  }
  if (o.delimiter == '\n' || o.delimiter == '\r') {
    throw Exception(sqlstate::kInvalidParameterValue,
                    "COPY delimiter cannot be newline or carriage return");
  }
  if (!o.redshift && !csv &&
      (o.delimiter == '\\' || (o.delimiter >= 'a' && o.delimiter <= 'z') ||
       (o.delimiter >= '0' && o.delimiter <= '9') || o.delimiter == '.')) {
    throw Exception(sqlstate::kInvalidParameterValue,
                    std::string("COPY delimiter cannot be \"") + o.delimiter + "\"");
  }
  if (w.null_string) {
    o.null_string = *w.null_string;
    if (o.null_string.find('\n') != std::string::npos ||
        o.null_string.find('\r') != std::string::npos) {
      throw Exception(sqlstate::kInvalidParameterValue,
                      "COPY null representation cannot use newline or carriage return");
    }
    if (o.null_string.find(o.delimiter) != std::string::npos) {
      throw Exception(sqlstate::kFeatureNotSupported,
                      "COPY delimiter must not appear in the NULL specification");
    }
  } else {
    o.null_string = csv ? "" : "\\N";
  }
  o.skip_lines = w.skip_lines.value_or(0);
  o.header = w.header;
  o.backslash_escapes = !csv && (!o.redshift || w.backslash_escape);
  if (o.redshift && csv && o.remove_quotes) {
    throw Exception(sqlstate::kInvalidParameterValue, "REMOVEQUOTES cannot be used with CSV");
  }
}

void ParseQualifiedName(TokenCursor& in, CopyStatement& copy) {
  std::string first = in.Identifier();
  if (in.AcceptSymbol(".")) {
    copy.schema = first;
    copy.table = in.Identifier();
  } else {
    copy.table = first;
  }
}

std::unique_ptr<SelectStatement> ParseQuery(std::string_view text, int offset,
                                            const ParserOptions& options) {
  std::vector<std::unique_ptr<SQLStatement>> statements;
  try {
    statements = Parser::Parse(text, options);
  } catch (const Exception& e) {
    Exception shifted = e;
    if (e.Position() > 0 && offset >= 0)
      shifted.WithPosition(e.Position() + offset);
    else
      shifted.WithPosition(0);
    throw shifted;
  }
  if (statements.size() != 1 || statements[0]->type != StatementType::kSelect) {
    throw Exception(sqlstate::kSyntaxError, "COPY and UNLOAD take one SELECT statement")
        .WithPosition(offset > 0 ? offset + 1 : 0);
  }
  return std::unique_ptr<SelectStatement>(static_cast<SelectStatement*>(statements[0].release()));
}

}  // namespace

bool CopyParser::Handles(std::string_view statement) {
  // Cheap test first: most statements start with another word.
  size_t i = 0;
  while (i < statement.size() && std::isspace(static_cast<unsigned char>(statement[i])))
    i++;
  if (i < statement.size() && std::isalpha(static_cast<unsigned char>(statement[i]))) {
    size_t end = i;
    while (end < statement.size() && std::isalpha(static_cast<unsigned char>(statement[end])))
      end++;
    std::string word(statement.substr(i, end - i));
    for (auto& c : word)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (word != "copy" && word != "unload")
      return false;
  }
  auto tokens = SqlTokenizer::Tokenize(statement);
  return !tokens.empty() && tokens[0].kind == SqlTokenKind::kWord && !tokens[0].quoted &&
         (tokens[0].text == "copy" || tokens[0].text == "unload");
}

std::unique_ptr<CopyStatement> CopyParser::Parse(std::string_view statement,
                                                 const ParserOptions& options) {
  auto tokens = SqlTokenizer::Tokenize(statement, options.case_sensitive_identifiers);
  TokenCursor in(tokens, statement);
  auto copy = std::make_unique<CopyStatement>();
  if (in.AcceptWord("unload")) {
    copy->direction = CopyStatement::Direction::kUnload;
    in.ExpectSymbol("(");
    auto* t = in.Peek();
    std::string query = in.String("UNLOAD (");
    in.ExpectSymbol(")");
    (void)t;
    copy->query = ParseQuery(query, -1, options);
    in.ExpectWord("to");
    copy->path = in.String("TO");
  } else {
    in.ExpectWord("copy");
    if (in.PeekSymbol("(")) {
      // COPY (query) TO: the text between the parentheses, parsed on its own.
      size_t open = in.Index();
      in.Advance();
      int depth = 1;
      size_t close = open + 1;
      for (; close < tokens.size(); close++) {
        if (tokens[close].kind != SqlTokenKind::kSymbol)
          continue;
        if (tokens[close].text == "(")
          depth++;
        if (tokens[close].text == ")" && --depth == 0)
          break;
      }
      if (close >= tokens.size() || close == open + 1)
        throw in.SyntaxError();
      int start = tokens[open + 1].start;
      copy->query =
          ParseQuery(statement.substr(start, tokens[close].start - start), start, options);
      while (in.Index() <= close)
        in.Advance();
      if (!in.PeekWord("to")) {
        throw Exception(sqlstate::kSyntaxError, "COPY (query) FROM is not supported")
            .WithPosition(in.Position());
      }
    } else {
      ParseQualifiedName(in, *copy);
      if (in.AcceptSymbol("(")) {
        do {
          copy->columns.push_back(in.Identifier());
        } while (in.AcceptSymbol(","));
        in.ExpectSymbol(")");
      }
    }
    if (in.AcceptWord("from")) {
      copy->direction = CopyStatement::Direction::kFrom;
      if (in.AcceptWord("stdin"))
        copy->stdio = true;
      else if (in.PeekWord("program"))
        throw Unsupported("COPY FROM PROGRAM", in.Position());
      else if (in.AtEnd())
        throw in.SyntaxError();
      else
        copy->path = in.String("FROM");
    } else if (in.AcceptWord("to")) {
      copy->direction = CopyStatement::Direction::kTo;
      if (in.AcceptWord("stdout"))
        copy->stdio = true;
      else if (in.PeekWord("program"))
        throw Unsupported("COPY TO PROGRAM", in.Position());
      else if (in.AtEnd())
        throw in.SyntaxError();
      else
        copy->path = in.String("TO");
    } else {
      throw in.SyntaxError();
    }
  }
  if (!copy->stdio && copy->path.empty()) {
    throw Exception(sqlstate::kInvalidParameterValue, "the file name must not be empty");
  }
  WrittenOptions written;
  in.AcceptWord("with");
  if (in.PeekSymbol("(")) {
    ParseOptionList(in, written, *copy);
  } else {
    while (ParseKeywordOption(in, written, copy->options, copy->direction)) {
    }
  }
  if (!in.AtEnd())
    throw in.SyntaxError();
  Finish(written, copy->options, copy->direction);
  for (auto* list : {&copy->force_not_null, &copy->force_null}) {
    if (list->empty())
      continue;
    const char* what = list == &copy->force_null ? "force null" : "force not null";
    if (copy->options.format != CopyFormat::kCsv) {
      throw Exception(sqlstate::kFeatureNotSupported,
                      std::string("COPY ") + what + " available only in CSV mode");
    }
    if (copy->direction != CopyStatement::Direction::kFrom) {
      throw Exception(sqlstate::kFeatureNotSupported,
                      std::string("COPY ") + what + " only available using COPY FROM");
    }
  }
  if (copy->direction != CopyStatement::Direction::kFrom) {
    auto& o = copy->options;
    if (o.max_errors || o.accept_invalid_chars || o.empty_as_null || o.blanks_as_null ||
        o.fill_record || o.ignore_blank_lines || o.trim_blanks || o.remove_quotes ||
        !o.date_format.empty() || !o.time_format.empty() || (o.skip_lines && !o.header)) {
      throw Exception(sqlstate::kSyntaxError,
                      "MAXERROR, ACCEPTINVCHARS, EMPTYASNULL, BLANKSASNULL, TRIMBLANKS, "
                      "REMOVEQUOTES, DATEFORMAT, TIMEFORMAT and IGNOREHEADER only apply to COPY "
                      "FROM");
    }
  }
  copy->query_text = std::string(statement);
  return copy;
}

}  // namespace tributary
