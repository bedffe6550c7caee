// ScramAuthenticator and ScramVerifier: RFC 7677's SCRAM-SHA-256 example,
// wrong proofs, unknown users and malformed messages.
#include "server/scram_authenticator.h"

#include <gtest/gtest.h>

#include "common/exception.h"
#include "server/base64_codec.h"

namespace tributary {
namespace {

constexpr const char* kClientFirst = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
constexpr const char* kServerNonce = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
constexpr const char* kClientFinal =
    "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
    "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";

ScramVerifier Rfc7677Verifier() {
  return ScramVerifier::Derive("pencil", *Base64Decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);
}

std::string StateOf(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const Exception& e) {
    return e.SqlState();
  }
  return "ok";
}

TEST(ScramAuthenticatorTest, Rfc7677Example) {
  ScramAuthenticator scram("user", Rfc7677Verifier());
  scram.SetServerNonceForTesting(kServerNonce);
  EXPECT_EQ(scram.HandleClientFirst(kClientFirst),
            "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,"
            "i=4096");
  EXPECT_EQ(scram.HandleClientFinal(kClientFinal),
            "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
}

TEST(ScramAuthenticatorTest, WrongPasswordAndUnknownUserFailAlike) {
  ScramAuthenticator wrong(
      "user", ScramVerifier::Derive("not-pencil", *Base64Decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096));
  wrong.SetServerNonceForTesting(kServerNonce);
  wrong.HandleClientFirst(kClientFirst);
  EXPECT_EQ(StateOf([&] { wrong.HandleClientFinal(kClientFinal); }), "28P01");

  ScramAuthenticator unknown("user", std::nullopt);
  unknown.SetServerNonceForTesting(kServerNonce);
  auto server_first = unknown.HandleClientFirst(kClientFirst);
  EXPECT_EQ(server_first.find("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s="), 0u);
  EXPECT_EQ(StateOf([&] { unknown.HandleClientFinal(kClientFinal); }), "28P01");
}

TEST(ScramAuthenticatorTest, MalformedMessages) {
  for (const char* first :
       {"", "x,,n=,r=abc", "n,,", "n,,n=,r=", "p=tls-server-end-point,,n=,r=a", "n,,garbage"}) {
    ScramAuthenticator scram("user", Rfc7677Verifier());
    EXPECT_NE(StateOf([&] { scram.HandleClientFirst(first); }), "ok") << first;
  }
  ScramAuthenticator scram("user", Rfc7677Verifier());
  scram.SetServerNonceForTesting(kServerNonce);
  scram.HandleClientFirst(kClientFirst);
  EXPECT_EQ(StateOf([&] { scram.HandleClientFinal("c=biws,r=other,p=AAAA"); }), "08P01");
  EXPECT_EQ(StateOf([&] { scram.HandleClientFinal("no proof"); }), "08P01");
  EXPECT_EQ(
      StateOf([&] {
        scram.HandleClientFinal("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=!!");
      }),
      "08P01");
}

TEST(ScramVerifierTest, TextFormRoundTripsAndHoldsNoPassword) {
  auto verifier = ScramVerifier::FromPassword("correct horse");
  auto text = verifier.ToString();
  EXPECT_EQ(text.find("SCRAM-SHA-256$4096:"), 0u);
  EXPECT_EQ(text.find("correct horse"), std::string::npos);
  auto parsed = ScramVerifier::Parse(text);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->salt, verifier.salt);
  EXPECT_EQ(parsed->stored_key, verifier.stored_key);
  EXPECT_EQ(parsed->server_key, verifier.server_key);
  EXPECT_FALSE(ScramVerifier::Parse("md5abc"));
  EXPECT_FALSE(ScramVerifier::Parse("SCRAM-SHA-256$x:AAAA$AAAA:AAAA"));
  // Two verifiers of one password differ (random salts).
  EXPECT_NE(ScramVerifier::FromPassword("correct horse").ToString(), text);
}

}  // namespace
}  // namespace tributary
