#include "shell.h"

#include <editline/readline.h>
#include <unistd.h>

#include <csignal>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "common/exception.h"
#include "load_progress_meter.h"
#include "main/connection.h"
#include "main/database.h"
#include "parser/role_statement_parser.h"
#include "parser/sql_tokenizer.h"

namespace tributary {

namespace {

std::atomic<Connection*> g_running{nullptr};

void OnInterrupt(int) {
  if (auto* con = g_running.load())
    con->Interrupt();
}

// psql's error report: ERROR, optional HINT, and for positioned errors the
// offending line with a caret.
void PrintError(const Exception& e, const std::string& sql) {
  std::cerr << "ERROR:  " << e.Message() << "\n";
  if (!e.Detail().empty())
    std::cerr << "DETAIL:  " << e.Detail() << "\n";
  if (!e.Hint().empty())
    std::cerr << "HINT:  " << e.Hint() << "\n";
  if (e.Position() > 0 && static_cast<size_t>(e.Position()) <= sql.size() + 1) {
    size_t pos = e.Position() - 1;
    size_t line_start = sql.rfind('\n', pos == 0 ? 0 : pos - 1);
    line_start = line_start == std::string::npos ? 0 : line_start + 1;
    if (pos < line_start)
      pos = line_start;
    size_t line_end = sql.find('\n', line_start);
    std::string line = sql.substr(
        line_start, line_end == std::string::npos ? std::string::npos : line_end - line_start);
    int line_number = 1;
    for (size_t i = 0; i < line_start; i++)
      line_number += sql[i] == '\n';
    std::string prefix = "LINE " + std::to_string(line_number) + ": ";
    std::cerr << prefix << line << "\n"
              << std::string(prefix.size() + (pos - line_start), ' ') << "^\n";
  }
}

// True when `text` ends with a statement terminator outside quotes and
// comments (so the interactive shell should run it).
bool IsComplete(const std::string& text) {
  try {
    auto tokens = SqlTokenizer::Tokenize(text);
    return !tokens.empty() && tokens.back().kind == SqlTokenKind::kSymbol &&
           tokens.back().text == ";";
  } catch (const Exception&) {
    return false;  // unterminated quote or comment
  }
}

bool OnlyComments(const std::string& text) {
  try {
    return SqlTokenizer::Tokenize(text).empty();
  } catch (const Exception&) {
    return false;
  }
}

class Shell {
 public:
  Shell(const ShellOptions& options)
      : options_(options), db_(DatabaseConfig{options.data_directory, 0}), con_(db_) {
    timing_ = options.timing;
    if (meter_.enabled())
      con_.SetProgressHandler([this](const LoadProgress& p) { meter_.Update(p); });
    // COPY ... FROM STDIN reads this process's standard input up to EOF or
    // a line "\."; COPY ... TO STDOUT writes to standard output (as psql).
    con_.SetCopyHandlers(
        [](idx_t) {
          if (::isatty(STDIN_FILENO)) {
            std::cerr << "Enter data to be copied followed by a newline.\n"
                         "End with a backslash and a period on a line by itself, or an EOF "
                         "signal.\n";
          }
          std::string data, line;
          while (std::getline(std::cin, line)) {
            if (line == "\\." || line == "\\.\r")
              break;
            data += line;
            data += '\n';
          }
          std::cin.clear();
          return data;
        },
        [](idx_t, const std::string& data) {
          std::cout << data;
          std::cout.flush();
        });
  }

