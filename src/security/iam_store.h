// IamStore: IAM roles and their inline policies, and the roles attached to
// this warehouse (what `aws iam ...` and `aws redshift
// modify-cluster-iam-roles` manage in AWS), plus the authorization check
// CREATE EXTERNAL SCHEMA and every federated query make: may the role chain
// read this secret?
#pragma once

#include <map>
#include <string>
#include <vector>

#include "security/control_plane_store.h"
#include "security/iam_policy.h"

namespace tributary {

struct RoleInfo {
  std::string name;
  std::string arn;
  std::string role_id;
  double created = 0;
  std::string assume_role_policy;               // JSON text
  std::map<std::string, std::string> policies;  // inline policies: name -> JSON text
};

struct ClusterRoles {
  std::vector<std::string> role_arns;
  std::string default_role_arn;  // may be empty
};

// The outcome of checking a role chain, with one line per step.
struct ChainDecision {
  bool allowed = false;
  std::vector<std::string> steps;
  std::string failure;  // the first failing step's reason (empty if allowed)
};

class IamStore {
 public:
  explicit IamStore(ControlPlaneStore& store) : store_(store) {}

  // Without a trust policy the role trusts the warehouse service
  // (redshift.amazonaws.com), like the role a Redshift console creates.
  RoleInfo CreateRole(const std::string& name, const std::string& assume_role_policy);
  RoleInfo GetRole(const std::string& name) const;
  std::vector<RoleInfo> ListRoles() const;
  // NoSuchEntity if missing, DeleteConflict while it has inline policies or
  // is attached to the warehouse.
  void DeleteRole(const std::string& name);
  // The document is validated (IamPolicy::Parse) before it is stored.
  void PutRolePolicy(const std::string& role, const std::string& policy_name,
                     const std::string& document);
  void DeleteRolePolicy(const std::string& role, const std::string& policy_name);
  // Evaluates the role's policies for one action and resource.
  PolicyDecision SimulatePrincipalPolicy(const std::string& role_arn, const std::string& action,
                                         const std::string& resource) const;

  ClusterRoles ModifyClusterRoles(const std::vector<std::string>& add,
                                  const std::vector<std::string>& remove,
                                  const std::string& default_role);
  ClusterRoles DescribeClusterRoles() const;

  // `iam_role` is "default" or up to 10 comma-separated role ARNs. Checks:
  // the roles exist; the first is attached to the warehouse; each role may
  // sts:AssumeRole the next and the next trusts it; the last may
  // secretsmanager:GetSecretValue on `secret_arn`.
  ChainDecision AuthorizeSecretRead(const std::string& iam_role,
                                    const std::string& secret_arn) const;
  // Resolves "default" to the current default role ARN (error if none).
  std::string ResolveRoleSpec(const std::string& iam_role) const;

 private:
  ControlPlaneStore& store_;
};

// "arn:aws:iam::123456789012:role/name" -> "name" ("" if not a role ARN).
std::string RoleNameFromArn(const std::string& arn);

}  // namespace tributary
