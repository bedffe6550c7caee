// Base64 (RFC 4648, with padding) over OpenSSL's EVP encoder, for SCRAM
// messages and stored verifiers.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tributary {

std::string Base64Encode(std::string_view bytes);
// nullopt when `text` is not valid padded base64.
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace tributary
