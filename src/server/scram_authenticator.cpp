#include "server/scram_authenticator.h"

#include <openssl/crypto.h>

#include <vector>

#include "common/exception.h"
#include "server/base64_codec.h"

namespace tributary {

namespace {

constexpr size_t kServerNonceBytes = 18;

[[noreturn]] void Malformed(const char* what) {
  throw Exception(sqlstate::kProtocolViolation, std::string("malformed SCRAM message: ") + what);
}

// Splits "a=x,b=y" into attributes; each must be one letter, '=', a value.
std::vector<std::pair<char, std::string_view>> Attributes(std::string_view text) {
  std::vector<std::pair<char, std::string_view>> result;
  while (true) {
    auto comma = text.find(',');
    auto part = text.substr(0, comma);
    if (part.size() < 2 || part[1] != '=')
      Malformed("expected an attribute");
    result.emplace_back(part[0], part.substr(2));
    if (comma == std::string_view::npos)
      break;
    text.remove_prefix(comma + 1);
  }
  return result;
}

bool PrintableNonce(std::string_view nonce) {
  if (nonce.empty())
    return false;
  for (char c : nonce) {
    if (c < 0x21 || c > 0x7E || c == ',')
      return false;
  }
  return true;
}

}  // namespace

ScramAuthenticator::ScramAuthenticator(std::string user, std::optional<ScramVerifier> verifier)
    : user_(std::move(user)), user_exists_(verifier.has_value()) {
  if (verifier) {
    verifier_ = std::move(*verifier);
  } else {
    verifier_.salt = ScramRandomBytes(ScramVerifier::kSaltLength);
    verifier_.iterations = ScramVerifier::kDefaultIterations;
    verifier_.stored_key = ScramRandomBytes(32);
    verifier_.server_key = ScramRandomBytes(32);
  }
}

void ScramAuthenticator::Fail() const {
  throw Exception(sqlstate::kInvalidPassword,
                  "password authentication failed for user \"" + user_ + "\"");
}

std::string ScramAuthenticator::HandleClientFirst(std::string_view message) {
  // gs2-header: cbind-flag "," [authzid] ","
  if (message.empty())
    Malformed("empty client-first message");
  if (message[0] == 'p')
    throw Exception(sqlstate::kProtocolViolation,
                    "channel binding is not supported by this server");
  if (message[0] != 'n' && message[0] != 'y')
    Malformed("unexpected channel binding flag");
  auto first_comma = message.find(',');
  if (first_comma != 1)
    Malformed("bad gs2 header");
  auto second_comma = message.find(',', 2);
  if (second_comma == std::string_view::npos)
    Malformed("bad gs2 header");
  if (second_comma != 2)
    throw Exception(sqlstate::kFeatureNotSupported,
                    "client uses authorization identity, but it is not supported");
  gs2_header_ = std::string(message.substr(0, 3));
  client_first_bare_ = std::string(message.substr(3));
  std::string_view client_nonce;
  for (auto& [key, value] : Attributes(client_first_bare_)) {
    if (key == 'm')
      throw Exception(sqlstate::kFeatureNotSupported, "SCRAM extensions are not supported");
    if (key == 'r')
      client_nonce = value;
  }
  if (!PrintableNonce(client_nonce))
    Malformed("missing or invalid nonce");
  if (server_nonce_.empty())
    server_nonce_ = Base64Encode(ScramRandomBytes(kServerNonceBytes));
  nonce_ = std::string(client_nonce) + server_nonce_;
  server_first_ = "r=" + nonce_ + ",s=" + Base64Encode(verifier_.salt) +
                  ",i=" + std::to_string(verifier_.iterations);
  return server_first_;
}

std::string ScramAuthenticator::HandleClientFinal(std::string_view message) {
  auto proof_start = message.rfind(",p=");
  if (proof_start == std::string_view::npos)
    Malformed("missing proof");
  std::string_view without_proof = message.substr(0, proof_start);
  std::string_view channel_binding, nonce, proof_b64 = message.substr(proof_start + 3);
  for (auto& [key, value] : Attributes(without_proof)) {
    if (key == 'c')
      channel_binding = value;
    else if (key == 'r')
      nonce = value;
  }
  auto binding = Base64Decode(channel_binding);
  if (!binding || *binding != gs2_header_)
    Malformed("unexpected channel binding");
  if (nonce != nonce_)
    Malformed("nonce does not match");
  auto proof = Base64Decode(proof_b64);
  if (!proof || proof->size() != verifier_.stored_key.size())
    Malformed("invalid proof");

  std::string auth_message =
      client_first_bare_ + "," + server_first_ + "," + std::string(without_proof);
  std::string client_signature = ScramHmac(verifier_.stored_key, auth_message);
  std::string client_key(proof->size(), '\0');
  for (size_t i = 0; i < client_key.size(); i++)
    client_key[i] = static_cast<char>((*proof)[i] ^ client_signature[i]);
  std::string computed_stored_key = ScramSha256(client_key);
  bool match = CRYPTO_memcmp(computed_stored_key.data(), verifier_.stored_key.data(),
                             computed_stored_key.size()) == 0;
  if (!match || !user_exists_)
    Fail();
  return "v=" + Base64Encode(ScramHmac(verifier_.server_key, auth_message));
}

}  // namespace tributary
