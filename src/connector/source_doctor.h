// The doctor of external schemas: checks the path from the warehouse to a
// schema's source step by step, so a user sees which step fails and how to
// fix it instead of one opaque connection error. DiagnoseExternalSource
// runs the checks of the schema's kind (PostgresDoctor, MySqlDoctor); the
// pieces every kind shares (the report, DNS and TCP with a timeout) live
// here. No step ever shows the secret's value. Used by `tributary doctor
// SCHEMA` and by the SQL table function tributary_doctor('schema').
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "catalog/external_schema_definition.h"

namespace tributary {

struct DoctorStep {
  std::string step;
  std::string status;  // "ok", "warning", "failed" or "skipped"
  std::string detail;
  std::string fix;  // empty unless failed or warning
};

std::vector<DoctorStep> DiagnoseExternalSource(const ExternalSchemaDefinition& schema,
                                               const std::string& data_directory);

// Network steps wait this long at most.
constexpr int kDoctorTimeoutMs = 5000;

// Resolves `host` to numeric addresses (empty on failure, with `error`).
std::vector<std::string> ResolveHostAddresses(const std::string& host, std::string& error);
// A TCP connection with a kDoctorTimeoutMs timeout; -1 with `error` on
// failure. The caller closes the descriptor.
int ConnectTcpWithTimeout(const std::string& address, uint16_t port, std::string& error);

// The steps so far; Finish adds the steps never reached as "skipped".
class DoctorReport {
 public:
  bool failed() const { return failed_; }
  void Ok(const std::string& step, const std::string& detail) { Add(step, "ok", detail, ""); }
  void Warn(const std::string& step, const std::string& detail, const std::string& fix) {
    Add(step, "warning", detail, fix);
  }
  void Fail(const std::string& step, const std::string& detail, const std::string& fix) {
    Add(step, "failed", detail, fix);
    failed_ = true;
  }
  std::vector<DoctorStep> Finish(const std::vector<std::string>& all_steps) {
    for (auto& step : all_steps) {
      bool seen = false;
      for (auto& s : steps_)
        seen = seen || s.step == step;
      if (!seen)
        steps_.push_back({step, "skipped", "an earlier step failed", ""});
    }
    return steps_;
  }

 private:
  void Add(const std::string& step, const std::string& status, const std::string& detail,
           const std::string& fix) {
    steps_.push_back({step, status, detail, fix});
  }
  std::vector<DoctorStep> steps_;
  bool failed_ = false;
};

struct SourceCredentials;

// The steps every source's doctor starts with: "egress policy", "dns" and
// "tcp connect" to the first allowed address. Returns the connected
// descriptor (the caller closes it), or -1 after reporting the failed step.
// `listening` names the server and its listen settings in the fix
// ("PostgreSQL listens on HOST:PORT (listen_addresses, port)").
int DoctorConnectTcp(DoctorReport& report, const ExternalSchemaDefinition& schema,
                     const std::string& data_directory, const std::string& server,
                     const std::string& listen_settings);
// The "role chain" and "secret" steps: false after reporting the failed
// one; on success `credentials` holds the secret's login.
bool DoctorResolveCredentials(DoctorReport& report, const ExternalSchemaDefinition& schema,
                              const std::string& data_directory, SourceCredentials& credentials);

}  // namespace tributary
