// The kumppanid that load_soak loads, as a child process: bearer tokens
// made with `kumppanid token add` (admin, recorder, and an auditor token
// each for the live and the churning subscribers, so that neither eats into
// the other's per-token subscription limit), the server started with
// fork/exec on a data directory inside the work directory and a free
// loopback port (read from its log's "listening on" line), and stopped
// with SIGTERM, which must end it with exit status 0.
//
// The child gets SIGKILL if load_soak's main thread dies first
// (PR_SET_PDEATHSIG), so a crashed run leaves no server behind.
//
// Thread safety: Start, Stop and Restart from one thread; the accessors
// may be read from any thread while the server runs.
#ifndef KUMPPANI_BENCH_LOAD_SOAK_SERVER_H_
#define KUMPPANI_BENCH_LOAD_SOAK_SERVER_H_

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace kumppani::bench {

// The bearer tokens of the clients; all equal (or empty) with --target.
struct LoadTokens {
  std::string admin;     // raw appends, GetEvent
  std::string recorder;  // commands, queries
  std::string live;      // the long-lived subscriptions
  std::string churn;     // the churning subscriptions
};

class ServerProcess {
 public:
  // Makes the tokens in `work_dir`/tokens and starts `binary` with
  // --data-dir `work_dir`/data, a log at `work_dir`/kumppanid.log and
  // `extra_args`. FAILED_PRECONDITION (with the log's last line) when it
  // does not report listening within 90 s.
  static absl::StatusOr<std::unique_ptr<ServerProcess>> Start(
      const std::string& binary, const std::string& work_dir,
      const std::vector<std::string>& extra_args);
  // SIGKILLs a server still running.
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // SIGTERM, then waits up to 60 s. OK only when it exits with status 0;
  // INTERNAL saying how it ended otherwise (SIGKILLed after 60 s).
  absl::Status Stop();
  // Starts the stopped server again on the same data directory and tokens
  // (on a new free port).
  absl::Status Restart();

  const std::string& address() const { return address_; }  // "127.0.0.1:<port>"
  pid_t pid() const { return pid_; }
  const LoadTokens& tokens() const { return tokens_; }
  const std::string& log_path() const { return log_path_; }

  // The lines of the server's log at level warning, error or critical.
  std::vector<std::string> LogProblems() const;

 private:
  ServerProcess() = default;
  absl::Status Launch();

  // Constant after Start.
  std::string binary_, data_dir_, tokens_file_, log_path_;
  std::vector<std::string> extra_args_;
  LoadTokens tokens_;
  // Set by Launch.
  pid_t pid_ = -1;
  std::string address_;
};

// VmRSS of process `pid` in KiB (/proc/<pid>/status); -1 when unreadable.
long ResidentKib(pid_t pid);

// User plus system CPU time of process `pid` in seconds (/proc/<pid>/stat);
// -1 when unreadable.
double CpuSeconds(pid_t pid);

}  // namespace kumppani::bench

#endif  // KUMPPANI_BENCH_LOAD_SOAK_SERVER_H_
