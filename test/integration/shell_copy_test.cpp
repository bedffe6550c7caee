// The shell's COPY FROM STDIN / TO STDOUT: data from the process's standard
// input (up to EOF or "\."), results to standard output, as psql does.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "command_runner.h"

namespace tributary {
namespace {

// A fresh data directory: tables persist, so each run needs its own.
std::string FreshDirectory() {
  char name[] = "/tmp/tributary-shell-copy-XXXXXX";
  return mkdtemp(name) ? std::string(" ") + name : std::string();
}

TEST(ShellCopyTest, StdinAndStdout) {
  std::string first = FreshDirectory(), second = FreshDirectory();
  auto [output, status] =
      RunCommand("printf '1|a\\n2|b b\\n\\\\.\\nignored\\n' | " TRIBUTARY_BINARY
                 " -c 'CREATE TABLE t(a INTEGER, b VARCHAR(5))' -c 'COPY t FROM STDIN'"
                 " -c 'COPY t TO STDOUT WITH (FORMAT csv, HEADER)'" +
                 first + " 2>&1");
  EXPECT_EQ(status, 0) << output;
  EXPECT_EQ(output, "CREATE TABLE\nCOPY 2\na,b\n1,a\n2,b b\nCOPY 2\n");
  std::tie(output, status) = RunCommand("printf 'x|a\\n' | " TRIBUTARY_BINARY
                                        " -c 'CREATE TABLE t(a INTEGER, b VARCHAR(5))'"
                                        " -c 'COPY t FROM STDIN'" +
                                        second + " 2>&1");
  EXPECT_EQ(status, 1) << output;
  EXPECT_NE(output.find("ERROR:  COPY t, line 1, column a: invalid input syntax for type integer"),
            std::string::npos)
      << output;
  std::filesystem::remove_all(first.substr(1));
  std::filesystem::remove_all(second.substr(1));
}

}  // namespace
}  // namespace tributary
