#include "parser/sql_tokenizer.h"

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include <algorithm>

#include "common/exception.h"

namespace tributary {

namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// Decodes a string constant as written ('it''s', E'\n', $$x$$).
std::string DecodeString(std::string_view raw) {
  if (raw.size() >= 2 && raw[0] == '$') {
    auto tag_end = raw.find('$', 1);
    if (tag_end != std::string_view::npos) {
      size_t tag_len = tag_end + 1;
      if (raw.size() >= 2 * tag_len)
        return std::string(raw.substr(tag_len, raw.size() - 2 * tag_len));
    }
  }
  bool escape = false;
  if (!raw.empty() && (raw[0] == 'E' || raw[0] == 'e')) {
    escape = true;
    raw.remove_prefix(1);
  }
  if (raw.size() < 2)
    return std::string(raw);
  raw = raw.substr(1, raw.size() - 2);
  std::string out;
  for (size_t i = 0; i < raw.size(); i++) {
    char c = raw[i];
    if (c == '\'' && i + 1 < raw.size() && raw[i + 1] == '\'') {
      out += '\'';
      i++;
    } else if (escape && c == '\\' && i + 1 < raw.size()) {
      char n = raw[++i];
      out += n == 'n' ? '\n' : n == 't' ? '\t' : n == 'r' ? '\r' : n;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::vector<SqlToken> SqlTokenizer::Tokenize(std::string_view sql, bool case_sensitive) {
  std::string text(sql);
  PgQueryScanResult scan = pg_query_scan(text.c_str());
  if (scan.error) {
    Exception error(sqlstate::kSyntaxError, scan.error->message);
    error.WithPosition(scan.error->cursorpos);
    pg_query_free_scan_result(scan);
    throw error;
  }
  auto* result = pg_query__scan_result__unpack(nullptr, scan.pbuf.len,
                                               reinterpret_cast<const uint8_t*>(scan.pbuf.data));
  std::vector<SqlToken> tokens;
  for (size_t i = 0; result && i < result->n_tokens; i++) {
    auto* t = result->tokens[i];
    if (t->token == PG_QUERY__TOKEN__SQL_COMMENT || t->token == PG_QUERY__TOKEN__C_COMMENT) {
      continue;
    }
    SqlToken token;
    token.start = t->start;
    token.end = t->end;
    std::string raw = text.substr(t->start, t->end - t->start);
    if (t->token == PG_QUERY__TOKEN__SCONST) {
      token.kind = SqlTokenKind::kString;
      token.text = DecodeString(raw);
    } else if (t->token == PG_QUERY__TOKEN__ICONST) {
      token.kind = SqlTokenKind::kInteger;
      token.text = raw;
    } else if (t->token == PG_QUERY__TOKEN__IDENT ||
               t->keyword_kind != PG_QUERY__KEYWORD_KIND__NO_KEYWORD) {
      token.kind = SqlTokenKind::kWord;
      if (raw.size() >= 2 && raw.front() == '"') {
        token.quoted = true;
        std::string unquoted;
        for (size_t j = 1; j + 1 < raw.size(); j++) {
          unquoted += raw[j];
          if (raw[j] == '"' && j + 2 < raw.size() && raw[j + 1] == '"')
            j++;
        }
        token.text = case_sensitive ? unquoted : Lower(unquoted);
      } else {
        token.text = Lower(raw);
      }
    } else if (t->token < 256 || t->token == PG_QUERY__TOKEN__TYPECAST) {
      token.kind = SqlTokenKind::kSymbol;
      token.text = raw;
    } else {
      token.kind = SqlTokenKind::kOther;
      token.text = raw;
    }
    tokens.push_back(std::move(token));
  }
  if (result)
    pg_query__scan_result__free_unpacked(result, nullptr);
  pg_query_free_scan_result(scan);
  return tokens;
}

std::vector<SqlTokenizer::Span> SqlTokenizer::SplitStatements(std::string_view sql) {
  // Split at top-level semicolons of the real lexer's tokens (quotes,
  // dollar quotes and comments are already handled by the lexer).
  std::vector<Span> spans;
  int start = -1;
  for (auto& token : Tokenize(sql)) {
    if (token.kind == SqlTokenKind::kSymbol && token.text == ";") {
      if (start >= 0)
        spans.push_back({start, token.end - start});
      start = -1;
    } else if (start < 0) {
      start = token.start;
    }
  }
  if (start >= 0)
    spans.push_back({start, static_cast<int>(sql.size()) - start});
  return spans;
}

}  // namespace tributary
