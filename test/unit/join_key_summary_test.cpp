// JoinKeySummary (the build keys runtime filters test probe values
// against): min/max, the bitmap's edges (words, the range's last bit),
// NULL keys left out, ranges too wide for a bitmap, and constant vectors.
#include "execution/operator/join/join_key_summary.h"

#include <gtest/gtest.h>

#include <vector>

#include "execution/operator/join/join_row_collection.h"

namespace tributary {
namespace {

JoinRowCollection Keys(const LogicalType& type, const std::vector<Value>& values) {
  JoinRowCollection keys({type});
  DataChunk chunk;
  chunk.Initialize({type});
  for (idx_t i = 0; i < values.size(); i++)
    chunk.SetValue(0, i, values[i]);
  chunk.SetCardinality(values.size());
  keys.Append(chunk);
  keys.Consolidate();
  return keys;
}

std::vector<sel_t> Select(const JoinKeySummary& summary, const LogicalType& type,
                          const std::vector<Value>& values) {
  Vector vector(type);
  for (idx_t i = 0; i < values.size(); i++)
    vector.SetValue(i, values[i]);
  sel_t out[kVectorSize];
  idx_t kept = summary.Select(vector, values.size(), out);
  return std::vector<sel_t>(out, out + kept);
}

TEST(JoinKeySummaryTest, BitmapIsExact) {
  auto type = LogicalType(LogicalTypeId::kInteger);
  auto keys = Keys(type, {Value::Integer(-3), Value::Integer(60), Value::Integer(63),
                          Value::Integer(64), Value::Integer(60), Value::Null(type)});
  JoinKeySummary summary;
  summary.Build(keys, 0);
  EXPECT_FALSE(summary.empty());
  EXPECT_TRUE(summary.exact());
  EXPECT_EQ(summary.min(), -3);
  EXPECT_EQ(summary.max(), 64);
  auto kept =
      Select(summary, type,
             {Value::Integer(-4), Value::Integer(-3), Value::Integer(0), Value::Integer(60),
              Value::Integer(61), Value::Integer(64), Value::Integer(65), Value::Null(type)});
  EXPECT_EQ(kept, (std::vector<sel_t>{1, 3, 5}));
  EXPECT_TRUE(summary.MayContainRange(61, 70));
  EXPECT_FALSE(summary.MayContainRange(-2, 59));
  EXPECT_FALSE(summary.MayContainRange(65, 1000));
  EXPECT_TRUE(summary.MayContainRange(-100, -3));
  EXPECT_FALSE(summary.MayContainRange(61, 62));
}

TEST(JoinKeySummaryTest, WideRangeKeepsMinMaxOnly) {
  auto type = LogicalType(LogicalTypeId::kBigInt);
  auto keys = Keys(type, {Value::BigInt(-5000000000LL), Value::BigInt(5000000000LL)});
  JoinKeySummary summary;
  summary.Build(keys, 0);
  EXPECT_FALSE(summary.exact());
  auto kept = Select(summary, type,
                     {Value::BigInt(-5000000001LL), Value::BigInt(0), Value::BigInt(5000000001LL)});
  EXPECT_EQ(kept, (std::vector<sel_t>{1}));
}

TEST(JoinKeySummaryTest, OnlyNullKeysMatchNothing) {
  auto type = LogicalType(LogicalTypeId::kInteger);
  auto keys = Keys(type, {Value::Null(type), Value::Null(type)});
  JoinKeySummary summary;
  summary.Build(keys, 0);
  EXPECT_TRUE(summary.empty());
  EXPECT_FALSE(summary.MayContainRange(0, 100));
  EXPECT_TRUE(Select(summary, type, {Value::Integer(0)}).empty());
}

TEST(JoinKeySummaryTest, ConstantVector) {
  auto type = LogicalType(LogicalTypeId::kInteger);
  auto keys = Keys(type, {Value::Integer(7)});
  JoinKeySummary summary;
  summary.Build(keys, 0);
  sel_t out[kVectorSize];
  Vector hit(Value::Integer(7));
  EXPECT_EQ(summary.Select(hit, 100, out), 100u);
  Vector miss(Value::Integer(8));
  EXPECT_EQ(summary.Select(miss, 100, out), 0u);
}

}  // namespace
}  // namespace tributary
