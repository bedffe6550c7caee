// COPY BINARY decoding: values of each type, NULLs, rows split across
// messages, and malformed or truncated streams rejected with 08P01.
#include <gtest/gtest.h>

#include "common/exception.h"
#include "connector/postgres/postgres_binary_decoder.h"

namespace tributary {
namespace {

std::string Be16(uint16_t v) {
  return std::string{char(v >> 8), char(v & 0xFF)};
}
std::string Be32(uint32_t v) {
  return Be16(v >> 16) + Be16(v & 0xFFFF);
}
std::string Header() {
  return std::string("PGCOPY\n\377\r\n\0", 11) + Be32(0) + Be32(0);
}
std::string Field(const std::string& bytes) {
  return Be32(bytes.size()) + bytes;
}
std::string Null() {
  return Be32(0xFFFFFFFF);
}
std::string Trailer() {
  return Be16(0xFFFF);
}

// NUMERIC 1234.5 = digits [1234, 5000], weight 0, dscale 1.
std::string Numeric12345() {
  return Be16(2) + Be16(0) + Be16(0) + Be16(1) + Be16(1234) + Be16(5000);
}

TEST(PostgresBinaryDecoderTest, DecodesRowsAcrossMessages) {
  std::vector<LogicalType> types = {LogicalTypeId::kInteger, LogicalType::Varchar(),
                                    LogicalType::Decimal(10, 2)};
  std::string row1 = Be16(3) + Field(Be32(42)) + Field("hello") + Field(Numeric12345());
  std::string row2 = Be16(3) + Null() + Field("") + Null();
  std::string stream = Header() + row1 + row2 + Trailer();
  PostgresBinaryDecoder decoder(types);
  DataChunk chunk;
  chunk.Initialize(types);
  // Feed a byte at a time: rows are only decoded once complete.
  for (char c : stream) {
    decoder.Feed(&c, 1);
    decoder.Decode(chunk);
  }
  EXPECT_TRUE(decoder.Finished());
  decoder.CheckComplete();
  ASSERT_EQ(chunk.size(), 2u);
  EXPECT_EQ(chunk.GetValue(0, 0).ToString(), "42");
  EXPECT_EQ(chunk.GetValue(1, 0).ToString(), "hello");
  EXPECT_EQ(chunk.GetValue(2, 0).ToString(), "1234.50");
  EXPECT_TRUE(chunk.GetValue(0, 1).IsNull());
  EXPECT_EQ(chunk.GetValue(1, 1).ToString(), "");
  EXPECT_TRUE(chunk.GetValue(2, 1).IsNull());
}

std::string ErrorState(const std::vector<LogicalType>& types, const std::string& stream,
                       bool check_complete) {
  try {
    PostgresBinaryDecoder decoder(types);
    DataChunk chunk;
    chunk.Initialize(types);
    decoder.Feed(stream.data(), stream.size());
    decoder.Decode(chunk);
    if (check_complete)
      decoder.CheckComplete();
  } catch (const Exception& e) {
    return e.SqlState();
  }
  return "ok";
}

TEST(PostgresBinaryDecoderTest, MalformedStreamsAreErrors) {
  std::vector<LogicalType> ints = {LogicalTypeId::kInteger};
  EXPECT_EQ(ErrorState(ints, "NOTCOPY\n\377\r\n\0" + Be32(0) + Be32(0), false), "08P01");
  EXPECT_EQ(
      ErrorState(ints, Header() + Be16(2) + Field(Be32(1)) + Field(Be32(2)) + Trailer(), false),
      "08P01");
  EXPECT_EQ(ErrorState(ints, Header() + Be16(1) + Field(Be16(7)) + Trailer(), false), "08P01");
  EXPECT_EQ(ErrorState(ints, Header() + Be16(1) + Be32(0xFFFFFFF0) + Trailer(), false), "08P01");
  // Truncated: no end marker.
  EXPECT_EQ(ErrorState(ints, Header() + Be16(1) + Field(Be32(1)), true), "08P01");
  EXPECT_EQ(ErrorState(ints, Header() + Be16(1) + Field(Be32(1)) + Trailer(), true), "ok");
  // Bytes after the end marker.
  EXPECT_EQ(ErrorState(ints, Header() + Trailer() + "x", true), "08P01");
}

}  // namespace
}  // namespace tributary
