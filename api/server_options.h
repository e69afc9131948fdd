// Options for the gRPC server: where it listens, TLS, tokens, limits and
// keepalive. kumppanid fills them from flags and its config file.
#ifndef KUMPPANI_API_SERVER_OPTIONS_H_
#define KUMPPANI_API_SERVER_OPTIONS_H_

#include <string>

#include "absl/time/time.h"

namespace kumppani::api {

struct ServerOptions {
  // "host:port" (host an IPv4 address, "[IPv6]" or a name; port 0 picks a
  // free port, see Server::port()). Without a tokens file it must be a
  // loopback address (127.0.0.0/8, [::1] or localhost).
  // Default: 127.0.0.1:50051.
  std::string listen_address = "127.0.0.1:50051";

  // PEM certificate chain and private key for TLS. Both or neither; neither
  // means plaintext. Default: none.
  std::string tls_cert_file;
  std::string tls_key_file;

  // PEM CA certificates. When set (requires TLS), every client must present a
  // certificate signed by one of them (mutual TLS); bearer tokens are still
  // required when a tokens file is set. Default: none (no client
  // certificates asked for).
  std::string tls_client_ca_file;

  // The tokens file (see token_store.h). Empty: no tokens; the server then
  // listens on loopback only and every caller is admin. Default: empty.
  std::string tokens_file;

  // Largest message the server receives or sends, in bytes. Must be
  // positive. Default: 20 MiB, above the store's largest append (16 MiB).
  int max_message_bytes = 20 << 20;

  // The server pings an idle connection after keepalive_time and closes it
  // when no answer comes within keepalive_timeout, so that dead clients
  // (a subscriber behind a vanished NAT) free their calls. Default: 60 s and
  // 20 s; both must be positive.
  absl::Duration keepalive_time = absl::Seconds(60);
  absl::Duration keepalive_timeout = absl::Seconds(20);
  // Ping connections that have no call in flight too. Default: true.
  bool keepalive_permit_without_calls = true;
  // Clients may send keepalive pings this often (when idle) without being
  // disconnected for abuse. Default: 10 s.
  absl::Duration min_client_ping_interval = absl::Seconds(10);

  // On Shutdown, in-flight calls get this long to finish before they are
  // cancelled. Default: 10 s.
  absl::Duration shutdown_grace = absl::Seconds(10);
};

}  // namespace kumppani::api

#endif  // KUMPPANI_API_SERVER_OPTIONS_H_
