#include "main/session_settings.h"

#include <algorithm>

#include "common/exception.h"

namespace tributary {

namespace {

struct SettingDefinition {
  const char* name;
  const char* default_value;
  bool is_boolean;
  bool is_count = false;  // a non-negative integer
};

// Settings a session may SET. Unknown names are an error, as in PostgreSQL.
constexpr SettingDefinition kSettings[] = {
    {"enable_case_sensitive_identifier", "off", true},
    {"pg_federation_repeatable_read", "on", true},
    {"pg_federation_metadata_ttl", "60", false, true},
    {"pg_federation_split_pages", "1000", false, true},
    // on | off | auto: subtrees over one source run there (remote_pushdown.cpp).
    {"pg_federation_pushdown", "auto", false},
    // Build keys sent into a remote probe scan (remote_dynamic_filter.h).
    {"pg_federation_dynamic_filter_max_keys", "50000", false, true},
    // auto | left | right: the input a SEMI/ANTI hash join builds
    // (optimizer.h, SemiJoinBuildSide).
    {"semi_join_build_side", "auto", false},
    {"search_path", "\"$user\", public", false},
    {"statement_timeout", "0", false},
    {"timezone", "UTC", false},
    {"datestyle", "ISO, MDY", false},
    {"application_name", "", false},
    {"client_encoding", "UTF8", false},
    {"extra_float_digits", "1", false},
    {"intervalstyle", "postgres", false},
    {"standard_conforming_strings", "on", true},
    {"client_min_messages", "notice", false},
    // Milliseconds a server session may wait for its next statement
    // (PostgreSQL's name; CREATE USER ... SESSION TIMEOUT sets it at login).
    {"idle_session_timeout", "0", false, true},
    {"transaction_isolation", "serializable", false},  // Redshift's only level
};

const SettingDefinition* Find(const std::string& name) {
  for (auto& s : kSettings) {
    if (name == s.name)
      return &s;
  }
  return nullptr;
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// PostgreSQL's boolean spellings; returns "on"/"off" or throws 22023.
std::string NormalizeBoolean(const std::string& name, const std::string& value) {
  std::string v = Lower(value);
  if (v == "on" || v == "true" || v == "yes" || v == "1" || v == "t")
    return "on";
  if (v == "off" || v == "false" || v == "no" || v == "0" || v == "f")
    return "off";
  throw Exception(sqlstate::kInvalidParameterValue,
                  "parameter \"" + name + "\" requires a Boolean value");
}

}  // namespace

SessionSettings::SessionSettings() {
  for (auto& s : kSettings)
    values_[s.name] = s.default_value;
}

void SessionSettings::Set(const std::string& raw_name, const std::string& value) {
  std::string name = Lower(raw_name);
  auto* def = Find(name);
  if (!def) {
    throw Exception(sqlstate::kUndefinedObject,
                    "unrecognized configuration parameter \"" + raw_name + "\"");
  }
  if (def->is_boolean) {
    values_[name] = NormalizeBoolean(name, value);
    return;
  }
  if (def->is_count) {
    bool digits = !value.empty() && value.size() <= 18 &&
                  value.find_first_not_of("0123456789") == std::string::npos;
    if (!digits) {
      throw Exception(sqlstate::kInvalidParameterValue,
                      "invalid value for parameter \"" + name + "\": \"" + value + "\"")
          .WithHint("A non-negative integer is expected.");
    }
    values_[name] = std::to_string(std::stoll(value));
    return;
  }
  if (name == "pg_federation_pushdown") {
    values_[name] = Lower(value) == "auto" ? "auto" : NormalizeBoolean(name, value);
    return;
  }
  if (name == "semi_join_build_side") {
    std::string v = Lower(value);
    if (v != "auto" && v != "left" && v != "right") {
      throw Exception(sqlstate::kInvalidParameterValue,
                      "invalid value for parameter \"" + name + "\": \"" + value + "\"")
          .WithHint("Available values: auto, left, right.");
    }
    values_[name] = v;
    return;
  }
  if (name == "timezone" && Lower(value) != "utc" && value != "UTC" && value != "0" &&
      Lower(value) != "gmt" && value != "+00" && value != "Etc/UTC") {
    throw Exception(sqlstate::kFeatureNotSupported,
                    "time zone \"" + value + "\" is not supported yet")
        .WithHint("Sessions run in UTC.");
  }
  values_[name] = value;
}

void SessionSettings::Reset(const std::string& raw_name) {
  std::string name = Lower(raw_name);
  if (name == "all") {
    for (auto& s : kSettings)
      values_[s.name] = s.default_value;
    return;
  }
  auto* def = Find(name);
  if (!def) {
    throw Exception(sqlstate::kUndefinedObject,
                    "unrecognized configuration parameter \"" + raw_name + "\"");
  }
  values_[name] = def->default_value;
}

std::string SessionSettings::Get(const std::string& raw_name) const {
  std::string name = Lower(raw_name);
  auto it = values_.find(name);
  if (it == values_.end()) {
    throw Exception(sqlstate::kUndefinedObject,
                    "unrecognized configuration parameter \"" + raw_name + "\"");
  }
  return it->second;
}

bool SessionSettings::enable_case_sensitive_identifier() const {
  return values_.at("enable_case_sensitive_identifier") == "on";
}

bool SessionSettings::pg_federation_repeatable_read() const {
  return values_.at("pg_federation_repeatable_read") == "on";
}

int64_t SessionSettings::pg_federation_split_pages() const {
  return std::stoll(values_.at("pg_federation_split_pages"));
}

int64_t SessionSettings::idle_session_timeout() const {
  return std::stoll(values_.at("idle_session_timeout"));
}

int64_t SessionSettings::pg_federation_metadata_ttl() const {
  return std::stoll(values_.at("pg_federation_metadata_ttl"));
}

}  // namespace tributary
