// SORTKEY orders each load (INSERT ... SELECT, CREATE TABLE AS, COPY) and
// VACUUM re-sorts the whole table, so zone maps of the key skip row groups.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "catalog/catalog.h"
#include "common/exception.h"
#include "main/connection.h"
#include "main/database.h"
#include "storage/sort_key_order.h"
#include "transaction/transaction.h"

namespace tributary {
namespace {

TEST(SortChunksByKey, OrdersByEveryKeyNullsLastAndKeepsTies) {
  std::vector<LogicalType> types = {LogicalTypeId::kInteger, LogicalTypeId::kVarchar,
                                    LogicalTypeId::kInteger};
  // 5000 rows: a = i % 7 (NULL when i % 11 == 0), b = 'k' || (i % 3), c = i.
  std::vector<DataChunk> chunks;
  for (idx_t start = 0; start < 5000; start += 1000) {
    DataChunk chunk;
    chunk.Initialize(types);
    for (idx_t r = 0; r < 1000; r++) {
      idx_t i = 4999 - (start + r);
      chunk.SetValue(0, r,
                     i % 11 == 0 ? Value::Null(LogicalTypeId::kInteger) : Value::Integer(i % 7));
      chunk.SetValue(1, r, Value::Varchar("k" + std::to_string(i % 3)));
      chunk.SetValue(2, r, Value::Integer(static_cast<int32_t>(i)));
    }
    chunk.SetCardinality(1000);
    chunks.push_back(std::move(chunk));
  }
  auto sorted = SortChunksByKey(types, std::move(chunks), {0, 1});
  ASSERT_EQ(sorted.size(), 3u);  // 2048 + 2048 + 904
  std::vector<std::tuple<bool, int, std::string, int>> rows;
  for (auto& chunk : sorted) {
    for (idx_t r = 0; r < chunk.size(); r++) {
      Value a = chunk.GetValue(0, r);
      rows.emplace_back(a.IsNull(), a.IsNull() ? 0 : static_cast<int>(a.GetInt64()),
                        chunk.GetValue(1, r).ToString(),
                        static_cast<int>(chunk.GetValue(2, r).GetInt64()));
    }
  }
  ASSERT_EQ(rows.size(), 5000u);
  for (idx_t i = 1; i < rows.size(); i++) {
    auto& p = rows[i - 1];
    auto& q = rows[i];
    auto key = [](auto& t) {
      return std::make_tuple(std::get<0>(t), std::get<1>(t), std::get<2>(t));
    };
    ASSERT_LE(key(p), key(q)) << "row " << i;
    // Equal keys keep arrival order (c was loaded descending).
    if (key(p) == key(q)) {
      ASSERT_GT(std::get<3>(p), std::get<3>(q)) << "row " << i;
    }
  }
  EXPECT_TRUE(std::get<0>(rows.back()));
}

class SortKeyTable : public ::testing::Test {
 protected:
  void SetUp() override {
    char name[] = "/tmp/tributary-sortkey-test-XXXXXX";
    ASSERT_NE(mkdtemp(name), nullptr);
    dir_ = name;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  DataTable& Storage(Database& db, const std::string& table) {
    return *std::static_pointer_cast<TableCatalogEntry>(db.catalog().GetEntry("public", table))
                ->storage;
  }
  std::string dir_;
};

// Rows whose day is scattered over 600 days (g * 7919 mod 600000 / 1000).
constexpr const char* kScattered =
    "SELECT g AS id, date '2020-01-01' + (g::bigint * 7919 % 600000 / 1000)::int AS day, "
    "'name' || (g::bigint * 7919 % 600000) AS name FROM generate_series(0, 599999) g";

TEST_F(SortKeyTable, LoadsAreWrittenInKeyOrder) {
  Database db(DatabaseConfig{dir_, 1});
  Connection con(db);
  con.Query("CREATE TABLE plain (id int, day date, name varchar)");
  con.Query(std::string("INSERT INTO plain ") + kScattered);
  con.Query("CREATE TABLE sorted (id int, day date, name varchar) COMPOUND SORTKEY (day, id)");
  con.Query(std::string("INSERT INTO sorted ") + kScattered);
  con.Query(std::string("CREATE TABLE ctas SORTKEY (day) AS ") + kScattered);
  auto count = [&](const std::string& table) {
    return con
        .Query("SELECT count(*), sum(id) FROM " + table +
               " WHERE day BETWEEN date '2020-03-01' AND date '2020-03-31'")
        ->GetValue(0, 0)
        .ToString();
  };
  // 600000 rows are 5 row groups.
  auto& plain = Storage(db, "plain");
  EXPECT_EQ(count("plain"), "31000");
  EXPECT_EQ(plain.row_groups_skipped(), 0u);
  for (const char* name : {"sorted", "ctas"}) {
    auto& storage = Storage(db, name);
    EXPECT_EQ(count(name), "31000") << name;
    EXPECT_EQ(storage.row_groups_skipped(), 4u) << name;
    EXPECT_EQ(storage.row_groups_scanned(), 1u) << name;
  }
  // Same rows as the unsorted table; the key order is also the scan order.
  EXPECT_EQ(con.Query("SELECT count(*) FROM (SELECT * FROM plain EXCEPT SELECT * FROM sorted) x")
                ->GetValue(0, 0)
                .ToString(),
            "0");
  auto first = con.Query("SELECT day, id FROM sorted LIMIT 2");
  EXPECT_EQ(first->GetValue(0, 0).ToString(), "2020-01-01");
  EXPECT_EQ(first->GetValue(1, 0).ToString(), "0");
}

TEST_F(SortKeyTable, VacuumResortsTheWholeTable) {
  Database db(DatabaseConfig{dir_, 1});
  Connection con(db);
  con.Query("CREATE TABLE t (id int, day date, name varchar) SORTKEY (day)");
  // Two loads, each over the whole key range: each is sorted by itself.
  con.Query(std::string("INSERT INTO t SELECT * FROM (") + kScattered + ") s WHERE id % 2 = 0");
  con.Query(std::string("INSERT INTO t SELECT * FROM (") + kScattered + ") s WHERE id % 2 = 1");
  auto& storage = Storage(db, "t");
  auto scanned = [&]() {
    idx_t before = storage.row_groups_scanned();
    EXPECT_EQ(con.Query("SELECT count(*) FROM t WHERE day = date '2020-06-01'")
                  ->GetValue(0, 0)
                  .ToString(),
              "1000");
    return storage.row_groups_scanned() - before;
  };
  EXPECT_EQ(scanned(), 2u);
  EXPECT_FALSE(InKeyOrder(*storage.Committed(), {1}));
  con.Query("VACUUM t");
  EXPECT_TRUE(InKeyOrder(*storage.Committed(), {1}));
  EXPECT_EQ(scanned(), 1u);
  EXPECT_EQ(con.Query("SELECT count(*), count(DISTINCT id) FROM t")->GetValue(1, 0).ToString(),
            "600000");
  auto files = storage.Committed()->row_groups.front()->file();
  con.Query("VACUUM t");  // already in order: not rewritten
  EXPECT_EQ(storage.Committed()->row_groups.front()->file(), files);
}

}  // namespace
}  // namespace tributary
