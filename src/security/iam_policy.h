// IamPolicy: an IAM policy document (the JSON shape AWS uses) and its
// evaluation, the way IAM evaluates identity policies:
//   - default deny: nothing is allowed unless a statement allows it;
//   - an explicit Deny in any statement beats every Allow;
//   - Action/NotAction match case-insensitively, Resource/NotResource
//     case-sensitively, with `*` and `?` wildcards; each may be a string or
//     a list of strings.
// Condition blocks are rejected at parse time (we cannot evaluate them, and
// ignoring one could allow what the author meant to deny).
//
// Immutable after Parse; safe to share between threads.
#pragma once

#include <string>
#include <vector>

namespace tributary {

struct PolicyStatement {
  std::string sid;  // may be empty
  bool allow = true;
  std::vector<std::string> actions;
  bool not_action = false;
  std::vector<std::string> resources;
  bool not_resource = false;
  // Principal (trust policies only): AWS principals, or "*".
  std::vector<std::string> principals;

  bool MatchesAction(const std::string& action) const;
  bool MatchesResource(const std::string& resource) const;
  bool MatchesPrincipal(const std::string& principal) const;
};

enum class PolicyEffect : uint8_t { kAllow, kExplicitDeny, kImplicitDeny };

struct PolicyDecision {
  PolicyEffect effect = PolicyEffect::kImplicitDeny;
  // Which policy and statement decided ("fed-ro/Statement[0] (Sid ReadShop)"),
  // empty for an implicit deny.
  std::string matched;
  // One sentence a user can act on.
  std::string explanation;

  bool allowed() const { return effect == PolicyEffect::kAllow; }
};

class IamPolicy {
 public:
  // Parses a policy document; throws Exception (22023, naming the problem)
  // for malformed JSON, a missing Effect, an unknown key or a Condition.
  static IamPolicy Parse(const std::string& name, const std::string& json);

  const std::string& name() const { return name_; }
  const std::vector<PolicyStatement>& statements() const { return statements_; }

 private:
  std::string name_;
  std::vector<PolicyStatement> statements_;
};

// Evaluates identity policies for (action, resource).
PolicyDecision EvaluatePolicies(const std::vector<const IamPolicy*>& policies,
                                const std::string& action, const std::string& resource);
// Evaluates a trust (assume-role) policy for a principal ARN asking for
// `action` (sts:AssumeRole).
PolicyDecision EvaluateTrust(const IamPolicy& trust, const std::string& principal,
                             const std::string& action);

}  // namespace tributary
