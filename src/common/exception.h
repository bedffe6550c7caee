// Errors. A user error is an Exception carrying a SQLSTATE and a message the
// user can act on; it maps 1:1 to the wire protocol's ErrorResponse. Internal
// invariant violations throw InternalException (SQLSTATE XX000) and must be
// unreachable from any input.
#pragma once

#include <exception>
#include <string>

#include "common/sql_state.h"

namespace tributary {

class Exception : public std::exception {
 public:
  Exception(std::string sql_state, std::string message)
      : sql_state_(std::move(sql_state)), message_(std::move(message)) {}

  // Builder-style setters so call sites stay one expression:
  //   throw Exception(sqlstate::kUndefinedColumn, msg).WithHint("...");
  Exception& WithHint(std::string hint) {
    hint_ = std::move(hint);
    return *this;
  }
  Exception& WithDetail(std::string detail) {
    detail_ = std::move(detail);
    return *this;
  }
  // 1-based character position in the query text, 0 when unknown.
  Exception& WithPosition(int position) {
    position_ = position;
    return *this;
  }

  const std::string& SqlState() const { return sql_state_; }
  const std::string& Message() const { return message_; }
  const std::string& Hint() const { return hint_; }
  const std::string& Detail() const { return detail_; }
  int Position() const { return position_; }
  // "ERROR"; "NOTICE"-level messages do not use exceptions.
  const char* what() const noexcept override { return message_.c_str(); }

 private:
  std::string sql_state_;
  std::string message_;
  std::string hint_;
  std::string detail_;
  int position_ = 0;
};

class InternalException : public Exception {
 public:
  explicit InternalException(std::string message)
      : Exception(sqlstate::kInternalError, "internal error: " + std::move(message)) {}
};

// Checks an invariant that no input can violate.
#define TRIB_ASSERT(cond)                                               \
  do {                                                                  \
    if (!(cond))                                                        \
      throw ::tributary::InternalException("assertion failed: " #cond); \
  } while (0)

}  // namespace tributary
