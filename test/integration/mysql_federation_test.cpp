// External schemas over a real MariaDB (FROM MYSQL): the CREATE syntax and
// its catalog views, every mapped type with boundary values, zero dates,
// TIME limits, MySQL's collations and what is pushed down, quoting, a
// join of a MySQL, a PostgreSQL and a local table, restart persistence,
// the doctor, and the fault cases (unreachable, wrong password, cancel).
#include <libpq-fe.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <thread>

#include "mysql_fixture.h"
#include "throwaway_server.h"

namespace tributary {
namespace {

TEST_F(MySqlFederationTest, CreateSchemaAndCatalogViews) {
  con_->Query(CreateSql("m"));
  EXPECT_EQ(Rows("SELECT eskind, schemaname, databasename FROM svv_external_schemas"),
            "8|m|" + MySqlEnv("MYSQL_DATABASE") + "\n");
  std::string options = Value("SELECT esoptions FROM svv_external_schemas");
  EXPECT_NE(options.find("\"PORT\":\"" + MySqlEnv("MYSQL_PORT") + "\""), std::string::npos);
  EXPECT_EQ(options.find("SCHEMA"), std::string::npos) << options;
  EXPECT_EQ(options.find(MySqlEnv("MYSQL_PASSWORD")), std::string::npos);
  // PORT defaults to 3306.
  con_->Query(
      "CREATE EXTERNAL SCHEMA d FROM MYSQL DATABASE 'x' URI 'localhost' IAM_ROLE "
      "default SECRET_ARN '" +
      secret_arn_ + "'");
  EXPECT_NE(Value("SELECT esoptions FROM svv_external_schemas WHERE schemaname = 'd'")
                .find("\"PORT\":\"3306\""),
            std::string::npos);
  // No SCHEMA clause: the database is the namespace.
  EXPECT_EQ(Error("CREATE EXTERNAL SCHEMA s FROM MYSQL DATABASE 'x' SCHEMA 'y' URI 'localhost' "
                  "IAM_ROLE default SECRET_ARN '" +
                  secret_arn_ + "'")
                .substr(0, 5),
            "42601");
  MySqlSource source;
  source.Exec(
      "DROP TABLE IF EXISTS meta; CREATE TABLE meta (id INT NOT NULL, name VARCHAR(20)); "
      "DROP VIEW IF EXISTS meta_view; CREATE VIEW meta_view AS SELECT id FROM meta");
  EXPECT_EQ(Rows("SELECT tablename, tabletype FROM svv_external_tables WHERE schemaname = 'm' "
                 "AND tablename LIKE 'meta%' ORDER BY 1"),
            "meta|TABLE\nmeta_view|VIEW\n");
  EXPECT_EQ(Rows("SELECT columnname, external_type, columnnum, is_nullable FROM "
                 "svv_external_columns WHERE schemaname = 'm' AND tablename = 'meta' ORDER BY 3"),
            "id|int(11)|1|false\nname|varchar(20)|2|true\n");
  EXPECT_EQ(Error("SELECT * FROM m.nope").substr(0, 5), "42P01");
}

TEST_F(MySqlFederationTest, SchemaSurvivesRestart) {
  MySqlSource source;
  source.Exec("DROP TABLE IF EXISTS r; CREATE TABLE r (id INT); INSERT INTO r VALUES (1), (2)");
  con_->Query(CreateSql("m"));
  EXPECT_EQ(Value("SELECT count(*) FROM m.r"), "2");
  con_.reset();
  db_.reset();
  Open();
  EXPECT_EQ(Value("SELECT eskind FROM svv_external_schemas WHERE schemaname = 'm'"), "8");
  EXPECT_EQ(Value("SELECT sum(id) FROM m.r"), "3");
}

TEST_F(MySqlFederationTest, EveryMappedTypeWithBoundaries) {
  MySqlSource source;
  source.Exec(
      "DROP TABLE IF EXISTS types; CREATE TABLE types (id INT PRIMARY KEY, b TINYINT(1), "
      "ti TINYINT, tiu TINYINT UNSIGNED, si SMALLINT, siu SMALLINT UNSIGNED, mi MEDIUMINT, "
      "miu MEDIUMINT UNSIGNED, i INT, iu INT UNSIGNED, bi BIGINT, biu BIGINT UNSIGNED, "
      "d DECIMAL(10,3), f FLOAT, db DOUBLE, c CHAR(5), vc VARCHAR(20), dt DATE, "
      "dtm DATETIME(6), ts TIMESTAMP NULL, tm TIME, y YEAR, bt BIT(8), bn BINARY(3), "
      "vb VARBINARY(10), bl BLOB, tx TEXT, e ENUM('a','b'), st SET('x','y'), g POINT, "
      "big DECIMAL(50,5)) CHARACTER SET utf8mb4; "
      "INSERT INTO types VALUES "
      "(1, 0, -128, 0, -32768, 0, -8388608, 0, -2147483648, 0, -9223372036854775808, 0, "
      "-9999999.999, 1.5, -1.7976931348623157e308, 'ab', 'hello', '1000-01-01', "
      "'1000-01-01 00:00:00', '1970-01-01 00:00:01', '00:00:00', 1901, b'00000000', 'abc', "
      "x'00ff', 'blob', 'text', 'a', 'x,y', POINT(1, 2), -1.5), "
      "(2, 1, 127, 255, 32767, 65535, 8388607, 16777215, 2147483647, 4294967295, "
      "9223372036854775807, 18446744073709551615, 9999999.999, 0.1, 1.7976931348623157e308, "
      "'abcde', 'ü€😀', '9999-12-31', '9999-12-31 23:59:59.999999', '2038-01-19 03:14:07', "
      "'24:00:00', 2155, b'11111111', 'xyz', x'', '', '', 'b', '', POINT(-1.5, 0), "
      "123456789012345678901234567890123456789012345.12345), "
      "(3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
      "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
      "NULL), "
      "(4, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, '', '', '2024-02-29', "
      "'2024-02-29 12:34:56.5', NULL, '12:34:56.789', 0, b'1', '', '', '', '', 'a', 'y', "
      "POINT(0, 0), 0)");
  con_->Query(CreateSql("m"));
  EXPECT_EQ(Rows("SELECT columnname, external_type FROM svv_external_columns WHERE schemaname = "
                 "'m' AND tablename = 'types' ORDER BY columnnum")
                .substr(0, 41),
            "id|int(11)\nb|tinyint(1)\nti|tinyint(4)\ntiu");
  // The warehouse types, exactly as REDSHIFT.md's MySQL table.
  auto result = con_->Query("SELECT * FROM m.types ORDER BY id");
  std::vector<std::string> expected_types = {"integer",
                                             "boolean",
                                             "smallint",
                                             "smallint",
                                             "smallint",
                                             "integer",
                                             "integer",
                                             "integer",
                                             "integer",
                                             "bigint",
                                             "bigint",
                                             "numeric(20,0)",
                                             "numeric(10,3)",
                                             "real",
                                             "double precision",
                                             "character(5)",
                                             "character varying(20)",
                                             "date",
                                             "timestamp without time zone",
                                             "timestamp without time zone"};
  for (int k = 0; k < 11; k++)
    expected_types.push_back(k == 1 ? "character varying(4)" : "character varying(65535)");
  ASSERT_EQ(result->ColumnCount(), expected_types.size());
  for (idx_t c = 0; c < expected_types.size(); c++)
    EXPECT_EQ(result->types()[c].ToString(), expected_types[c]) << result->names()[c];
  EXPECT_EQ(Rows("SELECT * FROM m.types ORDER BY id"),
            "1|f|-128|0|-32768|0|-8388608|0|-2147483648|0|-9223372036854775808|0|-9999999.999|"
            "1.5|-1.7976931348623157e+308|ab   |hello|1000-01-01|1000-01-01 00:00:00|1970-01-01 "
            "00:00:01|00:00:00|1901|0|616263|00FF|626C6F62|text|a|x,y|POINT(1 2)|-1.50000\n"
            "2|t|127|255|32767|65535|8388607|16777215|2147483647|4294967295|"
            "9223372036854775807|18446744073709551615|9999999.999|0.1|1.7976931348623157e+308|"
            "abcde|ü€😀|9999-12-31|9999-12-31 23:59:59.999999|2038-01-19 03:14:07|24:00:00|2155|"
            "11111111|78797A||||b||POINT(-1.5 0)|123456789012345678901234567890123456789012345."
            "12345\n"
            "3|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|"
            "NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL\n"
            "4|t|0|0|0|0|0|0|0|0|0|0|0.000|0|0|     ||2024-02-29|2024-02-29 12:34:56.5|NULL|"
            "12:34:56|0000|1|000000||||a|y|POINT(0 0)|0.00000\n");
  // Arithmetic on the widened types does not overflow where MySQL's would.
  EXPECT_EQ(Value("SELECT biu + 1 FROM m.types WHERE id = 2"), "18446744073709551616");
  EXPECT_EQ(Value("SELECT iu * 2 FROM m.types WHERE id = 2"), "8589934590");
}

TEST_F(MySqlFederationTest, ZeroDatesReadAsNullAndTimeLimits) {
  MySqlSource source;
  source.Exec(
      "SET SESSION sql_mode = ''; DROP TABLE IF EXISTS zd; CREATE TABLE zd (id INT, d DATE, "
      "t DATETIME); INSERT INTO zd VALUES (1, '0000-00-00', '0000-00-00 00:00:00'), "
      "(2, '1999-05-05', '1999-05-05 10:00:00'), (3, '2005-01-01', '2005-01-01 00:00:00'); "
      "DROP TABLE IF EXISTS pzd; CREATE TABLE pzd (d DATE); INSERT INTO pzd VALUES "
      "('2020-00-05'); "
      "DROP TABLE IF EXISTS tt; CREATE TABLE tt (id INT, t TIME); INSERT INTO tt VALUES "
      "(1, '25:00:00'), (2, '-01:00:00'), (3, '838:59:59')");
  con_->Query(CreateSql("m"));
  EXPECT_EQ(Rows("SELECT id, d, t FROM m.zd ORDER BY id"),
            "1|NULL|NULL\n2|1999-05-05|1999-05-05 10:00:00\n3|2005-01-01|2005-01-01 00:00:00\n");
  // Pushed date comparisons agree with the zero date being NULL.
  EXPECT_EQ(Value("SELECT count(*) FROM m.zd WHERE d < DATE '2000-01-01'"), "1");
  EXPECT_EQ(Value("SELECT count(*) FROM m.zd WHERE d <> DATE '2005-01-01'"), "1");
  EXPECT_EQ(Value("SELECT count(*) FROM m.zd WHERE t <= TIMESTAMP '2000-01-01 00:00:00'"), "1");
  EXPECT_EQ(Value("SELECT count(*) FROM m.zd WHERE d IS NULL"), "1");
  EXPECT_EQ(Value("SELECT count(*) FROM m.zd WHERE NOT (d >= DATE '2000-01-01')"), "1");
  EXPECT_EQ(Value("SELECT count(*) FROM m.zd WHERE d >= DATE '1999-05-05'"), "2");
  EXPECT_NE(Explain("SELECT id FROM m.zd WHERE d < DATE '2000-01-01'")
                .find("WHERE (`d` < '2000-01-01' AND `d` >= '0001-01-01')"),
            std::string::npos);
  // Date keys of a join reach the source quoted; the zero date matches none.
  con_->Query("CREATE TABLE days (d date)");
  con_->Query("INSERT INTO days VALUES (DATE '1999-05-05'), (DATE '2010-01-01')");
  EXPECT_EQ(Value("SELECT string_agg(z.id::text, ',') FROM m.zd z JOIN days y ON y.d = z.d"), "2");
  EXPECT_NE(Value("SELECT querytext FROM svl_federated_query ORDER BY recordtime DESC LIMIT 1")
                .find("'1999-05-05'"),
            std::string::npos);
  EXPECT_EQ(Error("SELECT * FROM m.pzd").substr(0, 5), "22008");
  for (int id = 1; id <= 3; id++) {
    std::string error = Error("SELECT t FROM m.tt WHERE id = " + std::to_string(id));
    EXPECT_EQ(error.substr(0, 5), "22008") << error;
    EXPECT_NE(error.find("outside 00:00:00..24:00:00"), std::string::npos) << error;
  }
}

TEST_F(MySqlFederationTest, StringPredicatesFollowCollations) {
  MySqlSource source;
  source.Exec(
      "DROP TABLE IF EXISTS s; CREATE TABLE s (id INT, ci VARCHAR(10), nb VARCHAR(10) COLLATE "
      "utf8mb4_nopad_bin, pb VARCHAR(10) COLLATE utf8mb4_bin, ch CHAR(5)) CHARACTER SET utf8mb4; "
      "INSERT INTO s VALUES (1, 'abc', 'abc', 'abc', 'abc'), (2, 'ABC', 'ABC', 'ABC', 'ABC'), "
      "(3, 'abc ', 'abc ', 'abc ', 'abc'), (4, 'it''s a\\\\b', 'it''s a\\\\b', 'x', 'x')");
  con_->Query(CreateSql("m"));
  // Our answers (PostgreSQL's): case and trailing spaces matter.
  EXPECT_EQ(Value("SELECT string_agg(id::text, ',' ORDER BY id) FROM m.s WHERE ci = 'abc'"), "1");
  EXPECT_EQ(Value("SELECT string_agg(id::text, ',' ORDER BY id) FROM m.s WHERE nb = 'abc'"), "1");
  EXPECT_EQ(Value("SELECT string_agg(id::text, ',' ORDER BY id) FROM m.s WHERE pb = 'abc'"), "1");
  EXPECT_EQ(Value("SELECT string_agg(id::text, ',' ORDER BY id) FROM m.s WHERE ci IN ('ABC')"),
            "2");
  EXPECT_EQ(Value("SELECT string_agg(id::text, ',' ORDER BY id) FROM m.s WHERE ci < 'abc'"), "2");
  // Only the byte-wise, unpadded collation is compared remotely alone.
  EXPECT_NE(Explain("SELECT id FROM m.s WHERE nb = 'abc'").find("WHERE (`nb` = 'abc')"),
            std::string::npos);
  EXPECT_EQ(Explain("SELECT id FROM m.s WHERE nb = 'abc'").find("FILTER"), std::string::npos);
  // Other collations get =, IN and LIKE as a prefilter (MySQL's answer holds
  // every row ours does, maybe more), checked here again.
  auto agg = [&](const std::string& where) {
    return Value("SELECT string_agg(id::text, ',' ORDER BY id) FROM m.s WHERE " + where);
  };
  auto prefiltered = [&](const std::string& where, const std::string& sent) {
    std::string plan = Explain("SELECT id FROM m.s WHERE " + where);
    return plan.find("WHERE " + sent) != std::string::npos &&
           plan.find("FILTER") != std::string::npos;
  };
  EXPECT_TRUE(prefiltered("ci = 'abc'", "(`ci` = 'abc')"));
  EXPECT_TRUE(prefiltered("pb = 'abc'", "(`pb` = 'abc')"));
  EXPECT_TRUE(prefiltered("ci IN ('ABC', 'zz')", "(`ci` IN ('ABC', 'zz'))"));
  EXPECT_EQ(agg("ci IN ('ABC', 'zz')"), "2");
  EXPECT_TRUE(prefiltered("ci LIKE 'ab%'", "(`ci` LIKE 'ab%' ESCAPE '\\')"));
  EXPECT_EQ(agg("ci LIKE 'it''s a\\\\b'"), "4");  // an escaped backslash
  EXPECT_EQ(agg("ci LIKE 'ab%'"), "1,3");
  EXPECT_EQ(agg("ci LIKE 'ab_'"), "1");
  EXPECT_TRUE(prefiltered("ch = 'abc'", "(`ch` = 'abc')"));
  EXPECT_EQ(agg("ch = 'abc'"), "1,3");
  EXPECT_EQ(agg("ch = 'abc '"), "1,3");
  EXPECT_TRUE(prefiltered("(ci = 'abc' OR id = 4)", "((`ci` = 'abc') OR (`id` = 4))"));
  EXPECT_EQ(agg("(ci = 'abc' OR id = 4)"), "1,4");
  // Where MySQL's looser answer would drop rows of ours, nothing is sent:
  // under NOT, <>, ordering, and LIKE on CHAR.
  for (const char* where : {"NOT (ci = 'abc')", "ci <> 'abc'", "ci < 'abc'", "ch LIKE 'ab%'",
                            "ci NOT IN ('abc')", "ci NOT LIKE 'ab%'"}) {
    EXPECT_EQ(Explain(std::string("SELECT id FROM m.s WHERE ") + where).find("WHERE"),
              std::string::npos)
        << where;
  }
  EXPECT_EQ(agg("NOT (ci = 'abc')"), "2,3,4");
  EXPECT_EQ(agg("ci <> 'abc'"), "2,3,4");
  EXPECT_EQ(agg("ci NOT LIKE 'ab%'"), "2,4");
  // A literal with a quote and a backslash reaches the source intact.
  EXPECT_EQ(Value("SELECT id FROM m.s WHERE nb = 'it''s a\\b'"), "4");
  EXPECT_NE(Explain("SELECT id FROM m.s WHERE nb = 'it''s a\\b'").find("'it''s a\\b'"),
            std::string::npos);
}

// String predicates sent as prefilters (or exactly) never change an
// answer: random =, IN and LIKE over case, accent, padding and wildcard
// variants, under AND, OR and NOT, against the same rows in a local table.
TEST_F(MySqlFederationTest, StringPrefiltersNeverChangeAnswers) {
  MySqlSource source;
  const std::vector<std::string> values = {"abc",      "ABC", "abc ",     "Abc", "ab", "a%c", "a_c",
                                           "\xc3\xa9",                     // é
                                           "e",        "E",   "\xc3\x9f",  // ß
                                           "ss",       "",    " abc",     "x y"};
  std::string insert;
  for (size_t i = 0; i < values.size(); i++) {
    std::string v = "'" + values[i] + "'";
    insert += (i ? ", (" : "(") + std::to_string(i) + ", " + v + ", " + v + ", " + v + ")";
  }
  insert += ", (99, NULL, NULL, NULL)";
  source.Exec(
      "DROP TABLE IF EXISTS sp; CREATE TABLE sp (id INT, ci VARCHAR(10), uc VARCHAR(10) COLLATE "
      "utf8mb4_unicode_ci, ch CHAR(5)) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci; "
      "INSERT INTO sp VALUES " +
      insert);
  con_->Query(CreateSql("m"));
  con_->Query("CREATE TABLE sp AS SELECT * FROM m.sp");
  const std::vector<std::string> constants = {"abc", "ABC",      "abc ", "e",   "\xc3\xa9",
                                              "ss",  "\xc3\x9f", "",     "a%c", "zz"};
  const std::vector<std::string> patterns = {"ab%", "AB%", "a_c", "a\\%c", "%c",   "%",
                                             "_",   "",    "e",   "%s%",   "abc _"};
  const std::vector<std::string> columns = {"ci", "uc", "ch"};
  uint64_t state = 42;
  auto next = [&](size_t n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<size_t>((state >> 33) % n);
  };
  auto quote = [](const std::string& v) {
    std::string out = "'";
    for (char c : v)
      out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
  };
  auto atom = [&]() {
    const std::string& c = columns[next(columns.size())];
    switch (next(3)) {
      case 0:
        return c + " = " + quote(constants[next(constants.size())]);
      case 1:
        return c + " IN (" + quote(constants[next(constants.size())]) + ", " +
               quote(constants[next(constants.size())]) + ")";
      default:
        return c + " LIKE " + quote(patterns[next(patterns.size())]);
    }
  };
  int prefiltered = 0;
  for (int i = 0; i < 150; i++) {
    std::string p = atom();
    int shape = static_cast<int>(next(5));
    if (shape == 1)
      p = "(" + p + " AND " + atom() + ")";
    else if (shape == 2)
      p = "(" + p + " OR " + atom() + ")";
    else if (shape == 3)
      p = "NOT (" + p + ")";
    else if (shape == 4)
      p = "(" + p + " OR id = 99)";
    std::string remote = Rows("SELECT id FROM m.sp WHERE " + p + " ORDER BY id");
    std::string local = Rows("SELECT id FROM sp WHERE " + p + " ORDER BY id");
    EXPECT_EQ(remote, local) << p;
    prefiltered += Explain("SELECT id FROM m.sp WHERE " + p).find("WHERE") != std::string::npos;
  }
  EXPECT_GT(prefiltered, 50);  // the test exercises prefilters, not only local filters
}

// Our sessions' settings (UTC, read only, MariaDB's split materialization
// off), read through a view of a function of the session's variables.
TEST_F(MySqlFederationTest, SessionSettings) {
  MySqlSource source;
  source.Exec(
      "CREATE OR REPLACE FUNCTION session_setting(name VARCHAR(64)) RETURNS VARCHAR(1024) "
      "RETURN CASE name WHEN 'sql_mode' THEN @@sql_mode WHEN 'no_split' THEN "
      "@@optimizer_switch LIKE '%split_materialized=off%' WHEN 'tz' THEN @@time_zone ELSE "
      "@@tx_read_only END; "
      "CREATE OR REPLACE VIEW session_settings AS SELECT session_setting('sql_mode') AS "
      "sql_mode, session_setting('no_split') AS no_split, session_setting('tz') AS tz, "
      "session_setting('ro') AS ro");
  con_->Query(CreateSql("m"));
  // (A stored function runs with the sql_mode of its creation, so that one
  // cannot be read so.)
  EXPECT_EQ(Rows("SELECT no_split, tz, ro FROM m.session_settings"), "1|+00:00|ON\n");
}

TEST_F(MySqlFederationTest, PushdownOfProjectionsFiltersAndLimit) {
  MySqlSource source;
  source.Exec(
      "DROP TABLE IF EXISTS p; CREATE TABLE p (id INT PRIMARY KEY, k BIGINT UNSIGNED, "
      "price DECIMAL(10,2), ratio DOUBLE, flag TINYINT(1), name VARCHAR(20)); "
      "SET SESSION max_recursive_iterations = 100000; INSERT INTO p WITH RECURSIVE g(n) AS (SELECT "
      "1 UNION ALL SELECT n + 1 FROM g WHERE n < "
      "3000) SELECT n, n * 10, n * 1.25, n / 3, n % 3, CONCAT('n', n) FROM g");
  con_->Query(CreateSql("m"));
  std::string plan = Explain("SELECT id, price FROM m.p WHERE id > 2990 AND price < 3740");
  EXPECT_NE(plan.find("SELECT `id`, `price` FROM `" + MySqlEnv("MYSQL_DATABASE") +
                      "`.`p` WHERE (`id` > 2990) AND (`price` < 3740"),
            std::string::npos)
      << plan;
  EXPECT_EQ(Value("SELECT count(*) FROM m.p WHERE id > 2990 AND price < 3740"), "1");
  EXPECT_EQ(Value("SELECT sum(k) FROM m.p WHERE id IN (1, 2, 3) OR id BETWEEN 10 AND 11"), "270");
  // Floats and TINYINT(1) stay local (flag = 2 would be true here).
  plan = Explain("SELECT id FROM m.p WHERE ratio > 5 AND flag");
  EXPECT_EQ(plan.find("WHERE"), std::string::npos) << plan;
  // n = 2998, 2999, 3000 have ratio > 999; flag (n % 3) is 1, 2, 0.
  EXPECT_EQ(Value("SELECT count(*) FROM m.p WHERE ratio > 999 AND flag"), "2");
  plan = Explain("SELECT name FROM m.p LIMIT 5");
  EXPECT_NE(plan.find("SELECT `name` FROM `" + MySqlEnv("MYSQL_DATABASE") + "`.`p` LIMIT 5"),
            std::string::npos)
      << plan;
  EXPECT_EQ(Value("SELECT count(*) FROM (SELECT name FROM m.p LIMIT 5) x"), "5");
  EXPECT_EQ(Value("SELECT count(*) FROM m.p"), "3000");
  // What was sent is in SVL_FEDERATED_QUERY, as MYSQL.
  EXPECT_EQ(Value("SELECT sourcetype FROM svl_federated_query ORDER BY recordtime DESC LIMIT 1"),
            "MYSQL");
  // count(*) ran there (remote pushdown): one row came back.
  EXPECT_EQ(Value("SELECT num_rows FROM svl_federated_query ORDER BY recordtime DESC LIMIT 1"),
            "1");
  con_->Query("SET pg_federation_pushdown TO off");
  EXPECT_EQ(Value("SELECT count(*) FROM m.p"), "3000");
  EXPECT_EQ(Value("SELECT num_rows FROM svl_federated_query ORDER BY recordtime DESC LIMIT 1"),
            "3000");
  con_->Query("RESET pg_federation_pushdown");
  // A hash join's build keys go to the scan on its probe side.
  con_->Query("CREATE TABLE keys (id integer)");
  con_->Query("INSERT INTO keys VALUES (5), (7), (2999)");
  EXPECT_EQ(Value("SELECT sum(p.k) FROM m.p p JOIN keys k ON k.id = p.id"), "30110");
  EXPECT_NE(Value("SELECT querytext FROM svl_federated_query ORDER BY recordtime DESC LIMIT 1")
                .find("`id` IN (5, 7, 2999)"),
            std::string::npos)
      << Value("SELECT querytext FROM svl_federated_query ORDER BY recordtime DESC LIMIT 1");
  // Identifiers with backticks and quotes are quoted, never pasted.
  source.Exec(
      "DROP TABLE IF EXISTS `we``ird'n`; CREATE TABLE `we``ird'n` (`c``x` INT); "
      "INSERT INTO `we``ird'n` VALUES (7)");
  EXPECT_EQ(Value("SELECT \"c`x\" FROM m.\"we`ird'n\" WHERE \"c`x\" = 7"), "7");
}

// Aggregates and joins over one MySQL source run there (remote pushdown)
// when MySQL computes them exactly as we do; others stay local. Answers
// agree with pushdown on and off.
TEST_F(MySqlFederationTest, AggregatesAndJoinsPushedWhenExact) {
  MySqlSource source;
  source.Exec(
      "DROP TABLE IF EXISTS ag; CREATE TABLE ag (id INT, grp INT, amount DECIMAL(10,2), "
      "d DATE, name VARCHAR(10)); INSERT INTO ag VALUES (1, 1, 1.50, '2024-01-01', 'a'), "
      "(2, 1, 2.25, NULL, 'A'), (3, 2, NULL, '2024-02-01', 'b'), (4, NULL, 4.00, "
      "'2024-03-01', 'a '); "
      "DROP TABLE IF EXISTS ag2; CREATE TABLE ag2 (grp INT, label VARCHAR(10)); INSERT INTO "
      "ag2 VALUES (1, 'one'), (2, 'two'), (3, 'three')");
  con_->Query(CreateSql("m"));
  const std::vector<std::string> queries = {
      "SELECT grp, count(*), count(amount), sum(amount), min(id), max(amount) FROM m.ag GROUP "
      "BY grp ORDER BY grp",
      "SELECT count(DISTINCT grp), sum(id) FROM m.ag WHERE id > 1",
      "SELECT a.id, b.label FROM m.ag a JOIN m.ag2 b ON a.grp = b.grp ORDER BY 1",
      "SELECT b.label, count(a.id) FROM m.ag2 b LEFT JOIN m.ag a ON a.grp = b.grp GROUP BY 1 "
      "ORDER BY 1",
      "SELECT label FROM m.ag2 b WHERE EXISTS (SELECT 1 FROM m.ag a WHERE a.grp = b.grp) ORDER "
      "BY 1",
      "SELECT label FROM m.ag2 b WHERE NOT EXISTS (SELECT 1 FROM m.ag a WHERE a.grp = b.grp) "
      "ORDER BY 1",
      // Not pushed: strings group case-insensitively there, zero dates, avg.
      "SELECT name, count(*) FROM m.ag GROUP BY name ORDER BY 1",
      "SELECT count(d), min(d) FROM m.ag",
      "SELECT avg(amount) FROM m.ag",
  };
  std::vector<std::string> off;
  con_->Query("SET pg_federation_pushdown TO off");
  for (auto& q : queries)
    off.push_back(Rows(q));
  con_->Query("SET pg_federation_pushdown TO on");
  for (size_t i = 0; i < queries.size(); i++)
    EXPECT_EQ(Rows(queries[i]), off[i]) << queries[i];
  EXPECT_EQ(off[0], "1|2|2|3.75|1|2.25\n2|1|0|NULL|3|NULL\nNULL|1|1|4.00|4|4.00\n");
  EXPECT_EQ(off[6], "A|1\na|1\na |1\nb|1\n");
  EXPECT_NE(Explain(queries[0]).find("GROUP BY 1"), std::string::npos) << Explain(queries[0]);
  EXPECT_NE(Explain(queries[2]).find(" JOIN ("), std::string::npos) << Explain(queries[2]);
  // A semi join is an IN subquery there (MariaDB materializes it once).
  EXPECT_NE(Explain(queries[4]).find(" IN (SELECT "), std::string::npos) << Explain(queries[4]);
  EXPECT_NE(Explain(queries[5]).find("NOT EXISTS (SELECT 1"), std::string::npos)
      << Explain(queries[5]);
  EXPECT_EQ(Explain(queries[6]).find("GROUP BY"), std::string::npos) << Explain(queries[6]);
  EXPECT_EQ(Explain(queries[7]).find("COUNT("), std::string::npos) << Explain(queries[7]);
  EXPECT_EQ(Explain(queries[8]).find("AVG"), std::string::npos) << Explain(queries[8]);
}

TEST_F(MySqlFederationTest, JoinsMySqlPostgresAndLocalTables) {
  if (MySqlEnv("PGHOST").empty())
    GTEST_SKIP() << "no PostgreSQL";
  MySqlSource source;
  source.Exec(
      "DROP TABLE IF EXISTS orders_m; CREATE TABLE orders_m (id INT, customer INT, amount "
      "DECIMAL(10,2)); INSERT INTO orders_m VALUES (1, 10, 5.00), (2, 20, 7.50), (3, 10, 1.25)");
  PGconn* pg = PQconnectdb("");
  ASSERT_EQ(PQstatus(pg), CONNECTION_OK) << PQerrorMessage(pg);
  PQclear(PQexec(pg,
                 "DROP TABLE IF EXISTS customers_pg; CREATE TABLE customers_pg (id integer, "
                 "name text); INSERT INTO customers_pg VALUES (10, 'ann'), (20, 'bob')"));
  PQfinish(pg);
  std::string pg_secret = CreateSecret("pg", MySqlEnv("PGUSER"), MySqlEnv("PGPASSWORD"));
  con_->Query(CreateSql("m"));
  con_->Query("CREATE EXTERNAL SCHEMA p FROM POSTGRES DATABASE '" + MySqlEnv("PGDATABASE") +
              "' URI '" + MySqlEnv("PGHOST") + "' PORT " + MySqlEnv("PGPORT") +
              " IAM_ROLE default SECRET_ARN '" + pg_secret + "'");
  con_->Query("CREATE TABLE regions (customer integer, region varchar(10))");
  con_->Query("INSERT INTO regions VALUES (10, 'north'), (20, 'south')");
  EXPECT_EQ(Rows("SELECT c.name, r.region, sum(o.amount) FROM m.orders_m o JOIN p.customers_pg c "
                 "ON c.id = o.customer JOIN regions r ON r.customer = c.id GROUP BY 1, 2 ORDER BY "
                 "1"),
            "ann|north|6.25\nbob|south|7.50\n");
}

TEST_F(MySqlFederationTest, DoctorChecksEveryStep) {
  con_->Query(CreateSql("m"));
  auto rows = Rows("SELECT step, status FROM tributary_doctor('m')");
  EXPECT_EQ(rows.find("failed"), std::string::npos) << rows;
  EXPECT_NE(rows.find("authentication|ok"), std::string::npos) << rows;
  EXPECT_NE(rows.find("database|ok"), std::string::npos) << rows;
  con_->Query(CreateSql("closed", "1"));
  rows = Rows("SELECT step, status FROM tributary_doctor('closed')");
  EXPECT_NE(rows.find("tcp connect|failed"), std::string::npos) << rows;
}

TEST_F(MySqlFederationTest, UnreachableAndWrongPassword) {
  con_->Query(CreateSql("closed", "1"));
  std::string error = Error("SELECT * FROM closed.t");
  EXPECT_EQ(error.substr(0, 5), "08001") << error;
  std::string wrong = CreateSecret("wrong", MySqlEnv("MYSQL_USER"), "not-the-password");
  con_->Query("CREATE EXTERNAL SCHEMA w FROM MYSQL DATABASE '" + MySqlEnv("MYSQL_DATABASE") +
              "' URI '" + MySqlEnv("MYSQL_HOST") + "' PORT " + MySqlEnv("MYSQL_PORT") +
              " IAM_ROLE default SECRET_ARN '" + wrong + "'");
  error = Error("SELECT * FROM w.t");
  EXPECT_EQ(error.substr(0, 5), "28P01") << error;
  EXPECT_EQ(error.find("not-the-password"), std::string::npos) << error;
  con_->Query("CREATE EXTERNAL SCHEMA nodb FROM MYSQL DATABASE 'no_such_db' URI '" +
              MySqlEnv("MYSQL_HOST") + "' PORT " + MySqlEnv("MYSQL_PORT") +
              " IAM_ROLE default SECRET_ARN '" + secret_arn_ + "'");
  error = Error("SELECT * FROM nodb.t");
  EXPECT_TRUE(error.substr(0, 5) == "3D000" || error.substr(0, 5) == "42501") << error;
}

// Cancelling stops the remote query (KILL QUERY) and leaks no connection:
// the source's process list holds no query of ours afterwards.
TEST_F(MySqlFederationTest, CancelStopsTheRemoteQuery) {
  MySqlSource source;
  source.Exec(
      "DROP VIEW IF EXISTS slow; CREATE VIEW slow AS SELECT SLEEP(20) AS s; "
      "DROP TABLE IF EXISTS after_cancel; CREATE TABLE after_cancel (id INT); INSERT "
      "INTO after_cancel VALUES (1)");
  con_->Query(CreateSql("m"));
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    con_->Interrupt();
  });
  auto start = std::chrono::steady_clock::now();
  std::string error = Error("SELECT * FROM m.slow");
  canceller.join();
  EXPECT_EQ(error.substr(0, 5), "57014") << error;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(source.Value("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE "
                         "'%slow%' AND ID <> CONNECTION_ID()"),
            "0");
  EXPECT_EQ(Value("SELECT count(*) FROM m.after_cancel"), "1");
}

