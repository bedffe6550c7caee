// `tributary doctor SCHEMA [--data DIR]`: runs PostgresDoctor on an external
// schema of the data directory and prints one line per step (ok, warning,
// failed, skipped) with the reason and the fix. Exit status 0 when no step
// failed, 1 when one did, 2 on bad usage.
#pragma once

namespace tributary {

int RunDoctorCommand(int argc, char** argv);

}  // namespace tributary
