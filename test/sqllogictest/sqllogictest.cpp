// sqllogictest runner: runs each file in a fresh in-memory database and
// compares results with the file's expectations (see test_file.h).
//   sqllogictest FILE.test...
// Exit status 0 when every file passes, 1 otherwise.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <sstream>

#include <stdlib.h>

#include "common/exception.h"
#include "main/connection.h"
#include "main/database.h"
#include "test_file.h"

namespace tributary {
namespace {

std::string Format(const Value& v) {
  if (v.IsNull())
    return "NULL";
  std::string s = v.ToString();
  return s.empty() ? "(empty)" : s;
}

std::vector<std::string> Rows(const QueryResult& result) {
  std::vector<std::string> rows;
  for (idx_t r = 0; r < result.RowCount(); r++) {
    std::string line;
    for (idx_t c = 0; c < result.ColumnCount(); c++) {
      if (c)
        line += "\t";
      line += Format(result.GetValue(c, r));
    }
    rows.push_back(line);
  }
  return rows;
}

std::vector<std::string> Values(const std::vector<std::string>& rows) {
  std::vector<std::string> values;
  for (auto& row : rows) {
    std::stringstream in(row);
    for (std::string v; std::getline(in, v, '\t');)
      values.push_back(v);
  }
  return values;
}

void PrintRows(const char* title, const std::vector<std::string>& rows) {
  std::cerr << title << "\n";
  for (auto& r : rows)
    std::cerr << "  " << r << "\n";
}

// __TEST_DIR__: a fresh directory for files the test writes (removed
// afterwards); __DATA_DIR__: the repository's test/data.
struct TestDirectories {
  std::string test_dir;
  std::string data_dir;
  explicit TestDirectories(const std::string& path) {
    char pattern[] = "/tmp/tributary-slt-XXXXXX";
    if (char* dir = ::mkdtemp(pattern)) {
      test_dir = dir;
      ::chmod(dir, 0777);  // the PostgreSQL checker's server writes here too
    }
    auto at = path.rfind("/sql/");
    data_dir = (at == std::string::npos ? std::string("test") : path.substr(0, at)) + "/data";
  }
  ~TestDirectories() {
    if (!test_dir.empty())
      std::filesystem::remove_all(test_dir);
  }
  void Substitute(std::string& sql) const {
    for (auto [name, value] :
         {std::pair<const char*, const std::string*>{"__TEST_DIR__", &test_dir},
          {"__DATA_DIR__", &data_dir}}) {
      for (size_t at = sql.find(name); at != std::string::npos; at = sql.find(name, at))
        sql.replace(at, std::strlen(name), *value);
    }
  }
};

bool RunFile(const std::string& path, idx_t threads) {
  std::vector<TestRecord> records;
  try {
    records = ParseTestFile(path);
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return false;
  }
  TestDirectories directories(std::filesystem::absolute(path).string());
  for (auto& r : records)
    directories.Substitute(r.sql);
  idx_t runnable = 0;
  for (auto& r : records) {
    runnable += r.kind == TestRecord::Kind::kQuery || r.kind == TestRecord::Kind::kStatementOk ||
                r.kind == TestRecord::Kind::kStatementError;
  }
  if (runnable == 0) {
    std::cerr << path << ": no records (a test must be able to fail)\n";
    return false;
  }
  // The database and its connections; `load` and `restart` reopen them.
  DatabaseConfig config;
  config.threads = threads;
  auto db = std::make_unique<Database>(config);
  std::map<std::string, std::unique_ptr<Connection>> connections;
  struct RemoveDirectory {
    std::string path;
    ~RemoveDirectory() {
      if (!path.empty())
        std::filesystem::remove_all(path);
    }
  } temporary;
  auto connection = [&](const std::string& name) -> Connection& {
    auto& con = connections[name];
    if (!con)
      con = std::make_unique<Connection>(*db);
    return *con;
  };
  bool skipping = false;
  for (auto& record : records) {
    std::string where = path + ":" + std::to_string(record.line);
    if (!skipping &&
        (record.kind == TestRecord::Kind::kLoad || record.kind == TestRecord::Kind::kRestart)) {
      connections.clear();
      db.reset();
      if (record.kind == TestRecord::Kind::kLoad) {
        if (!temporary.path.empty())
          std::filesystem::remove_all(temporary.path);
        char name[] = "/tmp/tributary-sqllogictest-XXXXXX";
        if (!mkdtemp(name)) {
          std::cerr << where << ": cannot create a temporary directory\n";
          return false;
        }
        temporary.path = name;
        config.data_directory = name;
      }
      try {
        db = std::make_unique<Database>(config);
      } catch (const Exception& e) {
        std::cerr << where << ": reopening the database failed: " << e.SqlState() << " "
                  << e.Message() << "\n";
        return false;
      }
      continue;
    }
    switch (record.kind) {
      case TestRecord::Kind::kModeSkip:
        skipping = true;
        continue;
      case TestRecord::Kind::kModeUnskip:
        skipping = false;
        continue;
      case TestRecord::Kind::kHalt:
        return true;
      case TestRecord::Kind::kRequire:
        std::cerr << path << ": requires " << record.argument << ", skipped\n";
        return true;
      default:
        break;
    }
    if (skipping)
      continue;
    if (record.kind == TestRecord::Kind::kStatementOk ||
        record.kind == TestRecord::Kind::kStatementError) {
      bool expect_error = record.kind == TestRecord::Kind::kStatementError;
      try {
        connection(record.connection).Query(record.sql);
        if (expect_error) {
          std::cerr << where << ": statement succeeded but an error was expected\n  " << record.sql
                    << "\n";
          return false;
        }
      } catch (const Exception& e) {
        if (!expect_error) {
          std::cerr << where << ": statement failed: " << e.SqlState() << " " << e.Message()
                    << "\n  " << record.sql << "\n";
          return false;
        }
        if (!record.expected.empty()) {
          // "SQLSTATE xxxxx" checks the state, "SQLSTATE xxxxx text" the state
          // and a part of the message, anything else a part of the message.
          const std::string& want = record.expected[0];
          bool ok;
          if (want.rfind("SQLSTATE ", 0) == 0) {
            ok = e.SqlState() == want.substr(9, 5) &&
                 (want.size() <= 15 || e.Message().find(want.substr(15)) != std::string::npos);
          } else {
            ok = e.Message().find(want) != std::string::npos;
          }
          if (!ok) {
            std::cerr << where << ": wrong error\n  SQL: " << record.sql << "\n  expected: " << want
                      << "\n  actual:   " << e.SqlState() << " " << e.Message() << "\n";
            return false;
          }
        }
      } catch (const std::exception& e) {
        std::cerr << where << ": unexpected C++ exception: " << e.what() << "\n";
        return false;
      }
      continue;
    }
    std::unique_ptr<QueryResult> result;
    try {
      result = connection(record.connection).Query(record.sql);
    } catch (const Exception& e) {
      std::cerr << where << ": query failed: " << e.SqlState() << " " << e.Message() << "\n  "
                << record.sql << "\n";
      return false;
    }
    if (result->ColumnCount() != record.types.size()) {
      std::cerr << where << ": expected " << record.types.size() << " columns, got "
                << result->ColumnCount() << "\n  " << record.sql << "\n";
      return false;
    }
    auto actual = Rows(*result);
    auto expected = record.expected;
    if (record.sort_mode == "rowsort") {
      std::sort(actual.begin(), actual.end());
      std::sort(expected.begin(), expected.end());
    } else if (record.sort_mode == "valuesort") {
      actual = Values(actual);
      expected = Values(expected);
      std::sort(actual.begin(), actual.end());
      std::sort(expected.begin(), expected.end());
    }
    if (actual != expected) {
      std::cerr << where << ": wrong result\n  SQL: " << record.sql << "\n";
      PrintRows("expected:", expected);
      PrintRows("actual:", actual);
      return false;
    }
  }
  return true;
}

}  // namespace
}  // namespace tributary

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: sqllogictest [--threads N] FILE.test...\n";
    return 2;
  }
  bool ok = true;
  // --threads N: the databases' worker threads (default: one per core).
  tributary::idx_t threads = 0;
  for (int i = 1; i < argc; i++) {
    if (std::string(argv[i]) == "--threads" && i + 1 < argc) {
      threads = std::stoul(argv[++i]);
      continue;
    }
    bool passed = tributary::RunFile(argv[i], threads);
    if (!passed)
      std::cerr << "FAILED: " << argv[i] << "\n";
    ok = ok && passed;
  }
  return ok ? 0 : 1;
}
