// kumppanid as load_soak's child process.
#include "bench/load_soak_server.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>
#include <thread>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace kumppani::bench {
namespace {

absl::Status Errno(const std::string& what) {
  return absl::InternalError(absl::StrCat(what, ": ", std::strerror(errno)));
}

// Forks and execs `args` with stdout on `out_fd` and stderr on `err_fd`
// (stdin /dev/null); the child is SIGKILLed when this thread dies. Only
// async-signal-safe calls happen between fork and exec, since gRPC's
// threads may be running (on a restart).
absl::StatusOr<pid_t> Spawn(std::vector<std::string> args, int out_fd, int err_fd) {
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) return Errno("fork");
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);
    const int null_fd = open("/dev/null", O_RDONLY);
    if (null_fd < 0 || dup2(null_fd, 0) < 0 || dup2(out_fd, 1) < 0 || dup2(err_fd, 2) < 0) {
      _exit(127);
    }
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

// "exited with status N" or "was killed by signal N".
std::string DescribeExit(int status) {
  if (WIFEXITED(status)) return absl::StrCat("exited with status ", WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return absl::StrCat("was killed by signal ", WTERMSIG(status));
  return absl::StrCat("ended with wait status ", status);
}

std::string ReadFrom(const std::string& path, std::streamoff offset) {
  std::ifstream in(path, std::ios::binary);
  in.seekg(offset);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string LastLine(const std::string& text) {
  absl::string_view rest = absl::StripTrailingAsciiWhitespace(text);
  const size_t newline = rest.rfind('\n');
  return std::string(newline == absl::string_view::npos ? rest : rest.substr(newline + 1));
}

// `kumppanid token add`: the new token (its stdout), or why not.
absl::StatusOr<std::string> AddToken(const std::string& binary, const std::string& tokens_file,
                                     const std::string& role, const std::string& name) {
  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) return Errno("pipe");
  const int null_fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
  absl::StatusOr<pid_t> pid =
      Spawn({binary, "token", "add", "--tokens-file", tokens_file, "--role", role, "--name", name},
            out[1], null_fd);
  close(out[1]);
  close(null_fd);
  std::string token;
  char buffer[256];
  for (ssize_t n; (n = read(out[0], buffer, sizeof buffer)) != 0;) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    token.append(buffer, static_cast<size_t>(n));
  }
  close(out[0]);
  if (!pid.ok()) return pid.status();
  int status = 0;
  while (waitpid(*pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return absl::FailedPreconditionError(
        absl::StrCat(binary, " token add --role ", role, " ", DescribeExit(status)));
  }
  return std::string(absl::StripAsciiWhitespace(token));
}

}  // namespace

absl::StatusOr<std::unique_ptr<ServerProcess>> ServerProcess::Start(
    const std::string& binary, const std::string& work_dir,
    const std::vector<std::string>& extra_args) {
  std::unique_ptr<ServerProcess> server(new ServerProcess());
  server->binary_ = binary;
  server->data_dir_ = work_dir + "/data";
  server->tokens_file_ = work_dir + "/tokens";
  server->log_path_ = work_dir + "/kumppanid.log";
  server->extra_args_ = extra_args;
  const std::pair<std::string*, const char*> tokens[] = {{&server->tokens_.admin, "admin"},
                                                         {&server->tokens_.recorder, "recorder"},
                                                         {&server->tokens_.live, "auditor"},
                                                         {&server->tokens_.churn, "auditor"}};
  int index = 0;
  for (const auto& [token, role] : tokens) {
    absl::StatusOr<std::string> made = AddToken(binary, server->tokens_file_, role,
                                                absl::StrCat("load-soak-", role, "-", index++));
    if (!made.ok()) return made.status();
    *token = *std::move(made);
  }
  if (absl::Status status = server->Launch(); !status.ok()) return status;
  return server;
}

