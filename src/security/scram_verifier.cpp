#include "security/scram_verifier.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include "common/exception.h"
#include "server/base64_codec.h"

namespace tributary {

std::string ScramHmac(std::string_view key, std::string_view message) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (!HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
            reinterpret_cast<const unsigned char*>(message.data()), message.size(), out, &length))
    throw InternalException("HMAC-SHA-256 failed");
  return std::string(reinterpret_cast<char*>(out), length);
}

std::string ScramSha256(std::string_view bytes) {
  unsigned char out[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), out);
  return std::string(reinterpret_cast<char*>(out), sizeof(out));
}

std::string ScramRandomBytes(size_t length) {
  std::string out(length, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(length)) != 1)
    throw InternalException("no random bytes available");
  return out;
}

ScramVerifier ScramVerifier::FromPassword(std::string_view password, int iterations) {
  return Derive(password, ScramRandomBytes(kSaltLength), iterations);
}

ScramVerifier ScramVerifier::Derive(std::string_view password, std::string salt, int iterations) {
  ScramVerifier v;
  v.salt = std::move(salt);
  v.iterations = iterations;
  unsigned char salted[SHA256_DIGEST_LENGTH];
  if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                        reinterpret_cast<const unsigned char*>(v.salt.data()),
                        static_cast<int>(v.salt.size()), iterations, EVP_sha256(), sizeof(salted),
                        salted) != 1)
    throw InternalException("PBKDF2 failed");
  std::string_view salted_password(reinterpret_cast<char*>(salted), sizeof(salted));
  v.stored_key = ScramSha256(ScramHmac(salted_password, "Client Key"));
  v.server_key = ScramHmac(salted_password, "Server Key");
  OPENSSL_cleanse(salted, sizeof(salted));
  return v;
}

std::optional<ScramVerifier> ScramVerifier::Parse(std::string_view text) {
  constexpr std::string_view kPrefix = "SCRAM-SHA-256$";
  if (text.substr(0, kPrefix.size()) != kPrefix)
    return std::nullopt;
  text.remove_prefix(kPrefix.size());
  auto dollar = text.find('$');
  if (dollar == std::string_view::npos)
    return std::nullopt;
  auto head = text.substr(0, dollar);
  auto keys = text.substr(dollar + 1);
  auto colon1 = head.find(':');
  auto colon2 = keys.find(':');
  if (colon1 == std::string_view::npos || colon2 == std::string_view::npos)
    return std::nullopt;
  ScramVerifier v;
  try {
    v.iterations = std::stoi(std::string(head.substr(0, colon1)));
  } catch (...) {
    return std::nullopt;
  }
  auto salt = Base64Decode(head.substr(colon1 + 1));
  auto stored = Base64Decode(keys.substr(0, colon2));
  auto server = Base64Decode(keys.substr(colon2 + 1));
  if (v.iterations <= 0 || !salt || !stored || !server || stored->size() != SHA256_DIGEST_LENGTH ||
      server->size() != SHA256_DIGEST_LENGTH)
    return std::nullopt;
  v.salt = *salt;
  v.stored_key = *stored;
  v.server_key = *server;
  return v;
}

std::string ScramVerifier::ToString() const {
  return "SCRAM-SHA-256$" + std::to_string(iterations) + ":" + Base64Encode(salt) + "$" +
         Base64Encode(stored_key) + ":" + Base64Encode(server_key);
}

}  // namespace tributary