  // Runs `sql`; false on error.
  bool Run(const std::string& sql) {
    auto start = std::chrono::steady_clock::now();
    g_running = &con_;
    meter_.Start();
    bool ok = true;
    try {
      con_.QueryEach(sql, [&](QueryResult& result) {
        meter_.Clear();
        for (auto& notice : result.Notices())
          std::cerr << "NOTICE:  " << notice << "\n";
        if (result.HasRows()) {
          PrintResult(result, options_.print, std::cout);
        } else if (!options_.print.tuples_only) {
          std::cout << result.CommandTag() << "\n";
        }
        std::cout.flush();
      });
    } catch (const Exception& e) {
      meter_.Clear();
      PrintError(e, sql);
      ok = false;
    } catch (const std::exception& e) {
      meter_.Clear();
      std::cerr << "ERROR:  internal error: " << e.what() << "\n";
      ok = false;
    }
    g_running = nullptr;
    if (timing_) {
      double ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
              .count();
      char buffer[64];
      std::snprintf(buffer, sizeof(buffer), "Time: %.3f ms\n", ms);
      std::cout << buffer;
    }
    return ok;
  }

  // Backslash commands; returns false for \q.
  bool MetaCommand(const std::string& line) {
    std::istringstream in(line);
    std::string command, argument;
    in >> command >> argument;
    if (command == "\\q" || command == "\\quit")
      return false;
    if (command == "\\timing") {
      timing_ = argument.empty() ? !timing_ : (argument == "on");
      std::cout << "Timing is " << (timing_ ? "on." : "off.") << "\n";
    } else if (command == "\\?") {
      std::cout << "  \\q              quit\n  \\timing [on|off] toggle timing of commands\n  \\?  "
                   "            this help\n";
    } else {
      std::cerr << "invalid command " << command << "\nTry \\? for help.\n";
    }
    return true;
  }

  int Interactive() {
    std::string history_file =
        std::string(std::getenv("HOME") ? std::getenv("HOME") : ".") + "/.tributary_history";
    read_history(history_file.c_str());
    std::cout << "tributary (Tributary SQL warehouse). Type \\q to quit, \\? for help.\n\n";
    std::string buffer;
    while (true) {
      char* raw = readline(buffer.empty() ? "tributary=> " : "tributary-> ");
      if (!raw) {
        std::cout << "\n";
        break;
      }
      std::string line = raw;
      std::free(raw);
      if (buffer.empty() && line.find_first_not_of(" \t") == std::string::npos)
        continue;
      std::string trimmed = line.substr(
          line.find_first_not_of(" \t") == std::string::npos ? 0 : line.find_first_not_of(" \t"));
      if (buffer.empty() && !trimmed.empty() && trimmed[0] == '\\') {
        add_history(line.c_str());
        if (!MetaCommand(trimmed))
          break;
        continue;
      }
      buffer += (buffer.empty() ? "" : "\n") + line;
      if (IsComplete(buffer)) {
        // A CREATE/ALTER USER ... PASSWORD line never reaches the history
        // file (it would keep the password in plain text).
        if (!RoleStatementParser::MayHoldPassword(buffer))
          add_history(buffer.c_str());
        Run(buffer);
        buffer.clear();
      }
    }
    write_history(history_file.c_str());
    return 0;
  }

  int Script(std::istream& in) {
    std::string buffer, line;
    while (std::getline(in, line)) {
      std::string trimmed = line.substr(line.find_first_not_of(" \t") == std::string::npos
                                            ? line.size()
                                            : line.find_first_not_of(" \t"));
      if (!trimmed.empty() && trimmed[0] == '\\' && OnlyComments(buffer)) {
        buffer.clear();
        if (!MetaCommand(trimmed))
          return 0;
        continue;
      }
      buffer += line + "\n";
      if (IsComplete(buffer)) {
        if (!Run(buffer))
          return 1;
        buffer.clear();
      }
    }
    if (buffer.find_first_not_of(" \t\n") != std::string::npos && !Run(buffer))
      return 1;
    return 0;
  }

