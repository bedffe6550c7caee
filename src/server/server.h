// Server: the PostgreSQL protocol v3 listener. Accepts clients on a TCP
// address and runs each in a ClientSession on its own thread, each with its
// own Connection on the shared Database.
//
// Authentication: users live in the data directory's UserStore (SCRAM-SHA-256
// verifiers only; CREATE USER adds them). Each session runs as its login. On the first start the
// admin user is created with the password read from `admin_password_file`; while no user has a
// password, loopback clients are trusted and everyone else is refused.
//
// Thread-safety: Stop(), Cancel() and the session registry may be called
// from any thread; Run() runs on one.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

typedef struct ssl_ctx_st SSL_CTX;

namespace tributary {

class ClientSession;
class Connection;
class TlsContext;
class Database;
class UserStore;

struct ServerOptions {
  std::string data_directory;
  std::string listen_address = "127.0.0.1";
  int port = 5439;  // 0: any free port (see Server::port())
  std::string admin_user = "awsuser";
  std::string admin_password_file;
  size_t max_sessions = 500;
  // PEM files; both empty = no TLS (SSLRequest is answered 'N').
  std::string tls_certificate;
  std::string tls_key;
  // Refuse clients that do not start TLS.
  bool require_tls = false;
};

class Server {
 public:
  // Creates the admin user on a new data directory (throws 22023/58030 for an
  // unreadable or empty password file).
  Server(Database& db, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; throws 08006 when the address is unavailable.
  void Listen();
  // Accepts clients until Stop(); then ends every session and returns.
  void Run();
  // Makes Run() return. Safe to call from any thread, more than once.
  void Stop();
  // The port actually bound (after Listen()).
  int port() const { return port_; }

  // For sessions.
  Database& database() { return db_; }
  // The Database's users (one store: its commits keep it in the manifest).
  UserStore& users();
  bool trust_loopback() const { return trust_loopback_; }
  // Null when TLS is not configured.
  SSL_CTX* tls() const;
  bool require_tls() const { return options_.require_tls; }
  // Registers a running session for cancel requests; returns its process
  // id and sets `secret_key` to a fresh random key.
  // `user` is the login (CONNECTION LIMIT counts sessions per login).
  int32_t RegisterSession(Connection* connection, const std::string& user, int32_t& secret_key);
  // Registered sessions of login `user`.
  size_t SessionsOf(const std::string& user);
  void UnregisterSession(int32_t process_id);
  // Interrupts the session's running statement when the key matches
  // (otherwise does nothing, as PostgreSQL).
  void Cancel(int32_t process_id, int32_t secret_key);
  // One line on stderr. Never pass secrets.
  void Log(const std::string& line);

 private:
  struct SessionThread {
    std::thread thread;
    // Kept here too so the socket stays open until the thread is joined.
    std::shared_ptr<ClientSession> session;
    std::shared_ptr<std::atomic<bool>> finished;
  };
  struct Registration {
    Connection* connection;
    int32_t secret_key;
    std::string user;
  };
  void ReapFinishedSessions();

  Database& db_;
  ServerOptions options_;
  std::unique_ptr<TlsContext> tls_;
  bool trust_loopback_ = false;
  int listen_fd_ = -1;
  int port_ = 0;
  int wake_pipe_[2] = {-1, -1};
  std::atomic<bool> stopping_{false};

  std::mutex sessions_lock_;
  uint64_t next_session_ = 0;
  std::map<uint64_t, SessionThread> sessions_;

  std::mutex registry_lock_;
  int32_t next_process_id_ = 0;
  std::map<int32_t, Registration> registry_;

  std::mutex log_lock_;
};

}  // namespace tributary