absl::Status ServerProcess::Launch() {
  std::vector<std::string> args = {binary_,       "--data-dir",    data_dir_,   "--listen",
                                   "127.0.0.1:0", "--tokens-file", tokens_file_};
  // --log-level info unless the extra arguments set it (kumppanid takes
  // each flag once).
  if (std::none_of(extra_args_.begin(), extra_args_.end(),
                   [](const std::string& arg) { return arg.rfind("--log-level", 0) == 0; })) {
    args.insert(args.end(), {"--log-level", "info"});
  }
  args.insert(args.end(), extra_args_.begin(), extra_args_.end());
  const int log_fd = open(log_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log_fd < 0) return Errno("open " + log_path_);
  const off_t start = lseek(log_fd, 0, SEEK_END);
  absl::StatusOr<pid_t> pid = Spawn(args, log_fd, log_fd);
  close(log_fd);
  if (!pid.ok()) return pid.status();
  pid_ = *pid;
  const std::string kListening = "listening on ";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(90);
  while (std::chrono::steady_clock::now() < deadline) {
    const std::string log = ReadFrom(log_path_, start);
    if (size_t at = log.find(kListening); at != std::string::npos) {
      const size_t begin = at + kListening.size();
      const size_t end = log.find_first_of(" \n", begin);
      if (end != std::string::npos) {
        address_ = log.substr(begin, end - begin);
        return absl::OkStatus();
      }
    }
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return absl::FailedPreconditionError(absl::StrCat(
          "kumppanid ", DescribeExit(status), " before listening; its log ends: ", LastLine(log)));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return absl::FailedPreconditionError(
      absl::StrCat("kumppanid did not report listening within 90 s; see ", log_path_));
}

absl::Status ServerProcess::Stop() {
  if (pid_ <= 0) return absl::FailedPreconditionError("kumppanid is not running");
  if (kill(pid_, SIGTERM) != 0) return Errno("kill SIGTERM");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  int status = 0;
  pid_t waited = 0;
  while ((waited = waitpid(pid_, &status, WNOHANG)) == 0 &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (waited == 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return absl::InternalError("kumppanid did not exit within 60 s of SIGTERM (SIGKILLed)");
  }
  pid_ = -1;
  if (waited < 0) return Errno("waitpid");
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return absl::InternalError(
        absl::StrCat("kumppanid ", DescribeExit(status), " on SIGTERM; see ", log_path_));
  }
  return absl::OkStatus();
}

absl::Status ServerProcess::Restart() {
  if (pid_ > 0) return absl::FailedPreconditionError("kumppanid is still running");
  return Launch();
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
}

std::vector<std::string> ServerProcess::LogProblems() const {
  // Text lines are "<time> <level> <message>".
  std::vector<std::string> problems;
  std::ifstream in(log_path_);
  std::string line;
  while (std::getline(in, line)) {
    std::vector<absl::string_view> words = absl::StrSplit(line, absl::MaxSplits(' ', 2));
    if (words.size() >= 2 &&
        (words[1] == "warning" || words[1] == "error" || words[1] == "critical")) {
      problems.push_back(line);
    }
  }
  return problems;
}

long ResidentKib(pid_t pid) {
  std::ifstream in(absl::StrCat("/proc/", pid, "/status"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) {
      return std::strtol(line.c_str() + 6, nullptr, 10);
    }
  }
  return -1;
}

double CpuSeconds(pid_t pid) {
  std::ifstream in(absl::StrCat("/proc/", pid, "/stat"));
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const size_t paren = stat.rfind(')');
  if (paren == std::string::npos) return -1;
  // After "pid (comm)": state is field 3, utime field 14, stime field 15.
  std::vector<std::string> fields = absl::StrSplit(stat.substr(paren + 2), ' ', absl::SkipEmpty());
  if (fields.size() < 13) return -1;
  const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  return (std::strtod(fields[11].c_str(), nullptr) + std::strtod(fields[12].c_str(), nullptr)) /
         ticks;
}

}  // namespace kumppani::bench
