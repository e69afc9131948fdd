// Creating and probing the data directory.
#include "tools/kumppanid/data_dir.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "absl/strings/str_cat.h"

namespace kumppani::kumppanid {
namespace {

absl::Status Unusable(const std::string& path, absl::string_view reason) {
  return absl::FailedPreconditionError(absl::StrCat("data directory ", path, ": ", reason));
}

}  // namespace

absl::Status PrepareDataDirectory(const std::string& path) {
  if (path.empty()) return Unusable(path, "must not be empty");
  std::error_code error;
  std::filesystem::file_status status = std::filesystem::status(path, error);
  if (std::filesystem::exists(status)) {
    if (!std::filesystem::is_directory(status))
      return Unusable(path, "exists and is not a directory");
  } else {
    std::filesystem::create_directories(path, error);
    if (error) return Unusable(path, absl::StrCat("cannot create it: ", error.message()));
  }
  // access(W_OK) says yes to root on a read-only mount; creating a file tells.
  std::string probe = absl::StrCat(path, "/.kumppanid-write-probe-", getpid());
  int fd = open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    return Unusable(path, absl::StrCat("cannot create files in it: ", std::strerror(errno)));
  }
  close(fd);
  unlink(probe.c_str());

  // RocksDB holds a POSIX record lock on LOCK while a process has the
  // database open; say who, instead of RocksDB's "While lock file" error.
  std::string lock_path = absl::StrCat(path, "/LOCK");
  int lock_fd = open(lock_path.c_str(), O_RDONLY | O_CLOEXEC);
  if (lock_fd >= 0) {
    struct flock lock {};
    lock.l_type = F_WRLCK;
    lock.l_whence = SEEK_SET;
    bool held = fcntl(lock_fd, F_GETLK, &lock) == 0 && lock.l_type != F_UNLCK;
    close(lock_fd);
    if (held) {
      return Unusable(path, absl::StrCat("is in use by another process (pid ", lock.l_pid,
                                         "), e.g. another kumppanid"));
    }
  }
  return absl::OkStatus();
}

}  // namespace kumppani::kumppanid
