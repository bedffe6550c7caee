#include "test_file.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace tributary {

namespace {

std::vector<std::string> Split(const std::string& s) {
  std::vector<std::string> words;
  std::istringstream in(s);
  std::string w;
  while (in >> w)
    words.push_back(w);
  return words;
}

bool Blank(const std::string& line) {
  return line.find_first_not_of(" \t\r") == std::string::npos;
}

}  // namespace

std::vector<TestRecord> ParseTestFile(const std::string& path) {
  std::ifstream in(path);
  if (!in)
    throw std::runtime_error("cannot open " + path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r')
      line.pop_back();
    lines.push_back(line);
  }
  std::vector<TestRecord> records;
  size_t i = 0;
  auto fail = [&](size_t at, const std::string& why) {
    throw std::runtime_error(path + ":" + std::to_string(at + 1) + ": " + why);
  };
  while (i < lines.size()) {
    const std::string& line = lines[i];
    if (Blank(line) || line[0] == '#') {
      i++;
      continue;
    }
    auto words = Split(line);
    TestRecord record;
    record.line = static_cast<int>(i + 1);
    if (words[0] == "statement") {
      if (words.size() < 2 || (words[1] != "ok" && words[1] != "error"))
        fail(i, "expected statement ok|error");
      record.kind =
          words[1] == "ok" ? TestRecord::Kind::kStatementOk : TestRecord::Kind::kStatementError;
      // `statement ok|error [connection]`; an expected error goes below `----`.
      if (words.size() > 3)
        fail(i, "expected statement ok|error [connection] (the expected error goes below ----)");
      if (words.size() > 2)
        record.connection = words[2];
    } else if (words[0] == "query") {
      if (words.size() < 2)
        fail(i, "query needs column types");
      record.kind = TestRecord::Kind::kQuery;
      record.types = words[1];
      record.sort_mode = words.size() > 2 ? words[2] : "nosort";
      if (words.size() > 3) {
        record.connection = words[3];
      } else if (words.size() == 3 && record.sort_mode != "nosort" &&
                 record.sort_mode != "rowsort" && record.sort_mode != "valuesort") {
        record.connection = record.sort_mode;
        record.sort_mode = "nosort";
      }
      if (record.sort_mode != "nosort" && record.sort_mode != "rowsort" &&
          record.sort_mode != "valuesort") {
        fail(i, "unknown sort mode " + record.sort_mode);
      }
    } else if (words[0] == "mode") {
      if (words.size() < 2 || (words[1] != "skip" && words[1] != "unskip"))
        fail(i, "expected mode skip|unskip");
      record.kind =
          words[1] == "skip" ? TestRecord::Kind::kModeSkip : TestRecord::Kind::kModeUnskip;
      records.push_back(record);
      i++;
      continue;
    } else if (words[0] == "load" || words[0] == "restart") {
      record.kind = words[0] == "load" ? TestRecord::Kind::kLoad : TestRecord::Kind::kRestart;
      records.push_back(record);
      i++;
      continue;
    } else if (words[0] == "halt") {
      record.kind = TestRecord::Kind::kHalt;
      records.push_back(record);
      i++;
      continue;
    } else if (words[0] == "require") {
      record.kind = TestRecord::Kind::kRequire;
      record.argument = words.size() > 1 ? words[1] : "";
      records.push_back(record);
      i++;
      continue;
    } else {
      fail(i, "unknown record \"" + words[0] + "\"");
    }
    i++;
    // SQL until ---- or a blank line.
    while (i < lines.size() && !Blank(lines[i]) && lines[i] != "----") {
      record.sql += (record.sql.empty() ? "" : "\n") + lines[i];
      i++;
    }
    if (record.sql.empty())
      fail(record.line - 1, "record without SQL");
    if (i < lines.size() && lines[i] == "----") {
      record.has_expected = true;
      i++;
      while (i < lines.size() && !Blank(lines[i]))
        record.expected.push_back(lines[i++]);
    }
    if (record.kind == TestRecord::Kind::kQuery && !record.has_expected) {
      fail(record.line - 1, "query without ---- and expected results");
    }
    records.push_back(record);
  }
  return records;
}

}  // namespace tributary
