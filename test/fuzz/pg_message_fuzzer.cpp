// libFuzzer target: the server's decoding of what a client sends. The input
// is the client's byte stream; it goes through the real transport (a
// socketpair) and PgProtocolReader, then each message body through the
// decoder ClientSession uses for its type (startup packet, SSLRequest,
// CancelRequest, Query, Parse, Bind, Describe, Execute, Close, CopyFail,
// SASL responses with the SCRAM exchange). Any input must end in a
// protocol error (08P01 and friends) or a closed connection: never a crash,
// an out-of-bounds read, a leak or a hang.
//
// Built with -DTRIBUTARY_FUZZ=ON (see test/fuzz/CMakeLists.txt); run with
// the committed seed corpus: pg_message_fuzzer test/fuzz/corpus.
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <string>

#include "common/exception.h"
#include "security/scram_verifier.h"
#include "server/pg_frontend_message.h"
#include "server/pg_protocol_reader.h"
#include "server/pg_transport.h"
#include "server/scram_authenticator.h"

using namespace tributary;

namespace {

void DecodeStream(PgProtocolReader& reader) {
  // Startup phase: SSL and GSSAPI requests are answered 'N' and read again.
  while (true) {
    auto packet = DecodeStartupPacket(reader.ReadStartupPacket());
    if (packet.code == pg_startup_code::kSslRequest ||
        packet.code == pg_startup_code::kGssEncRequest)
      continue;
    if (packet.code != pg_startup_code::kProtocolVersion3)
      return;
    if (auto options = packet.parameters.find("options"); options != packet.parameters.end())
      DecodeStartupOptions(options->second);
    break;
  }
  static const ScramVerifier verifier = ScramVerifier::FromPassword("secret");
  ScramAuthenticator scram("fuzz", verifier);
  int sasl_step = 0;
  for (int messages = 0; messages < 1000; messages++) {
    char type;
    std::string body =
        reader.ReadMessage(type, messages < 2 ? PgProtocolReader::kMaxAuthenticationMessageLength
                                              : PgProtocolReader::kMaxMessageLength);
    switch (type) {
      case 'p':
        if (sasl_step++ == 0)
          scram.HandleClientFirst(DecodeSaslInitialResponse(body).data);
        else
          scram.HandleClientFinal(body);
        break;
      case 'Q':
        DecodeQuery(body);
        break;
      case 'P':
        DecodeParse(body);
        break;
      case 'B':
        DecodeBind(body);
        break;
      case 'D':
        DecodeTarget(body, "DESCRIBE");
        break;
      case 'C':
        DecodeTarget(body, "CLOSE");
        break;
      case 'E':
        DecodeExecute(body);
        break;
      case 'f':
        DecodeCopyFail(body);
        break;
      case 'X':
        return;
      default:
        break;  // 'S', 'H', 'd', 'c' carry no fields to decode
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // A socketpair holds well over this much without a reader.
  if (size > 64 * 1024)
    return 0;
  int fds[2];
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, fds) != 0)
    abort();
  size_t written = 0;
  while (written < size) {
    ssize_t n = write(fds[1], data + written, size - written);
    if (n <= 0)
      abort();
    written += static_cast<size_t>(n);
  }
  close(fds[1]);  // the client hangs up after its bytes
  PgTransport transport(fds[0]);
  PgProtocolReader reader(transport);
  try {
    DecodeStream(reader);
  } catch (const Exception&) {
  } catch (const PgConnectionClosed&) {
  }
  return 0;
}
