// The vector-at-a-time read path of table scans: SegmentScanner reads every
// type and encoding (with NULLs, strings, partial last vectors, vectors in
// any order) exactly as the whole-segment decoder does, detects every
// damaged byte when the segment is loaded, and never reuses a buffer that
// a vector still references. A stored table scanned after a restart (on
// several threads, with deletes and zone maps) equals the in-memory table.
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>

#include "column_segment_fixture.h"
#include "common/exception.h"
#include "main/connection.h"
#include "main/database.h"
#include "storage/column_segment.h"
#include "storage/segment_scanner.h"
#include "types/decimal.h"

namespace tributary {
namespace {

using column_segment_fixture::AssembleSegment;
using column_segment_fixture::MakeValue;

struct Case {
  LogicalType type;
  MakeValue make;
};

EncodedSegment Encode(const Case& c, idx_t count) {
  return column_segment_fixture::EncodeColumn(c.type, count, c.make);
}

class StoredScan : public column_segment_fixture::TempDirectory {};

void Load(SegmentScanner& scanner, const LogicalType& type, const std::string& bytes, idx_t count) {
  std::memcpy(scanner.StoredBuffer(bytes.size()), bytes.data(), bytes.size());
  scanner.Load(type, bytes.size(), count, "test segment");
}

bool Null(idx_t i) {
  return i % 7 == 3;
}

std::vector<Case> Cases() {
  using Id = LogicalTypeId;
  auto wide = LogicalType::Decimal(38, 2);
  return {
      // plain (random doubles), bit-packed, RLE, dictionary (few wide values)
      {Id::kDouble,
       [](idx_t i) {
         return Null(i) ? Value::Null(Id::kDouble)
                        : Value::Double(static_cast<double>(i * 2654435761u) / 3);
       }},
      {Id::kBigInt,
       [](idx_t i) {
         return Null(i) ? Value::Null(Id::kBigInt)
                        : Value::BigInt(1000000000 + static_cast<int64_t>(i * 7919 % 10000));
       }},
      {Id::kInteger, [](idx_t i) { return Value::Integer(static_cast<int32_t>(i / 1000)); }},
      {Id::kInteger,
       [](idx_t i) {
         return i % 1500 < 3 ? Value::Null(Id::kInteger)
                             : Value::Integer(static_cast<int32_t>(i / 700));
       }},
      {Id::kDouble, [](idx_t i) { return Value::Double((i * 7 % 3) + 0.5); }},
      {Id::kBoolean,
       [](idx_t i) { return Null(i) ? Value::Null(Id::kBoolean) : Value::Boolean(i % 3 == 0); }},
      {Id::kSmallInt,
       [](idx_t i) { return Value::SmallInt(static_cast<int16_t>(i % 2 ? -32768 : 32767)); }},
      {wide,
       [wide](idx_t i) {
         return Null(i)
                    ? Value::Null(wide)
                    : Value::Decimal(i % 2 ? Decimal::PowerOfTen(37) - 1 : -hugeint_t(i), 38, 2);
       }},
      {Id::kDate,
       [](idx_t i) {
         return Null(i) ? Value::Null(Id::kDate) : Value::Date(static_cast<int32_t>(i) - 2500);
       }},
      {Id::kTimestamp, [](idx_t i) { return Value::Timestamp(static_cast<int64_t>(i) * 1000003); }},
      {Id::kInterval,
       [](idx_t i) {
         interval_t v;
         v.months = i;
         v.days = -static_cast<int32_t>(i);
         v.micros = i * 7;
         return Null(i) ? Value::Null(Id::kInterval) : Value::Interval(v);
       }},
      // strings: plain (distinct, some empty), dictionary
      {LogicalType::Varchar(),
       [](idx_t i) {
         return Null(i) ? Value::Null(LogicalType::Varchar())
                        : Value::Varchar(i % 11 == 0 ? "" : "value number " + std::to_string(i));
       }},
      {LogicalType::Varchar(),
       [](idx_t i) {
         static const char* kModes[] = {"AIR", "MAIL", "SHIP", "TRUCK", "a longer mode name"};
         return Null(i) ? Value::Null(LogicalType::Varchar()) : Value::Varchar(kModes[i * 31 % 5]);
       }},
      // all NULL; one value (dictionaries of one entry, codes of no bits)
      {Id::kInteger, [](idx_t) { return Value::Null(Id::kInteger); }},
      {Id::kBigInt, [](idx_t i) { return Null(i) ? Value::Null(Id::kBigInt) : Value::BigInt(-7); }},
      {LogicalType::Varchar(),
       [](idx_t i) {
         return Null(i) ? Value::Null(LogicalType::Varchar()) : Value::Varchar("the same");
       }},
  };
}

TEST(SegmentScanner, ReadsEveryTypeAndEncodingLikeTheDecoder) {
  constexpr idx_t kCount = 5000;  // two full vectors and a partial one
  std::set<std::pair<bool, SegmentEncoding>> seen;
  SegmentScanner scanner;  // one scanner for every segment: buffers reused
  for (auto& c : Cases()) {
    auto encoded = Encode(c, kCount);
    seen.emplace(c.type.physical() == PhysicalType::kString, encoded.encoding);
    auto decoded = DecodeColumnSegment(c.type, encoded.bytes, kCount, "test segment");
    Load(scanner, c.type, encoded.bytes, kCount);
    idx_t vectors = (kCount + kVectorSize - 1) / kVectorSize;
    // In order, then out of order (RLE keeps a cursor).
    std::vector<idx_t> order;
    for (idx_t v = 0; v < vectors; v++)
      order.push_back(v);
    order.push_back(2);
    order.push_back(0);
    order.push_back(1);
    order.push_back(1);
    for (idx_t v : order) {
      Vector out(c.type);
      scanner.Scan(v, out);
      idx_t n = std::min(kVectorSize, kCount - v * kVectorSize);
      for (idx_t r = 0; r < n; r++) {
        idx_t row = v * kVectorSize + r;
        Value want = c.make(row);
        Value got = out.GetValue(r);
        ASSERT_EQ(want.IsNull(), got.IsNull()) << c.type.ToString() << " row " << row;
        ASSERT_EQ(got.ToString(), decoded[v].GetValue(r).ToString()) << c.type.ToString();
        if (!want.IsNull()) {
          ASSERT_EQ(want.ToString(), got.ToString()) << c.type.ToString() << " row " << row;
        }
      }
    }
  }
  for (auto encoding : {SegmentEncoding::kPlain, SegmentEncoding::kBitPacked, SegmentEncoding::kRle,
                        SegmentEncoding::kDictionary})
    EXPECT_TRUE(seen.count({false, encoding})) << SegmentEncodingName(encoding);
  EXPECT_TRUE(seen.count({true, SegmentEncoding::kBitPacked}));  // packed lengths
  EXPECT_TRUE(seen.count({true, SegmentEncoding::kDictionary}));
}

TEST(SegmentScanner, DetectsEveryDamagedByteOnLoad) {
  constexpr idx_t kCount = 700;
  SegmentScanner scanner;
  for (auto& c : Cases()) {
    auto encoded = Encode(c, kCount);
    for (idx_t b = 0; b < encoded.bytes.size(); b++) {
      std::string damaged = encoded.bytes;
      damaged[b] ^= 0x21;
      try {
        Load(scanner, c.type, damaged, kCount);
        ADD_FAILURE() << c.type.ToString() << ": damage at byte " << b << " not detected";
      } catch (const Exception& e) {
        ASSERT_EQ(e.SqlState(), "XX001");
      }
    }
    for (idx_t size : {idx_t(0), idx_t(10), encoded.bytes.size() - 1}) {
      EXPECT_THROW(Load(scanner, c.type, encoded.bytes.substr(0, size), kCount), Exception);
    }
    // The wrong row count (a manifest that does not match the file).
    EXPECT_THROW(Load(scanner, c.type, encoded.bytes, kCount + 1), Exception);
    // After a failed load the scanner still loads a good segment.
    Load(scanner, c.type, encoded.bytes, kCount);
    Vector out(c.type);
    scanner.Scan(0, out);
    EXPECT_EQ(out.GetValue(5).ToString(), c.make(5).ToString());
  }
}

// String segments as written before lengths were bit-packed (a u32
// length per row, then the bytes) still read, through the scanner and the
// whole-segment decoder alike; lengths that do not add up to the bytes
// are XX001 even under a good CRC.
TEST(SegmentScanner, ReadsPlainStringSegmentsOfEarlierVersions) {
  constexpr idx_t kCount = 4500;
  auto make = [](idx_t i) {
    return Null(i) ? Value::Null(LogicalType::Varchar())
                   : Value::Varchar(i % 11 == 0 ? "" : "old value " + std::to_string(i));
  };
  std::vector<uint64_t> validity((kCount + 63) / 64, ~uint64_t(0));
  std::string lengths, bytes;
  for (idx_t i = 0; i < kCount; i++) {
    std::string s = Null(i) ? "" : make(i).ToString();
    if (Null(i))
      validity[i / 64] &= ~(uint64_t(1) << (i % 64));
    uint32_t len = s.size();
    lengths.append(reinterpret_cast<const char*>(&len), 4);
    bytes += s;
  }
  auto body = [&](const std::string& data) {
    std::string b(1, '\1');  // has NULLs
    b.append(reinterpret_cast<const char*>(validity.data()), validity.size() * 8);
    b += static_cast<char>(SegmentEncoding::kPlain);
    return b + data;
  };
  std::string segment =
      AssembleSegment(SegmentEncoding::kPlain, true, kCount, body(lengths + bytes));
  auto decoded = DecodeColumnSegment(LogicalType::Varchar(), segment, kCount, "old segment");
  SegmentScanner scanner;
  Load(scanner, LogicalType::Varchar(), segment, kCount);
  for (idx_t v : {idx_t(1), idx_t(0), idx_t(2)}) {
    Vector out(LogicalType::Varchar());
    scanner.Scan(v, out);
    for (idx_t r = 0; r < std::min(kVectorSize, kCount - v * kVectorSize); r++) {
      idx_t row = v * kVectorSize + r;
      ASSERT_EQ(out.GetValue(r).ToString(), make(row).ToString()) << row;
      ASSERT_EQ(decoded[v].GetValue(r).ToString(), make(row).ToString()) << row;
    }
  }
  // One byte fewer than the lengths add up to; one byte more.
  for (auto damaged : {lengths + bytes.substr(1), lengths + bytes + "x"}) {
    std::string bad = AssembleSegment(SegmentEncoding::kPlain, true, kCount, body(damaged));
    try {
      Load(scanner, LogicalType::Varchar(), bad, kCount);
      ADD_FAILURE() << "lengths not matching the bytes were not detected";
    } catch (const Exception& e) {
      EXPECT_EQ(e.SqlState(), "XX001");
    }
    EXPECT_THROW(DecodeColumnSegment(LogicalType::Varchar(), bad, kCount, "old segment"),
                 Exception);
  }
}

// A dictionary code past the dictionary (under a good CRC) is XX001 when
// its vector is read, in every vector position and for strings too.
TEST(SegmentScanner, DictionaryCodesOutOfRangeAreCorruption) {
  constexpr idx_t kCount = 3 * kVectorSize;
  for (bool strings : {false, true}) {
    for (idx_t bad_row : {idx_t(5), kVectorSize + 64, kCount - 1}) {
      std::string body(1, '\0');  // no NULLs
      body += static_cast<char>(SegmentEncoding::kDictionary);
      uint32_t entries = 3;
      body.append(reinterpret_cast<const char*>(&entries), 4);
      if (strings) {
        uint32_t len = 1;
        for (int e = 0; e < 3; e++)
          body.append(reinterpret_cast<const char*>(&len), 4);
        body += "abc";
      } else {
        int32_t values[] = {10, 20, 30};
        body.append(reinterpret_cast<const char*>(values), sizeof(values));
      }
      body += '\2';  // code width
      std::vector<uint64_t> words(kCount * 2 / 64, 0);
      for (idx_t i = 0; i < kCount; i++) {
        uint64_t code = i == bad_row ? 3 : i % 3;
        words[i * 2 / 64] |= code << (i * 2 % 64);
      }
      body.append(reinterpret_cast<const char*>(words.data()), words.size() * 8);
      LogicalType type = strings ? LogicalType::Varchar() : LogicalType(LogicalTypeId::kInteger);
      std::string segment = AssembleSegment(SegmentEncoding::kDictionary, false, kCount, body);
      SegmentScanner scanner;
      Load(scanner, type, segment, kCount);
      for (idx_t v = 0; v < 3; v++) {
        Vector out(type);
        if (v == bad_row / kVectorSize) {
          try {
            scanner.Scan(v, out);
            ADD_FAILURE() << "code out of range not detected in vector " << v;
          } catch (const Exception& e) {
            EXPECT_EQ(e.SqlState(), "XX001");
          }
        } else {
          scanner.Scan(v, out);
          idx_t code = (v * kVectorSize + 1) % 3;
          EXPECT_EQ(out.GetValue(1).ToString(),
                    strings ? std::string(1, "abc"[code]) : std::to_string(10 * (code + 1)));
        }
      }
      EXPECT_THROW(DecodeColumnSegment(type, segment, kCount, "test segment"), Exception);
    }
  }
}

// Segments read from their file: large ones are mapped (also where the
// segment ends the file on a page boundary, with no readable bytes after
// it), small ones read; a file shorter than the manifest says is XX001.
TEST_F(StoredScan, LoadFileMapsOrReadsSegments) {
  constexpr idx_t kCount = 60 * kVectorSize;
  auto make = [](idx_t i) {
    return Value::Varchar("text " + std::to_string(i * 2654435761u) + std::string(i % 13, 'y'));
  };
  auto big = column_segment_fixture::EncodeColumn(LogicalType::Varchar(), kCount, make);
  ASSERT_GT(big.bytes.size(), idx_t(1) << 20);
  auto small = Encode(Cases()[1], 700);
  std::string path = dir_ + "/segments";
  auto mapped = [&] {
    std::ifstream maps("/proc/self/maps");
    std::string line;
    while (std::getline(maps, line)) {
      if (line.find(path) != std::string::npos)
        return true;
    }
    return false;
  };
  for (bool big_last : {false, true}) {
    idx_t prefix = big_last ? small.bytes.size() : 0;
    // The last: the big segment ends on a page boundary.
    for (idx_t padding : {idx_t(0), idx_t(100), (8192 - (prefix + big.bytes.size()) % 4096)}) {
      std::string file = big_last ? small.bytes + std::string(padding, 'p') + big.bytes
                                  : std::string(padding, 'p') + big.bytes + small.bytes;
      {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << file;
      }
      bool at_page_end = big_last && file.size() % 4096 == 0;
      idx_t big_at = prefix + padding;
      idx_t small_at = big_last ? 0 : padding + big.bytes.size();
      SegmentScanner scanner;
      scanner.LoadFile(path, big_at, big.bytes.size(), LogicalType::Varchar(), kCount, "big");
      EXPECT_EQ(mapped(), !at_page_end) << "padding " << padding << " last " << big_last;
      for (idx_t v : {idx_t(0), idx_t(31), idx_t(59)}) {
        Vector out(LogicalType::Varchar());
        scanner.Scan(v, out);
        ASSERT_EQ(out.GetValue(7).ToString(), make(v * kVectorSize + 7).ToString());
      }
      Vector kept(LogicalType::Varchar());
      scanner.Scan(3, kept);
      scanner.LoadFile(path, small_at, small.bytes.size(), Cases()[1].type, 700, "small");
      Vector out(Cases()[1].type);
      scanner.Scan(0, out);
      EXPECT_EQ(out.GetValue(9).ToString(), Cases()[1].make(9).ToString());
      // The mapped segment's strings stay valid while referenced.
      EXPECT_EQ(kept.GetValue(100).ToString(), make(3 * kVectorSize + 100).ToString());
      EXPECT_EQ(mapped(), !at_page_end);
      kept = Vector(LogicalType::Varchar());
      EXPECT_FALSE(mapped()) << "the mapping outlived its last reference";
    }
  }
  std::filesystem::resize_file(path, big.bytes.size() - 1);
  try {
    SegmentScanner scanner;
    scanner.LoadFile(path, 0, big.bytes.size(), LogicalType::Varchar(), kCount, "big");
    ADD_FAILURE() << "a short file was read";
  } catch (const Exception& e) {
    EXPECT_EQ(e.SqlState(), "XX001");
    EXPECT_NE(e.Message().find("shorter"), std::string::npos) << e.Message();
  }
}

// Vectors (and string views) handed out stay valid while referenced, even
// after the scanner loads and scans other segments; buffers nobody holds
// are reused.
TEST(SegmentScanner, ReferencedBuffersAreNeverReused) {
  constexpr idx_t kCount = 3 * kVectorSize;
  auto text = [](idx_t seed) {
    return [seed](idx_t i) {
      return Value::Varchar("segment " + std::to_string(seed) + " row " + std::to_string(i) +
                            std::string(i % 17, 'x'));
    };
  };
  auto number = [](idx_t seed) {
    return [seed](idx_t i) { return Value::BigInt(static_cast<int64_t>(seed * 1000003 + i)); };
  };
  for (bool strings : {true, false}) {
    LogicalType type = strings ? LogicalType::Varchar() : LogicalType(LogicalTypeId::kBigInt);
    SegmentScanner scanner;
    std::vector<Vector> kept;
    for (idx_t seed = 0; seed < 4; seed++) {
      Case c{type, strings ? std::function<Value(idx_t)>(text(seed))
                           : std::function<Value(idx_t)>(number(seed))};
      Load(scanner, type, Encode(c, kCount).bytes, kCount);
      for (idx_t v = 0; v < 3; v++) {
        Vector out(type);
        scanner.Scan(v, out);
        if (v == 1)
          kept.push_back(std::move(out));  // held on: must not change
      }
    }
    for (idx_t seed = 0; seed < kept.size(); seed++) {
      auto make = strings ? std::function<Value(idx_t)>(text(seed))
                          : std::function<Value(idx_t)>(number(seed));
      for (idx_t r = 0; r < kVectorSize; r += 97)
        ASSERT_EQ(kept[seed].GetValue(r).ToString(), make(kVectorSize + r).ToString());
    }
  }
}

std::string Rows(Connection& con, const std::string& sql) {
  auto result = con.Query(sql);
  std::string text;
  for (idx_t r = 0; r < result->RowCount(); r++) {
    for (idx_t c = 0; c < result->ColumnCount(); c++)
      text += result->GetValue(c, r).ToString() + (c + 1 < result->ColumnCount() ? "|" : "\n");
  }
  return text;
}

// Three row groups (the last partial) of every type, NULLs included,
// strings crossing vector and row group boundaries; scanned on 4 threads
// after a restart it equals what the in-memory table gave.
TEST_F(StoredScan, RestartedScanEqualsInMemoryTable) {
  const std::string create =
      "CREATE TABLE t AS SELECT g AS id, "
      "CASE WHEN g % 7 = 3 THEN NULL ELSE g % 5 = 0 END AS b, "
      "CASE WHEN g % 11 = 0 THEN NULL ELSE (g % 30000)::smallint END AS s, "
      "CASE WHEN g % 13 = 0 THEN NULL ELSE g / 1000 END AS i, "
      "g::bigint * 1000003 AS big, "
      "CASE WHEN g % 17 = 0 THEN NULL ELSE (g % 1000) * 0.01 END::decimal(15,2) AS d, "
      "(g::bigint * 7919 % 100000)::decimal(38,3) AS wide, "
      "CASE WHEN g % 19 = 0 THEN NULL ELSE g * 0.5 END::double precision AS f, "
      "date '1992-01-01' + g / 500 AS day, "
      "CASE WHEN g % 23 = 0 THEN NULL ELSE 'row ' || g || repeat('x', g % 40) END AS str, "
      "CASE WHEN g % 29 = 0 THEN NULL WHEN g % 3 = 0 THEN 'AIR' WHEN g % 3 = 1 THEN 'MAIL' "
      "ELSE '' END AS mode "
      "FROM generate_series(1, 300000) g";
  const std::string all = "SELECT * FROM t ORDER BY id";
  const std::string summary =
      "SELECT count(*), count(b), count(s), sum(s), sum(i), sum(big), sum(d), sum(wide), "
      "sum(f), min(day), max(day), count(str), max(str), min(str), sum(length(str)), "
      "count(mode), max(mode) FROM t";
  const std::string filtered = "SELECT count(*), sum(length(str)) FROM t WHERE id < 1000";
  std::string want_all, want_summary, want_filtered, want_deleted;
  {
    Database db(DatabaseConfig{dir_, 4});
    Connection con(db);
    con.Query(create);
    want_all = Rows(con, all);
    want_summary = Rows(con, summary);
    want_filtered = Rows(con, filtered);
  }
  {
    Database db(DatabaseConfig{dir_, 4});
    Connection con(db);
    EXPECT_EQ(Rows(con, summary), want_summary);
    EXPECT_EQ(Rows(con, all), want_all);
    // Zone maps skip the two row groups that cannot hold id < 1000.
    auto plan = Rows(con, "EXPLAIN ANALYZE " + filtered);
    EXPECT_NE(plan.find("row groups: 3, skipped by zone maps: 2"), std::string::npos) << plan;
    EXPECT_EQ(Rows(con, filtered), want_filtered);
    // Deletes read row ids from the stored segments' row groups.
    con.Query("DELETE FROM t WHERE id % 4 = 0 OR id BETWEEN 100000 AND 130000");
    want_deleted = Rows(con, summary);
  }
  {
    Database db(DatabaseConfig{dir_, 4});
    Connection con(db);
    EXPECT_EQ(Rows(con, summary), want_deleted);
    EXPECT_EQ(Rows(con, "SELECT count(*) FROM t WHERE id % 4 = 0"), "0\n");
  }
}

// A table of one stored row group is scanned by several threads, each
// reading a range of its vectors (runs, packed strings and dictionaries
// entered mid-segment; deletes and filters on the ranges), and gives what
// the in-memory table gave.
TEST_F(StoredScan, OneRowGroupIsSplitBetweenThreads) {
  const std::string create =
      "CREATE TABLE t AS SELECT g AS id, g / 3000 AS run, 'text ' || (g * 7919 % 100000) AS str, "
      "CASE WHEN g % 3 = 0 THEN 'AIR' ELSE 'MAIL' END AS mode, "
      "CASE WHEN g % 9 = 0 THEN NULL ELSE g * 0.25 END::double precision AS f "
      "FROM generate_series(1, 100000) g";
  const std::string summary =
      "SELECT count(*), sum(id), sum(run), max(str), min(str), sum(length(str)), count(mode), "
      "min(mode), sum(f), count(f) FROM t";
  const std::string ranges =
      "SELECT run, count(*), max(str), sum(f) FROM t GROUP BY run ORDER BY run";
  std::string want_summary, want_ranges, want_deleted;
  {
    Database db(DatabaseConfig{dir_, 4});
    Connection con(db);
    con.Query(create);
    want_summary = Rows(con, summary);
    want_ranges = Rows(con, ranges);
  }
  {
    Database db(DatabaseConfig{dir_, 4});
    Connection con(db);
    for (int i = 0; i < 3; i++) {
      EXPECT_EQ(Rows(con, summary), want_summary);
      EXPECT_EQ(Rows(con, ranges), want_ranges);
    }
    con.Query("DELETE FROM t WHERE id % 5 = 0 OR id BETWEEN 20000 AND 70000");
    want_deleted = Rows(con, summary);
  }
  Database db(DatabaseConfig{dir_, 4});
  Connection con(db);
  EXPECT_EQ(Rows(con, summary), want_deleted);
}

}  // namespace
}  // namespace tributary
