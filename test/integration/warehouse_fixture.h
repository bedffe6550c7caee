// WarehouseTest: what every federation fixture (FederationTest,
// MySqlFederationTest) sets up for a test: a fresh data directory named
// after the test, a secret holding the source's login, a role allowed to
// read secrets (the warehouse's default role), then the Database and a
// Connection (Open). Error and Value run SQL; no error may ever contain
// the source's password. The directory is removed when the test ends.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "common/exception.h"
#include "main/connection.h"
#include "main/database.h"
#include "security/iam_store.h"
#include "security/secret_store.h"

namespace tributary {

inline std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

class WarehouseTest : public ::testing::Test {
 protected:
  // The data directory (tributary-PREFIX-PID-TEST), the source's secret
  // (SECRET-PID) and the default role; Open follows once the source is set
  // up.
  void SetUpWarehouse(const std::string& prefix, const std::string& secret, const std::string& user,
                      const std::string& password) {
    password_ = password;
    dir_ = std::filesystem::temp_directory_path() /
           ("tributary-" + prefix + "-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    store_ = std::make_unique<ControlPlaneStore>(dir_.string());
    secret_arn_ = CreateSecret(secret + "-" + std::to_string(::getpid()), user, password);
    IamStore iam(*store_);
    role_arn_ = iam.CreateRole("fed", "").arn;
    iam.PutRolePolicy(
        "fed", "read",
        R"({"Statement":[{"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"*"}]})");
    iam.ModifyClusterRoles({role_arn_}, {}, role_arn_);
  }

  // A secret holding a login; returns its ARN.
  std::string CreateSecret(const std::string& name, const std::string& user,
                           const std::string& password) {
    return SecretStore(*store_)
        .Create(name, R"({"username":")" + user + R"(","password":")" + password + R"("})", "")
        .arn;
  }

  void Open() {
    db_ = std::make_unique<Database>(DatabaseConfig{dir_.string(), 0});
    con_ = std::make_unique<Connection>(*db_);
  }

  void TearDown() override {
    con_.reset();
    db_.reset();
    if (!dir_.empty())
      std::filesystem::remove_all(dir_);
  }

  std::string Error(const std::string& sql) {
    try {
      con_->Query(sql);
    } catch (const Exception& e) {
      // No error may ever contain the password.
      EXPECT_EQ(e.Message().find(password_), std::string::npos);
      EXPECT_EQ(e.Hint().find(password_), std::string::npos);
      return e.SqlState() + " " + e.Message();
    }
    return "no error";
  }

  std::string Value(const std::string& sql) { return con_->Query(sql)->GetValue(0, 0).ToString(); }

  std::filesystem::path dir_;
  std::unique_ptr<ControlPlaneStore> store_;
  std::string secret_arn_, role_arn_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<Connection> con_;

 private:
  std::string password_;
};

}  // namespace tributary
