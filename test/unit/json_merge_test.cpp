// JsonMerge: concurrent changes to one document merge by key, with arrays
// of strings as sets; a value both sides set differently does not merge.
#include "security/json_merge.h"

#include <gtest/gtest.h>

namespace tributary {
namespace {

using nlohmann::json;

json Merge(const json& base, const json& changed, const json& stored) {
  json out;
  EXPECT_TRUE(MergeJsonChanges(base, changed, stored, out))
      << base << " -> " << changed << " onto " << stored;
  return out;
}

TEST(JsonMerge, PrivilegeListsMergeByPrivilege) {
  json base = {{"t", {{"user:a", {"SELECT", "INSERT", "UPDATE"}}}}};
  // This side revokes SELECT; the other revoked UPDATE and granted DELETE.
  json changed = {{"t", {{"user:a", {"INSERT", "UPDATE"}}}}};
  json stored = {{"t", {{"user:a", {"SELECT", "INSERT", "DELETE"}}}}};
  EXPECT_EQ(Merge(base, changed, stored), (json{{"t", {{"user:a", {"INSERT", "DELETE"}}}}}));
}

TEST(JsonMerge, NewKeysOnBothSidesMerge) {
  json base = {{"t", json::object()}};
  json changed = {{"t", {{"user:a", {"SELECT"}}}}};
  json stored = {{"t", {{"user:a", {"INSERT"}}, {"user:b", {"SELECT"}}}}};
  EXPECT_EQ(Merge(base, changed, stored),
            (json{{"t", {{"user:a", {"INSERT", "SELECT"}}, {"user:b", {"SELECT"}}}}}));
}

TEST(JsonMerge, AnEmptiedListGoesUnlessTheOtherSideAddedToIt) {
  json base = {{"t", {{"user:a", {"SELECT"}}}}};
  json changed = {{"t", json::object()}};
  EXPECT_EQ(Merge(base, changed, base), (json{{"t", json::object()}}));
  json stored = {{"t", {{"user:a", {"SELECT", "UPDATE"}}}}};
  EXPECT_EQ(Merge(base, changed, stored), (json{{"t", {{"user:a", {"UPDATE"}}}}}));
}

TEST(JsonMerge, ARemovedObjectTakesTheOthersAdditionsAlong) {
  json base = {{"tables", {{"t", {{"user:a", {"SELECT"}}}}}}};
  json changed = {{"tables", json::object()}};
  json stored = {{"tables", {{"t", {{"user:a", {"SELECT"}}, {"user:b", {"INSERT"}}}}}}};
  EXPECT_EQ(Merge(base, changed, stored), (json{{"tables", json::object()}}));
}

TEST(JsonMerge, ChangesUnderAnObjectTheOtherSideRemovedDoNotMerge) {
  json base = {{"tables", {{"t", {{"user:a", {"SELECT"}}}}}}};
  json changed = {{"tables", {{"t", {{"user:a", {"SELECT", "INSERT"}}}}}}};
  json out;
  EXPECT_FALSE(MergeJsonChanges(base, changed, {{"tables", json::object()}}, out));
  // Unchanged by this side: the removal stands.
  json other = base;
  other["x"] = 1;
  json expected = {{"tables", json::object()}};
  expected["x"] = 1;
  EXPECT_EQ(Merge(base, other, {{"tables", json::object()}}), expected);
}

TEST(JsonMerge, ScalarsSetDifferentlyOnBothSidesDoNotMerge) {
  json out;
  EXPECT_FALSE(MergeJsonChanges({{"n", 1}}, {{"n", 2}}, {{"n", 3}}, out));
  EXPECT_EQ(Merge({{"n", 1}}, {{"n", 2}}, {{"n", 2}}), (json{{"n", 2}}));
  EXPECT_EQ(Merge({{"n", 1}}, {{"n", 2}}, {{"n", 1}, {"m", 5}}), (json{{"n", 2}, {"m", 5}}));
  EXPECT_FALSE(MergeJsonChanges({{"n", 1}}, json::object(), {{"n", 3}}, out));
}

}  // namespace
}  // namespace tributary
