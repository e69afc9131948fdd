// Builds the grpc::Server from ServerOptions and runs its shutdown.
#include "api/server.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "api/request_parse_interceptor.h"
#include "api/token_store.h"
#include "grpc/grpc.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server_builder.h"
#include "ledger/common/status_macros.h"
#include "spdlog/spdlog.h"

namespace kumppani::api {
namespace {

bool IsLoopbackHost(absl::string_view host) {
  if (absl::EqualsIgnoreCase(host, "localhost")) return true;
  std::string text(host);
  in_addr v4{};
  if (inet_pton(AF_INET, text.c_str(), &v4) == 1) {
    return (ntohl(v4.s_addr) >> 24) == 127;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, text.c_str(), &v6) == 1) {
    if (IN6_IS_ADDR_LOOPBACK(&v6)) return true;
    return IN6_IS_ADDR_V4MAPPED(&v6) && v6.s6_addr[12] == 127;
  }
  return false;
}

// Callers on this machine, judged by the peer gRPC reports:
// "ipv4:127.0.0.1:5555", "ipv6:[::1]:5555" (or URI-escaped), "unix:…",
// or an in-process channel, which gRPC 1.51 reports as "unknown" (a TCP
// caller always has its address; the server is bound to loopback anyway).
bool IsLocalPeer(absl::string_view peer) {
  if (absl::StartsWith(peer, "unix:") || absl::StartsWith(peer, "inproc") || peer == "unknown") {
    return true;
  }
  std::string address;
  if (absl::ConsumePrefix(&peer, "ipv4:") || absl::ConsumePrefix(&peer, "ipv6:")) {
    address = absl::StrReplaceAll(peer, {{"%5B", "["}, {"%5D", "]"}, {"%5b", "["}, {"%5d", "]"}});
  } else {
    return false;
  }
  absl::StatusOr<ListenAddress> parsed = ParseListenAddress(address);
  return parsed.ok() && parsed->loopback;
}

// Grants admin to every local caller: the no-tokens mode, loopback only.
class LocalAuthenticator : public Authenticator {
 public:
  absl::StatusOr<Principal> Authenticate(const grpc::ServerContextBase& context) const override {
    std::string peer = context.peer();
    if (!IsLocalPeer(peer)) {
      return absl::UnauthenticatedError(absl::StrCat(
          "no tokens are configured on this server: only callers on the same machine are "
          "served, and this caller is ",
          peer));
    }
    Principal principal;
    principal.role = Role::kAdmin;
    principal.actor = "local";
    return principal;
  }
};

absl::StatusOr<std::string> ReadPemFile(const std::string& path, absl::string_view what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, " ", path, ": cannot read: ", std::strerror(errno)));
  }
  std::ostringstream content;
  content << in.rdbuf();
  if (content.str().empty()) {
    return absl::InvalidArgumentError(absl::StrCat(what, " ", path, ": is empty"));
  }
  return content.str();
}

