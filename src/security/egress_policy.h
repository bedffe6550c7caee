// EgressPolicy: which network destinations the warehouse may connect to
// (external schema sources). Configured in the data directory's
// tributary.conf (JSON):
//   {"egress": {"allow": [{"cidr": "10.0.0.0/8", "ports": "5432-5439"},
//                         {"host": "*.db.internal", "ports": [5432]}]}}
// Without an "egress" section everything is allowed (documented default).
//
// A destination is checked after name resolution: the caller connects to
// exactly the addresses Resolve() returned and approved, so a DNS answer
// cannot lead a connection around the policy. Host-pattern rules match the
// name as written and still require the resolved address to be one the
// policy does not forbid by a CIDR-only configuration.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace tributary {

struct EgressRule {
  std::string host_pattern;  // `*`/`?` wildcards, case-insensitive; or empty
  // CIDR (IPv4 or IPv6) when host_pattern is empty.
  std::vector<uint8_t> network;  // 4 or 16 bytes
  int prefix_length = 0;
  uint16_t port_low = 1;
  uint16_t port_high = 65535;
  std::string text;  // as configured, for messages
};

struct ResolvedDestination {
  std::string host;
  uint16_t port = 0;
  std::vector<std::string> addresses;  // numeric, approved by the policy
};

class EgressPolicy {
 public:
  // Allow everything.
  EgressPolicy() = default;
  // From the "egress" object of tributary.conf; throws 22023 naming the
  // bad rule.
  static EgressPolicy FromJson(const nlohmann::json& egress);
  // Reads DATA_DIR/tributary.conf (a missing file = allow all).
  static EgressPolicy Load(const std::string& data_directory);

  bool allow_all() const { return allow_all_; }
  // True if `address` (numeric IPv4/IPv6) and port may be reached when the
  // destination was named `host`.
  bool Allows(const std::string& host, const std::string& address, uint16_t port) const;
  // Resolves `host` and returns the approved addresses; throws 08001 with
  // a message naming the policy when none is allowed, or when the name does
  // not resolve.
  ResolvedDestination Resolve(const std::string& host, uint16_t port) const;

 private:
  bool allow_all_ = true;
  std::vector<EgressRule> rules_;
};

}  // namespace tributary
