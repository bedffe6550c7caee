#include "serve_command.h"

#include <pthread.h>
#include <signal.h>

#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>

#include "common/config_file.h"
#include "common/exception.h"
#include "main/database.h"
#include "server/server.h"

namespace tributary {

namespace {

void ServeUsage(std::ostream& out) {
  out << "Usage: tributary serve [--data DIR] [--listen ADDR] [--port N] [--admin-user NAME]\n"
         "                       [--admin-password-file FILE]\n"
         "  --data DIR                 data directory (default ./tributary-data or "
         "TRIBUTARY_DATA)\n"
         "  --listen ADDR[:PORT]       address to listen on (default 127.0.0.1; * for all)\n"
         "  --port N                   TCP port (default 5439; 0 picks a free one)\n"
         "  --admin-user NAME          superuser created on first start (default awsuser)\n"
         "  --admin-password-file F    file holding that user's password (one line); without\n"
         "                             one, only clients on this machine may connect\n";
}

}  // namespace

int RunServeCommand(int argc, char** argv) {
  ServerOptions options;
  const char* env_data = std::getenv("TRIBUTARY_DATA");
  options.data_directory = env_data && *env_data ? env_data : "./tributary-data";
  bool listen_given = false;
  bool port_given = false;
  for (int i = 1; i < argc; i++) {
    std::string a = argv[i];
    auto need = [&]() -> const char* {
      if (i + 1 >= argc) {
        std::cerr << "tributary serve: option " << a << " needs an argument\n";
        return nullptr;
      }
      return argv[++i];
    };
    const char* value = nullptr;
    if (a == "--help" || a == "-h") {
      ServeUsage(std::cout);
      return 0;
    }
    if (a != "--data" && a != "--listen" && a != "--port" && a != "--admin-user" &&
        a != "--admin-password-file") {
      std::cerr << "tributary serve: unknown option " << a << "\n";
      ServeUsage(std::cerr);
      return 2;
    }
    if (!(value = need()))
      return 2;
    if (a == "--data") {
      options.data_directory = value;
    } else if (a == "--listen") {
      options.listen_address = value;
      listen_given = true;
      // HOST:PORT is accepted too (IPv6 addresses have several colons and
      // go with --port).
      auto colon = options.listen_address.find(':');
      if (colon != std::string::npos && colon == options.listen_address.rfind(':')) {
        auto port_text = options.listen_address.substr(colon + 1);
        options.listen_address.resize(colon);
        char* end = nullptr;
        long port = std::strtol(port_text.c_str(), &end, 10);
        if (port_text.empty() || *end || port < 0 || port > 65535) {
          std::cerr << "tributary serve: invalid port \"" << port_text << "\"\n";
          return 2;
        }
        options.port = static_cast<int>(port);
        port_given = true;
      }
    } else if (a == "--port") {
      char* end = nullptr;
      long port = std::strtol(value, &end, 10);
      if (!*value || *end || port < 0 || port > 65535) {
        std::cerr << "tributary serve: invalid port \"" << value << "\"\n";
        return 2;
      }
      options.port = static_cast<int>(port);
      port_given = true;
    } else if (a == "--admin-user") {
      options.admin_user = value;
    } else {
      options.admin_password_file = value;
    }
  }

  // SIGINT and SIGTERM are taken by one thread (sigwait) so no other thread
  // is interrupted in the middle of a query; it asks the server to stop.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  try {
    auto config = ReadConfigFile(options.data_directory);
    if (config.contains("server") && config["server"].is_object()) {
      auto& section = config["server"];
      if (!listen_given && section.contains("listen") && section["listen"].is_string())
        options.listen_address = section["listen"].get<std::string>();
      if (!port_given && section.contains("port") && section["port"].is_number_integer())
        options.port = section["port"].get<int>();
      auto path = [&](const char* key) -> std::string {
        if (!section.contains(key) || !section[key].is_string())
          return "";
        auto value = section[key].get<std::string>();
        return value.empty() || value[0] == '/' ? value : options.data_directory + "/" + value;
      };
      options.tls_certificate = path("tls_certificate");
      options.tls_key = path("tls_key");
      if (section.contains("require_tls") && section["require_tls"].is_boolean())
        options.require_tls = section["require_tls"].get<bool>();
    }
    DatabaseConfig db_config{options.data_directory, 0};
    // A new data directory's superuser (and database owner) is the admin.
    db_config.default_superuser = options.admin_user;
    Database db(db_config);
    Server server(db, options);
    server.Listen();
    std::thread signal_thread([&server, signals] {
      int received = 0;
      sigwait(&signals, &received);
      server.Log(std::string("received ") + (received == SIGINT ? "SIGINT" : "SIGTERM") +
                 ", shutting down");
      server.Stop();
    });
    server.Run();
    // Run() also returns on its own when accept fails; wake the signal
    // thread in that case so it can be joined.
    pthread_kill(signal_thread.native_handle(), SIGTERM);
    signal_thread.join();
    return 0;
  } catch (const Exception& e) {
    std::cerr << "tributary serve: " << e.Message() << "\n";
    return 1;
  }
}

}  // namespace tributary
