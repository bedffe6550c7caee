// IAM-style wildcard matching: `*` matches any run of characters (also
// none), `?` exactly one. No other metacharacters; no escaping (as in IAM).
#pragma once

#include <string_view>

namespace tributary {

// Case-sensitive (IAM resources).
bool WildcardMatch(std::string_view pattern, std::string_view text);
// Case-insensitive in ASCII (IAM actions: "secretsmanager:getsecretvalue"
// matches "secretsmanager:GetSecretValue").
bool WildcardMatchIgnoreCase(std::string_view pattern, std::string_view text);

}  // namespace tributary
