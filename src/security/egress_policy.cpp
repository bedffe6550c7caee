#include "security/egress_policy.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <sys/socket.h>

#include <cstring>
#include <fstream>
#include <sstream>

#include "common/config_file.h"
#include "common/exception.h"
#include "security/wildcard_match.h"

namespace tributary {

namespace {

[[noreturn]] void BadRule(const std::string& rule, const std::string& why) {
  throw Exception(sqlstate::kInvalidParameterValue,
                  "invalid egress rule " + rule + " in tributary.conf: " + why);
}

bool ParseAddress(const std::string& text, std::vector<uint8_t>& out) {
  unsigned char buf[16];
  if (inet_pton(AF_INET, text.c_str(), buf) == 1) {
    out.assign(buf, buf + 4);
    return true;
  }
  if (inet_pton(AF_INET6, text.c_str(), buf) == 1) {
    out.assign(buf, buf + 16);
    return true;
  }
  return false;
}

bool InNetwork(const std::vector<uint8_t>& address, const EgressRule& rule) {
  if (address.size() != rule.network.size())
    return false;
  int bits = rule.prefix_length;
  for (size_t i = 0; i < address.size() && bits > 0; i++, bits -= 8) {
    uint8_t mask = bits >= 8 ? 0xFF : static_cast<uint8_t>(0xFF << (8 - bits));
    if ((address[i] & mask) != (rule.network[i] & mask))
      return false;
  }
  return true;
}

void ParsePorts(const nlohmann::json& ports, EgressRule& rule) {
  if (ports.is_null())
    return;
  auto bad = [&]() { BadRule(rule.text, "ports must be a number, \"low-high\" or a list"); };
  if (ports.is_number_integer()) {
    int p = ports.get<int>();
    if (p < 1 || p > 65535)
      bad();
    rule.port_low = rule.port_high = static_cast<uint16_t>(p);
  } else if (ports.is_string()) {
    std::string s = ports.get<std::string>();
    auto dash = s.find('-');
    try {
      int lo = std::stoi(s.substr(0, dash));
      int hi = dash == std::string::npos ? lo : std::stoi(s.substr(dash + 1));
      if (lo < 1 || hi > 65535 || lo > hi)
        bad();
      rule.port_low = static_cast<uint16_t>(lo);
      rule.port_high = static_cast<uint16_t>(hi);
    } catch (const std::exception&) {
      bad();
    }
  } else if (ports.is_array() && ports.size() == 1) {
    ParsePorts(ports[0], rule);
  } else {
    bad();
  }
}

}  // namespace

EgressPolicy EgressPolicy::FromJson(const nlohmann::json& egress) {
  EgressPolicy policy;
  if (egress.is_null())
    return policy;
  policy.allow_all_ = false;
  if (!egress.is_object() || !egress.contains("allow") || !egress["allow"].is_array()) {
    BadRule("(egress)", "expected {\"allow\": [rules]}");
  }
  for (auto& r : egress["allow"]) {
    EgressRule rule;
    rule.text = r.dump();
    if (!r.is_object())
      BadRule(rule.text, "a rule must be an object");
    if (r.contains("host")) {
      rule.host_pattern = r["host"].get<std::string>();
    } else if (r.contains("cidr")) {
      std::string cidr = r["cidr"].get<std::string>();
      auto slash = cidr.find('/');
      if (!ParseAddress(cidr.substr(0, slash), rule.network))
        BadRule(rule.text, "bad address");
      int max_bits = static_cast<int>(rule.network.size() * 8);
      rule.prefix_length = max_bits;
      if (slash != std::string::npos) {
        try {
          rule.prefix_length = std::stoi(cidr.substr(slash + 1));
        } catch (const std::exception&) {
          BadRule(rule.text, "bad prefix length");
        }
        if (rule.prefix_length < 0 || rule.prefix_length > max_bits) {
          BadRule(rule.text, "bad prefix length");
        }
      }
    } else {
      BadRule(rule.text, "a rule needs \"host\" or \"cidr\"");
    }
    ParsePorts(r.contains("ports") ? r["ports"] : nlohmann::json(), rule);
    policy.rules_.push_back(std::move(rule));
  }
  return policy;
}

EgressPolicy EgressPolicy::Load(const std::string& data_directory) {
  auto conf = ReadConfigFile(data_directory);
  return FromJson(conf.contains("egress") ? conf["egress"] : nlohmann::json());
}

bool EgressPolicy::Allows(const std::string& host, const std::string& address,
                          uint16_t port) const {
  if (allow_all_)
    return true;
  std::vector<uint8_t> bytes;
  if (!ParseAddress(address, bytes))
    return false;
  for (auto& rule : rules_) {
    if (port < rule.port_low || port > rule.port_high)
      continue;
    if (!rule.host_pattern.empty()) {
      if (WildcardMatchIgnoreCase(rule.host_pattern, host))
        return true;
    } else if (InNetwork(bytes, rule)) {
      return true;
    }
  }
  return false;
}

ResolvedDestination EgressPolicy::Resolve(const std::string& host, uint16_t port) const {
  ResolvedDestination result;
  result.host = host;
  result.port = port;
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* info = nullptr;
  int rc = getaddrinfo(host.c_str(), nullptr, &hints, &info);
  if (rc != 0) {
    throw Exception(sqlstate::kSqlClientUnableToEstablishConnection,
                    "could not resolve host name \"" + host + "\": " + gai_strerror(rc))
        .WithHint("Check the URI of the external schema and the warehouse's DNS.");
  }
  std::vector<std::string> denied;
  for (auto* p = info; p; p = p->ai_next) {
    char buf[INET6_ADDRSTRLEN];
    const void* addr =
        p->ai_family == AF_INET
            ? static_cast<const void*>(&reinterpret_cast<sockaddr_in*>(p->ai_addr)->sin_addr)
            : static_cast<const void*>(&reinterpret_cast<sockaddr_in6*>(p->ai_addr)->sin6_addr);
    if (!inet_ntop(p->ai_family, addr, buf, sizeof(buf)))
      continue;
    std::string a = buf;
    bool seen = false;
    for (auto& x : result.addresses)
      seen = seen || x == a;
    for (auto& x : denied)
      seen = seen || x == a;
    if (seen)
      continue;
    (Allows(host, a, port) ? result.addresses : denied).push_back(a);
  }
  freeaddrinfo(info);
  if (result.addresses.empty()) {
    std::string list;
    for (auto& d : denied)
      list += (list.empty() ? "" : ", ") + d;
    throw Exception(sqlstate::kSqlClientUnableToEstablishConnection,
                    "the egress policy does not allow connections to " + host + ":" +
                        std::to_string(port) + " (resolved to " + list + ")")
        .WithHint(
            "Add an allow rule for this destination to the \"egress\" section of "
            "tributary.conf in the data directory.");
  }
  return result;
}

}  // namespace tributary
