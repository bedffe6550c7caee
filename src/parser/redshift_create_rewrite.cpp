// RedshiftParser::Rewrite: Redshift's clauses of CREATE TABLE / VIEW /
// MATERIALIZED VIEW, read from PostgreSQL's own tokens (pg_query_scan) and
// blanked out so PostgreSQL's grammar parses the rest.
#include "common/exception.h"
#include "parser/redshift_parser.h"
#include "parser/sql_tokenizer.h"

namespace tributary {

namespace {

class Rewriter {
 public:
  Rewriter(std::string_view statement, bool case_sensitive)
      : text_(statement), tokens_(SqlTokenizer::Tokenize(statement, case_sensitive)) {
    // A trailing semicolon is not part of the statement.
    if (!tokens_.empty() && tokens_.back().kind == SqlTokenKind::kSymbol &&
        tokens_.back().text == ";") {
      tokens_.pop_back();
    }
    out_.text = std::string(statement);
  }

  RedshiftRewrite Run() {
    if (!IsWord(0, "create"))
      return std::move(out_);
    size_t i = 1;
    if (IsWord(i, "or") && IsWord(i + 1, "replace"))
      i += 2;
    if (IsWord(i, "view")) {
      RewriteView(i + 1);
    } else if (IsWord(i, "materialized") && IsWord(i + 1, "view")) {
      size_t name_end = SkipName(i + 2);
      size_t as = TopLevelAttributes(name_end, true);
      SetViewQuery(as, tokens_.size());
    } else {
      while (IsWord(i, "temp") || IsWord(i, "temporary") || IsWord(i, "local") ||
             IsWord(i, "global") || IsWord(i, "unlogged")) {
        i++;
      }
      if (IsWord(i, "table"))
        RewriteTable(i + 1);
    }
    return std::move(out_);
  }