struct BioDeleter {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct X509Deleter {
  void operator()(X509* cert) const { X509_free(cert); }
};
struct PkeyDeleter {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};

std::unique_ptr<BIO, BioDeleter> MemoryBio(const std::string& pem) {
  return std::unique_ptr<BIO, BioDeleter>(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
}

std::unique_ptr<X509, X509Deleter> FirstCertificate(const std::string& pem) {
  auto bio = MemoryBio(pem);
  return std::unique_ptr<X509, X509Deleter>(
      PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

// gRPC only notices a bad certificate or key at the first handshake; these
// checks make Start fail instead, naming the file.
absl::Status CheckCertificateAndKey(const ServerOptions& options, const std::string& cert_pem,
                                    const std::string& key_pem) {
  auto cert = FirstCertificate(cert_pem);
  if (cert == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("TLS certificate file ", options.tls_cert_file, ": holds no PEM certificate"));
  }
  auto bio = MemoryBio(key_pem);
  std::unique_ptr<EVP_PKEY, PkeyDeleter> key(
      PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  if (key == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat("TLS key file ", options.tls_key_file,
                                                   ": holds no unencrypted PEM private key"));
  }
  if (X509_check_private_key(cert.get(), key.get()) != 1) {
    return absl::InvalidArgumentError(absl::StrCat("TLS key file ", options.tls_key_file,
                                                   ": does not match the certificate in ",
                                                   options.tls_cert_file));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> MakeCredentials(
    const ServerOptions& options) {
  bool has_cert = !options.tls_cert_file.empty();
  bool has_key = !options.tls_key_file.empty();
  if (has_cert != has_key) {
    return absl::InvalidArgumentError(
        "TLS needs both a certificate file and a key file, or neither for plaintext");
  }
  if (!has_cert) {
    if (!options.tls_client_ca_file.empty()) {
      return absl::InvalidArgumentError(
          "a client CA file (client-certificate verification) needs TLS: set the certificate "
          "and key files too");
    }
    return grpc::InsecureServerCredentials();
  }
  KUMPPANI_ASSIGN_OR_RETURN(std::string cert_pem,
                            ReadPemFile(options.tls_cert_file, "TLS certificate file"));
  KUMPPANI_ASSIGN_OR_RETURN(std::string key_pem, ReadPemFile(options.tls_key_file, "TLS key file"));
  KUMPPANI_RETURN_IF_ERROR(CheckCertificateAndKey(options, cert_pem, key_pem));

  grpc::SslServerCredentialsOptions ssl(GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
  ssl.pem_key_cert_pairs.push_back({key_pem, cert_pem});
  if (!options.tls_client_ca_file.empty()) {
    KUMPPANI_ASSIGN_OR_RETURN(std::string ca_pem,
                              ReadPemFile(options.tls_client_ca_file, "TLS client CA file"));
    if (FirstCertificate(ca_pem) == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat(
          "TLS client CA file ", options.tls_client_ca_file, ": holds no PEM certificate"));
    }
    ssl.pem_root_certs = ca_pem;
    ssl.client_certificate_request = GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY;
  }
  return grpc::SslServerCredentials(ssl);
}

absl::Status CheckOptions(const ServerOptions& options, const ListenAddress& address) {
  if (!address.loopback && options.tokens_file.empty()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "listen: ", address.ToString(),
        " is not a loopback address and no tokens file is configured: every caller would be "
        "admin. Configure a tokens file, or listen on 127.0.0.1"));
  }
  if (options.max_message_bytes <= 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("max message bytes: must be positive, got ", options.max_message_bytes));
  }
  if (options.keepalive_time <= absl::ZeroDuration() ||
      options.keepalive_timeout <= absl::ZeroDuration() ||
      options.min_client_ping_interval < absl::ZeroDuration() ||
      options.shutdown_grace < absl::ZeroDuration()) {
    return absl::InvalidArgumentError(
        "keepalive time and timeout must be positive; the client ping interval and shutdown "
        "grace must not be negative");
  }
  return absl::OkStatus();
}

// Why binding failed, found by trying it ourselves (gRPC only says that it
// did): "port 50051 is already in use", ….
std::string DiagnoseBind(const ListenAddress& address) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* found = nullptr;
  std::string port = absl::StrCat(address.port);
  if (int error = getaddrinfo(address.host.c_str(), port.c_str(), &hints, &found); error != 0) {
    return absl::StrCat("cannot resolve host \"", address.host, "\": ", gai_strerror(error));
  }
  std::string reason;
  for (addrinfo* ai = found; ai != nullptr && reason.empty(); ai = ai->ai_next) {
    int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
    if (fd < 0) continue;
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);  // as gRPC does
    if (bind(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
      int error = errno;
      if (error == EADDRINUSE) {
        reason = absl::StrCat("port ", address.port, " is already in use");
      } else if (error == EADDRNOTAVAIL) {
        reason = absl::StrCat("\"", address.host, "\" is not an address of this machine");
      } else if (error == EACCES) {
        reason = absl::StrCat("permission denied for port ", address.port,
                              " (ports below 1024 need privileges)");
      } else {
        reason = std::strerror(error);
      }
    }
    close(fd);
  }
  freeaddrinfo(found);
  if (reason.empty()) reason = "gRPC refused the address (see its log above)";
  return reason;
}

}  // namespace

std::string ListenAddress::ToString() const {
  if (absl::StrContains(host, ':')) return absl::StrCat("[", host, "]:", port);
  return absl::StrCat(host, ":", port);
}

absl::StatusOr<ListenAddress> ParseListenAddress(absl::string_view address) {
  auto invalid = [&](absl::string_view rule) {
    return absl::InvalidArgumentError(absl::StrCat("listen: ", rule, ", got \"", address, "\""));
  };
  ListenAddress parsed;
  absl::string_view port;
  if (absl::StartsWith(address, "[")) {
    size_t close = address.find(']');
    if (close == absl::string_view::npos || close + 1 >= address.size() ||
        address[close + 1] != ':') {
      return invalid("must be \"[IPv6 address]:port\"");
    }
    parsed.host = std::string(address.substr(1, close - 1));
    port = address.substr(close + 2);
  } else {
    size_t colon = address.rfind(':');
    if (colon == absl::string_view::npos) return invalid("must be \"host:port\"");
    parsed.host = std::string(address.substr(0, colon));
    port = address.substr(colon + 1);
    if (absl::StrContains(parsed.host, ':')) {
      return invalid("an IPv6 address must be in brackets, e.g. \"[::1]:50051\"");
    }
  }
  if (parsed.host.empty()) {
    return invalid("the host is missing (0.0.0.0 for every interface, 127.0.0.1 for this machine)");
  }
  uint32_t number = 0;
  bool digits = !port.empty() && port.size() <= 5;
  for (char c : port) digits = digits && absl::ascii_isdigit(static_cast<unsigned char>(c));
  if (!digits || !absl::SimpleAtoi(port, &number) || number > 65535) {
    return invalid("the port must be a number 0..65535 (0 picks a free one)");
  }
  parsed.port = static_cast<int>(number);
  parsed.loopback = IsLoopbackHost(parsed.host);
  return parsed;
}

