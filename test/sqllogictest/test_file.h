// A sqllogictest file (DuckDB's dialect) parsed into records:
//   statement ok | statement error      SQL [---- expected error text]
//   query <types> [nosort|rowsort|valuesort]  SQL ---- expected rows
//   mode skip | mode unskip | halt | require <name>
//   load          reopens the database on a fresh temporary data directory
//   restart       closes every connection and the database and reopens it
//                 on the same data directory (persistence tests)
// `statement ok|error NAME` and `query TYPES [SORT] NAME` run on the
// connection NAME (opened on first use), for tests with concurrent sessions.
// Values in expected rows are tab-separated; NULL is `NULL`, the empty
// string `(empty)`. `# ...` lines are comments.
#pragma once

#include <string>
#include <vector>

namespace tributary {

struct TestRecord {
  enum class Kind {
    kStatementOk,
    kStatementError,
    kQuery,
    kModeSkip,
    kModeUnskip,
    kHalt,
    kRequire,
    kLoad,
    kRestart
  };
  Kind kind;
  int line = 0;
  std::string sql;
  std::string types;
  std::string sort_mode;  // "nosort", "rowsort", "valuesort"
  bool has_expected = false;
  std::vector<std::string> expected;  // lines after ----
  std::string argument;               // require's argument
  std::string connection;             // empty = the default connection
};

// Throws std::runtime_error with file:line for malformed records.
std::vector<TestRecord> ParseTestFile(const std::string& path);

}  // namespace tributary
