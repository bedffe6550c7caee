// CREATE EXTERNAL SCHEMA parsing: defaults, clause rules, errors.
#include <gtest/gtest.h>

#include "common/exception.h"
#include "parser/redshift_parser.h"

namespace tributary {
namespace {

std::string ErrorOf(const std::string& sql) {
  try {
    RedshiftParser::ParseCreateExternalSchema(sql);
  } catch (const Exception& e) {
    return e.SqlState() + " " + e.Message();
  }
  return "no error";
}

TEST(RedshiftParserTest, FullForm) {
  auto info = RedshiftParser::ParseCreateExternalSchema(
      "create external schema IF NOT EXISTS Apg from postgres database 'shop' schema 'Sales' "
      "uri 'db.internal' port 6543 iam_role "
      "'arn:aws:iam::123456789012:role/a,arn:aws:iam::123456789012:role/b' "
      "secret_arn 'arn:aws:secretsmanager:us-west-2:123456789012:secret:shop-AbCdEf';");
  EXPECT_TRUE(info.if_not_exists);
  EXPECT_EQ(info.definition.name, "apg");
  EXPECT_EQ(info.definition.database, "shop");
  EXPECT_EQ(info.definition.remote_schema, "Sales");
  EXPECT_EQ(info.definition.host, "db.internal");
  EXPECT_EQ(info.definition.port, 6543);
  EXPECT_EQ(info.definition.EsKind(), 3);
  EXPECT_EQ(info.definition.iam_role,
            "arn:aws:iam::123456789012:role/a,arn:aws:iam::123456789012:role/b");
}

TEST(RedshiftParserTest, Defaults) {
  auto pg = RedshiftParser::ParseCreateExternalSchema(
      "CREATE EXTERNAL SCHEMA apg FROM POSTGRES DATABASE 'shop' URI 'h' IAM_ROLE default "
      "SECRET_ARN 's'");
  EXPECT_EQ(pg.definition.remote_schema, "public");
  EXPECT_EQ(pg.definition.port, 5432);
  EXPECT_EQ(pg.definition.iam_role, "default");
  auto my = RedshiftParser::ParseCreateExternalSchema(
      "CREATE EXTERNAL SCHEMA m FROM MYSQL DATABASE 'shop' URI 'h' IAM_ROLE DEFAULT SECRET_ARN "
      "'s'");
  EXPECT_EQ(my.definition.port, 3306);
  EXPECT_EQ(my.definition.EsKind(), 8);
  EXPECT_TRUE(my.definition.remote_schema.empty());
}

TEST(RedshiftParserTest, Errors) {
  const std::string base = "CREATE EXTERNAL SCHEMA s FROM POSTGRES DATABASE 'd' ";
  EXPECT_EQ(ErrorOf(base + "URI 'postgres://h' IAM_ROLE default SECRET_ARN 'x'").substr(0, 5),
            "22023");
  EXPECT_NE(ErrorOf(base + "URI 'h' PORT 70000 IAM_ROLE default SECRET_ARN 'x'")
                .find("PORT must be between 1 and 65535"),
            std::string::npos);
  EXPECT_NE(ErrorOf(base + "URI 'h' PORT 0 IAM_ROLE default SECRET_ARN 'x'").find("PORT"),
            std::string::npos);
  EXPECT_NE(ErrorOf(base + "URI 'h' SECRET_ARN 'x'").find("requires IAM_ROLE"), std::string::npos);
  EXPECT_NE(ErrorOf(base + "URI 'h' IAM_ROLE default").find("requires SECRET_ARN"),
            std::string::npos);
  EXPECT_NE(ErrorOf("CREATE EXTERNAL SCHEMA s FROM MYSQL DATABASE 'd' SCHEMA 'x' URI 'h' "
                    "IAM_ROLE default SECRET_ARN 'x'")
                .find("SCHEMA is not allowed with FROM MYSQL"),
            std::string::npos);
  EXPECT_NE(ErrorOf(base + "URI 'h' IAM_ROLE default SECRET_ARN 'x' EXTRA")
                .find("syntax error at or near \"EXTRA\""),
            std::string::npos);
  EXPECT_NE(ErrorOf("CREATE EXTERNAL SCHEMA s FROM POSTGRES URI 'h'").find("requires DATABASE"),
            std::string::npos);
  EXPECT_NE(ErrorOf(base + "URI h IAM_ROLE default SECRET_ARN 'x'").find("quoted string"),
            std::string::npos);
  EXPECT_TRUE(RedshiftParser::Handles("  create  External SCHEMA x"));
  EXPECT_FALSE(RedshiftParser::Handles("CREATE SCHEMA x"));
}

}  // namespace
}  // namespace tributary
