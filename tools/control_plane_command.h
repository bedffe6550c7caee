// The control-plane subcommands, shaped like the AWS CLI so habits and
// scripts carry over:
//   tributary secretsmanager <create-secret|put-secret-value|describe-secret|
//                             get-secret-value|list-secrets|delete-secret> ...
//   tributary iam <create-role|get-role|list-roles|delete-role|put-role-policy|
//                  delete-role-policy|simulate-principal-policy> ...
//   tributary redshift <modify-cluster-iam-roles|describe-cluster-iam-roles> ...
// Output is JSON like the AWS CLI's; errors go to stderr as
// "An error occurred (Code) when calling the Op operation: message".
#pragma once

namespace tributary {

// argv[0] is the service name ("secretsmanager", "iam", "redshift").
// Returns the process exit status (0 ok, 252 usage error, 254 service error).
int RunControlPlaneCommand(int argc, char** argv);

}  // namespace tributary
