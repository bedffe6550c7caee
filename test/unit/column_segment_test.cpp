// Column segment encodings round-trip every type (with NULLs and boundary
// values), pick the encoding the data favours, and detect damage.
#include <gtest/gtest.h>
#include <lz4.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>

#include "catalog/catalog.h"
#include "column_segment_fixture.h"
#include "common/exception.h"
#include "main/connection.h"
#include "main/database.h"
#include "storage/column_segment.h"
#include "transaction/transaction.h"
#include "types/decimal.h"

namespace tributary {
namespace {

using column_segment_fixture::EncodeColumn;
using column_segment_fixture::MakeValue;

SegmentEncoding RoundTrip(const LogicalType& type, idx_t count, const MakeValue& make) {
  auto encoded = EncodeColumn(type, count, make);
  auto decoded = DecodeColumnSegment(type, encoded.bytes, count, "test segment");
  EXPECT_EQ(decoded.size(), (count + kVectorSize - 1) / kVectorSize);
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
  // Distinct strings: their bytes, lengths bit-packed.
  EXPECT_EQ(RoundTrip(LogicalType::Varchar(), 10000,
                      [](idx_t i) { return Value::Varchar("row " + std::to_string(i)); }),
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

// Text with short repeats (like TPC-H's comments): about 2x with lz4.
std::string Words(idx_t i) {
  static const char* kWords[] = {"carefully", "final",    "deposits",  "sleep",    "quickly",
                                 "ironic",    "requests", "haggle",    "blithely", "regular",
                                 "pending",   "accounts", "furiously", "express",  "packages",
                                 "boost",     "slyly",    "even"};
  std::string s;
  uint64_t h = i * 0x9E3779B97F4A7C15ULL;
  for (idx_t k = 0; k < 5; k++) {
    s += kWords[(h >> (k * 5)) % 18];
    s += (h >> (k * 7 + 30)) % 3 ? " " : ". ";
  }
  return s;
}

// lz4 is used only where it shrinks a body to a third or less; strings
// store their lengths bit-packed.
TEST(ColumnSegment, CompressesOnlyWhenLz4ThirdsTheBody) {
  using column_segment_fixture::SegmentCodec;
  constexpr idx_t kCount = 20000;
  auto repetitive = EncodeColumn(LogicalType::Varchar(), kCount, [](idx_t i) {
    return Value::Varchar(std::string(60, 'a') + std::to_string(i));
  });
  EXPECT_EQ(repetitive.encoding, SegmentEncoding::kBitPacked);
  EXPECT_EQ(SegmentCodec(repetitive.bytes), 2);  // lz4
  idx_t text_bytes = 0;
  for (idx_t i = 0; i < kCount; i++)
    text_bytes += Words(i).size();
  auto text = EncodeColumn(LogicalType::Varchar(), kCount,
                           [](idx_t i) { return Value::Varchar(Words(i)); });
  {
    // lz4 would save more than an eighth (the rule before), less than 2/3.
    std::string all;
    for (idx_t i = 0; i < kCount; i++)
      all += Words(i);
    std::string out(LZ4_compressBound(all.size()), '\0');
    int n = LZ4_compress_default(all.data(), out.data(), all.size(), out.size());
    EXPECT_LT(n, all.size() * 7 / 8);
    EXPECT_GT(n * 3, all.size());
  }
  EXPECT_EQ(SegmentCodec(text.bytes), 1);  // none
  // The bytes, lengths in 5 bits, the header.
  EXPECT_LT(text.bytes.size(), text_bytes + kCount * 5 / 8 + 100);
  auto integers = EncodeColumn(LogicalTypeId::kBigInt, kCount, [](idx_t i) {
    return Value::BigInt(static_cast<int64_t>(i * 2654435761u % 1000000));
  });
  EXPECT_EQ(SegmentCodec(integers.bytes), 1);
  for (auto* e : {&repetitive, &text}) {
    auto decoded = DecodeColumnSegment(LogicalType::Varchar(), e->bytes, kCount, "test segment");
    EXPECT_EQ(decoded[3].GetValue(5).ToString(),
              e == &text ? Words(3 * kVectorSize + 5)
                         : std::string(60, 'a') + std::to_string(3 * kVectorSize + 5));
  }
}

TEST(ColumnSegment, DetectsEveryDamagedByte) {
  auto encoded = EncodeColumn(LogicalTypeId::kInteger, 3000,
                              [](idx_t i) { return Value::Integer(static_cast<int32_t>(i)); });
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

class StorageDirectory : public column_segment_fixture::TempDirectory {};

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
