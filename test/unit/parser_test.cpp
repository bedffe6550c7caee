// Parser: statement kinds, PostgreSQL-style syntax errors, identifier
// folding, default column names, and every TPC-H query.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "common/exception.h"
#include "parser/parser.h"

namespace tributary {
namespace {

TEST(ParserTest, SyntaxErrorLooksLikePostgres) {
  try {
    Parser::Parse("SELECT * FORM t");
    FAIL();
  } catch (const Exception& e) {
    EXPECT_EQ(e.SqlState(), "42601");
    EXPECT_EQ(e.Message(), "syntax error at or near \"FORM\"");
    EXPECT_EQ(e.Position(), 10);
  }
  try {
    Parser::Parse("SELECT 1; SELECT * FORM t");
    FAIL();
  } catch (const Exception& e) {
    EXPECT_EQ(e.Position(), 20);
  }
}

TEST(ParserTest, StatementKinds) {
  auto statements = Parser::Parse(
      "CREATE TABLE t (a INT); INSERT INTO t VALUES (1); SELECT a FROM t; DROP TABLE t; "
      "CREATE EXTERNAL SCHEMA e FROM POSTGRES DATABASE 'd' URI 'h' IAM_ROLE default SECRET_ARN 's';"
      " SET x TO 1; SHOW x; BEGIN; COMMIT");
  ASSERT_EQ(statements.size(), 9u);
  EXPECT_EQ(statements[0]->type, StatementType::kCreateTable);
  EXPECT_EQ(statements[1]->type, StatementType::kInsert);
  EXPECT_EQ(statements[2]->type, StatementType::kSelect);
  EXPECT_EQ(statements[3]->type, StatementType::kDrop);
  EXPECT_EQ(statements[4]->type, StatementType::kCreateExternalSchema);
  EXPECT_EQ(statements[5]->type, StatementType::kSet);
  EXPECT_EQ(statements[6]->type, StatementType::kShow);
  EXPECT_EQ(statements[2]->query_text, "SELECT a FROM t");
}

TEST(ParserTest, IdentifierFolding) {
  auto folded = Parser::Parse("SELECT \"MixedCase\" FROM \"T\"");
  auto& node = static_cast<SelectNode&>(*static_cast<SelectStatement&>(*folded[0]).node);
  EXPECT_EQ(node.select_list[0]->Cast<ColumnRefExpression>().names[0], "mixedcase");
  ParserOptions sensitive;
  sensitive.case_sensitive_identifiers = true;
  auto kept = Parser::Parse("SELECT \"MixedCase\", Plain FROM \"T\"", sensitive);
  auto& node2 = static_cast<SelectNode&>(*static_cast<SelectStatement&>(*kept[0]).node);
  EXPECT_EQ(node2.select_list[0]->Cast<ColumnRefExpression>().names[0], "MixedCase");
  EXPECT_EQ(node2.select_list[1]->Cast<ColumnRefExpression>().names[0], "plain");
}

TEST(ParserTest, FigureNames) {
  auto statements = Parser::Parse(
      "SELECT a, t.b, 1 + 1, count(*), sum(x), CASE WHEN true THEN 1 END, 1::int, "
      "'x'::text, coalesce(a, 1), a::text, current_date, nullif(1, 2)");
  auto& node = static_cast<SelectNode&>(*static_cast<SelectStatement&>(*statements[0]).node);
  std::vector<std::string> expected = {"a",        "b",    "?column?",     "count",
                                       "sum",      "case", "int4",         "text",
                                       "coalesce", "a",    "current_date", "nullif"};
  ASSERT_EQ(node.select_list.size(), expected.size());
  for (size_t i = 0; i < expected.size(); i++) {
    EXPECT_EQ(node.select_list[i]->figure_name, expected[i]) << i;
  }
}

TEST(ParserTest, UnsupportedIsNamed) {
  try {
    Parser::Parse("CREATE FUNCTION f() RETURNS int AS 'select 1' LANGUAGE sql");
    FAIL();
  } catch (const Exception& e) {
    EXPECT_EQ(e.SqlState(), "0A000");
    EXPECT_EQ(e.Message(), "CREATE FUNCTION is not supported");
  }
}

std::string TpchDirectory() {
  if (const char* env = std::getenv("TRIBUTARY_TPCH_DIR"))
    return env;
  for (const char* candidate :
       {"../shared/tpch", "../../shared/tpch", "../../../shared/tpch", "/work/shared/tpch"}) {
    std::ifstream probe(std::string(candidate) + "/queries/q01.sql");
    if (probe)
      return candidate;
  }
  return "";
}

TEST(ParserTest, AllTpchQueriesParse) {
  std::string dir = TpchDirectory();
  if (dir.empty())
    GTEST_SKIP() << "TPC-H queries not found (set TRIBUTARY_TPCH_DIR)";
  for (int q = 1; q <= 22; q++) {
    char name[32];
    std::snprintf(name, sizeof(name), "/queries/q%02d.sql", q);
    std::ifstream in(dir + name);
    std::stringstream text;
    text << in.rdbuf();
    auto statements = Parser::Parse(text.str());
    ASSERT_EQ(statements.size(), 1u) << name;
    EXPECT_EQ(statements[0]->type, StatementType::kSelect) << name;
  }
}

}  // namespace
}  // namespace tributary