 private:
  bool IsWord(size_t i, const char* word) const {
    return i < tokens_.size() && tokens_[i].kind == SqlTokenKind::kWord && !tokens_[i].quoted &&
           tokens_[i].text == word;
  }
  bool IsSymbol(size_t i, const char* symbol) const {
    return i < tokens_.size() && tokens_[i].kind == SqlTokenKind::kSymbol &&
           tokens_[i].text == symbol;
  }
  bool IsName(size_t i) const {
    return i < tokens_.size() && tokens_[i].kind == SqlTokenKind::kWord;
  }
  void Blank(size_t i) {
    for (int b = tokens_[i].start; b < tokens_[i].end; b++)
      out_.text[b] = ' ';
  }
  Exception SyntaxError(size_t i) const {
    if (i >= tokens_.size()) {
      return Exception(sqlstate::kSyntaxError, "syntax error at end of input")
          .WithPosition(static_cast<int>(text_.size()));
    }
    return Exception(
               sqlstate::kSyntaxError,
               "syntax error at or near \"" +
                   std::string(text_.substr(tokens_[i].start, tokens_[i].end - tokens_[i].start)) +
                   "\"")
        .WithPosition(tokens_[i].start + 1);
  }
  // [IF NOT EXISTS] name[.name[.name]]: the index after it.
  size_t SkipName(size_t i) const {
    if (IsWord(i, "if") && IsWord(i + 1, "not") && IsWord(i + 2, "exists"))
      i += 3;
    if (IsName(i))
      i++;
    while (IsSymbol(i, ".") && IsName(i + 1))
      i += 2;
    return i;
  }
  // A parenthesized list of column names at `i`; blanks it; returns the
  // index after the closing parenthesis.
  size_t ColumnList(size_t i, std::vector<std::string>& names) {
    if (!IsSymbol(i, "("))
      throw SyntaxError(i);
    Blank(i++);
    while (true) {
      if (!IsName(i))
        throw SyntaxError(i);
      names.push_back(tokens_[i].text);
      Blank(i++);
      if (IsSymbol(i, ",")) {
        Blank(i++);
        continue;
      }
      if (!IsSymbol(i, ")"))
        throw SyntaxError(i);
      Blank(i++);
      return i;
    }
  }
  // Table attributes from `i` up to AS (or the end) at parenthesis depth 0;
  // returns the index of AS (tokens_.size() when there is none).
  size_t TopLevelAttributes(size_t i, bool materialized_view) {
    auto& a = out_.attributes;
    int depth = 0;
    for (; i < tokens_.size(); i++) {
      if (IsSymbol(i, "(")) {
        depth++;
        continue;
      }
      if (IsSymbol(i, ")")) {
        depth--;
        continue;
      }
      if (depth != 0)
        continue;
      if (IsWord(i, "as"))
        return i;
      if (IsWord(i, "diststyle")) {
        Blank(i);
        if (IsWord(i + 1, "auto")) {
          a.dist_style = DistStyle::kAuto;
        } else if (IsWord(i + 1, "even")) {
          a.dist_style = DistStyle::kEven;
        } else if (IsWord(i + 1, "key")) {
          a.dist_style = DistStyle::kKey;
        } else if (IsWord(i + 1, "all")) {
          a.dist_style = DistStyle::kAll;
        } else {
          throw SyntaxError(i + 1);
        }
        Blank(++i);
      } else if (IsWord(i, "distkey")) {
        Blank(i);
        std::vector<std::string> names;
        size_t next = ColumnList(i + 1, names);
        if (names.size() != 1)
          throw SyntaxError(i + 3);
        a.dist_key = names[0];
        i = next - 1;
      } else if (IsWord(i, "compound") || IsWord(i, "interleaved") || IsWord(i, "sortkey")) {
        a.sort_key_type =
            IsWord(i, "interleaved") ? SortKeyType::kInterleaved : SortKeyType::kCompound;
        if (!IsWord(i, "sortkey")) {
          Blank(i++);
          if (!IsWord(i, "sortkey"))
            throw SyntaxError(i);
        }
        Blank(i);
        if (IsWord(i + 1, "auto")) {
          a.sort_key_type = SortKeyType::kAuto;
          Blank(++i);
          continue;
        }
        a.sort_key.clear();
        i = ColumnList(i + 1, a.sort_key) - 1;
      } else if (IsWord(i, "encode") && IsWord(i + 1, "auto")) {
        Blank(i);
        Blank(++i);
      } else if (IsWord(i, "backup")) {
        Blank(i);
        if (!IsWord(i + 1, "yes") && !IsWord(i + 1, "no"))
          throw SyntaxError(i + 1);
        a.backup = IsWord(i + 1, "yes");
        Blank(++i);
      } else if (materialized_view && IsWord(i, "auto") && IsWord(i + 1, "refresh")) {
        if (IsWord(i + 2, "yes")) {
          throw Exception(sqlstate::kFeatureNotSupported,
                          "AUTO REFRESH YES is not supported: refresh materialized views with "
                          "REFRESH MATERIALIZED VIEW")
              .WithPosition(tokens_[i].start + 1);
        }
        if (!IsWord(i + 2, "no"))
          throw SyntaxError(i + 2);
        Blank(i);
        Blank(i + 1);
        Blank(i + 2);
        i += 2;
      }
    }
    return tokens_.size();
  }
  void RewriteTable(size_t i) {
    i = SkipName(i);
    if (IsSymbol(i, "(")) {
      // The element list: column-level attributes follow a column's name.
      int depth = 1;
      size_t element = i + 1;  // first token of the current element
      for (i = i + 1; i < tokens_.size() && depth > 0; i++) {
        if (IsSymbol(i, "(")) {
          depth++;
          continue;
        }
        if (IsSymbol(i, ")")) {
          depth--;
          continue;
        }
        if (depth != 1)
          continue;
        if (IsSymbol(i, ",")) {
          element = i + 1;
          continue;
        }
        if (i == element || !IsName(element))
          continue;
        const std::string& column = tokens_[element].text;
        if (IsWord(i, "encode") && IsName(i + 1) && !IsSymbol(i + 2, "(")) {
          out_.encodings.emplace_back(column, tokens_[i + 1].text);
          Blank(i);
          Blank(++i);
        } else if (IsWord(i, "distkey") && !IsSymbol(i + 1, "(")) {
          out_.attributes.dist_key = column;
          Blank(i);
        } else if (IsWord(i, "sortkey") && !IsSymbol(i + 1, "(")) {
          if (out_.attributes.sort_key_type == SortKeyType::kNone)
            out_.attributes.sort_key_type = SortKeyType::kCompound;
          out_.attributes.sort_key.push_back(column);
          Blank(i);
        }
      }
    }
    TopLevelAttributes(i, false);
  }
  void RewriteView(size_t i) {
    size_t name_end = SkipName(i);
    size_t end = tokens_.size();
    if (end >= 4 && IsWord(end - 4, "with") && IsWord(end - 3, "no") && IsWord(end - 2, "schema") &&
        IsWord(end - 1, "binding")) {
      out_.no_schema_binding = true;
      for (size_t k = end - 4; k < end; k++)
        Blank(k);
      end -= 4;
    }
    int depth = 0;
    for (size_t k = name_end; k < end; k++) {
      if (IsSymbol(k, "("))
        depth++;
      else if (IsSymbol(k, ")"))
        depth--;
      else if (depth == 0 && IsWord(k, "as"))
        return SetViewQuery(k, end);
    }
  }
  void SetViewQuery(size_t as, size_t end) {
    if (as + 1 >= end)
      return;
    int from = tokens_[as + 1].start;
    int to = tokens_[end - 1].end;
    out_.view_query = std::string(text_.substr(from, to - from));
  }

  std::string_view text_;
  std::vector<SqlToken> tokens_;
  RedshiftRewrite out_;
};

}  // namespace

RedshiftRewrite RedshiftParser::Rewrite(std::string_view statement, bool case_sensitive) {
  // Most statements are not CREATE: skip tokenizing them.
  size_t first = statement.find_first_not_of(" \t\r\n");
  char c = first == std::string_view::npos ? ' ' : statement[first];
  if (c != 'c' && c != 'C' && c != '-' && c != '/') {
    RedshiftRewrite unchanged;
    unchanged.text = std::string(statement);
    return unchanged;
  }
  return Rewriter(statement, case_sensitive).Run();
}

}  // namespace tributary
