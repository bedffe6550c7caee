// Egress policy: CIDR and host-pattern rules with ports, checked on the
// resolved address.
#include <gtest/gtest.h>

#include "common/exception.h"
#include "security/egress_policy.h"

namespace tributary {
namespace {

TEST(EgressPolicyTest, DefaultAllowsEverything) {
  EgressPolicy policy;
  EXPECT_TRUE(policy.allow_all());
  EXPECT_TRUE(policy.Allows("anything", "203.0.113.7", 5432));
}

TEST(EgressPolicyTest, Rules) {
  auto policy = EgressPolicy::FromJson(nlohmann::json::parse(R"({"allow": [
      {"cidr": "10.0.0.0/8", "ports": "5432-5439"},
      {"cidr": "127.0.0.1/32"},
      {"host": "*.db.internal", "ports": [5432]},
      {"cidr": "fd00::/8", "ports": 5432}]})"));
  EXPECT_TRUE(policy.Allows("x", "10.1.2.3", 5432));
  EXPECT_TRUE(policy.Allows("x", "10.1.2.3", 5439));
  EXPECT_FALSE(policy.Allows("x", "10.1.2.3", 5440));
  EXPECT_FALSE(policy.Allows("x", "11.1.2.3", 5432));
  EXPECT_TRUE(policy.Allows("x", "127.0.0.1", 80));
  EXPECT_FALSE(policy.Allows("x", "127.0.0.2", 80));
  EXPECT_TRUE(policy.Allows("shop.DB.internal", "192.0.2.1", 5432));
  EXPECT_FALSE(policy.Allows("shop.db.internal", "192.0.2.1", 5433));
  EXPECT_FALSE(policy.Allows("shop.db.internal.evil.com", "192.0.2.1", 5432));
  EXPECT_TRUE(policy.Allows("x", "fd12::1", 5432));
  EXPECT_FALSE(policy.Allows("x", "fe80::1", 5432));
}

TEST(EgressPolicyTest, ResolveChecksTheResolvedAddress) {
  auto policy =
      EgressPolicy::FromJson(nlohmann::json::parse(R"({"allow": [{"cidr": "10.0.0.0/8"}]})"));
  // localhost resolves to a loopback address, which the policy does not allow.
  try {
    policy.Resolve("localhost", 5432);
    FAIL() << "expected a denial";
  } catch (const Exception& e) {
    EXPECT_EQ(e.SqlState(), "08001");
    EXPECT_NE(e.Message().find("egress policy does not allow"), std::string::npos);
  }
  auto open = EgressPolicy::FromJson(
      nlohmann::json::parse(R"({"allow": [{"cidr": "127.0.0.0/8"}, {"cidr": "::1/128"}]})"));
  auto resolved = open.Resolve("localhost", 5432);
  EXPECT_FALSE(resolved.addresses.empty());
  EXPECT_THROW(open.Resolve("no-such-host.invalid", 5432), Exception);
}

TEST(EgressPolicyTest, BadRulesAreNamed) {
  EXPECT_THROW(
      EgressPolicy::FromJson(nlohmann::json::parse(R"({"allow": [{"cidr": "10.0.0.0/40"}]})")),
      Exception);
  EXPECT_THROW(EgressPolicy::FromJson(nlohmann::json::parse(R"({"allow": [{"port": 1}]})")),
               Exception);
  EXPECT_THROW(EgressPolicy::FromJson(
                   nlohmann::json::parse(R"({"allow": [{"host": "a", "ports": "9-1"}]})")),
               Exception);
}

}  // namespace
}  // namespace tributary
