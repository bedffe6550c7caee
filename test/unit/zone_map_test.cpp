// Zone maps of DECIMAL, REAL/DOUBLE and VARCHAR segments: computed at
// encode, stored in the manifest (read back after a restart), and used by
// scans to skip row groups only when no row can match.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <limits>

#include "catalog/catalog.h"
#include "main/connection.h"
#include "main/database.h"
#include "storage/column_segment.h"
#include "storage/zone_map_filter.h"
#include "transaction/transaction.h"

namespace tributary {
namespace {

SegmentStatistics Encode(const LogicalType& type, const std::vector<Value>& values) {
  Vector v(type, kVectorSize);
  for (idx_t i = 0; i < values.size(); i++)
    v.SetValue(i, values[i]);
  return EncodeColumnSegment(type, {&v}, values.size()).stats;
}

ZoneMapFilter StringFilter(ZoneMapFilter::Op op, std::string value) {
  ZoneMapFilter f;
  f.kind = ZoneMapFilter::Kind::kString;
  f.op = op;
  f.string_value = std::move(value);
  return f;
}

ZoneMapFilter FloatFilter(ZoneMapFilter::Op op, double value) {
  ZoneMapFilter f;
  f.kind = ZoneMapFilter::Kind::kFloat;
  f.op = op;
  f.float_value = value;
  return f;
}

using Op = ZoneMapFilter::Op;

TEST(ZoneMap, StringPrefixesAreBoundsInByteOrder) {
  std::string long_max = std::string(40, 'm') + "zzz";
  auto stats =
      Encode(LogicalType::Varchar(), {Value::Varchar("banana"), Value::Null(LogicalType::Varchar()),
                                      Value::Varchar(long_max), Value::Varchar("\xc3\xa9t\xc3\xa9"),
                                      Value::Varchar("Apple")});
  ASSERT_TRUE(stats.has_string_range);
  EXPECT_EQ(stats.string_min, "Apple");  // 'A' < 'b' < 'm' < 0xc3 byte-wise
  EXPECT_EQ(stats.string_max, "\xc3\xa9t\xc3\xa9");
  EXPECT_FALSE(stats.string_max_truncated);
  EXPECT_FALSE(StringFilter(Op::kEqual, "Aardvark").MayMatch(stats));
  EXPECT_TRUE(StringFilter(Op::kEqual, "Apple").MayMatch(stats));
  EXPECT_FALSE(StringFilter(Op::kLess, "Apple").MayMatch(stats));
  EXPECT_TRUE(StringFilter(Op::kLessEqual, "Apple").MayMatch(stats));
  EXPECT_FALSE(StringFilter(Op::kGreater, "\xc3\xa9t\xc3\xa9").MayMatch(stats));
  EXPECT_TRUE(StringFilter(Op::kGreaterEqual, "\xc3\xa9t\xc3\xa9").MayMatch(stats));
  EXPECT_FALSE(StringFilter(Op::kGreaterEqual, "\xff").MayMatch(stats));

  // A maximum longer than the prefix is cut: its prefix is not an upper
  // bound, only values above every string with that prefix are ruled out.
  auto cut = Encode(LogicalType::Varchar(), {Value::Varchar("a"), Value::Varchar(long_max)});
  ASSERT_TRUE(cut.string_max_truncated);
  EXPECT_EQ(cut.string_max.size(), SegmentStatistics::kStringPrefix);
  EXPECT_TRUE(StringFilter(Op::kEqual, long_max).MayMatch(cut));
  EXPECT_TRUE(StringFilter(Op::kGreater, std::string(40, 'm')).MayMatch(cut));
  EXPECT_TRUE(StringFilter(Op::kGreaterEqual, long_max).MayMatch(cut));
  EXPECT_TRUE(StringFilter(Op::kGreaterEqual, std::string(32, 'm') + "n").MayMatch(cut));
  EXPECT_FALSE(StringFilter(Op::kGreaterEqual, std::string(31, 'm') + "n").MayMatch(cut));
  // A cut minimum stays a lower bound.
  auto low = Encode(LogicalType::Varchar(), {Value::Varchar(long_max)});
  EXPECT_TRUE(StringFilter(Op::kEqual, long_max).MayMatch(low));
  EXPECT_TRUE(StringFilter(Op::kLessEqual, long_max).MayMatch(low));
  EXPECT_FALSE(StringFilter(Op::kLess, std::string(32, 'm')).MayMatch(low));
}

TEST(ZoneMap, FloatRangesKeepNaNAboveEveryNumber) {
  double nan = std::numeric_limits<double>::quiet_NaN();
  double inf = std::numeric_limits<double>::infinity();
  auto stats =
      Encode(LogicalTypeId::kDouble, {Value::Double(-2.5), Value::Double(nan), Value::Double(7.0),
                                      Value::Null(LogicalTypeId::kDouble)});
  ASSERT_TRUE(stats.has_float_range);
  EXPECT_TRUE(stats.has_nan);
  EXPECT_EQ(stats.float_min, -2.5);
  EXPECT_EQ(stats.float_max, 7.0);
  EXPECT_FALSE(FloatFilter(Op::kEqual, 8).MayMatch(stats));
  EXPECT_FALSE(FloatFilter(Op::kLess, -2.5).MayMatch(stats));
  // NaN > 1e300 and NaN >= +Infinity in PostgreSQL.
  EXPECT_TRUE(FloatFilter(Op::kGreater, 1e300).MayMatch(stats));
  EXPECT_TRUE(FloatFilter(Op::kGreaterEqual, inf).MayMatch(stats));
  auto numbers = Encode(LogicalTypeId::kReal, {Value::Real(-0.0f), Value::Real(1.5f)});
  EXPECT_FALSE(numbers.has_nan);
  EXPECT_FALSE(FloatFilter(Op::kGreater, 1.5).MayMatch(numbers));
  EXPECT_TRUE(FloatFilter(Op::kEqual, 0.0).MayMatch(numbers));  // -0 = 0
  auto only_nan = Encode(LogicalTypeId::kDouble, {Value::Double(nan)});
  EXPECT_FALSE(only_nan.has_float_number);
  EXPECT_FALSE(FloatFilter(Op::kLess, inf).MayMatch(only_nan));
  EXPECT_FALSE(FloatFilter(Op::kEqual, 0).MayMatch(only_nan));
  EXPECT_TRUE(FloatFilter(Op::kGreater, 0).MayMatch(only_nan));
}

class ZoneMapTable : public ::testing::Test {
 protected:
  void SetUp() override {
    char name[] = "/tmp/tributary-zonemap-test-XXXXXX";
    ASSERT_NE(mkdtemp(name), nullptr);
    dir_ = name;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string dir_;
};

TEST_F(ZoneMapTable, DecimalFloatAndVarcharColumnsSkipRowGroups) {
  // 5 row groups; every column grows with g, so each group is a narrow range.
  const char* create =
      "CREATE TABLE t AS SELECT g AS id, (g / 100.0)::decimal(12,2) AS price, "
      "g::double precision / 7 AS ratio, g::real AS r, lpad(g::text, 7, '0') AS code, "
      "CASE WHEN g = 599999 THEN 'NaN'::double precision ELSE g END AS withnan "
      "FROM generate_series(0, 599999) g";
  struct Case {
    std::string where;
    std::string count;
    idx_t skipped;
  };
  std::vector<Case> cases = {
      {"price < 100.00", "10000", 4},
      {"price = 5000.00", "1", 4},
      {"price >= 5900.00", "10000", 4},
      {"ratio > 85000", "4999", 4},
      {"r <= 1000", "1001", 4},
      {"code = '0123456'", "1", 4},
      {"code < '0000100'", "100", 4},
      {"code > '0599990'", "9", 4},
      {"code >= '1'", "0", 5},
      // NaN (above every number) is in the last group: it is read.
      {"withnan > 590000", "9999", 4},
      {"withnan < 10", "10", 4},
      // Not decidable by zone maps: nothing skipped.
      {"code LIKE '05%'", "100000", 0},
      {"ratio <> 3", "599999", 0},
  };
  auto run = [&](Database& db, Connection& con) {
    auto& storage =
        *std::static_pointer_cast<TableCatalogEntry>(db.catalog().GetEntry("public", "t"))->storage;
    for (auto& c : cases) {
      idx_t before = storage.row_groups_skipped();
      EXPECT_EQ(con.Query("SELECT count(*) FROM t WHERE " + c.where)->GetValue(0, 0).ToString(),
                c.count)
          << c.where;
      EXPECT_EQ(storage.row_groups_skipped() - before, c.skipped) << c.where;
    }
  };
  {
    Database db(DatabaseConfig{dir_, 1});
    Connection con(db);
    con.Query(create);
    run(db, con);
  }
  // The zone maps come back from the manifest.
  Database db(DatabaseConfig{dir_, 1});
  Connection con(db);
  run(db, con);
}

}  // namespace
}  // namespace tributary