// A scan that stops before its last row (a LIMIT above a local filter)
// closes its connection instead of draining it, and leaks none.
TEST_F(MySqlFederationTest, ScanEndedEarlyLeaksNoConnection) {
  MySqlSource source;
  source.Exec(
      "DROP TABLE IF EXISTS big; CREATE TABLE big (id INT, ratio DOUBLE); SET SESSION "
      "max_recursive_iterations = 100000; INSERT INTO big WITH RECURSIVE g(n) AS (SELECT 1 "
      "UNION ALL SELECT n + 1 FROM g WHERE n < 50000) SELECT n, n / 7 FROM g");
  con_->Query(CreateSql("m"));
  for (int i = 0; i < 20; i++) {
    EXPECT_EQ(Value("SELECT count(*) FROM (SELECT id FROM m.big WHERE ratio > 0 LIMIT 1) x"), "1");
  }
  // The scan stopped early (it did not read all 50000 rows).
  EXPECT_LT(std::stoi(Value("SELECT num_rows FROM svl_federated_query ORDER BY recordtime DESC "
                            "LIMIT 1")),
            50000);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  int threads =
      std::stoi(source.Value("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE USER = '" +
                             MySqlEnv("MYSQL_USER") + "' AND ID <> CONNECTION_ID()"));
  EXPECT_LE(threads, 3);
  EXPECT_EQ(Value("SELECT count(*) FROM m.big"), "50000");
}

