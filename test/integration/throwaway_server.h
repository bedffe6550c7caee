// ThrowawayServer: a second source server of a test's own (scripts/
// start-postgres or scripts/start-mariadb [--tls]), so a test may stop,
// crash or freeze it while the shared one stays up. `env` holds the
// variables of its env file (PGHOST/PGPORT/... or MYSQL_HOST/MYSQL_PORT/...
// and TRIBUTARY_*_DIR); empty when it did not start (`output` says why).
// Stopped when destroyed, however the test ends; Stop may also be called
// earlier, from any one thread (it runs once).
#pragma once

#include <chrono>
#include <fstream>
#include <map>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "command_runner.h"

namespace tributary {

// The `export NAME=value` lines of an env file written by a start script.
inline std::map<std::string, std::string> ReadEnvFile(const std::string& path) {
  std::map<std::string, std::string> env;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    auto eq = line.find('=');
    if (line.rfind("export ", 0) == 0 && eq != std::string::npos)
      env[line.substr(7, eq - 7)] = line.substr(eq + 1);
  }
  return env;
}

class ThrowawayServer {
 public:
  enum class Kind { kPostgres, kMariaDb };

  // `options`: extra arguments of the start script (e.g. "--tls").
  explicit ThrowawayServer(Kind kind, const std::string& options = "") : kind_(kind) {
    // The env file's path is the last line of the script's standard output.
    output = RunCommand(Script(kind_ == Kind::kPostgres ? "start-postgres" : "start-mariadb") +
                        " " + options + " 2>/dev/null")
                 .first;
    std::string path = output.substr(0, output.find_last_not_of('\n') + 1);
    path = path.substr(path.find_last_of('\n') + 1);
    env = ReadEnvFile(path);
  }
  ~ThrowawayServer() { Stop(); }
  ThrowawayServer(const ThrowawayServer&) = delete;
  ThrowawayServer& operator=(const ThrowawayServer&) = delete;

  // The server's directory ("" when it did not start).
  std::string Dir() {
    return env[kind_ == Kind::kPostgres ? "TRIBUTARY_PG_DIR" : "TRIBUTARY_MYSQL_DIR"];
  }

  // Stops the server (once). With `crash_on_stop` a MariaDB is killed
  // first (a crash, or a frozen server that would take long to shut down
  // gracefully), then its directory is removed.
  void Stop() {
    if (stopped_ || Dir().empty())
      return;
    stopped_ = true;
    if (kind_ == Kind::kMariaDb && crash_on_stop) {
      RunCommand("kill -9 $(cat " + Dir() + "/mysqld.pid)");
      Resume();
    }
    RunCommand(Script(kind_ == Kind::kPostgres ? "stop-postgres" : "stop-mariadb") + " " + Dir() +
               " 2>&1");
  }

  // MariaDB: SIGSTOP (a hung host: sockets stay open, nothing answers),
  // then waits until the kernel reports the process stopped.
  void Freeze() {
    std::string pid = RunCommand("cat " + Dir() + "/mysqld.pid").first;
    pid = pid.substr(0, pid.find_first_of('\n'));
    RunCommand("kill -STOP " + pid);
    for (int i = 0; i < 100; i++) {
      std::ifstream status("/proc/" + pid + "/status");
      std::string line;
      while (std::getline(status, line)) {
        if (line.rfind("State:", 0) == 0 && line.find('T') != std::string::npos)
          return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ADD_FAILURE() << "mariadbd " << pid << " did not stop";
  }
  void Resume() { RunCommand("kill -CONT $(cat " + Dir() + "/mysqld.pid)"); }

  std::map<std::string, std::string> env;
  std::string output;  // the start script's standard output
  bool crash_on_stop = false;

 private:
  static std::string Script(const std::string& name) {
    return std::string(TRIBUTARY_SOURCE_DIR) + "/scripts/" + name;
  }

  Kind kind_;
  bool stopped_ = false;
};

}  // namespace tributary
