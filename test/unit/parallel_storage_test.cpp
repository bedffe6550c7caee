// The parallel paths of loading and storing: a SORTKEY load sorted and
// gathered on several threads gives exactly the serial (stable) order,
// row groups encoded in parallel at commit read back identically after a
// restart, segments in every codec detect damage, and segments written
// before the codec byte existed (zstd, "TSG1") still decode.
#include <gtest/gtest.h>
#include <zstd.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <filesystem>
#include <numeric>
#include <random>
#include <set>
#include <stdexcept>

#include "common/exception.h"
#include "main/connection.h"
#include "main/database.h"
#include "storage/checksum.h"
#include "storage/column_segment.h"
#include "storage/parallel_for.h"
#include "storage/sort_key_order.h"

namespace tributary {
namespace {

TEST(ParallelFor, RunsEveryTaskOnceAndRethrows) {
  std::vector<std::atomic<int>> runs(1000);
  ParallelFor(runs.size(), [&](idx_t i) { runs[i]++; });
  for (auto& r : runs)
    EXPECT_EQ(r.load(), 1);
  EXPECT_THROW(ParallelFor(100,
                           [](idx_t i) {
                             if (i == 37)
                               throw std::runtime_error("task 37");
                           }),
               std::runtime_error);
  ParallelFor(0, [](idx_t) { FAIL(); });
}

// 300000 rows in chunks of odd sizes: key = a small random int (many
// ties, some NULL), payload = arrival position and a string.
TEST(SortChunksByKey, ParallelSortEqualsStableSerialOrder) {
  std::vector<LogicalType> types = {LogicalTypeId::kInteger, LogicalTypeId::kBigInt,
                                    LogicalTypeId::kVarchar};
  constexpr idx_t kRows = 300000;
  std::mt19937 rng(42);
  std::vector<int> keys(kRows);
  std::vector<bool> null_key(kRows);
  for (idx_t i = 0; i < kRows; i++) {
    keys[i] = static_cast<int>(rng() % 500);
    null_key[i] = rng() % 97 == 0;
  }
  std::vector<DataChunk> chunks;
  for (idx_t start = 0; start < kRows;) {
    idx_t n = std::min<idx_t>(kRows - start, start % 3 == 0 ? kVectorSize : 1000 + start % 700);
    DataChunk chunk;
    chunk.Initialize(types);
    for (idx_t r = 0; r < n; r++) {
      idx_t i = start + r;
      chunk.SetValue(0, r,
                     null_key[i] ? Value::Null(LogicalTypeId::kInteger) : Value::Integer(keys[i]));
      chunk.SetValue(1, r, Value::BigInt(static_cast<int64_t>(i)));
      chunk.SetValue(2, r, Value::Varchar("row " + std::to_string(i)));
    }
    chunk.SetCardinality(n);
    chunks.push_back(std::move(chunk));
    start += n;
  }
  // The serial definition: stable by key, NULLs last.
  std::vector<idx_t> expected(kRows);
  std::iota(expected.begin(), expected.end(), 0);
  std::stable_sort(expected.begin(), expected.end(), [&](idx_t a, idx_t b) {
    if (null_key[a] || null_key[b])
      return !null_key[a] && null_key[b];
    return keys[a] < keys[b];
  });
  auto sorted = SortChunksByKey(types, std::move(chunks), {0});
  idx_t i = 0;
  for (auto& chunk : sorted) {
    ASSERT_TRUE(chunk.size() == kVectorSize || &chunk == &sorted.back());
    for (idx_t r = 0; r < chunk.size(); r++, i++) {
      ASSERT_LT(i, kRows);
      idx_t want = expected[i];
      ASSERT_EQ(chunk.GetValue(1, r).GetInt64(), static_cast<int64_t>(want)) << "row " << i;
      ASSERT_EQ(chunk.GetValue(0, r).IsNull(), static_cast<bool>(null_key[want]));
      ASSERT_EQ(chunk.GetValue(2, r).ToString(), "row " + std::to_string(want));
    }
  }
  EXPECT_EQ(i, kRows);
}

class ParallelStorage : public ::testing::Test {
 protected:
  void SetUp() override {
    char name[] = "/tmp/tributary-parallel-storage-test-XXXXXX";
    ASSERT_NE(mkdtemp(name), nullptr);
    dir_ = name;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string dir_;
};

std::vector<std::string> Rows(Connection& con, const std::string& sql) {
  auto result = con.Query(sql);
  std::vector<std::string> rows;
  for (idx_t r = 0; r < result->RowCount(); r++) {
    std::string row;
    for (idx_t c = 0; c < result->ColumnCount(); c++)
      row += result->GetValue(c, r).ToString() + "|";
    rows.push_back(std::move(row));
  }
  return rows;
}

// A SORTKEY load (sorted in parallel, 5 row groups encoded in parallel at
// commit) has the rows of the unsorted table in stable key order, and the
// same rows in the same order after a restart.
TEST_F(ParallelStorage, SortKeyLoadIsTheStableOrderAndSurvivesRestart) {
  const char* source =
      "SELECT g AS id, CASE WHEN g % 101 = 0 THEN NULL ELSE (g::bigint * 7919 % 600000 / "
      "1000)::int END AS k, 'name ' || (g::bigint * 7919 % 600000) AS name, "
      "(g % 977)::decimal(12,2) / 7 AS price FROM generate_series(0, 599999) g";
  std::vector<std::string> sorted;
  {
    Database db(DatabaseConfig{dir_, 1});
    Connection con(db);
    con.Query("CREATE TABLE plain (id int, k int, name varchar, price decimal(12,2))");
    con.Query(std::string("INSERT INTO plain ") + source);
    con.Query("CREATE TABLE sorted (id int, k int, name varchar, price decimal(12,2)) SORTKEY (k)");
    con.Query("INSERT INTO sorted SELECT * FROM plain");
    // One scan thread: the scan order is the stored order.
    auto plain = Rows(con, "SELECT id, k, name, price FROM plain");
    sorted = Rows(con, "SELECT id, k, name, price FROM sorted");
    ASSERT_EQ(plain.size(), 600000u);
    ASSERT_EQ(sorted.size(), plain.size());
    auto key = [](const std::string& row) {
      auto first = row.find('|');
      auto k = row.substr(first + 1, row.find('|', first + 1) - first - 1);
      return k == "NULL" ? std::numeric_limits<int64_t>::max() : std::stoll(k);
    };
    std::vector<std::string> expected = plain;
    std::stable_sort(expected.begin(), expected.end(),
                     [&](const std::string& a, const std::string& b) { return key(a) < key(b); });
    for (idx_t i = 0; i < expected.size(); i++)
      ASSERT_EQ(sorted[i], expected[i]) << "row " << i;
  }
  Database db(DatabaseConfig{dir_, 1});
  Connection con(db);
  auto reopened = Rows(con, "SELECT id, k, name, price FROM sorted");
  ASSERT_EQ(reopened.size(), sorted.size());
  for (idx_t i = 0; i < sorted.size(); i++)
    ASSERT_EQ(reopened[i], sorted[i]) << "row " << i;
}

std::vector<Vector> Column(const LogicalType& type, idx_t count,
                           const std::function<Value(idx_t)>& make) {
  std::vector<Vector> vectors;
  for (idx_t start = 0; start < count; start += kVectorSize) {
    vectors.emplace_back(type, kVectorSize);
    for (idx_t r = 0; r < std::min(kVectorSize, count - start); r++)
      vectors.back().SetValue(r, make(start + r));
  }
  return vectors;
}

EncodedSegment Encode(const LogicalType& type, const std::vector<Vector>& column, idx_t count) {
  std::vector<const Vector*> pointers;
  for (auto& v : column)
    pointers.push_back(&v);
  return EncodeColumnSegment(type, pointers, count);
}

std::string Text(idx_t i) {
  static const char* words[] = {"furiously", "final",   "deposits", "sleep",  "quickly",
                                "ironic",    "pending", "accounts", "haggle", "blithely"};
  std::string s;
  for (idx_t k = 0; k < 3 + i % 4; k++)
    s += std::string(words[(i * 7 + k * 3) % 10]) + " ";
  return s;
}

// Every codec (lz4 text, uncompressed bit-packed integers, with NULLs)
// detects a flipped byte anywhere in the segment.
TEST(SegmentCodecs, EveryCodecDetectsEveryDamagedByte) {
  struct Case {
    LogicalType type;
    std::function<Value(idx_t)> make;
  };
  std::vector<Case> cases = {
      {LogicalTypeId::kVarchar, [](idx_t i) { return Value::Varchar(Text(i)); }},
      {LogicalTypeId::kBigInt,
       [](idx_t i) {
         return i % 13 == 0 ? Value::Null(LogicalTypeId::kBigInt)
                            : Value::BigInt(static_cast<int64_t>(i * 2654435761u % 100000));
       }},
  };
  for (auto& c : cases) {
    constexpr idx_t kCount = 300;
    auto column = Column(c.type, kCount, c.make);
    auto encoded = Encode(c.type, column, kCount);
    auto decoded = DecodeColumnSegment(c.type, encoded.bytes, kCount, "test segment");
    for (idx_t i = 0; i < kCount; i++)
      ASSERT_EQ(decoded[0].GetValue(i).ToString(), c.make(i).ToString());
    for (idx_t b = 0; b < encoded.bytes.size(); b++) {
      std::string damaged = encoded.bytes;
      damaged[b] ^= 0x21;
      try {
        DecodeColumnSegment(c.type, damaged, kCount, "test segment");
        ADD_FAILURE() << c.type.ToString() << ": damage at byte " << b << " not detected";
      } catch (const Exception& e) {
        EXPECT_EQ(e.SqlState(), "XX001");
      }
    }
  }
}

// Text compresses (lz4); large decoded segments keep their values after
// the encoder's input is gone (the views point into the segment's own
// buffer).
TEST(SegmentCodecs, DecodedStringsOutliveTheBytes) {
  constexpr idx_t kCount = 50000;
  auto column =
      Column(LogicalTypeId::kVarchar, kCount, [](idx_t i) { return Value::Varchar(Text(i)); });
  auto encoded = Encode(LogicalTypeId::kVarchar, column, kCount);
  idx_t raw = 0;
  for (idx_t i = 0; i < kCount; i++)
    raw += Text(i).size();
  EXPECT_LT(encoded.bytes.size(), raw / 2);
  std::vector<Vector> decoded;
  {
    std::string bytes = encoded.bytes;
    decoded = DecodeColumnSegment(LogicalTypeId::kVarchar, bytes, kCount, "test segment");
    std::memset(bytes.data(), 0, bytes.size());
  }
  encoded.bytes.clear();
  column.clear();
  for (idx_t i = 0; i < kCount; i += 7)
    ASSERT_EQ(decoded[i / kVectorSize].GetValue(i % kVectorSize).ToString(), Text(i));
}

// A segment as the first format wrote it: magic "TSG1", no codec byte,
// always zstd. Rebuilt from an uncompressed new-format segment.
TEST(SegmentCodecs, ReadsZstdSegmentsOfTheFirstFormat) {
  constexpr idx_t kCount = 5000;
  auto make = [](idx_t i) {
    return Value::Integer(static_cast<int32_t>(i * 2654435761u % 100000));
  };
  auto column = Column(LogicalTypeId::kInteger, kCount, make);
  auto encoded = Encode(LogicalTypeId::kInteger, column, kCount);
  const std::string& v2 = encoded.bytes;
  ASSERT_EQ(v2.substr(0, 4), "TSG2");
  ASSERT_EQ(v2[10], 1) << "expected an uncompressed segment";  // codec byte: none
  uint64_t raw_size;
  std::memcpy(&raw_size, v2.data() + 15, 8);
  std::string body = v2.substr(31);
  ASSERT_EQ(body.size(), raw_size);
  std::string frame(ZSTD_compressBound(body.size()), '\0');
  frame.resize(ZSTD_compress(frame.data(), frame.size(), body.data(), body.size(), 3));
  std::string v1 = "TSG1";
  v1 += std::string(4, '\0');  // CRC
  v1 += v2.substr(8, 2);       // encoding, has_nulls
  v1 += v2.substr(11, 4);      // count
  v1 += v2.substr(15, 8);      // raw size
  uint64_t compressed = frame.size();
  v1.append(reinterpret_cast<const char*>(&compressed), 8);
  v1 += frame;
  uint32_t crc = Checksum(v1.data() + 8, v1.size() - 8);
  std::memcpy(v1.data() + 4, &crc, 4);
  auto decoded = DecodeColumnSegment(LogicalTypeId::kInteger, v1, kCount, "old segment");
  for (idx_t i = 0; i < kCount; i++)
    ASSERT_EQ(decoded[i / kVectorSize].GetValue(i % kVectorSize).ToString(), make(i).ToString());
  v1[v1.size() - 3] ^= 1;
  EXPECT_THROW(DecodeColumnSegment(LogicalTypeId::kInteger, v1, kCount, "old segment"), Exception);
}

}  // namespace
}  // namespace tributary
