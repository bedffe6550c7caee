// Column segment encodings round-trip every type (with NULLs and boundary
// values), pick the encoding the data favours, and detect damage.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>

#include "catalog/catalog.h"
#include "common/exception.h"
#include "main/connection.h"
#include "main/database.h"
#include "storage/column_segment.h"
#include "transaction/transaction.h"
#include "types/decimal.h"

namespace tributary {
namespace {

// `count` rows of `type` from `make(i)` (std::nullopt-like: Value::Null).
std::vector<Vector> MakeColumn(const LogicalType& type, idx_t count,
                               const std::function<Value(idx_t)>& make) {
  std::vector<Vector> vectors;
  for (idx_t start = 0; start < count; start += kVectorSize) {
    vectors.emplace_back(type, kVectorSize);
    idx_t n = std::min(kVectorSize, count - start);
    for (idx_t r = 0; r < n; r++)
      vectors.back().SetValue(r, make(start + r));
  }
  return vectors;
}

SegmentEncoding RoundTrip(const LogicalType& type, idx_t count,
                          const std::function<Value(idx_t)>& make) {
  auto column = MakeColumn(type, count, make);
  std::vector<const Vector*> pointers;
  for (auto& v : column)
    pointers.push_back(&v);
  auto encoded = EncodeColumnSegment(type, pointers, count);
  auto decoded = DecodeColumnSegment(type, encoded.bytes, count, "test segment");
  EXPECT_EQ(decoded.size(), column.size());
  idx_t nulls = 0;
  for (idx_t i = 0; i < count; i++) {
    Value want = make(i);
    Value got = decoded[i / kVectorSize].GetValue(i % kVectorSize);
    nulls += want.IsNull();
    EXPECT_EQ(want.IsNull(), got.IsNull()) << type.ToString() << " row " << i;
    if (!want.IsNull() && !got.IsNull()) {
      EXPECT_EQ(want.ToString(), got.ToString()) << type.ToString() << " row " << i;
    }
  }
  EXPECT_EQ(encoded.stats.null_count, nulls);
  return encoded.encoding;
}

TEST(ColumnSegment, RoundTripsEveryTypeWithNulls) {
  idx_t n = 5000;
  auto null_every = [](idx_t i) { return i % 7 == 3; };
  RoundTrip(LogicalTypeId::kBoolean, n, [&](idx_t i) {
    return null_every(i) ? Value::Null(LogicalTypeId::kBoolean) : Value::Boolean(i % 3 == 0);
  });
  RoundTrip(LogicalTypeId::kSmallInt, n, [&](idx_t i) {
    int16_t v = i % 2 ? std::numeric_limits<int16_t>::min() : std::numeric_limits<int16_t>::max();
    return null_every(i) ? Value::Null(LogicalTypeId::kSmallInt) : Value::SmallInt(v);
  });
  RoundTrip(LogicalTypeId::kInteger, n, [&](idx_t i) {
    return null_every(i) ? Value::Null(LogicalTypeId::kInteger)
                         : Value::Integer(static_cast<int32_t>(i * 2654435761u));
  });
  RoundTrip(LogicalTypeId::kBigInt, n, [&](idx_t i) {
    int64_t v = i % 3 == 0   ? std::numeric_limits<int64_t>::min()
                : i % 3 == 1 ? std::numeric_limits<int64_t>::max()
                             : 0;
    return null_every(i) ? Value::Null(LogicalTypeId::kBigInt) : Value::BigInt(v);
  });
  auto wide = LogicalType::Decimal(38, 2);
  RoundTrip(wide, n, [&](idx_t i) {
    return null_every(i)
               ? Value::Null(wide)
               : Value::Decimal(i % 2 ? Decimal::PowerOfTen(37) - 1 : -hugeint_t(i), 38, 2);
  });
  RoundTrip(LogicalTypeId::kDouble, n, [&](idx_t i) {
    return null_every(i) ? Value::Null(LogicalTypeId::kDouble) : Value::Double(i * 0.25 - 100);
  });
  RoundTrip(LogicalTypeId::kReal, n, [&](idx_t i) {
    return null_every(i) ? Value::Null(LogicalTypeId::kReal) : Value::Real(i * 0.5f);
  });
  RoundTrip(LogicalType::Varchar(), n, [&](idx_t i) {
    return null_every(i) ? Value::Null(LogicalType::Varchar())
                         : Value::Varchar(i % 11 == 0 ? "" : "value " + std::to_string(i));
  });
  RoundTrip(LogicalTypeId::kDate, n, [&](idx_t i) {
    return null_every(i) ? Value::Null(LogicalTypeId::kDate)
                         : Value::Date(static_cast<int32_t>(i) - 2500);
  });
  RoundTrip(LogicalTypeId::kTimestamp, n, [&](idx_t i) {
    return null_every(i) ? Value::Null(LogicalTypeId::kTimestamp)
                         : Value::Timestamp(static_cast<int64_t>(i) * 1000003);
  });
  RoundTrip(LogicalTypeId::kInterval, n, [&](idx_t i) {
    interval_t v;
    v.months = i;
    v.days = -static_cast<int32_t>(i);
    v.micros = i * 7;
    return null_every(i) ? Value::Null(LogicalTypeId::kInterval) : Value::Interval(v);
  });
}

TEST(ColumnSegment, AllNullAndEmptySegments) {
  RoundTrip(LogicalTypeId::kInteger, 3000,
            [](idx_t) { return Value::Null(LogicalTypeId::kInteger); });
  RoundTrip(LogicalType::Varchar(), 1, [](idx_t) { return Value::Null(LogicalType::Varchar()); });
  RoundTrip(LogicalTypeId::kBigInt, 0, [](idx_t) { return Value::BigInt(0); });
}

TEST(ColumnSegment, ChoosesEncodingByData) {
  // Long runs: RLE.
  EXPECT_EQ(RoundTrip(LogicalTypeId::kInteger, 10000,
                      [](idx_t i) { return Value::Integer(static_cast<int32_t>(i / 1000)); }),
            SegmentEncoding::kRle);
  // A narrow range of distinct values in no order: bit-packing.
  EXPECT_EQ(RoundTrip(LogicalTypeId::kBigInt, 10000,
                      [](idx_t i) {
                        return Value::BigInt(1000000000 + static_cast<int64_t>(i * 7919 % 10000));
                      }),
            SegmentEncoding::kBitPacked);
  // Few distinct strings: dictionary.
  EXPECT_EQ(RoundTrip(LogicalType::Varchar(), 10000,
                      [](idx_t i) {
                        static const char* kModes[] = {"AIR", "MAIL", "SHIP", "TRUCK"};
                        return Value::Varchar(kModes[i * 31 % 4]);
                      }),
            SegmentEncoding::kDictionary);
  // Few distinct wide values: dictionary.
  EXPECT_EQ(RoundTrip(LogicalTypeId::kDouble, 10000,
                      [](idx_t i) { return Value::Double((i * 7 % 3) + 0.5); }),
            SegmentEncoding::kDictionary);
  // Random doubles: plain.
  EXPECT_EQ(
      RoundTrip(LogicalTypeId::kDouble, 10000,
                [](idx_t i) { return Value::Double(static_cast<double>(i * 2654435761u) / 3); }),
      SegmentEncoding::kPlain);
}

TEST(ColumnSegment, DetectsEveryDamagedByte) {
  auto column = MakeColumn(LogicalTypeId::kInteger, 3000,
                           [](idx_t i) { return Value::Integer(static_cast<int32_t>(i)); });
  std::vector<const Vector*> pointers;
  for (auto& v : column)
    pointers.push_back(&v);
  auto encoded = EncodeColumnSegment(LogicalTypeId::kInteger, pointers, 3000);
  for (idx_t b = 0; b < encoded.bytes.size(); b++) {
    std::string damaged = encoded.bytes;
    damaged[b] ^= 0x5A;
    try {
      DecodeColumnSegment(LogicalTypeId::kInteger, damaged, 3000, "test segment");
      ADD_FAILURE() << "damage at byte " << b << " not detected";
    } catch (const Exception& e) {
      EXPECT_EQ(e.SqlState(), "XX001");
    }
  }
  // Truncated (a torn write).
  for (idx_t size : {idx_t(0), idx_t(10), encoded.bytes.size() - 1}) {
    try {
      DecodeColumnSegment(LogicalTypeId::kInteger, std::string_view(encoded.bytes).substr(0, size),
                          3000, "test segment");
      ADD_FAILURE() << "truncation to " << size << " not detected";
    } catch (const Exception& e) {
      EXPECT_EQ(e.SqlState(), "XX001");
    }
  }
}

class StorageDirectory : public ::testing::Test {
 protected:
  void SetUp() override {
    char name[] = "/tmp/tributary-storage-test-XXXXXX";
    ASSERT_NE(mkdtemp(name), nullptr);
    dir_ = name;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string dir_;
};

TEST_F(StorageDirectory, SecondOpenIsRefused) {
  Database db(DatabaseConfig{dir_, 1});
  try {
    Database second(DatabaseConfig{dir_, 1});
    FAIL() << "a second Database opened the same directory";
  } catch (const Exception& e) {
    EXPECT_EQ(e.SqlState(), "55006");
    EXPECT_NE(e.Message().find(dir_), std::string::npos) << e.Message();
  }
}

TEST_F(StorageDirectory, DamagedFilesAreReportedNotRead) {
  {
    Database db(DatabaseConfig{dir_, 1});
    Connection con(db);
    con.Query("CREATE TABLE t AS SELECT g AS a, 'v' || g AS b FROM generate_series(1, 5000) g");
  }
  std::string segment;
  for (auto& entry : std::filesystem::directory_iterator(dir_ + "/storage")) {
    if (entry.path().extension() == ".seg")
      segment = entry.path();
  }
  ASSERT_FALSE(segment.empty());
  // Flip a byte in the middle of the segment file.
  {
    std::fstream file(segment, std::ios::in | std::ios::out | std::ios::binary);
    file.seekg(0, std::ios::end);
    auto size = static_cast<long>(file.tellg());
    file.seekp(size / 2);
    char c = 0;
    file.seekg(size / 2);
    file.read(&c, 1);
    c ^= 0x01;
    file.seekp(size / 2);
    file.write(&c, 1);
  }
  {
    Database db(DatabaseConfig{dir_, 1});
    Connection con(db);
    try {
      con.Query("SELECT sum(a), max(b) FROM t");
      FAIL() << "damaged segment was read";
    } catch (const Exception& e) {
      EXPECT_EQ(e.SqlState(), "XX001") << e.Message();
      EXPECT_NE(e.Message().find(".seg"), std::string::npos) << e.Message();
    }
  }
  // A damaged manifest fails the open with XX001.
  {
    std::fstream file(dir_ + "/storage/MANIFEST", std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(60);
    file.write("#", 1);
  }
  try {
    Database db(DatabaseConfig{dir_, 1});
    FAIL() << "damaged manifest was read";
  } catch (const Exception& e) {
    EXPECT_EQ(e.SqlState(), "XX001") << e.Message();
    EXPECT_NE(e.Message().find("MANIFEST"), std::string::npos) << e.Message();
  }
}

TEST_F(StorageDirectory, VisibleChunksSkipDeletedRows) {
  Database db(DatabaseConfig{dir_, 1});
  Connection con(db);
  con.Query("CREATE TABLE t AS SELECT g AS id FROM generate_series(1, 300000) g");
  con.Query("DELETE FROM t WHERE id % 3 = 0 OR id BETWEEN 1 AND 5000");
  auto table = std::static_pointer_cast<TableCatalogEntry>(db.catalog().GetEntry("public", "t"));
  int64_t rows = 0, sum = 0;
  for (auto& chunk : VisibleChunks(*table->storage->Committed())) {
    rows += chunk.size();
    for (idx_t r = 0; r < chunk.size(); r++)
      sum += chunk.GetValue(0, r).GetInt64();
  }
  EXPECT_EQ(std::to_string(rows), con.Query("SELECT count(*) FROM t")->GetValue(0, 0).ToString());
  EXPECT_EQ(std::to_string(sum), con.Query("SELECT sum(id) FROM t")->GetValue(0, 0).ToString());
}

TEST_F(StorageDirectory, ZoneMapsSkipRowGroups) {
  Database db(DatabaseConfig{dir_, 1});
  Connection con(db);
  con.Query(
      "CREATE TABLE t AS SELECT g AS id, date '2020-01-01' + g / 1000 AS day, g % 10 AS k "
      "FROM generate_series(1, 600000) g");
  auto table = std::static_pointer_cast<TableCatalogEntry>(db.catalog().GetEntry("public", "t"));
  auto& storage = *table->storage;
  auto count = [&](const std::string& where) {
    return con.Query("SELECT count(*) FROM t WHERE " + where)->GetValue(0, 0).ToString();
  };
  idx_t skipped = storage.row_groups_skipped();
  EXPECT_EQ(count("id < 1000"), "999");
  // 600000 rows are 5 row groups; only the first can hold id < 1000.
  EXPECT_EQ(storage.row_groups_skipped() - skipped, 4u);
  skipped = storage.row_groups_skipped();
  EXPECT_EQ(count("599990 <= id AND k = 3"), "1");
  EXPECT_EQ(storage.row_groups_skipped() - skipped, 4u);
  skipped = storage.row_groups_skipped();
  EXPECT_EQ(count("day = date '2020-01-02'"), "1000");
  EXPECT_EQ(storage.row_groups_skipped() - skipped, 4u);
  skipped = storage.row_groups_skipped();
  // Not ruled out by min/max: every row group is read.
  EXPECT_EQ(count("k = 3"), "60000");
  EXPECT_EQ(count("id > 0 OR k = 1"), "600000");
  EXPECT_EQ(storage.row_groups_skipped(), skipped);
}

}  // namespace
}  // namespace tributary