// statement_timeout reaches a MySQL scan like a cancel does.
TEST_F(MySqlFederationTest, StatementTimeoutStopsTheScan) {
  MySqlSource source;
  source.Exec("DROP VIEW IF EXISTS slow2; CREATE VIEW slow2 AS SELECT SLEEP(20) AS s");
  con_->Query(CreateSql("m"));
  con_->Query("SET statement_timeout TO 500");
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(Error("SELECT * FROM m.slow2").substr(0, 5), "57014");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

// federation.mysql_tls: "require" refuses a server without TLS (the test
// server has none); a bad value is a clear error.
TEST_F(MySqlFederationTest, TlsModes) {
  {
    std::ofstream conf(dir_ / "tributary.conf");
    conf << R"({"federation": {"mysql_tls": "require"}})";
  }
  con_.reset();
  db_.reset();
  Open();
  con_->Query(CreateSql("m"));
  std::string error = Error("SELECT * FROM m.anything");
  EXPECT_EQ(error.substr(0, 5), "08001") << error;
  {
    std::ofstream conf(dir_ / "tributary.conf");
    conf << R"({"federation": {"mysql_tls": "sometimes"}})";
  }
  con_.reset();
  db_.reset();
  Open();
  error = Error("SELECT * FROM m.anything");
  EXPECT_EQ(error.substr(0, 5), "22023") << error;
  EXPECT_NE(error.find("mysql_tls"), std::string::npos) << error;
}

// A source that dies in the middle of a scan: the statement fails
// quickly (08006), never hangs, and no broken connection stays pooled (the
// next statement reports 08001). Uses a second throwaway server.
TEST_F(MySqlFederationTest, SourceStoppedMidScan) {
  ThrowawayServer server(ThrowawayServer::Kind::kMariaDb);
  // A crash: a graceful shutdown lets MariaDB finish the statement (its
  // SLEEPs return early), which tests nothing.
  server.crash_on_stop = true;
  auto& env = server.env;
  ASSERT_FALSE(env["MYSQL_PORT"].empty()) << server.output;
  {
    MySqlSource second(env["MYSQL_HOST"], env["MYSQL_PORT"], env["MYSQL_USER"],
                       env["MYSQL_PASSWORD"], env["MYSQL_DATABASE"]);
    second.Exec(
        "CREATE TABLE t (id INT); INSERT INTO t WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL "
        "SELECT n + 1 FROM g WHERE n < 200) SELECT n FROM g; CREATE VIEW slow AS SELECT id + "
        "SLEEP(0.05) AS id FROM t");
  }
  std::string arn = CreateSecret("second", env["MYSQL_USER"], env["MYSQL_PASSWORD"]);
  con_->Query("CREATE EXTERNAL SCHEMA second FROM MYSQL DATABASE '" + env["MYSQL_DATABASE"] +
              "' URI '" + env["MYSQL_HOST"] + "' PORT " + env["MYSQL_PORT"] +
              " IAM_ROLE default SECRET_ARN '" + arn + "'");
  EXPECT_EQ(Value("SELECT count(*) FROM second.t"), "200");
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(700));
    server.Stop();
  });
  auto start = std::chrono::steady_clock::now();
  std::string error;
  try {
    error = "no error: " + Value("SELECT sum(id) FROM second.slow");
  } catch (const Exception& e) {
    error = e.SqlState() + " " + e.Message();
  }
  stopper.join();
  EXPECT_EQ(error.substr(0, 5), "08006") << error;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(15));
  start = std::chrono::steady_clock::now();
  EXPECT_EQ(Error("SELECT count(*) FROM second.t").substr(0, 5), "08001");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(11));
  // The shared source is unaffected.
  MySqlSource source;
  source.Exec(
      "DROP TABLE IF EXISTS alive; CREATE TABLE alive (id INT); INSERT INTO alive "
      "VALUES (1)");
  con_->Query(CreateSql("m"));
  EXPECT_EQ(Value("SELECT count(*) FROM m.alive"), "1");
}

}  // namespace
}  // namespace tributary
