// SessionSettings: the per-connection settings SET/SHOW/RESET operate on.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace tributary {

class SessionSettings {
 public:
  SessionSettings();
  // Throws 42704 for an unknown setting, 22023 for a bad value.
  void Set(const std::string& name, const std::string& value);
  void Reset(const std::string& name);
  std::string Get(const std::string& name) const;

  bool enable_case_sensitive_identifier() const;
  bool pg_federation_repeatable_read() const;
  // Tables with at least this many pages are read in parallel ctid ranges
  // (0 turns splitting off).
  int64_t pg_federation_split_pages() const;
  // Seconds external table metadata stays cached (0: read every statement).
  int64_t pg_federation_metadata_ttl() const;
  // Milliseconds an idle server session lives (0: forever).
  int64_t idle_session_timeout() const;

 private:
  std::map<std::string, std::string> values_;
};

}  // namespace tributary