absl::Status ValidateServerOptions(const ServerOptions& options) {
  KUMPPANI_ASSIGN_OR_RETURN(ListenAddress address, ParseListenAddress(options.listen_address));
  KUMPPANI_RETURN_IF_ERROR(CheckOptions(options, address));
  return MakeCredentials(options).status();
}

absl::StatusOr<std::unique_ptr<Authenticator>> MakeAuthenticator(const ServerOptions& options) {
  if (!options.tokens_file.empty()) {
    KUMPPANI_ASSIGN_OR_RETURN(std::unique_ptr<TokenAuthenticator> authenticator,
                              TokenAuthenticator::FromFile(options.tokens_file));
    size_t count = authenticator->tokens()->entries().size();
    if (count == 0) {
      spdlog::warn(
          "tokens file {} has no tokens: every call will be refused "
          "(add one with `kumppanid token add`)",
          options.tokens_file);
    } else {
      spdlog::info("loaded {} token(s) from {}", count, options.tokens_file);
    }
    return authenticator;
  }
  KUMPPANI_ASSIGN_OR_RETURN(ListenAddress address, ParseListenAddress(options.listen_address));
  KUMPPANI_RETURN_IF_ERROR(CheckOptions(options, address));
  spdlog::warn("no tokens configured: listening on loopback only, every caller is admin");
  return std::make_unique<LocalAuthenticator>();
}

absl::StatusOr<std::unique_ptr<Server>> Server::Start(const ServerOptions& options,
                                                      ServiceSet services) {
  KUMPPANI_ASSIGN_OR_RETURN(ListenAddress address, ParseListenAddress(options.listen_address));
  KUMPPANI_RETURN_IF_ERROR(CheckOptions(options, address));
  KUMPPANI_ASSIGN_OR_RETURN(std::shared_ptr<grpc::ServerCredentials> credentials,
                            MakeCredentials(options));

  // Process-wide switches read by every ServerBuilder; set before the first.
  static std::once_flag plugins_once;
  std::call_once(plugins_once, [] {
    grpc::EnableDefaultHealthCheckService(true);
    grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  });

  std::unique_ptr<Server> server(new Server());
  server->shutdown_grace_ = options.shutdown_grace;
  server->tls_ = !options.tls_cert_file.empty();
  server->services_ = std::move(services.services);
  server->on_shutdown_ = std::move(services.on_shutdown);

  grpc::ServerBuilder builder;
  int selected_port = 0;
  builder.AddListeningPort(address.ToString(), credentials, &selected_port);
  builder.SetMaxReceiveMessageSize(options.max_message_bytes);
  builder.SetMaxSendMessageSize(options.max_message_bytes);
  // Without this gRPC sets SO_REUSEPORT, and a second server on the same port
  // would start and silently share the traffic.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS,
                             static_cast<int>(absl::ToInt64Milliseconds(options.keepalive_time)));
  builder.AddChannelArgument(
      GRPC_ARG_KEEPALIVE_TIMEOUT_MS,
      static_cast<int>(absl::ToInt64Milliseconds(options.keepalive_timeout)));
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS,
                             options.keepalive_permit_without_calls ? 1 : 0);
  // Keep pinging an idle connection for as long as it lives.
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MAX_PINGS_WITHOUT_DATA, 0);
  builder.AddChannelArgument(
      GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS,
      static_cast<int>(absl::ToInt64Milliseconds(options.min_client_ping_interval)));
  for (const std::unique_ptr<grpc::Service>& service : server->services_) {
    builder.RegisterService(service.get());
  }
  // A request that does not parse is INVALID_ARGUMENT, not gRPC's empty
  // UNIMPLEMENTED.
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> interceptors;
  interceptors.push_back(std::make_unique<RequestParseInterceptorFactory>());
  builder.experimental().SetInterceptorCreators(std::move(interceptors));
  server->server_ = builder.BuildAndStart();
  if (server->server_ == nullptr || selected_port == 0) {
    return absl::UnavailableError(
        absl::StrCat("listen: cannot listen on ", address.ToString(), ": ", DiagnoseBind(address)));
  }
  server->port_ = selected_port;
  ListenAddress bound = address;
  bound.port = selected_port;
  server->address_ = bound.ToString();
  if (grpc::HealthCheckServiceInterface* health = server->server_->GetHealthCheckService()) {
    health->SetServingStatus(true);
  }
  return server;
}

Server::~Server() {
  if (server_ != nullptr) Shutdown();
}

std::shared_ptr<grpc::Channel> Server::InProcessChannel() {
  return server_->InProcessChannel(grpc::ChannelArguments());
}

void Server::SetServing(bool serving) {
  if (grpc::HealthCheckServiceInterface* health = server_->GetHealthCheckService()) {
    health->SetServingStatus(serving);
  }
}

void Server::Shutdown() {
  std::call_once(shutdown_once_, [this] {
    if (grpc::HealthCheckServiceInterface* health = server_->GetHealthCheckService()) {
      health->Shutdown();
    }
    for (const std::function<void()>& hook : on_shutdown_) hook();
    server_->Shutdown(std::chrono::system_clock::now() +
                      absl::ToChronoMilliseconds(shutdown_grace_));
    server_->Wait();
  });
}

}  // namespace kumppani::api
