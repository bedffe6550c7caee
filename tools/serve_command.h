// `tributary serve [--data DIR] [--listen ADDR] [--port N] [--admin-user NAME]
// [--admin-password-file FILE]`: runs the PostgreSQL wire protocol server on
// the data directory until SIGINT or SIGTERM. Defaults come from the
// "server" section of tributary.conf ({"listen": "127.0.0.1", "port": 5439,
// "tls_certificate": "server.crt", "tls_key": "server.key", "require_tls":
// true}; relative paths are in the data directory), then from Redshift's (127.0.0.1:5439, user
// awsuser). Exit status 0 after a clean shutdown, 1 when the server cannot start, 2 on bad usage.
#pragma once

namespace tributary {

int RunServeCommand(int argc, char** argv);

}  // namespace tributary
