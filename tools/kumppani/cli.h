// The kumppani client's shared frame: the global options (server, token, TLS,
// output format, deadline), the gRPC channel and call contexts they make, the
// exit codes, and how a subcommand hands its work to main.
//
// A subcommand group is one `Register…Commands(Cli&)` function: it adds its
// CLI11 subcommands to cli.app() and, in each subcommand's callback, calls
// cli.SetAction with the work to run once parsing is complete. The action
// returns the process's exit code. Single-threaded: one Cli per process.
#ifndef KUMPPANI_TOOLS_KUMPPANI_CLI_H_
#define KUMPPANI_TOOLS_KUMPPANI_CLI_H_

#include <CLI/CLI.hpp>
#include <functional>
#include <iosfwd>
#include <memory>
#include <string>

#include "grpcpp/grpcpp.h"

namespace kumppani::cli {

// Exit codes (docs/cli.md): 0 success; 1 a bad command line or input file
// (nothing was sent); 2 the server answered with an error (the gRPC code and
// message are printed); 3 verification failed (a proof, a signature or the
// log's consistency with the last trusted checkpoint did not check out).
inline constexpr int kExitOk = 0;
inline constexpr int kExitUsage = 1;
inline constexpr int kExitServerError = 2;
inline constexpr int kExitVerificationFailed = 3;

enum class OutputFormat { kText, kJson, kCsv };

struct GlobalOptions {
  // host:port of kumppanid. Default: 127.0.0.1:50051 (kumppanid's default).
  std::string server = "127.0.0.1:50051";
  // Bearer token; default from KUMPPANI_TOKEN. Empty: no authorization
  // metadata (kumppanid without a tokens file on loopback).
  std::string token;
  // TLS: on when any TLS option is given or --tls is set.
  bool tls = false;
  std::string tls_ca;           // PEM roots; empty: the system's
  std::string tls_client_cert;  // PEM chain for mutual TLS (with key)
  std::string tls_client_key;
  std::string tls_server_name;  // override of the name checked in the certificate
  OutputFormat output = OutputFormat::kText;
  // Deadline of a unary call, in seconds.
  int timeout_seconds = 60;
};

class Cli {
 public:
  // `out` gets results, `err` errors and progress. Both must outlive the Cli.
  Cli(std::ostream& out, std::ostream& err);

  CLI::App& app() { return app_; }
  const GlobalOptions& options() const { return options_; }
  std::ostream& out() { return out_; }
  std::ostream& err() { return err_; }

  // Sets the work to run after a successful parse; the last call wins.
  void SetAction(std::function<int()> action) { action_ = std::move(action); }

  // Parses argv and runs the chosen action. Returns the exit code.
  int Run(int argc, const char* const* argv);

  // The channel to options().server, made on first use. Fails (returns null
  // and prints the reason) when a TLS file cannot be read.
  std::shared_ptr<grpc::Channel> Channel();

  // A call context with the authorization metadata and, when
  // `with_deadline`, the --timeout deadline (streams pass false).
  std::unique_ptr<grpc::ClientContext> NewContext(bool with_deadline = true) const;

  // Prints "kumppani: CODE: message" to err() and returns kExitServerError.
  int ServerError(const grpc::Status& status);
  // Prints "kumppani: message" to err() and returns kExitUsage.
  int UsageError(const std::string& message);

 private:
  std::ostream& out_;
  std::ostream& err_;
  CLI::App app_;
  GlobalOptions options_;
  std::string output_name_ = "text";
  std::function<int()> action_;
  std::shared_ptr<grpc::Channel> channel_;
};

// The gRPC code's canonical name, e.g. "FAILED_PRECONDITION".
const char* StatusCodeName(grpc::StatusCode code);

}  // namespace kumppani::cli

#endif  // KUMPPANI_TOOLS_KUMPPANI_CLI_H_
