// PgFrontendMessage decoders and PgProtocolReader on malformed input: each
// fails with 08P01 (or a closed connection), never reads out of bounds and
// never allocates what the client only claims to send.
#include "server/pg_frontend_message.h"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <functional>

#include "common/exception.h"
#include "server/pg_protocol_reader.h"
#include "server/pg_transport.h"

namespace tributary {
namespace {

std::string Int16(int16_t v) {
  return {static_cast<char>((v >> 8) & 0xFF), static_cast<char>(v & 0xFF)};
}

std::string Int32(int32_t v) {
  return Int16(static_cast<int16_t>(v >> 16)) + Int16(static_cast<int16_t>(v & 0xFFFF));
}

std::string Str(const std::string& s) {
  return s + std::string(1, '\0');
}

std::string StateOf(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const Exception& e) {
    return e.SqlState();
  } catch (const PgConnectionClosed&) {
    return "closed";
  }
  return "ok";
}

TEST(PgFrontendMessageTest, DecodesStartupPacket) {
  auto packet = DecodeStartupPacket(Int32(pg_startup_code::kProtocolVersion3) + Str("user") +
                                    Str("alice") + Str("database") + Str("dev") + Str(""));
  EXPECT_EQ(packet.code, pg_startup_code::kProtocolVersion3);
  EXPECT_EQ(packet.parameters["user"], "alice");
  EXPECT_EQ(packet.parameters["database"], "dev");
  auto cancel = DecodeStartupPacket(Int32(pg_startup_code::kCancelRequest) + Int32(7) + Int32(-9));
  EXPECT_EQ(cancel.process_id, 7);
  EXPECT_EQ(cancel.secret_key, -9);
  EXPECT_EQ(StateOf([] { DecodeStartupPacket(Int32(pg_startup_code::kCancelRequest) + Int32(7)); }),
            "08P01");
  // Parameters without their terminating empty name.
  EXPECT_EQ(StateOf([] {
              DecodeStartupPacket(Int32(pg_startup_code::kProtocolVersion3) + Str("user") + "bob");
            }),
            "08P01");
}

TEST(PgFrontendMessageTest, DecodesStartupOptions) {
  auto settings = DecodeStartupOptions("-c search_path=s1 -csearch_path=s2 -c broken --x -c a=");
  ASSERT_EQ(settings.size(), 3u);
  EXPECT_EQ(settings[0], (std::pair<std::string, std::string>("search_path", "s1")));
  EXPECT_EQ(settings[1], (std::pair<std::string, std::string>("search_path", "s2")));
  EXPECT_EQ(settings[2], (std::pair<std::string, std::string>("a", "")));
  EXPECT_TRUE(DecodeStartupOptions("-c").empty());
}

TEST(PgFrontendMessageTest, DecodesBind) {
  auto body = Str("p") + Str("s") + Int16(1) + Int16(1) + Int16(2) + Int32(3) + "abc" + Int32(-1) +
              Int16(1) + Int16(1);
  auto bind = DecodeBind(body);
  EXPECT_EQ(bind.portal, "p");
  EXPECT_EQ(bind.statement, "s");
  ASSERT_EQ(bind.values.size(), 2u);
  EXPECT_EQ(*bind.values[0], "abc");
  EXPECT_FALSE(bind.values[1].has_value());
  EXPECT_EQ(bind.result_formats, std::vector<int16_t>{1});
}

TEST(PgFrontendMessageTest, MalformedBindFails) {
  auto head = Str("") + Str("");
  // A parameter count the body cannot hold fails before anything is reserved.
  EXPECT_EQ(StateOf([&] { DecodeBind(head + Int16(0) + Int16(32767)); }), "08P01");
  EXPECT_EQ(StateOf([&] { DecodeBind(head + Int16(-1)); }), "08P01");
  EXPECT_EQ(StateOf([&] { DecodeBind(head + Int16(0) + Int16(1) + Int32(-2)); }), "08P01");
  EXPECT_EQ(StateOf([&] { DecodeBind(head + Int16(0) + Int16(1) + Int32(100) + "ab"); }), "08P01");
  EXPECT_EQ(StateOf([&] { DecodeBind(head + Int16(0) + Int16(0) + Int16(1) + Int16(7)); }),
            "08P01");
  // Two parameter formats for one parameter.
  EXPECT_EQ(StateOf([&] {
              DecodeBind(head + Int16(2) + Int16(0) + Int16(0) + Int16(1) + Int32(-1) + Int16(0));
            }),
            "08P01");
  EXPECT_EQ(StateOf([&] { DecodeBind(head + Int16(0) + Int16(0) + Int16(0)); }), "ok");
}

TEST(PgFrontendMessageTest, MalformedMessagesFail) {
  EXPECT_EQ(StateOf([] { DecodeQuery("SELECT 1"); }), "08P01");
  EXPECT_EQ(StateOf([] { DecodeParse(Str("") + Str("SELECT $1") + Int16(2) + Int32(23)); }),
            "08P01");
  EXPECT_EQ(StateOf([] { DecodeParse(Str("") + Str("SELECT 1") + Int16(-3)); }), "08P01");
  EXPECT_EQ(DecodeParse(Str("n") + Str("SELECT $1") + Int16(1) + Int32(23)).parameter_types,
            std::vector<int32_t>{23});
  EXPECT_EQ(StateOf([] { DecodeTarget("", "DESCRIBE"); }), "08P01");
  EXPECT_EQ(StateOf([] { DecodeTarget("X" + Str("name"), "CLOSE"); }), "08P01");
  EXPECT_EQ(DecodeTarget("P" + Str("c1"), "CLOSE").name, "c1");
  EXPECT_EQ(StateOf([] { DecodeExecute(Str("") + "\x01"); }), "08P01");
  EXPECT_EQ(StateOf([] { DecodeSaslInitialResponse(Str("SCRAM-SHA-256") + Int32(10) + "short"); }),
            "08P01");
  EXPECT_EQ(StateOf([] { DecodeSaslInitialResponse(Str("SCRAM-SHA-256") + Int32(1) + "ab"); }),
            "08P01");
  EXPECT_EQ(DecodeSaslInitialResponse(Str("SCRAM-SHA-256") + Int32(2) + "ab").data, "ab");
  EXPECT_EQ(StateOf([] { DecodeCopyFail("no terminator"); }), "08P01");
}

// The reader over a socketpair whose client sent `bytes` and hung up.
std::string ReadAll(const std::string& bytes, bool startup) {
  int fds[2];
  EXPECT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
  EXPECT_EQ(write(fds[1], bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size()));
  close(fds[1]);
  PgTransport transport(fds[0]);
  PgProtocolReader reader(transport);
  return StateOf([&] {
    if (startup) {
      reader.ReadStartupPacket();
    } else {
      char type;
      reader.ReadMessage(type);
    }
  });
}

TEST(PgFrontendMessageTest, ReaderChecksLengths) {
  EXPECT_EQ(ReadAll(Int32(3), true), "08P01");
  EXPECT_EQ(ReadAll(Int32(100000), true), "08P01");
  EXPECT_EQ(ReadAll(Int32(8) + Int32(pg_startup_code::kSslRequest), true), "ok");
  EXPECT_EQ(ReadAll("Q" + Int32(3), false), "08P01");
  EXPECT_EQ(ReadAll("Q" + Int32(PgProtocolReader::kMaxMessageLength + 1), false), "08P01");
  // A length at the limit with nothing behind it: the client hung up (the
  // body is read in steps, so this does not allocate 256 MB first).
  EXPECT_EQ(ReadAll("Q" + Int32(PgProtocolReader::kMaxMessageLength), false), "closed");
  EXPECT_EQ(ReadAll("Q" + Int32(9) + "abc", false), "closed");
  EXPECT_EQ(ReadAll("Q" + Int32(5) + std::string(1, '\0'), false), "ok");
}

}  // namespace
}  // namespace tributary
