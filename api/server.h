// Building and running the gRPC server: listening socket, TLS, limits,
// keepalive, the standard health service and server reflection around the
// services it is given; and choosing the Authenticator from the options.
//
// Thread safety: Server's methods may be called from any thread; Shutdown
// may be called more than once (later calls wait for the first).
#ifndef KUMPPANI_API_SERVER_H_
#define KUMPPANI_API_SERVER_H_

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "api/authenticator.h"
#include "api/server_options.h"
#include "grpcpp/channel.h"
#include "grpcpp/impl/service_type.h"
#include "grpcpp/server.h"

namespace kumppani::api {

// A parsed listen address.
struct ListenAddress {
  std::string host;  // without brackets: "127.0.0.1", "::1", "localhost"
  int port = 0;
  bool loopback = false;  // 127.0.0.0/8, ::1, ::ffff:127.0.0.0/104 or "localhost"
  // "host:port" for gRPC, with brackets around an IPv6 host.
  std::string ToString() const;
};

// INVALID_ARGUMENT naming `listen` for anything but "host:port" with a port
// in 0..65535.
absl::StatusOr<ListenAddress> ParseListenAddress(absl::string_view address);

// The checks Start makes before it binds (address, the loopback rule,
// limits, TLS files that exist, parse and match), so that a program can fail
// on bad options before it does slower work. Errors as for Server::Start.
absl::Status ValidateServerOptions(const ServerOptions& options);

// The Authenticator the options call for. With a tokens file: a
// TokenAuthenticator over it (errors of TokenStore::Load). Without: when the
// listen address is loopback, logs "no tokens configured: listening on
// loopback only, every caller is admin" and returns an Authenticator that
// grants admin (actor "local") to callers on this machine;
// otherwise FAILED_PRECONDITION.
absl::StatusOr<std::unique_ptr<Authenticator>> MakeAuthenticator(const ServerOptions& options);

// What the server serves besides health and reflection.
struct ServiceSet {
  // Registered in order; owned by the Server, destroyed after the
  // grpc::Server (so after every call has finished).
  std::vector<std::unique_ptr<grpc::Service>> services;
  // Run once when shutdown begins, before in-flight calls are drained, e.g.
  // to end live subscriptions with UNAVAILABLE instead of waiting out the
  // grace period. Must not block for long.
  std::vector<std::function<void()>> on_shutdown;
};

class Server {
 public:
  // Builds and starts the server. Errors: INVALID_ARGUMENT for bad options
  // (address, message size, keepalive, TLS files missing or not matching,
  // a client CA without TLS), FAILED_PRECONDITION for a non-loopback address
  // without a tokens file, UNAVAILABLE when the address cannot be bound (the
  // message says why, e.g. "port 50051 is already in use").
  static absl::StatusOr<std::unique_ptr<Server>> Start(const ServerOptions& options,
                                                       ServiceSet services);
  // Shuts down (see Shutdown) if that has not happened yet.
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The bound port (the chosen one when the options asked for port 0).
  int port() const { return port_; }
  // The bound address, e.g. "127.0.0.1:50051".
  const std::string& address() const { return address_; }
  // Whether clients must use TLS.
  bool tls() const { return tls_; }

  // A channel to this server that bypasses the network (and TLS); for tests.
  std::shared_ptr<grpc::Channel> InProcessChannel();

  // Marks health NOT_SERVING, runs the on_shutdown hooks, stops accepting
  // calls, lets in-flight calls finish for options.shutdown_grace, then
  // cancels the rest and returns once every call is done.
  void Shutdown();

  // Sets the health service's answer for every service ("" included):
  // SERVING or NOT_SERVING. Ignored after Shutdown, which leaves it
  // NOT_SERVING.
  void SetServing(bool serving);

 private:
  Server() = default;

  // Constant after Start.
  absl::Duration shutdown_grace_;
  int port_ = 0;
  std::string address_;
  bool tls_ = false;
  std::vector<std::unique_ptr<grpc::Service>> services_;
  std::vector<std::function<void()>> on_shutdown_;
  std::unique_ptr<grpc::Server> server_;  // after services_: destroyed first

  std::once_flag shutdown_once_;
};

}  // namespace kumppani::api

#endif  // KUMPPANI_API_SERVER_H_
