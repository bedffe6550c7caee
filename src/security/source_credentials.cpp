#include "security/source_credentials.h"

#include <nlohmann/json.hpp>

#include "common/exception.h"
#include "security/iam_store.h"
#include "security/secret_store.h"

namespace tributary {

namespace {

void RequireDataDirectory(const std::string& data_directory) {
  if (data_directory.empty()) {
    throw Exception(sqlstate::kFeatureNotSupported,
                    "external schemas need a data directory (it holds the secrets and roles)")
        .WithHint("Start the shell or server with a data directory.");
  }
}

std::string CheckChain(IamStore& iam, const std::string& role_spec, const std::string& secret_arn) {
  auto decision = iam.AuthorizeSecretRead(role_spec, secret_arn);
  if (!decision.allowed) {
    throw Exception(sqlstate::kInvalidAuthorizationSpecification,
                    "IAM_ROLE may not read the secret: " + decision.failure)
        .WithHint(
            "Check the role with: tributary iam simulate-principal-policy --policy-source-arn "
            "ROLE_ARN --action-names secretsmanager:GetSecretValue --resource-arns " +
            secret_arn);
  }
  return iam.ResolveRoleSpec(role_spec);
}

}  // namespace

std::string ValidateExternalSchemaAccess(const std::string& data_directory,
                                         const ExternalSchemaDefinition& definition) {
  RequireDataDirectory(data_directory);
  ControlPlaneStore store(data_directory);
  SecretStore secrets(store);
  IamStore iam(store);
  SecretInfo secret;
  try {
    secret = secrets.Describe(definition.secret_arn);
  } catch (const Exception&) {
    throw Exception(sqlstate::kUndefinedObject,
                    "secret \"" + definition.secret_arn + "\" does not exist")
        .WithHint(
            "Create it with: tributary secretsmanager create-secret --name NAME "
            "--secret-string '{\"username\":\"...\",\"password\":\"...\"}'");
  }
  return CheckChain(iam, definition.iam_role, secret.arn);
}

SourceCredentials ResolveSourceCredentials(const std::string& data_directory,
                                           const ExternalSchemaDefinition& definition) {
  RequireDataDirectory(data_directory);
  ControlPlaneStore store(data_directory);
  SecretStore secrets(store);
  IamStore iam(store);
  SecretInfo secret;
  try {
    secret = secrets.Describe(definition.secret_arn);
  } catch (const Exception&) {
    throw Exception(sqlstate::kUndefinedObject, "secret \"" + definition.secret_arn +
                                                    "\" of external schema \"" + definition.name +
                                                    "\" does not exist");
  }
  CheckChain(iam, definition.iam_role, secret.arn);
  nlohmann::json value;
  try {
    value = nlohmann::json::parse(secrets.GetValue(secret.arn));
  } catch (const nlohmann::json::exception&) {
    throw Exception(sqlstate::kInvalidParameterValue,
                    "secret \"" + secret.name + "\" is not a JSON object")
        .WithHint("Store {\"username\": \"...\", \"password\": \"...\"}.");
  }
  if (!value.is_object() || !value.contains("username") || !value["username"].is_string() ||
      !value.contains("password") || !value["password"].is_string()) {
    throw Exception(
        sqlstate::kInvalidParameterValue,
        "secret \"" + secret.name + "\" must hold string keys \"username\" and \"password\"");
  }
  return {value["username"].get<std::string>(), value["password"].get<std::string>()};
}

}  // namespace tributary
