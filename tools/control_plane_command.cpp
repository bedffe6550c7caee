#include "control_plane_command.h"

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "security/aws_error.h"
#include "security/iam_store.h"
#include "security/secret_store.h"

namespace tributary {

namespace {

using nlohmann::json;

constexpr int kUsageError = 252;
constexpr int kServiceError = 254;

struct UsageError {
  std::string message;
};

// --flag value [value ...] pairs; bare flags map to "".
struct Arguments {
  std::map<std::string, std::vector<std::string>> flags;

  bool Has(const std::string& flag) const { return flags.count(flag) > 0; }
  std::string Get(const std::string& flag, bool required = true) const {
    auto it = flags.find(flag);
    if (it == flags.end() || it->second.empty()) {
      if (required)
        throw UsageError{"the following arguments are required: " + flag};
      return "";
    }
    return it->second[0];
  }
  // Values of a list flag; each may itself be comma-separated.
  std::vector<std::string> List(const std::string& flag) const {
    std::vector<std::string> result;
    auto it = flags.find(flag);
    if (it == flags.end())
      return result;
    for (auto& v : it->second) {
      size_t start = 0;
      while (start <= v.size()) {
        size_t end = v.find(',', start);
        if (end == std::string::npos)
          end = v.size();
        if (end > start)
          result.push_back(v.substr(start, end - start));
        start = end + 1;
      }
    }
    return result;
  }
};

Arguments Parse(int argc, char** argv, int first) {
  Arguments args;
  std::string current;
  for (int i = first; i < argc; i++) {
    std::string a = argv[i];
    if (a.rfind("--", 0) == 0) {
      auto eq = a.find('=');
      if (eq != std::string::npos) {
        current = a.substr(0, eq);
        args.flags[current].push_back(a.substr(eq + 1));
      } else {
        current = a;
        args.flags[current];
      }
    } else if (!current.empty()) {
      args.flags[current].push_back(a);
    } else {
      throw UsageError{"unexpected argument: " + a};
    }
  }
  return args;
}

// Reads file://PATH values like the AWS CLI does.
std::string Contents(const std::string& value) {
  if (value.rfind("file://", 0) != 0)
    return value;
  std::string path = value.substr(7);
  std::ifstream in(path);
  if (!in)
    throw UsageError{"Unable to load paramfile " + value + ": no such file or readable"};
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string DataDirectory(const Arguments& args) {
  if (args.Has("--data"))
    return args.Get("--data");
  if (const char* env = std::getenv("TRIBUTARY_DATA"))
    return env;
  return "./tributary-data";
}

std::string Iso8601(double seconds) {
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm;
  gmtime_r(&t, &tm);
  char buffer[64];
  std::strftime(buffer, sizeof(buffer), "%Y-%m-%dT%H:%M:%S+00:00", &tm);
  return buffer;
}

std::string OperationName(const std::string& command) {
  // create-secret -> CreateSecret
  std::string result;
  bool upper = true;
  for (char c : command) {
    if (c == '-') {
      upper = true;
      continue;
    }
    result += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return result;
}

json SecretJson(const SecretInfo& info) {
  json j = {{"ARN", info.arn}, {"Name", info.name}};
  if (!info.description.empty())
    j["Description"] = info.description;
  j["LastChangedDate"] = Iso8601(info.last_changed);
  j["CreatedDate"] = Iso8601(info.created);
  j["VersionIdsToStages"] = {{info.version_id, {"AWSCURRENT"}}};
  return j;
}

json RoleJson(const RoleInfo& role) {
  json j = {{"Path", "/"},
            {"RoleName", role.name},
            {"RoleId", role.role_id},
            {"Arn", role.arn},
            {"CreateDate", Iso8601(role.created)}};
  try {
    j["AssumeRolePolicyDocument"] = json::parse(role.assume_role_policy);
  } catch (const json::exception&) {
    j["AssumeRolePolicyDocument"] = role.assume_role_policy;
  }
  return j;
}

json ClusterJson(const ClusterRoles& roles) {
  json list = json::array();
  for (auto& arn : roles.role_arns)
    list.push_back({{"IamRoleArn", arn}, {"ApplyStatus", "in-sync"}});
  return {{"Cluster",
           {{"ClusterIdentifier", "tributary"},
            {"IamRoles", list},
            {"DefaultIamRoleArn", roles.default_role_arn}}}};
}

void Print(const json& j) {
  std::cout << j.dump(4) << std::endl;
}

int SecretsManager(const std::string& command, const Arguments& args) {
  ControlPlaneStore store(DataDirectory(args));
  SecretStore secrets(store);
  if (command == "create-secret") {
    auto info = secrets.Create(args.Get("--name"), Contents(args.Get("--secret-string")),
                               args.Get("--description", false));
    Print({{"ARN", info.arn}, {"Name", info.name}, {"VersionId", info.version_id}});
  } else if (command == "put-secret-value") {
    auto info = secrets.PutValue(args.Get("--secret-id"), Contents(args.Get("--secret-string")));
    Print({{"ARN", info.arn},
           {"Name", info.name},
           {"VersionId", info.version_id},
           {"VersionStages", {"AWSCURRENT"}}});
  } else if (command == "describe-secret") {
    Print(SecretJson(secrets.Describe(args.Get("--secret-id"))));
  } else if (command == "get-secret-value") {
    auto id = args.Get("--secret-id");
    auto info = secrets.Describe(id);
    Print({{"ARN", info.arn},
           {"Name", info.name},
           {"VersionId", info.version_id},
           {"SecretString", secrets.GetValue(id)},
           {"VersionStages", {"AWSCURRENT"}},
           {"CreatedDate", Iso8601(info.last_changed)}});
  } else if (command == "list-secrets") {
    json list = json::array();
    for (auto& info : secrets.List())
      list.push_back(SecretJson(info));
    Print({{"SecretList", list}});
  } else if (command == "delete-secret") {
    auto info = secrets.Delete(args.Get("--secret-id"));
    Print({{"ARN", info.arn}, {"Name", info.name}, {"DeletionDate", Iso8601(std::time(nullptr))}});
  } else {
    throw UsageError{"argument operation: Invalid choice '" + command +
                     "', valid choices are: create-secret | put-secret-value | describe-secret "
                     "| get-secret-value | list-secrets | delete-secret"};
  }
  return 0;
}

int Iam(const std::string& command, const Arguments& args) {
  ControlPlaneStore store(DataDirectory(args));
  IamStore iam(store);
  if (command == "create-role") {
    std::string trust = args.Has("--assume-role-policy-document")
                            ? Contents(args.Get("--assume-role-policy-document"))
                            : "";
    Print({{"Role", RoleJson(iam.CreateRole(args.Get("--role-name"), trust))}});
  } else if (command == "get-role") {
    Print({{"Role", RoleJson(iam.GetRole(args.Get("--role-name")))}});
  } else if (command == "list-roles") {
    json list = json::array();
    for (auto& r : iam.ListRoles())
      list.push_back(RoleJson(r));
    Print({{"Roles", list}});
  } else if (command == "delete-role") {
    iam.DeleteRole(args.Get("--role-name"));
  } else if (command == "put-role-policy") {
    iam.PutRolePolicy(args.Get("--role-name"), args.Get("--policy-name"),
                      Contents(args.Get("--policy-document")));
  } else if (command == "delete-role-policy") {
    iam.DeleteRolePolicy(args.Get("--role-name"), args.Get("--policy-name"));
  } else if (command == "simulate-principal-policy") {
    auto source = args.Get("--policy-source-arn");
    auto actions = args.List("--action-names");
    auto resources = args.List("--resource-arns");
    if (actions.empty())
      throw UsageError{"the following arguments are required: --action-names"};
    if (resources.empty())
      resources.push_back("*");
    json results = json::array();
    for (auto& action : actions) {
      for (auto& resource : resources) {
        auto d = iam.SimulatePrincipalPolicy(source, action, resource);
        const char* decision = d.effect == PolicyEffect::kAllow          ? "allowed"
                               : d.effect == PolicyEffect::kExplicitDeny ? "explicitDeny"
                                                                         : "implicitDeny";
        json matched = json::array();
        if (!d.matched.empty())
          matched.push_back({{"SourcePolicyId", d.matched}});
        results.push_back({{"EvalActionName", action},
                           {"EvalResourceName", resource},
                           {"EvalDecision", decision},
                           {"MatchedStatements", matched},
                           {"Explanation", d.explanation}});
      }
    }
    Print({{"EvaluationResults", results}});
  } else {
    throw UsageError{"argument operation: Invalid choice '" + command +
                     "', valid choices are: create-role | get-role | list-roles | delete-role | "
                     "put-role-policy | delete-role-policy | simulate-principal-policy"};
  }
  return 0;
}

int Redshift(const std::string& command, const Arguments& args) {
  ControlPlaneStore store(DataDirectory(args));
  IamStore iam(store);
  if (command == "modify-cluster-iam-roles") {
    Print(ClusterJson(iam.ModifyClusterRoles(args.List("--add-iam-roles"),
                                             args.List("--remove-iam-roles"),
                                             args.Get("--default-iam-role-arn", false))));
  } else if (command == "describe-cluster-iam-roles") {
    Print(ClusterJson(iam.DescribeClusterRoles()));
  } else {
    throw UsageError{"argument operation: Invalid choice '" + command +
                     "', valid choices are: modify-cluster-iam-roles | describe-cluster-iam-roles"};
  }
  return 0;
}

}  // namespace

int RunControlPlaneCommand(int argc, char** argv) {
  std::string service = argv[0];
  if (argc < 2) {
    std::cerr << "usage: tributary " << service << " <command> [options] [--data DIR]\n";
    return kUsageError;
  }
  std::string command = argv[1];
  try {
    Arguments args = Parse(argc, argv, 2);
    if (service == "secretsmanager")
      return SecretsManager(command, args);
    if (service == "iam")
      return Iam(command, args);
    if (service == "redshift")
      return Redshift(command, args);
    std::cerr << "tributary: unknown service '" << service << "'\n";
    return kUsageError;
  } catch (const UsageError& e) {
    std::cerr << "usage: tributary " << service << " " << command << " [options]\n"
              << "tributary: error: " << e.message << "\n";
    return kUsageError;
  } catch (const AwsError& e) {
    std::cerr << "\nAn error occurred (" << e.Code() << ") when calling the "
              << OperationName(command) << " operation: " << e.Message() << "\n";
    if (!e.Hint().empty())
      std::cerr << "HINT: " << e.Hint() << "\n";
    return kServiceError;
  } catch (const Exception& e) {
    std::cerr << "\nAn error occurred when calling the " << OperationName(command)
              << " operation: " << e.Message() << "\n";
    if (!e.Hint().empty())
      std::cerr << "HINT: " << e.Hint() << "\n";
    return kServiceError;
  }
}

}  // namespace tributary
