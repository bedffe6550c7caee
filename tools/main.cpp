// The `tributary` binary: the SQL shell and the control-plane subcommands.
#include <cstring>
#include <iostream>
#include <string>

#include "control_plane_command.h"
#include "doctor_command.h"
#include "serve_command.h"
#include "shell.h"

int main(int argc, char** argv) {
  std::string command = argc > 1 ? argv[1] : "";
  if (command == "secretsmanager" || command == "iam" || command == "redshift") {
    return tributary::RunControlPlaneCommand(argc - 1, argv + 1);
  }
  if (command == "doctor")
    return tributary::RunDoctorCommand(argc - 1, argv + 1);
  if (command == "serve")
    return tributary::RunServeCommand(argc - 1, argv + 1);
  tributary::ShellOptions options;
  bool exit_now = false;
  int first = command == "shell" ? 2 : 1;
  if (!tributary::ParseShellOptions(argc, argv, first, options, exit_now))
    return 2;
  if (exit_now)
    return 0;
  return tributary::RunShell(options);
}
