// PgMessageBuffer: every read is bounds-checked (08P01, never out of bounds).
#include "server/pg_message_buffer.h"

#include <gtest/gtest.h>

#include "common/exception.h"

namespace tributary {
namespace {

TEST(PgMessageBufferTest, ReadsBigEndianAndStrings) {
  std::string data(
      "\x00\x01\xff\xff\xff\xfe"
      "abc\0"
      "xyz",
      13);
  PgMessageBuffer buffer(data);
  EXPECT_EQ(buffer.ReadInt16(), 1);
  EXPECT_EQ(buffer.ReadInt32(), -2);
  EXPECT_EQ(buffer.ReadCString(), "abc");
  EXPECT_EQ(buffer.ReadBytes(3), "xyz");
  EXPECT_TRUE(buffer.AtEnd());
}

TEST(PgMessageBufferTest, ShortAndMalformedInputThrows) {
  auto state = [](const std::function<void(PgMessageBuffer&)>& fn, std::string data) {
    PgMessageBuffer buffer(data);
    try {
      fn(buffer);
    } catch (const Exception& e) {
      return e.SqlState();
    }
    return std::string("ok");
  };
  EXPECT_EQ(state([](auto& b) { b.ReadInt32(); }, "abc"), "08P01");
  EXPECT_EQ(state([](auto& b) { b.ReadInt16(); }, "a"), "08P01");
  EXPECT_EQ(state([](auto& b) { b.ReadCString(); }, "no terminator"), "08P01");
  EXPECT_EQ(state([](auto& b) { b.ReadBytes(5); }, "abcd"), "08P01");
  EXPECT_EQ(state([](auto& b) { b.ReadBytes(-1); }, "abcd"), "08P01");
  EXPECT_EQ(state([](auto& b) { b.ReadBytes(4); }, "abcd"), "ok");
}

}  // namespace
}  // namespace tributary
