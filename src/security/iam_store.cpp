#include "security/iam_store.h"

#include <sodium.h>

#include <algorithm>
#include <chrono>

#include "security/aws_error.h"

namespace tributary {

namespace {

using nlohmann::json;

constexpr size_t kMaxChainedRoles = 10;

const char* kDefaultTrust =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"redshift.amazonaws.com"},"Action":"sts:AssumeRole"}]})";

AwsError NoSuchRole(const std::string& name) {
  return AwsError("NoSuchEntity", sqlstate::kUndefinedObject,
                  "The role with name " + name + " cannot be found.");
}

json* FindRole(json& state, const std::string& name) {
  for (auto& r : state["roles"]) {
    if (r["name"] == name)
      return &r;
  }
  return nullptr;
}

const json* FindRoleByArn(const json& state, const std::string& arn) {
  for (auto& r : state["roles"]) {
    if (r["arn"] == arn)
      return &r;
  }
  return nullptr;
}

RoleInfo Info(const json& r) {
  RoleInfo info;
  info.name = r["name"];
  info.arn = r["arn"];
  info.role_id = r.value("role_id", "");
  info.created = r.value("created", 0.0);
  info.assume_role_policy = r.value("assume_role_policy", "");
  for (auto& [k, v] : r["policies"].items())
    info.policies[k] = v.get<std::string>();
  return info;
}

std::vector<std::string> SplitArns(const std::string& spec) {
  std::vector<std::string> result;
  size_t start = 0;
  while (start <= spec.size()) {
    size_t end = spec.find(',', start);
    if (end == std::string::npos)
      end = spec.size();
    result.push_back(spec.substr(start, end - start));
    start = end + 1;
  }
  return result;
}

std::vector<IamPolicy> Policies(const json& role) {
  std::vector<IamPolicy> result;
  for (auto& [name, doc] : role["policies"].items()) {
    result.push_back(IamPolicy::Parse(role["name"].get<std::string>() + "/" + name, doc));
  }
  return result;
}

}  // namespace

std::string RoleNameFromArn(const std::string& arn) {
  auto pos = arn.find(":role/");
  if (arn.rfind("arn:aws:iam::", 0) != 0 || pos == std::string::npos)
    return "";
  std::string name = arn.substr(pos + 6);
  auto slash = name.rfind('/');  // role paths
  return slash == std::string::npos ? name : name.substr(slash + 1);
}

RoleInfo IamStore::CreateRole(const std::string& name, const std::string& assume_role_policy) {
  bool ok = !name.empty() && name.size() <= 64;
  for (char c : name) {
    ok = ok && (std::isalnum(static_cast<unsigned char>(c)) ||
                std::string("+=,.@_-").find(c) != std::string::npos);
  }
  if (!ok) {
    throw AwsError("ValidationError", sqlstate::kInvalidParameterValue,
                   "invalid role name \"" + name + "\": use 1-64 letters, digits and +=,.@_-");
  }
  std::string trust = assume_role_policy.empty() ? kDefaultTrust : assume_role_policy;
  IamPolicy::Parse(name + "/AssumeRolePolicyDocument", trust);
  RoleInfo info;
  store_.Update([&](json& state) {
    if (FindRole(state, name)) {
      throw AwsError("EntityAlreadyExists", sqlstate::kDuplicateObject,
                     "Role with name " + name + " already exists.");
    }
    unsigned char b[10];
    randombytes_buf(b, sizeof(b));
    std::string id = "AROA";
    for (unsigned char c : b)
      id += "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"[c % 32];
    json r = {{"name", name},
              {"arn", "arn:aws:iam::" + state["account_id"].get<std::string>() + ":role/" + name},
              {"role_id", id},
              {"created",
               std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch())
                   .count()},
              {"assume_role_policy", trust},
              {"policies", json::object()}};
    info = Info(r);
    state["roles"].push_back(std::move(r));
  });
  return info;
}

RoleInfo IamStore::GetRole(const std::string& name) const {
  auto state = store_.Load();
  auto* r = FindRole(state, name);
  if (!r)
    throw NoSuchRole(name);
  return Info(*r);
}

