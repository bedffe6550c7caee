// MySqlFederationTest: the fixture of the integration tests against a real
// MariaDB server (scripts/test starts one with scripts/start-mariadb; the
// MYSQL_* variables name it). Each test gets what WarehouseTest sets up: a
// fresh data directory, a secret holding the source's credentials and a
// role allowed to read it (the warehouse's default role). Without MYSQL_HOST the tests skip
// locally and fail under CI=true.
#pragma once

#include <gtest/gtest.h>
#include <mysql.h>

#include <string>

#include "warehouse_fixture.h"

namespace tributary {

inline std::string MySqlEnv(const char* name) {
  return Env(name);
}

// A direct connection to the source (as the test user), for setting up.
class MySqlSource {
 public:
  MySqlSource(const std::string& host, const std::string& port, const std::string& user,
              const std::string& password, const std::string& database) {
    mysql_ = mysql_init(nullptr);
    unsigned int local_infile = 0;
    mysql_options(mysql_, MYSQL_OPT_LOCAL_INFILE, &local_infile);
    mysql_options(mysql_, MYSQL_SET_CHARSET_NAME, "utf8mb4");
    connected_ =
        mysql_real_connect(mysql_, host.c_str(), user.c_str(), password.c_str(), database.c_str(),
                           std::stoi(port), nullptr, CLIENT_MULTI_STATEMENTS) != nullptr;
    EXPECT_TRUE(connected_) << mysql_error(mysql_);
  }
  MySqlSource()
      : MySqlSource(MySqlEnv("MYSQL_HOST"), MySqlEnv("MYSQL_PORT"), MySqlEnv("MYSQL_USER"),
                    MySqlEnv("MYSQL_PASSWORD"), MySqlEnv("MYSQL_DATABASE")) {}
  ~MySqlSource() { mysql_close(mysql_); }

  // Runs statements (several, separated by semicolons); fails the test on
  // an error.
  void Exec(const std::string& sql) {
    if (!connected_)
      return;
    ASSERT_EQ(mysql_real_query(mysql_, sql.data(), sql.size()), 0) << mysql_error(mysql_) << "\n"
                                                                   << sql.substr(0, 300);
    int status = 0;
    do {
      if (MYSQL_RES* r = mysql_store_result(mysql_))
        mysql_free_result(r);
    } while ((status = mysql_next_result(mysql_)) == 0);
    ASSERT_EQ(status, -1) << mysql_error(mysql_) << "\n" << sql.substr(0, 300);
  }
  // Row 0, column 0 of a query ("" for none or NULL).
  std::string Value(const std::string& sql) {
    if (!connected_ || mysql_real_query(mysql_, sql.data(), sql.size()) != 0)
      return "";
    std::string value;
    if (MYSQL_RES* r = mysql_store_result(mysql_)) {
      if (MYSQL_ROW row = mysql_fetch_row(r))
        value = row[0] ? row[0] : "";
      mysql_free_result(r);
    }
    return value;
  }
  MYSQL* get() { return mysql_; }

 private:
  MYSQL* mysql_ = nullptr;
  bool connected_ = false;
};

class MySqlFederationTest : public WarehouseTest {
 protected:
  void SetUp() override {
    if (MySqlEnv("MYSQL_HOST").empty()) {
      if (!MySqlEnv("CI").empty())
        FAIL() << "MYSQL_HOST is not set: scripts/test starts MariaDB for this test";
      GTEST_SKIP() << "no MariaDB (run through scripts/test, or source scripts/start-mariadb)";
    }
    SetUpWarehouse("mysql", "mysql", MySqlEnv("MYSQL_USER"), MySqlEnv("MYSQL_PASSWORD"));
    Open();
  }

  std::string CreateSql(const std::string& name, const std::string& port = "") {
    return "CREATE EXTERNAL SCHEMA " + name + " FROM MYSQL DATABASE '" +
           MySqlEnv("MYSQL_DATABASE") + "' URI '" + MySqlEnv("MYSQL_HOST") + "' PORT " +
           (port.empty() ? MySqlEnv("MYSQL_PORT") : port) + " IAM_ROLE default SECRET_ARN '" +
           secret_arn_ + "'";
  }

  // Every row, columns separated by '|', rows by '\n'.
  std::string Rows(const std::string& sql) {
    auto result = con_->Query(sql);
    std::string text;
    for (idx_t r = 0; r < result->RowCount(); r++) {
      for (idx_t c = 0; c < result->ColumnCount(); c++) {
        auto v = result->GetValue(c, r);
        text += (c ? "|" : "") + (v.IsNull() ? std::string("NULL") : v.ToString());
      }
      text += "\n";
    }
    return text;
  }

  std::string Explain(const std::string& sql) {
    auto plan = con_->Query("EXPLAIN " + sql);
    std::string text;
    for (idx_t r = 0; r < plan->RowCount(); r++)
      text += plan->GetValue(0, r).ToString() + "\n";
    return text;
  }
};

}  // namespace tributary