 private:
  const ShellOptions& options_;
  Database db_;
  Connection con_;
  LoadProgressMeter meter_;
  bool timing_ = false;
};

void Usage(std::ostream& out) {
  out << "tributary is the Tributary SQL warehouse.\n\n"
         "Usage:\n"
         "  tributary [shell] [OPTION]... [DATA_DIR]   interactive SQL shell (default DATA_DIR "
         "./tributary-data)\n"
         "  tributary secretsmanager COMMAND ...       secrets (create-secret, put-secret-value, "
         "describe-secret,\n"
         "                                             get-secret-value, list-secrets, "
         "delete-secret)\n"
         "  tributary iam COMMAND ...                  roles and policies (create-role, get-role, "
         "list-roles,\n"
         "                                             delete-role, put-role-policy, "
         "delete-role-policy,\n"
         "                                             simulate-principal-policy)\n"
         "  tributary redshift COMMAND ...             modify-cluster-iam-roles, "
         "describe-cluster-iam-roles\n"
         "  tributary serve [--data DIR] [--listen ADDR] [--port N] [--admin-user NAME]\n"
         "                  [--admin-password-file F] PostgreSQL wire protocol server "
         "(default 127.0.0.1:5439)\n"
         "  tributary doctor SCHEMA [--data DIR]       check the path to an external schema's "
         "source\n\n"
         "Shell options:\n"
         "  -c SQL          run SQL and exit (may be repeated)\n"
         "  -f FILE         run the statements in FILE (- for standard input) and exit\n"
         "  -A              unaligned output\n"
         "  -t              print rows only (no header or footer)\n"
         "  -F SEP          field separator for unaligned output (default |)\n"
         "  --csv           CSV output\n"
         "  --help          show this help\n"
         "  --version       show the version\n"
         "Control-plane commands take --data DIR (or TRIBUTARY_DATA).\n";
}

}  // namespace

bool ParseShellOptions(int argc, char** argv, int first, ShellOptions& options, bool& exit_now) {
  exit_now = false;
  for (int i = first; i < argc; i++) {
    std::string a = argv[i];
    auto need = [&](const char* flag) -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "tributary: option " << flag << " needs an argument\n";
        throw 1;
      }
      return argv[++i];
    };
    try {
      if (a == "-c" || a == "--command") {
        options.commands.push_back(need("-c"));
      } else if (a == "-f" || a == "--file") {
        options.file = need("-f");
      } else if (a == "-A" || a == "--no-align") {
        options.print.format = PrintOptions::Format::kUnaligned;
      } else if (a == "-t" || a == "--tuples-only") {
        options.print.tuples_only = true;
      } else if (a == "-F" || a == "--field-separator") {
        options.print.field_separator = need("-F");
      } else if (a == "--csv") {
        options.print.format = PrintOptions::Format::kCsv;
      } else if (a == "--help" || a == "-h") {
        Usage(std::cout);
        exit_now = true;
        return true;
      } else if (a == "--version" || a == "-V") {
        std::cout << "tributary 0.1.0\n";
        exit_now = true;
        return true;
      } else if (!a.empty() && a[0] == '-') {
        std::cerr << "tributary: unknown option " << a << "\n";
        Usage(std::cerr);
        return false;
      } else {
        options.data_directory = a;
      }
    } catch (int) {
      return false;
    }
  }
  return true;
}

int RunShell(const ShellOptions& options) {
  std::signal(SIGINT, OnInterrupt);
  std::unique_ptr<Shell> opened;
  try {
    opened = std::make_unique<Shell>(options);
  } catch (const Exception& e) {
    // E.g. the data directory is locked by another process (55006).
    std::cerr << "ERROR:  " << e.Message() << "\n";
    if (!e.Hint().empty())
      std::cerr << "HINT:  " << e.Hint() << "\n";
    return 1;
  }
  Shell& shell = *opened;
  if (!options.commands.empty() || !options.file.empty()) {
    for (auto& sql : options.commands) {
      if (!shell.Run(sql))
        return 1;
    }
    if (!options.file.empty()) {
      if (options.file == "-")
        return shell.Script(std::cin);
      std::ifstream in(options.file);
      if (!in) {
        std::cerr << "tributary: " << options.file << ": No such file or directory\n";
        return 1;
      }
      return shell.Script(in);
    }
    return 0;
  }
  return shell.Interactive();
}

}  // namespace tributary