std::vector<RoleInfo> IamStore::ListRoles() const {
  auto state = store_.Load();
  std::vector<RoleInfo> result;
  for (auto& r : state["roles"])
    result.push_back(Info(r));
  return result;
}

void IamStore::DeleteRole(const std::string& name) {
  store_.Update([&](json& state) {
    auto* r = FindRole(state, name);
    if (!r)
      throw NoSuchRole(name);
    if (!(*r)["policies"].empty()) {
      throw AwsError("DeleteConflict", sqlstate::kDependentObjectsStillExist,
                     "Cannot delete entity, must delete policies first.");
    }
    for (auto& attached : state["cluster_roles"]) {
      if (attached == (*r)["arn"]) {
        throw AwsError("DeleteConflict", sqlstate::kDependentObjectsStillExist,
                       "Cannot delete role " + name +
                           ": it is attached to the warehouse (remove it with redshift "
                           "modify-cluster-iam-roles --remove-iam-roles first).");
      }
    }
    auto& roles = state["roles"];
    for (size_t i = 0; i < roles.size(); i++) {
      if (roles[i]["name"] == name) {
        roles.erase(i);
        break;
      }
    }
  });
}

void IamStore::PutRolePolicy(const std::string& role, const std::string& policy_name,
                             const std::string& document) {
  IamPolicy::Parse(role + "/" + policy_name, document);
  store_.Update([&](json& state) {
    auto* r = FindRole(state, role);
    if (!r)
      throw NoSuchRole(role);
    (*r)["policies"][policy_name] = document;
  });
}

void IamStore::DeleteRolePolicy(const std::string& role, const std::string& policy_name) {
  store_.Update([&](json& state) {
    auto* r = FindRole(state, role);
    if (!r)
      throw NoSuchRole(role);
    if (!(*r)["policies"].contains(policy_name)) {
      throw AwsError("NoSuchEntity", sqlstate::kUndefinedObject,
                     "The role policy with name " + policy_name + " cannot be found.");
    }
    (*r)["policies"].erase(policy_name);
  });
}

PolicyDecision IamStore::SimulatePrincipalPolicy(const std::string& role_arn,
                                                 const std::string& action,
                                                 const std::string& resource) const {
  auto state = store_.Load();
  auto* r = FindRoleByArn(state, role_arn);
  if (!r)
    throw NoSuchRole(RoleNameFromArn(role_arn).empty() ? role_arn : RoleNameFromArn(role_arn));
  auto policies = Policies(*r);
  std::vector<const IamPolicy*> pointers;
  for (auto& p : policies)
    pointers.push_back(&p);
  return EvaluatePolicies(pointers, action, resource);
}

ClusterRoles IamStore::ModifyClusterRoles(const std::vector<std::string>& add,
                                          const std::vector<std::string>& remove,
                                          const std::string& default_role) {
  ClusterRoles result;
  store_.Update([&](json& state) {
    auto& attached = state["cluster_roles"];
    for (auto& arn : add) {
      if (!FindRoleByArn(state, arn)) {
        throw AwsError("InvalidParameterValue", sqlstate::kUndefinedObject,
                       "Role " + arn + " does not exist (create it with iam create-role).");
      }
      if (std::find(attached.begin(), attached.end(), arn) == attached.end()) {
        attached.push_back(arn);
      }
    }
    for (auto& arn : remove) {
      for (size_t i = 0; i < attached.size(); i++) {
        if (attached[i] == arn) {
          attached.erase(i);
          break;
        }
      }
      if (state["default_role"] == arn)
        state["default_role"] = "";
    }
    if (!default_role.empty()) {
      if (std::find(attached.begin(), attached.end(), default_role) == attached.end()) {
        throw AwsError("InvalidParameterValue", sqlstate::kInvalidParameterValue,
                       "The default role " + default_role +
                           " must be attached to the warehouse (add it with --add-iam-roles).");
      }
      state["default_role"] = default_role;
    }
    for (auto& a : attached)
      result.role_arns.push_back(a);
    result.default_role_arn = state["default_role"];
  });
  return result;
}

