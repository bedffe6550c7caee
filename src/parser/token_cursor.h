// TokenCursor: a position in a SqlTokenizer token list, with the accept /
// expect helpers the recursive-descent parsers of statements PostgreSQL's
// grammar lacks share (RedshiftParser, RoleStatementParser, CopyParser).
// Keywords match unquoted words only; errors are PostgreSQL's 42601 syntax
// errors at the current token.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/exception.h"
#include "parser/sql_tokenizer.h"

namespace tributary {

class TokenCursor {
 public:
  // `redact_strings`: syntax errors never quote a string constant (it may
  // be a password).
  TokenCursor(std::vector<SqlToken> tokens, std::string_view text, bool redact_strings = false)
      : tokens_(std::move(tokens)), text_(text), redact_strings_(redact_strings) {}

  bool AtEnd() const {
    return pos_ >= tokens_.size() || (tokens_[pos_].kind == SqlTokenKind::kSymbol &&
                                      tokens_[pos_].text == ";" && pos_ + 1 == tokens_.size());
  }
  const SqlToken* Peek() const { return pos_ < tokens_.size() ? &tokens_[pos_] : nullptr; }
  bool PeekWord(const char* word) const {
    auto* t = Peek();
    return t && t->kind == SqlTokenKind::kWord && !t->quoted && t->text == word;
  }
  bool AcceptWord(const char* word) {
    if (!PeekWord(word))
      return false;
    pos_++;
    return true;
  }
  void ExpectWord(const char* word) {
    if (!AcceptWord(word))
      throw SyntaxError();
  }
  bool PeekSymbol(const char* symbol) const {
    auto* t = Peek();
    return t && t->kind == SqlTokenKind::kSymbol && t->text == symbol;
  }
  bool AcceptSymbol(const char* symbol) {
    if (!PeekSymbol(symbol))
      return false;
    pos_++;
    return true;
  }
  void ExpectSymbol(const char* symbol) {
    if (!AcceptSymbol(symbol))
      throw SyntaxError();
  }
  // Skips the current token (any kind).
  void Advance() { pos_++; }
  size_t Index() const { return pos_; }
  bool PeekKind(SqlTokenKind kind) const {
    auto* t = Peek();
    return t && t->kind == kind;
  }
  std::string Identifier() {
    auto* t = Peek();
    if (!t || t->kind != SqlTokenKind::kWord)
      throw SyntaxError();
    pos_++;
    return t->text;
  }
  std::string String(const char* clause) {
    auto* t = Peek();
    if (!t || t->kind != SqlTokenKind::kString) {
      throw Exception(sqlstate::kSyntaxError,
                      std::string(clause) + " must be followed by a quoted string")
          .WithPosition(t ? t->start + 1 : static_cast<int>(text_.size()));
    }
    pos_++;
    return t->text;
  }
  const SqlToken* Integer() {
    auto* t = Peek();
    if (!t || t->kind != SqlTokenKind::kInteger)
      return nullptr;
    pos_++;
    return t;
  }
  Exception SyntaxError() const {
    auto* t = Peek();
    if (!t) {
      return Exception(sqlstate::kSyntaxError, "syntax error at end of input")
          .WithPosition(static_cast<int>(text_.size()));
    }
    if (redact_strings_ && t->kind == SqlTokenKind::kString) {
      return Exception(sqlstate::kSyntaxError, "syntax error at or near a quoted string")
          .WithPosition(t->start + 1);
    }
    return Exception(sqlstate::kSyntaxError,
                     "syntax error at or near \"" +
                         std::string(text_.substr(t->start, t->end - t->start)) + "\"")
        .WithPosition(t->start + 1);
  }
  int Position() const { return Peek() ? Peek()->start + 1 : static_cast<int>(text_.size()); }

 private:
  std::vector<SqlToken> tokens_;
  std::string_view text_;
  size_t pos_ = 0;
  bool redact_strings_ = false;
};

}  // namespace tributary
