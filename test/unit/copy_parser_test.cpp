// CopyParser: which semantics each syntax selects, the defaults that
// follow, and errors at the right place.
#include <gtest/gtest.h>

#include "common/exception.h"
#include "parser/copy_parser.h"

namespace tributary {
namespace {

std::unique_ptr<CopyStatement> Parse(const std::string& sql) {
  return CopyParser::Parse(sql, ParserOptions());
}

TEST(CopyParserTest, RedshiftKeywords) {
  auto c = Parse(
      "COPY s.t (a, b) FROM '/x.tbl.zst' DELIMITER AS '|' IGNOREHEADER 2 NULL AS 'nil' ZSTD "
      "DATEFORMAT 'MM/DD/YYYY' MAXERROR AS 5 ACCEPTINVCHARS AS '^' EMPTYASNULL TRIMBLANKS "
      "IAM_ROLE default");
  EXPECT_EQ(c->direction, CopyStatement::Direction::kFrom);
  EXPECT_EQ(c->schema, "s");
  EXPECT_EQ(c->table, "t");
  EXPECT_EQ(c->columns, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(c->path, "/x.tbl.zst");
  auto& o = c->options;
  EXPECT_TRUE(o.redshift);
  EXPECT_EQ(o.delimiter, '|');
  EXPECT_EQ(o.skip_lines, 2u);
  EXPECT_EQ(o.null_string, "nil");
  EXPECT_EQ(o.compression, CopyCompression::kZstd);
  EXPECT_EQ(o.date_format, "MM/DD/YYYY");
  EXPECT_EQ(o.max_errors, 5u);
  EXPECT_EQ(o.replacement_char, '^');
  EXPECT_TRUE(o.empty_as_null && o.trim_blanks && o.accept_invalid_chars);
  EXPECT_FALSE(o.backslash_escapes);
}

TEST(CopyParserTest, PostgresOptionList) {
  auto c = Parse("COPY t FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER ';', QUOTE '''')");
  EXPECT_TRUE(c->stdio);
  auto& o = c->options;
  EXPECT_FALSE(o.redshift);
  EXPECT_EQ(o.format, CopyFormat::kCsv);
  EXPECT_EQ(o.delimiter, ';');
  EXPECT_EQ(o.quote, '\'');
  EXPECT_EQ(o.escape, '\'');
  EXPECT_EQ(o.null_string, "");
  EXPECT_EQ(o.skip_lines, 1u);
  auto text = Parse("COPY t FROM '/f' (FORMAT text)");
  EXPECT_EQ(text->options.delimiter, '\t');
  EXPECT_EQ(text->options.null_string, "\\N");
  EXPECT_TRUE(text->options.backslash_escapes);
}

TEST(CopyParserTest, QueriesAndUnload) {
  auto c = Parse("COPY (SELECT a FROM t WHERE (a > 1)) TO '/out' CSV HEADER");
  EXPECT_EQ(c->direction, CopyStatement::Direction::kTo);
  ASSERT_NE(c->query, nullptr);
  EXPECT_FALSE(c->options.redshift);  // COPY TO is PostgreSQL's
  EXPECT_TRUE(c->options.header);
  auto u = Parse("UNLOAD ('SELECT ''x''') TO '/p_' PARALLEL OFF GZIP ALLOWOVERWRITE HEADER");
  EXPECT_EQ(u->direction, CopyStatement::Direction::kUnload);
  ASSERT_NE(u->query, nullptr);
  EXPECT_FALSE(u->options.parallel);
  EXPECT_TRUE(u->options.allow_overwrite);
  EXPECT_EQ(u->options.compression, CopyCompression::kGzip);
}

TEST(CopyParserTest, Errors) {
  auto state_of = [](const std::string& sql, int* position = nullptr) {
    try {
      Parse(sql);
    } catch (const Exception& e) {
      if (position)
        *position = e.Position();
      return e.SqlState() + " " + e.Message();
    }
    return std::string("ok");
  };
  int position = 0;
  EXPECT_EQ(state_of("COPY t FROM '/f' DELIMITER '|' BOGUS", &position),
            "42601 syntax error at or near \"BOGUS\"");
  EXPECT_EQ(position, 32);
  EXPECT_EQ(state_of("COPY t FROM '/f' MAXERROR many"),
            "42601 MAXERROR must be followed by a non-negative integer");
  EXPECT_EQ(state_of("COPY t FROM '/f' (FORMAT csv) DELIMITER ','"),
            "42601 syntax error at or near \"DELIMITER\"");
  EXPECT_EQ(state_of("COPY t FROM '/f' JSON 'auto'"), "0A000 COPY option JSON is not supported");
  EXPECT_EQ(state_of("COPY (SELECT 1) FROM '/f'"), "42601 COPY (query) FROM is not supported");
  EXPECT_EQ(state_of("COPY t TO '/f' MAXERROR 3").substr(0, 5), "42601");
  EXPECT_EQ(state_of("COPY t FROM ''"), "22023 the file name must not be empty");
}

}  // namespace
}  // namespace tributary