ClusterRoles IamStore::DescribeClusterRoles() const {
  auto state = store_.Load();
  ClusterRoles result;
  for (auto& a : state["cluster_roles"])
    result.role_arns.push_back(a);
  result.default_role_arn = state.value("default_role", "");
  return result;
}

std::string IamStore::ResolveRoleSpec(const std::string& iam_role) const {
  std::string lower = iam_role;
  std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
  if (lower != "default")
    return iam_role;
  auto roles = DescribeClusterRoles();
  if (roles.default_role_arn.empty()) {
    throw Exception(sqlstate::kInvalidParameterValue,
                    "IAM_ROLE default was given, but the warehouse has no default IAM role")
        .WithHint(
            "Set one with: tributary redshift modify-cluster-iam-roles "
            "--default-iam-role-arn ARN (the role must be attached).");
  }
  return roles.default_role_arn;
}

ChainDecision IamStore::AuthorizeSecretRead(const std::string& iam_role,
                                            const std::string& secret_arn) const {
  ChainDecision decision;
  auto fail = [&](std::string reason) {
    decision.failure = reason;
    decision.steps.push_back("failed: " + reason);
    return decision;
  };
  std::string spec = ResolveRoleSpec(iam_role);
  auto arns = SplitArns(spec);
  if (arns.size() > kMaxChainedRoles) {
    return fail("IAM_ROLE chains at most " + std::to_string(kMaxChainedRoles) + " roles, got " +
                std::to_string(arns.size()));
  }
  auto state = store_.Load();
  std::vector<const json*> roles;
  for (auto& arn : arns) {
    if (arn.empty() || arn.find(' ') != std::string::npos) {
      return fail("IAM_ROLE must be comma-separated role ARNs without spaces");
    }
    if (RoleNameFromArn(arn).empty())
      return fail("\"" + arn + "\" is not an IAM role ARN");
    auto* r = FindRoleByArn(state, arn);
    if (!r)
      return fail("role " + arn + " does not exist");
    roles.push_back(r);
  }
  auto& attached = state["cluster_roles"];
  if (std::find(attached.begin(), attached.end(), arns[0]) == attached.end()) {
    return fail("role " + arns[0] +
                " is not attached to the warehouse (attach it with redshift "
                "modify-cluster-iam-roles --add-iam-roles)");
  }
  decision.steps.push_back("ok: " + arns[0] + " is attached to the warehouse");
  for (size_t i = 0; i + 1 < roles.size(); i++) {
    auto policies = Policies(*roles[i]);
    std::vector<const IamPolicy*> pointers;
    for (auto& p : policies)
      pointers.push_back(&p);
    auto may = EvaluatePolicies(pointers, "sts:AssumeRole", arns[i + 1]);
    if (!may.allowed()) {
      return fail(arns[i] + " may not assume " + arns[i + 1] + ": " + may.explanation);
    }
    auto trust = IamPolicy::Parse(RoleNameFromArn(arns[i + 1]),
                                  (*roles[i + 1])["assume_role_policy"].get<std::string>());
    auto trusted = EvaluateTrust(trust, arns[i], "sts:AssumeRole");
    if (!trusted.allowed())
      return fail(trusted.explanation);
    decision.steps.push_back("ok: " + arns[i] + " assumes " + arns[i + 1]);
  }
  auto policies = Policies(*roles.back());
  std::vector<const IamPolicy*> pointers;
  for (auto& p : policies)
    pointers.push_back(&p);
  auto read = EvaluatePolicies(pointers, "secretsmanager:GetSecretValue", secret_arn);
  if (!read.allowed()) {
    return fail("role " + arns.back() + " may not read the secret: " + read.explanation);
  }
  decision.steps.push_back("ok: " + arns.back() + " may read " + secret_arn + " (" +
                           read.explanation + ")");
  decision.allowed = true;
  return decision;
}

}  // namespace tributary
