#include "security/iam_policy.h"

#include <nlohmann/json.hpp>

#include "common/constants.h"
#include "common/exception.h"
#include "security/wildcard_match.h"

namespace tributary {

namespace {

using nlohmann::json;

[[noreturn]] void Malformed(const std::string& policy, const std::string& what) {
  throw Exception(sqlstate::kInvalidParameterValue,
                  "malformed policy document \"" + policy + "\": " + what);
}

std::vector<std::string> StringOrList(const std::string& policy, const json& value,
                                      const char* key) {
  std::vector<std::string> result;
  if (value.is_string()) {
    result.push_back(value.get<std::string>());
  } else if (value.is_array()) {
    for (auto& v : value) {
      if (!v.is_string())
        Malformed(policy, std::string(key) + " entries must be strings");
      result.push_back(v.get<std::string>());
    }
  } else {
    Malformed(policy, std::string(key) + " must be a string or a list of strings");
  }
  if (result.empty())
    Malformed(policy, std::string(key) + " must not be empty");
  return result;
}

std::string Describe(const IamPolicy& policy, idx_t index, const PolicyStatement& s) {
  std::string result = policy.name() + "/Statement[" + std::to_string(index) + "]";
  if (!s.sid.empty())
    result += " (Sid " + s.sid + ")";
  return result;
}

}  // namespace

bool PolicyStatement::MatchesAction(const std::string& action) const {
  bool any = false;
  for (auto& a : actions)
    any = any || WildcardMatchIgnoreCase(a, action);
  return any != not_action;
}

bool PolicyStatement::MatchesResource(const std::string& resource) const {
  bool any = false;
  for (auto& r : resources)
    any = any || WildcardMatch(r, resource);
  return any != not_resource;
}

bool PolicyStatement::MatchesPrincipal(const std::string& principal) const {
  for (auto& p : principals) {
    if (p == "*" || WildcardMatch(p, principal))
      return true;
  }
  return false;
}

IamPolicy IamPolicy::Parse(const std::string& name, const std::string& text) {
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& e) {
    Malformed(name, std::string("not valid JSON (") + e.what() + ")");
  }
  if (!doc.is_object())
    Malformed(name, "the document must be a JSON object");
  IamPolicy policy;
  policy.name_ = name;
  for (auto& [key, _] : doc.items()) {
    if (key != "Version" && key != "Statement" && key != "Id") {
      Malformed(name, "unknown top-level key \"" + key + "\"");
    }
  }
  if (!doc.contains("Statement"))
    Malformed(name, "missing \"Statement\"");
  json statements = doc["Statement"];
  if (statements.is_object())
    statements = json::array({statements});
  if (!statements.is_array())
    Malformed(name, "\"Statement\" must be an object or a list");
  for (auto& s : statements) {
    if (!s.is_object())
      Malformed(name, "each statement must be a JSON object");
    PolicyStatement statement;
    for (auto& [key, value] : s.items()) {
      if (key == "Sid") {
        if (!value.is_string())
          Malformed(name, "Sid must be a string");
        statement.sid = value.get<std::string>();
      } else if (key == "Effect") {
        if (value != "Allow" && value != "Deny")
          Malformed(name, "Effect must be Allow or Deny");
        statement.allow = value == "Allow";
      } else if (key == "Action" || key == "NotAction") {
        statement.actions = StringOrList(name, value, key.c_str());
        statement.not_action = key == "NotAction";
      } else if (key == "Resource" || key == "NotResource") {
        statement.resources = StringOrList(name, value, key.c_str());
        statement.not_resource = key == "NotResource";
      } else if (key == "Principal") {
        if (value.is_string()) {
          statement.principals.push_back(value.get<std::string>());
        } else if (value.is_object()) {
          for (auto& [kind, who] : value.items()) {
            if (kind != "AWS" && kind != "Service") {
              Malformed(name, "Principal kind \"" + kind + "\" is not supported");
            }
            for (auto& p : StringOrList(name, who, "Principal"))
              statement.principals.push_back(p);
          }
        } else {
          Malformed(name, "Principal must be \"*\" or an object");
        }
      } else if (key == "Condition") {
        Malformed(name, "Condition blocks are not supported");
      } else {
        Malformed(name, "unknown statement key \"" + key + "\"");
      }
    }
    if (!s.contains("Effect"))
      Malformed(name, "a statement has no Effect");
    if (statement.actions.empty())
      Malformed(name, "a statement has no Action");
    if (statement.resources.empty() && statement.principals.empty()) {
      Malformed(name, "a statement has neither Resource nor Principal");
    }
    policy.statements_.push_back(std::move(statement));
  }
  return policy;
}

PolicyDecision EvaluatePolicies(const std::vector<const IamPolicy*>& policies,
                                const std::string& action, const std::string& resource) {
  PolicyDecision decision;
  for (auto* policy : policies) {
    for (idx_t i = 0; i < policy->statements().size(); i++) {
      auto& s = policy->statements()[i];
      if (s.resources.empty())
        continue;  // trust statements
      if (!s.MatchesAction(action) || !s.MatchesResource(resource))
        continue;
      if (!s.allow) {
        decision.effect = PolicyEffect::kExplicitDeny;
        decision.matched = Describe(*policy, i, s);
        decision.explanation = "explicitly denied by " + decision.matched;
        return decision;  // a Deny ends evaluation
      }
      if (decision.effect == PolicyEffect::kImplicitDeny) {
        decision.effect = PolicyEffect::kAllow;
        decision.matched = Describe(*policy, i, s);
        decision.explanation = "allowed by " + decision.matched;
      }
    }
  }
  if (decision.effect == PolicyEffect::kImplicitDeny) {
    decision.explanation = "no statement allows " + action + " on " + resource + " (implicit deny)";
  }
  return decision;
}

PolicyDecision EvaluateTrust(const IamPolicy& trust, const std::string& principal,
                             const std::string& action) {
  PolicyDecision decision;
  for (idx_t i = 0; i < trust.statements().size(); i++) {
    auto& s = trust.statements()[i];
    if (s.principals.empty() || !s.MatchesAction(action) || !s.MatchesPrincipal(principal)) {
      continue;
    }
    if (!s.allow) {
      decision.effect = PolicyEffect::kExplicitDeny;
      decision.matched = Describe(trust, i, s);
      decision.explanation =
          "trust policy explicitly denies " + principal + " (" + decision.matched + ")";
      return decision;
    }
    if (decision.effect == PolicyEffect::kImplicitDeny) {
      decision.effect = PolicyEffect::kAllow;
      decision.matched = Describe(trust, i, s);
      decision.explanation = "trusted by " + decision.matched;
    }
  }
  if (decision.effect == PolicyEffect::kImplicitDeny) {
    decision.explanation =
        "the trust policy of " + trust.name() + " does not allow " + principal + " to " + action;
  }
  return decision;
}

}  // namespace tributary
