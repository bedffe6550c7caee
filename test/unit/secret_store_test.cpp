// Secrets store: encryption at rest, rotation, lookups by name and ARN,
// and clear errors (never containing a value) for a wrong key or a damaged
// file, with nothing lost.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "security/aws_error.h"
#include "security/iam_store.h"
#include "security/secret_store.h"

namespace tributary {
namespace {

class SecretStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("tributary-secrets-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string ReadFile(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  std::filesystem::path dir_;
};

const char* kValue = R"({"username":"shop_ro","password":"s3cr3t-Pa55"})";

TEST_F(SecretStoreTest, CreateGetRotate) {
  ControlPlaneStore store(dir_);
  SecretStore secrets(store);
  auto info = secrets.Create("shop-ro", kValue, "read-only user");
  EXPECT_EQ(info.arn.rfind("arn:aws:secretsmanager:us-east-1:", 0), 0u);
  EXPECT_EQ(info.arn.substr(info.arn.size() - 7, 1), "-");
  EXPECT_EQ(secrets.GetValue("shop-ro"), kValue);
  EXPECT_EQ(secrets.GetValue(info.arn), kValue);
  EXPECT_EQ(secrets.GetValue(info.arn.substr(0, info.arn.size() - 7)), kValue);
  secrets.PutValue(info.arn, R"({"username":"shop_ro","password":"rotated"})");
  EXPECT_NE(secrets.GetValue("shop-ro").find("rotated"), std::string::npos);
  // The value is not stored in clear text.
  std::string file = ReadFile((dir_ / "control" / "state.json").string());
  EXPECT_EQ(file.find("rotated"), std::string::npos);
  EXPECT_EQ(file.find("s3cr3t"), std::string::npos);
  struct stat st;
  ASSERT_EQ(::stat((dir_ / "control" / "master.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_THROW(secrets.Create("shop-ro", kValue, ""), AwsError);
  EXPECT_EQ(secrets.List().size(), 1u);
  secrets.Delete("shop-ro");
  EXPECT_THROW(secrets.GetValue("shop-ro"), AwsError);
}

TEST_F(SecretStoreTest, WrongKeyIsAClearErrorAndLosesNothing) {
  ControlPlaneStore store(dir_);
  SecretStore secrets(store);
  secrets.Create("shop-ro", kValue, "");
  auto key_path = dir_ / "control" / "master.key";
  std::string original = ReadFile(key_path.string());
  {
    std::ofstream out(key_path, std::ios::trunc);
    out << std::string(32, 'x');
  }
  try {
    secrets.GetValue("shop-ro");
    FAIL() << "expected an error";
  } catch (const Exception& e) {
    EXPECT_NE(e.Message().find("key file does not match"), std::string::npos) << e.Message();
    EXPECT_EQ(e.Message().find("s3cr3t"), std::string::npos);
  }
  {
    std::ofstream out(key_path, std::ios::trunc);
    out << original;
  }
  EXPECT_EQ(secrets.GetValue("shop-ro"), kValue);
}

TEST_F(SecretStoreTest, TruncatedFilesAreDetected) {
  ControlPlaneStore store(dir_);
  SecretStore secrets(store);
  secrets.Create("shop-ro", kValue, "");
  auto state_path = dir_ / "control" / "state.json";
  std::string original = ReadFile(state_path.string());
  {
    std::ofstream out(state_path, std::ios::trunc);
    out << original.substr(0, original.size() / 2);
  }
  try {
    secrets.List();
    FAIL() << "expected an error";
  } catch (const Exception& e) {
    EXPECT_EQ(e.SqlState(), "XX001");
    EXPECT_NE(e.Message().find("corrupted"), std::string::npos);
  }
  // A failed update writes nothing.
  EXPECT_THROW(secrets.Create("other", kValue, ""), Exception);
  EXPECT_EQ(ReadFile(state_path.string()), original.substr(0, original.size() / 2));
  {
    std::ofstream out(state_path, std::ios::trunc);
    out << original;
  }
  EXPECT_EQ(secrets.GetValue("shop-ro"), kValue);
  // A truncated key file is named as such.
  auto key_path = dir_ / "control" / "master.key";
  std::filesystem::resize_file(key_path, 10);
  try {
    secrets.GetValue("shop-ro");
    FAIL() << "expected an error";
  } catch (const Exception& e) {
    EXPECT_NE(e.Message().find("damaged"), std::string::npos) << e.Message();
  }
}

TEST_F(SecretStoreTest, RoleChainAuthorization) {
  ControlPlaneStore store(dir_);
  SecretStore secrets(store);
  IamStore iam(store);
  auto secret = secrets.Create("shop-ro", kValue, "");
  auto first = iam.CreateRole("first", "");
  auto reader = iam.CreateRole("reader", R"({"Statement":[{"Effect":"Allow","Principal":{"AWS":")" +
                                             first.arn + R"("},"Action":"sts:AssumeRole"}]})");
  // Not attached yet.
  EXPECT_FALSE(iam.AuthorizeSecretRead(first.arn, secret.arn).allowed);
  iam.ModifyClusterRoles({first.arn}, {}, first.arn);
  auto d = iam.AuthorizeSecretRead("default", secret.arn);
  EXPECT_FALSE(d.allowed);
  EXPECT_NE(d.failure.find("may not read the secret"), std::string::npos) << d.failure;
  iam.PutRolePolicy(
      "first", "read",
      R"({"Statement":[{"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"arn:aws:secretsmanager:*:*:secret:shop-ro-*"}]})");
  EXPECT_TRUE(iam.AuthorizeSecretRead("DEFAULT", secret.arn).allowed);
  // Chain: first may not assume reader yet.
  auto chain = first.arn + "," + reader.arn;
  d = iam.AuthorizeSecretRead(chain, secret.arn);
  EXPECT_FALSE(d.allowed);
  EXPECT_NE(d.failure.find("may not assume"), std::string::npos) << d.failure;
  iam.PutRolePolicy("first", "assume",
                    R"({"Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":")" +
                        reader.arn + R"("}]})");
  iam.PutRolePolicy(
      "reader", "read",
      R"({"Statement":[{"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"*"}]})");
  EXPECT_TRUE(iam.AuthorizeSecretRead(chain, secret.arn).allowed);
  EXPECT_FALSE(iam.AuthorizeSecretRead(first.arn + ", " + reader.arn, secret.arn).allowed);
  std::string eleven;
  for (int i = 0; i < 11; i++)
    eleven += (i ? "," : "") + first.arn;
  EXPECT_FALSE(iam.AuthorizeSecretRead(eleven, secret.arn).allowed);
  EXPECT_THROW(iam.DeleteRole("reader"), AwsError);  // has policies
}

}  // namespace
}  // namespace tributary
