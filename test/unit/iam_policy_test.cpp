// IAM policy evaluation: a table of cases (default deny, explicit deny wins,
// wildcards, string-or-list forms, NotAction/NotResource, trust policies).
#include <gtest/gtest.h>

#include "common/exception.h"
#include "security/iam_policy.h"
#include "security/wildcard_match.h"

namespace tributary {
namespace {

const char* kSecret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:shop-ro-AbCdEf";

struct Case {
  const char* name;
  const char* policy;
  const char* action;
  const char* resource;
  PolicyEffect expected;
};

TEST(IamPolicyTest, EvaluationTable) {
  const Case cases[] = {
      {"exact allow",
       R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"arn:aws:secretsmanager:us-east-1:123456789012:secret:shop-ro-AbCdEf"}]})",
       "secretsmanager:GetSecretValue", kSecret, PolicyEffect::kAllow},
      {"no statement matches: implicit deny",
       R"({"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]})",
       "secretsmanager:GetSecretValue", kSecret, PolicyEffect::kImplicitDeny},
      {"star suffix on the resource",
       R"({"Statement":[{"Effect":"Allow","Action":["secretsmanager:GetSecretValue"],"Resource":"arn:aws:secretsmanager:*:*:secret:shop-ro-*"}]})",
       "secretsmanager:GetSecretValue", kSecret, PolicyEffect::kAllow},
      {"question mark matches one character",
       R"({"Statement":[{"Effect":"Allow","Action":"secretsmanager:*","Resource":"arn:aws:secretsmanager:us-east-1:123456789012:secret:shop-ro-??????"}]})",
       "secretsmanager:GetSecretValue", kSecret, PolicyEffect::kAllow},
      {"question mark does not match two",
       R"({"Statement":[{"Effect":"Allow","Action":"secretsmanager:*","Resource":"arn:aws:secretsmanager:us-east-1:123456789012:secret:shop-ro-?????"}]})",
       "secretsmanager:GetSecretValue", kSecret, PolicyEffect::kImplicitDeny},
      {"actions are case-insensitive",
       R"({"Statement":[{"Effect":"Allow","Action":"SecretsManager:getsecretvalue","Resource":"*"}]})",
       "secretsmanager:GetSecretValue", kSecret, PolicyEffect::kAllow},
      {"resources are case-sensitive",
       R"({"Statement":[{"Effect":"Allow","Action":"*","Resource":"arn:aws:secretsmanager:us-east-1:123456789012:secret:SHOP-*"}]})",
       "secretsmanager:GetSecretValue", kSecret, PolicyEffect::kImplicitDeny},
      {"explicit deny beats allow",
       R"({"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Sid":"NoShop","Effect":"Deny","Action":"secretsmanager:GetSecretValue","Resource":"arn:aws:secretsmanager:*:*:secret:shop-*"}]})",
       "secretsmanager:GetSecretValue", kSecret, PolicyEffect::kExplicitDeny},
      {"deny before allow still wins",
       R"({"Statement":[{"Effect":"Deny","Action":"secretsmanager:*","Resource":"*"},{"Effect":"Allow","Action":"*","Resource":"*"}]})",
       "secretsmanager:GetSecretValue", kSecret, PolicyEffect::kExplicitDeny},
      {"deny of another resource does not apply",
       R"({"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"*","Resource":"arn:aws:secretsmanager:*:*:secret:other-*"}]})",
       "secretsmanager:GetSecretValue", kSecret, PolicyEffect::kAllow},
      {"NotAction allows everything else",
       R"({"Statement":[{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}]})",
       "secretsmanager:GetSecretValue", kSecret, PolicyEffect::kAllow},
      {"NotResource excludes",
       R"({"Statement":[{"Effect":"Allow","Action":"*","NotResource":"arn:aws:secretsmanager:*:*:secret:shop-*"}]})",
       "secretsmanager:GetSecretValue", kSecret, PolicyEffect::kImplicitDeny},
      {"single statement object instead of a list",
       R"({"Statement":{"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":["arn:x","*"]}})",
       "secretsmanager:GetSecretValue", kSecret, PolicyEffect::kAllow},
  };
  for (auto& c : cases) {
    auto policy = IamPolicy::Parse("p", c.policy);
    auto decision = EvaluatePolicies({&policy}, c.action, c.resource);
    EXPECT_EQ(decision.effect, c.expected) << c.name << ": " << decision.explanation;
  }
}

TEST(IamPolicyTest, DecisionNamesTheStatement) {
  auto policy = IamPolicy::Parse(
      "fed-ro",
      R"({"Statement":[{"Sid":"ReadShop","Effect":"Allow","Action":"*","Resource":"*"}]})");
  auto decision = EvaluatePolicies({&policy}, "secretsmanager:GetSecretValue", kSecret);
  EXPECT_EQ(decision.matched, "fed-ro/Statement[0] (Sid ReadShop)");
}

TEST(IamPolicyTest, MalformedDocumentsAreRejected) {
  const char* bad[] = {
      "not json",
      "[]",
      R"({"Statement":[{"Action":"*","Resource":"*"}]})",
      R"({"Statement":[{"Effect":"Maybe","Action":"*","Resource":"*"}]})",
      R"({"Statement":[{"Effect":"Allow","Resource":"*"}]})",
      R"({"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{}}]})",
      R"({"Statement":[{"Effect":"Allow","Action":[],"Resource":"*"}]})",
      R"({"Statment":[]})",
  };
  for (auto* text : bad) {
    EXPECT_THROW(IamPolicy::Parse("p", text), Exception) << text;
  }
}

TEST(IamPolicyTest, TrustPolicy) {
  auto trust = IamPolicy::Parse(
      "next",
      R"({"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/first"},"Action":"sts:AssumeRole"}]})");
  EXPECT_TRUE(
      EvaluateTrust(trust, "arn:aws:iam::123456789012:role/first", "sts:AssumeRole").allowed());
  EXPECT_FALSE(
      EvaluateTrust(trust, "arn:aws:iam::123456789012:role/other", "sts:AssumeRole").allowed());
}

TEST(WildcardMatchTest, Patterns) {
  EXPECT_TRUE(WildcardMatch("*", ""));
  EXPECT_TRUE(WildcardMatch("a*b*c", "aXXbYYc"));
  EXPECT_FALSE(WildcardMatch("a*b*c", "aXXbYY"));
  EXPECT_TRUE(WildcardMatch("a?c", "abc"));
  EXPECT_FALSE(WildcardMatch("a?c", "ac"));
  EXPECT_TRUE(WildcardMatch("**", "x"));
  // Pathological pattern stays fast.
  EXPECT_FALSE(WildcardMatch("a*a*a*a*a*a*a*a*b", std::string(5000, 'a')));
}

}  // namespace
}  // namespace tributary
