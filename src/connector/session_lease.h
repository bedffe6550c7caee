// SessionLease: a connection a source session (PostgresSourceSession,
// MySqlSourceSession) lends; it gives the connection back to the session
// when destroyed or reset (whatever the error path), so no pool slot or
// connection ever leaks. Movable, not copyable; an empty lease holds
// nothing. Session::Release(std::unique_ptr<Connection>) takes it back
// (the session befriends the lease).
#pragma once

#include <memory>

namespace tributary {

template <class Session, class Connection>
class SessionLease {
 public:
  SessionLease() = default;
  SessionLease(Session* session, std::unique_ptr<Connection> connection)
      : session_(session), connection_(std::move(connection)) {}
  SessionLease(SessionLease&& other) noexcept = default;
  SessionLease& operator=(SessionLease&& other) noexcept {
    Reset();
    session_ = other.session_;
    connection_ = std::move(other.connection_);
    return *this;
  }
  ~SessionLease() { Reset(); }
  void Reset() {
    if (connection_)
      session_->Release(std::move(connection_));
  }
  explicit operator bool() const { return connection_ != nullptr; }
  Connection& operator*() { return *connection_; }
  Connection* operator->() { return connection_.get(); }

 private:
  Session* session_ = nullptr;
  std::unique_ptr<Connection> connection_;
};

}  // namespace tributary
