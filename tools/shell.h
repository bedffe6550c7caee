// Shell: the embedded SQL shell (`tributary [shell] [DATA_DIR]`):
// interactive with libedit line editing and history, or scripted with
// -c SQL / -f FILE; psql's output formats and error conventions.
#pragma once

#include <string>
#include <vector>

#include "result_printer.h"

namespace tributary {

struct ShellOptions {
  std::string data_directory = "./tributary-data";
  std::vector<std::string> commands;  // -c, in order
  std::string file;                   // -f ("-" = stdin)
  PrintOptions print;
  bool timing = false;
};

// Parses the shell's command line (argv[first..]); returns false and
// prints usage on error. Sets `exit_now` for --help/--version.
bool ParseShellOptions(int argc, char** argv, int first, ShellOptions& options, bool& exit_now);
// Runs the shell; returns the process exit status.
int RunShell(const ShellOptions& options);

}  // namespace tributary
