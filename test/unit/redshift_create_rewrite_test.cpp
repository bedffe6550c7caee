// RedshiftParser::Rewrite and the statements it feeds: Redshift's table
// attributes and WITH NO SCHEMA BINDING are cut out without moving error
// positions; everything else is PostgreSQL's grammar.
#include <gtest/gtest.h>

#include "common/exception.h"
#include "parser/ast.h"
#include "parser/parser.h"
#include "parser/redshift_parser.h"

namespace tributary {
namespace {

Exception ErrorOf(const std::string& sql) {
  try {
    Parser::Parse(sql);
  } catch (const Exception& e) {
    return e;
  }
  return Exception(sqlstate::kInternalError, "no error");
}

TEST(RedshiftCreateRewriteTest, KeepsLengthAndReadsAttributes) {
  std::string sql =
      "CREATE TABLE t (a INT ENCODE zstd DISTKEY, b VARCHAR(3) SORTKEY) DISTSTYLE KEY "
      "COMPOUND SORTKEY (b, a) BACKUP NO";
  auto rewrite = RedshiftParser::Rewrite(sql);
  EXPECT_EQ(rewrite.text.size(), sql.size());
  EXPECT_EQ(rewrite.text.find("ENCODE"), std::string::npos);
  EXPECT_EQ(rewrite.text.find("SORTKEY"), std::string::npos);
  EXPECT_EQ(rewrite.attributes.dist_key, "a");
  EXPECT_EQ(rewrite.attributes.sort_key, (std::vector<std::string>{"b", "a"}));
  EXPECT_FALSE(rewrite.attributes.backup);
  ASSERT_EQ(rewrite.encodings.size(), 1u);
  EXPECT_EQ(rewrite.encodings[0].second, "zstd");
  // Other statements are untouched.
  EXPECT_EQ(RedshiftParser::Rewrite("SELECT encode('a', 'hex')").text, "SELECT encode('a', 'hex')");
  EXPECT_EQ(RedshiftParser::Rewrite("CREATE TABLE t (a text DEFAULT encode('x', 'hex'))").text,
            "CREATE TABLE t (a text DEFAULT encode('x', 'hex'))");
}

TEST(RedshiftCreateRewriteTest, ViewsKeepTheirQueryText) {
  auto statements = Parser::Parse(
      "create or replace view s.v (x) as select 1 /* one */ from public.t  WITH NO SCHEMA "
      "BINDING ;");
  ASSERT_EQ(statements.size(), 1u);
  auto& view = static_cast<CreateViewStatement&>(*statements[0]);
  EXPECT_TRUE(view.no_schema_binding);
  EXPECT_TRUE(view.or_replace);
  EXPECT_EQ(view.schema, "s");
  EXPECT_EQ(view.query_sql, "select 1 /* one */ from public.t");
  auto matview = Parser::Parse("CREATE MATERIALIZED VIEW mv DISTKEY(a) AS SELECT 1 AS a");
  auto& mv = static_cast<CreateViewStatement&>(*matview[0]);
  EXPECT_TRUE(mv.materialized);
  EXPECT_EQ(mv.query_sql, "SELECT 1 AS a");
  EXPECT_EQ(mv.attributes.dist_key, "a");
}

TEST(RedshiftCreateRewriteTest, ErrorsPointAtTheToken) {
  auto e = ErrorOf("CREATE TABLE t (a INT) DISTSTYLE SOMETIMES");
  EXPECT_EQ(e.SqlState(), "42601");
  EXPECT_EQ(e.Position(), 34);
  // PostgreSQL's own error after a blanked attribute keeps its position.
  e = ErrorOf("CREATE TABLE t (a INT ENCODE zstd, b INT FOO)");
  EXPECT_EQ(e.SqlState(), "42601");
  EXPECT_EQ(e.Position(), 42);
  // In a later statement of the text too.
  e = ErrorOf("SELECT 1; CREATE TABLE t (a INT) SORTKEY");
  EXPECT_EQ(e.SqlState(), "42601");
  e = ErrorOf("CREATE VIEW v AS SELECT 1 WITH NO SCHEMA BINDING x");
  EXPECT_EQ(e.SqlState(), "42601");
  e = ErrorOf("CREATE MATERIALIZED VIEW mv AUTO REFRESH YES AS SELECT 1");
  EXPECT_EQ(e.SqlState(), "0A000");
}

}  // namespace
}  // namespace tributary
