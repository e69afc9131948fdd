// The global options, channel, call contexts and exit codes of kumppani.
#include "tools/kumppani/cli.h"

#include <cstdlib>
#include <fstream>
#include <map>
#include <ostream>
#include <sstream>

namespace kumppani::cli {
namespace {

bool ReadWholeFile(const std::string& path, std::string& contents) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream text;
  text << in.rdbuf();
  contents = text.str();
  return true;
}

}  // namespace

const char* StatusCodeName(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK: return "OK";
    case grpc::StatusCode::CANCELLED: return "CANCELLED";
    case grpc::StatusCode::UNKNOWN: return "UNKNOWN";
    case grpc::StatusCode::INVALID_ARGUMENT: return "INVALID_ARGUMENT";
    case grpc::StatusCode::DEADLINE_EXCEEDED: return "DEADLINE_EXCEEDED";
    case grpc::StatusCode::NOT_FOUND: return "NOT_FOUND";
    case grpc::StatusCode::ALREADY_EXISTS: return "ALREADY_EXISTS";
    case grpc::StatusCode::PERMISSION_DENIED: return "PERMISSION_DENIED";
    case grpc::StatusCode::UNAUTHENTICATED: return "UNAUTHENTICATED";
    case grpc::StatusCode::RESOURCE_EXHAUSTED: return "RESOURCE_EXHAUSTED";
    case grpc::StatusCode::FAILED_PRECONDITION: return "FAILED_PRECONDITION";
    case grpc::StatusCode::ABORTED: return "ABORTED";
    case grpc::StatusCode::OUT_OF_RANGE: return "OUT_OF_RANGE";
    case grpc::StatusCode::UNIMPLEMENTED: return "UNIMPLEMENTED";
    case grpc::StatusCode::INTERNAL: return "INTERNAL";
    case grpc::StatusCode::UNAVAILABLE: return "UNAVAILABLE";
    case grpc::StatusCode::DATA_LOSS: return "DATA_LOSS";
    default: return "UNKNOWN";
  }
}

Cli::Cli(std::ostream& out, std::ostream& err)
    : out_(out),
      err_(err),
      app_("kumppani: the Kumppani ledger's command-line client. Records commands, queries "
           "current and past state, builds reports and open-data exports, and verifies the "
           "log's proofs locally.\nExit codes: 0 ok, 1 usage, 2 server error, 3 verification "
           "failed.",
           "kumppani") {
  app_.set_version_flag("--version", "kumppani 0.1.0");
  app_.require_subcommand(1);
  app_.fallthrough();
  if (const char* token = std::getenv("KUMPPANI_TOKEN")) options_.token = token;
  app_.add_option("--server", options_.server, "kumppanid address, host:port")
      ->envname("KUMPPANI_SERVER")
      ->capture_default_str();
  app_.add_option("--token", options_.token,
                  "Bearer token (default: $KUMPPANI_TOKEN; none for a loopback kumppanid "
                  "without a tokens file)");
  app_.add_flag("--tls", options_.tls, "Connect with TLS (implied by the other --tls-* options)");
  app_.add_option("--tls-ca", options_.tls_ca, "PEM root certificates (default: the system's)")
      ->check(CLI::ExistingFile);
  app_.add_option("--tls-cert", options_.tls_client_cert,
                  "PEM client certificate chain, for mutual TLS")
      ->check(CLI::ExistingFile);
  app_.add_option("--tls-key", options_.tls_client_key, "PEM client private key, for mutual TLS")
      ->check(CLI::ExistingFile);
  app_.add_option("--tls-server-name", options_.tls_server_name,
                  "Name to check in the server's certificate instead of the host");
  app_.add_option("-o,--output", output_name_, "Output format")
      ->check(CLI::IsMember({"text", "json", "csv"}))
      ->capture_default_str();
  app_.add_option("--timeout", options_.timeout_seconds, "Deadline of each call, seconds")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
}

int Cli::Run(int argc, const char* const* argv) {
  try {
    app_.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    std::ostringstream cli_out, cli_err;
    int code = app_.exit(error, cli_out, cli_err);
    out_ << cli_out.str();
    err_ << cli_err.str();
    return code == 0 ? kExitOk : kExitUsage;
  }
  static const std::map<std::string, OutputFormat> kFormats = {
      {"text", OutputFormat::kText}, {"json", OutputFormat::kJson}, {"csv", OutputFormat::kCsv}};
  options_.output = kFormats.at(output_name_);
  if (!options_.tls_ca.empty() || !options_.tls_client_cert.empty() ||
      !options_.tls_client_key.empty() || !options_.tls_server_name.empty()) {
    options_.tls = true;
  }
  if (options_.tls_client_cert.empty() != options_.tls_client_key.empty()) {
    return UsageError("--tls-cert and --tls-key: give both for mutual TLS, or neither");
  }
  if (!action_) return UsageError("no subcommand chosen; see --help");
  return action_();
}

std::shared_ptr<grpc::Channel> Cli::Channel() {
  if (channel_) return channel_;
  std::shared_ptr<grpc::ChannelCredentials> credentials = grpc::InsecureChannelCredentials();
  grpc::ChannelArguments arguments;
  arguments.SetMaxReceiveMessageSize(64 << 20);
  arguments.SetMaxSendMessageSize(64 << 20);
  if (options_.tls) {
    grpc::SslCredentialsOptions ssl;
    if (!options_.tls_ca.empty() && !ReadWholeFile(options_.tls_ca, ssl.pem_root_certs)) {
      UsageError("--tls-ca: cannot read " + options_.tls_ca);
      return nullptr;
    }
    if (!options_.tls_client_cert.empty() &&
        (!ReadWholeFile(options_.tls_client_cert, ssl.pem_cert_chain) ||
         !ReadWholeFile(options_.tls_client_key, ssl.pem_private_key))) {
      UsageError("--tls-cert/--tls-key: cannot read the client certificate or key");
      return nullptr;
    }
    credentials = grpc::SslCredentials(ssl);
    if (!options_.tls_server_name.empty()) {
      arguments.SetSslTargetNameOverride(options_.tls_server_name);
    }
  }
  channel_ = grpc::CreateCustomChannel(options_.server, credentials, arguments);
  return channel_;
}

std::unique_ptr<grpc::ClientContext> Cli::NewContext(bool with_deadline) const {
  auto context = std::make_unique<grpc::ClientContext>();
  if (!options_.token.empty()) context->AddMetadata("authorization", "Bearer " + options_.token);
  if (with_deadline) {
    context->set_deadline(std::chrono::system_clock::now() +
                          std::chrono::seconds(options_.timeout_seconds));
  }
  return context;
}

int Cli::ServerError(const grpc::Status& status) {
  err_ << "kumppani: " << StatusCodeName(status.error_code()) << ": " << status.error_message()
       << "\n";
  return kExitServerError;
}

int Cli::UsageError(const std::string& message) {
  err_ << "kumppani: " << message << "\n";
  return kExitUsage;
}

}  // namespace kumppani::cli
