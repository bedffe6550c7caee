#include "doctor_command.h"

#include <cstdlib>
#include <iostream>
#include <string>

#include "catalog/catalog.h"
#include "common/exception.h"
#include "connector/source_doctor.h"
#include "main/database.h"

namespace tributary {

int RunDoctorCommand(int argc, char** argv) {
  std::string schema_name, data;
  for (int i = 1; i < argc; i++) {
    std::string arg = argv[i];
    if (arg == "--data" && i + 1 < argc) {
      data = argv[++i];
    } else if (arg == "--help") {
      std::cout << "usage: tributary doctor SCHEMA [--data DIR]\n"
                   "Checks the path to an external schema's source step by step.\n";
      return 0;
    } else if (schema_name.empty() && arg[0] != '-') {
      schema_name = arg;
    } else {
      std::cerr << "usage: tributary doctor SCHEMA [--data DIR]\n";
      return 2;
    }
  }
  if (schema_name.empty()) {
    std::cerr << "usage: tributary doctor SCHEMA [--data DIR]\n";
    return 2;
  }
  if (data.empty())
    data = std::getenv("TRIBUTARY_DATA") ? std::getenv("TRIBUTARY_DATA") : "tributary-data";
  try {
    // Only the external schema definitions: a running server may hold the
    // data directory's lock.
    Database db(DatabaseConfig{data, 1, false});
    auto schema = db.catalog().GetSchema(schema_name);
    if (!schema || !schema->external) {
      std::cerr << "tributary doctor: external schema \"" << schema_name << "\" does not exist in "
                << data << "\n";
      return 1;
    }
    auto& d = *schema->external;
    if (d.kind == ExternalSourceKind::kMySql) {
      std::cout << "external schema \"" << d.name << "\": MySQL database \"" << d.database
                << "\" at " << d.host << ":" << d.port << "\n\n";
    } else {
      std::cout << "external schema \"" << d.name << "\": PostgreSQL database \"" << d.database
                << "\" schema \"" << d.remote_schema << "\" at " << d.host << ":" << d.port
                << "\n\n";
    }
    bool failed = false;
    for (auto& step : DiagnoseExternalSource(d, data)) {
      std::string status = step.status;
      status.resize(9, ' ');
      std::string name = step.step;
      name.resize(18, ' ');
      std::cout << "  " << status << name << step.detail << "\n";
      if (!step.fix.empty())
        std::cout << "  " << std::string(27, ' ') << "fix: " << step.fix << "\n";
      failed = failed || step.status == "failed";
    }
    std::cout << "\n" << (failed ? "a step failed" : "the path is healthy") << "\n";
    return failed ? 1 : 0;
  } catch (const Exception& e) {
    std::cerr << "tributary doctor: " << e.Message() << "\n";
    return 1;
  }
}

}  // namespace tributary
