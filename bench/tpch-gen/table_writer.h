// Buffered writer of one dbgen-style .tbl file: every field is followed by '|', one row per line.
// Fields are formatted by hand into a large buffer that is written out with fwrite.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "calendar.h"

namespace tpch_gen {

class TableWriter {
 public:
  // The path that means standard output (which Close flushes but leaves open).
  static constexpr const char* kStandardOutput = "-";

  // Creates (or truncates) the file. Throws std::runtime_error when it cannot be opened.
  explicit TableWriter(const std::filesystem::path& path);
  ~TableWriter();

  TableWriter(const TableWriter&) = delete;
  TableWriter& operator=(const TableWriter&) = delete;

  void Int(int64_t value) {
    if (value < 0) {
      *cursor_++ = '-';
      value = -value;
    }
    AppendUnsigned(static_cast<uint64_t>(value));
    *cursor_++ = '|';
  }

  // `prefix` followed by `value` zero-padded to `width` digits, e.g. "Clerk#000000951".
  void PaddedInt(std::string_view prefix, int64_t value, int width) {
    Append(prefix);
    for (int i = width - 1; i >= 0; --i) {
      cursor_[i] = static_cast<char>('0' + value % 10);
      value /= 10;
    }
    cursor_ += width;
    *cursor_++ = '|';
  }

  void Text(std::string_view text) {
    Append(text);
    *cursor_++ = '|';
  }

  void Char(char c) {
    *cursor_++ = c;
    *cursor_++ = '|';
  }

  // A decimal with two fractional digits, given in hundredths: -12345 -> "-123.45".
  void Cents(int64_t cents) {
    if (cents < 0) {
      *cursor_++ = '-';
      cents = -cents;
    }
    AppendUnsigned(static_cast<uint64_t>(cents / 100));
    int fraction = static_cast<int>(cents % 100);
    cursor_[0] = '.';
    cursor_[1] = static_cast<char>('0' + fraction / 10);
    cursor_[2] = static_cast<char>('0' + fraction % 10);
    cursor_[3] = '|';
    cursor_ += 4;
  }

  // A day number (see calendar.h) as YYYY-MM-DD.
  void Date(int day) {
    std::memcpy(cursor_, day_texts_[day].data(), sizeof(DayText));
    cursor_ += sizeof(DayText);
    *cursor_++ = '|';
  }

  void EndRow() {
    *cursor_++ = '\n';
    ++rows_;
    if (cursor_ >= flush_mark_) {
      Flush();
    }
  }

  // Writes out the buffer and closes the file. Throws std::runtime_error on a write error.
  void Close();

  int64_t rows() const { return rows_; }
  const std::filesystem::path& path() const { return path_; }

 private:
  // Rows are appended without bounds checks: the buffer keeps this much room past the flush
  // mark, far more than the longest row of any table.
  static constexpr size_t kRowSlack = 8192;
  static constexpr size_t kFlushSize = size_t{1} << 21;

  void Append(std::string_view text) {
    std::memcpy(cursor_, text.data(), text.size());
    cursor_ += text.size();
  }

  void AppendUnsigned(uint64_t value) {
    char digits[20];
    char* end = digits + sizeof(digits);
    char* begin = end;
    do {
      *--begin = static_cast<char>('0' + value % 10);
      value /= 10;
    } while (value != 0);
    std::memcpy(cursor_, begin, static_cast<size_t>(end - begin));
    cursor_ += end - begin;
  }

  void Flush();

  std::filesystem::path path_;
  std::FILE* file_ = nullptr;
  std::unique_ptr<char[]> buffer_;
  char* cursor_ = nullptr;
  char* flush_mark_ = nullptr;
  const DayText* day_texts_ = nullptr;
  int64_t rows_ = 0;
};

}  // namespace tpch_gen
