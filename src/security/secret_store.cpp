#include "security/secret_store.h"

#include <sodium.h>

#include <chrono>

#include "security/aws_error.h"

namespace tributary {

namespace {

using nlohmann::json;

double Now() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string RandomAlnum(size_t n) {
  static const char kChars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::string s;
  for (size_t i = 0; i < n; i++)
    s += kChars[randombytes_uniform(sizeof(kChars) - 1)];
  return s;
}

std::string NewVersionId() {
  unsigned char b[16];
  randombytes_buf(b, sizeof(b));
  char hex[33];
  sodium_bin2hex(hex, sizeof(hex), b, sizeof(b));
  std::string h(hex);
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) +
         "-" + h.substr(20, 12);
}

std::string ToBase64(const std::string& bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // trailing NUL
  return out;
}

bool FromBase64(const std::string& text, std::string& bytes) {
  bytes.resize(text.size());
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), text.data(),
                        text.size(), nullptr, &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    return false;
  }
  bytes.resize(len);
  return true;
}

std::string Encrypt(const std::string& key, const std::string& arn, const std::string& value) {
  std::string nonce(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, '\0');
  randombytes_buf(nonce.data(), nonce.size());
  std::string cipher(value.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  unsigned long long len = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      reinterpret_cast<unsigned char*>(cipher.data()), &len,
      reinterpret_cast<const unsigned char*>(value.data()), value.size(),
      reinterpret_cast<const unsigned char*>(arn.data()), arn.size(), nullptr,
      reinterpret_cast<const unsigned char*>(nonce.data()),
      reinterpret_cast<const unsigned char*>(key.data()));
  cipher.resize(len);
  return ToBase64(nonce + cipher);
}

std::string Decrypt(const std::string& key, const std::string& arn, const std::string& name,
                    const std::string& stored) {
  std::string bytes;
  if (!FromBase64(stored, bytes) || bytes.size() < crypto_aead_xchacha20poly1305_ietf_NPUBBYTES +
                                                       crypto_aead_xchacha20poly1305_ietf_ABYTES) {
    throw AwsError("DecryptionFailure", sqlstate::kDataCorrupted,
                   "the stored value of secret \"" + name + "\" is damaged");
  }
  auto nonce = reinterpret_cast<const unsigned char*>(bytes.data());
  auto cipher = nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  size_t cipher_len = bytes.size() - crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  std::string plain(cipher_len, '\0');
  unsigned long long len = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          reinterpret_cast<unsigned char*>(plain.data()), &len, nullptr, cipher, cipher_len,
          reinterpret_cast<const unsigned char*>(arn.data()), arn.size(), nonce,
          reinterpret_cast<const unsigned char*>(key.data())) != 0) {
    throw AwsError("DecryptionFailure", sqlstate::kDataCorrupted,
                   "cannot decrypt secret \"" + name +
                       "\": the key file does not match the one it was stored with")
        .WithHint("Restore the data directory's control/master.key from a backup.");
  }
  plain.resize(len);
  return plain;
}

SecretInfo Info(const json& s) {
  SecretInfo info;
  info.name = s.at("name");
  info.arn = s.at("arn");
  info.description = s.value("description", "");
  info.created = s.value("created", 0.0);
  info.last_changed = s.value("last_changed", 0.0);
  info.version_id = s.value("version_id", "");
  return info;
}

void CheckName(const std::string& name) {
  bool ok = !name.empty() && name.size() <= 512;
  for (char c : name) {
    ok = ok && (std::isalnum(static_cast<unsigned char>(c)) ||
                std::string("/_+=.@-").find(c) != std::string::npos);
  }
  if (!ok) {
    throw AwsError(
        "InvalidParameterException", sqlstate::kInvalidParameterValue,
        "invalid secret name \"" + name + "\": use 1-512 letters, digits and /_+=.@- characters");
  }
}

}  // namespace

json& SecretStore::Find(json& state, const std::string& id) {
  for (auto& s : state["secrets"]) {
    const std::string& arn = s["arn"].get_ref<const std::string&>();
    if (s["name"] == id || arn == id || (arn.size() > 7 && arn.substr(0, arn.size() - 7) == id)) {
      return s;
    }
  }
  throw AwsError("ResourceNotFoundException", sqlstate::kUndefinedObject,
                 "Secrets Manager can't find the specified secret: \"" + id + "\"");
}

SecretInfo SecretStore::Create(const std::string& name, const std::string& value,
                               const std::string& description) {
  CheckName(name);
  std::string key = store_.Key();
  SecretInfo info;
  store_.Update([&](json& state) {
    for (auto& s : state["secrets"]) {
      if (s["name"] == name) {
        throw AwsError("ResourceExistsException", sqlstate::kDuplicateObject,
                       "The operation failed because the secret " + name + " already exists.");
      }
    }
    std::string arn = "arn:aws:secretsmanager:" + state["region"].get<std::string>() + ":" +
                      state["account_id"].get<std::string>() + ":secret:" + name + "-" +
                      RandomAlnum(6);
    double now = Now();
    json s = {{"name", name},
              {"arn", arn},
              {"description", description},
              {"created", now},
              {"last_changed", now},
              {"version_id", NewVersionId()},
              {"value", Encrypt(key, arn, value)}};
    info = Info(s);
    state["secrets"].push_back(std::move(s));
  });
  return info;
}

SecretInfo SecretStore::PutValue(const std::string& id, const std::string& value) {
  std::string key = store_.Key();
  SecretInfo info;
  store_.Update([&](json& state) {
    auto& s = Find(state, id);
    s["value"] = Encrypt(key, s["arn"], value);
    s["last_changed"] = Now();
    s["version_id"] = NewVersionId();
    info = Info(s);
  });
  return info;
}

SecretInfo SecretStore::Describe(const std::string& id) const {
  auto state = store_.Load();
  return Info(Find(state, id));
}

std::string SecretStore::GetValue(const std::string& id) const {
  std::string key = store_.Key();
  auto state = store_.Load();
  auto& s = Find(state, id);
  return Decrypt(key, s["arn"], s["name"], s["value"]);
}

std::vector<SecretInfo> SecretStore::List() const {
  auto state = store_.Load();
  std::vector<SecretInfo> result;
  for (auto& s : state["secrets"])
    result.push_back(Info(s));
  return result;
}

SecretInfo SecretStore::Delete(const std::string& id) {
  SecretInfo info;
  store_.Update([&](json& state) {
    auto& s = Find(state, id);
    info = Info(s);
    auto& list = state["secrets"];
    for (size_t i = 0; i < list.size(); i++) {
      if (list[i]["arn"] == info.arn) {
        list.erase(i);
        break;
      }
    }
  });
  return info;
}

}  // namespace tributary
