// Loads and saves the trust file, and checks the server's latest checkpoint
// against it (see trusted_checkpoint.h).
#include "tools/kumppani/trusted_checkpoint.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "kumppani/v1/ledger_service.grpc.pb.h"
#include "ledger/audit/proof_verify.h"

namespace kumppani::cli {
namespace {

constexpr char kHeader[] = "kumppani trusted checkpoint v1\n";
constexpr char kKeyPrefix[] = "verifier-key: ";

std::vector<Hash> ToHashes(const google::protobuf::RepeatedPtrField<std::string>& bytes,
                           absl::Status& status) {
  std::vector<Hash> hashes;
  for (const std::string& b : bytes) {
    auto hash = HashFromBytes(b, "hashes");
    if (!hash.ok()) {
      status = hash.status();
      return {};
    }
    hashes.push_back(*hash);
  }
  return hashes;
}

}  // namespace

int VerificationFailed(Cli& cli, const std::string& message) {
  cli.err() << "kumppani: verification failed: " << message << "\n";
  return kExitVerificationFailed;
}

std::string DefaultTrustFile(const std::string& server) {
  std::string base;
  if (const char* state = std::getenv("XDG_STATE_HOME"); state && *state) {
    base = state;
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    base = std::string(home) + "/.local/state";
  } else {
    base = ".";
  }
  std::string name = absl::StrReplaceAll(server, {{"/", "_"}, {":", "_"}});
  return base + "/kumppani/trusted-" + name + ".checkpoint";
}

absl::StatusOr<std::optional<TrustedState>> LoadTrustedState(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (!std::filesystem::exists(path)) return std::optional<TrustedState>();
    return absl::InvalidArgumentError(absl::StrCat(path, ": cannot be read"));
  }
  std::stringstream text;
  text << in.rdbuf();
  std::string contents = text.str();
  std::string header = kHeader;
  size_t key_line_end = contents.find('\n', header.size());
  if (contents.compare(0, header.size(), header) != 0 || key_line_end == std::string::npos ||
      contents.compare(header.size(), sizeof(kKeyPrefix) - 1, kKeyPrefix) != 0 ||
      contents.compare(key_line_end, 2, "\n\n") != 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": not a kumppani trust file (expected \"", "kumppani trusted ",
                     "checkpoint v1\", a verifier-key line, a blank line, the signed note)"));
  }
  TrustedState state;
  size_t key_start = header.size() + sizeof(kKeyPrefix) - 1;
  state.verifier_key = contents.substr(key_start, key_line_end - key_start);
  state.note = contents.substr(key_line_end + 2);
  return std::optional<TrustedState>(std::move(state));
}

absl::Status SaveTrustedState(const std::string& path, const TrustedState& state) {
  std::filesystem::path target(path);
  std::error_code error;
  if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path(), error);
  std::string temporary = path + ".tmp";
  std::string contents = absl::StrCat(kHeader, kKeyPrefix, state.verifier_key, "\n\n", state.note);
  int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) return absl::InvalidArgumentError(absl::StrCat(path, ": cannot be written"));
  bool ok =
      ::write(fd, contents.data(), contents.size()) == static_cast<ssize_t>(contents.size()) &&
      ::fsync(fd) == 0;
  ok = ::close(fd) == 0 && ok;
  if (!ok || std::rename(temporary.c_str(), path.c_str()) != 0) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": cannot be written"));
  }
  return absl::OkStatus();
}

CheckResult CheckLatestCheckpoint(Cli& cli, const TrustOptions& options) {
  CheckResult result;
  CheckedCheckpoint checked;
  checked.trust_file =
      options.trust_file.empty() ? DefaultTrustFile(cli.options().server) : options.trust_file;
  auto trusted = LoadTrustedState(checked.trust_file);
  if (!trusted.ok()) {
    result.exit_code = cli.UsageError(std::string(trusted.status().message()));
    return result;
  }
  auto channel = cli.Channel();
  if (!channel) {
    result.exit_code = kExitUsage;
    return result;
  }
  auto ledger = v1::LedgerService::NewStub(channel);
  v1::SignedCheckpoint latest;
  if (grpc::Status status = ledger->GetLatestCheckpoint(cli.NewContext().get(), {}, &latest);
      !status.ok()) {
    result.exit_code = cli.ServerError(status);
    return result;
  }

  // The key: given, else trusted before, else the server's own (first use).
  std::string key_text = options.verifier_key;
  if (*trusted && !key_text.empty() && key_text != (*trusted)->verifier_key) {
    result.exit_code = VerificationFailed(
        cli, absl::StrCat("--verifier-key differs from the key trusted in ", checked.trust_file,
                          "; remove that file to trust a new key"));
    return result;
  }
  if (key_text.empty() && *trusted) key_text = (*trusted)->verifier_key;
  if (key_text.empty()) {
    key_text = latest.verifier_key();
    checked.trusted_on_first_use = true;
    cli.err() << "kumppani: warning: no verifier key given or trusted yet; trusting the server's "
              << "own key on first use: " << key_text
              << "\n  (compare it with the key the operator published, or pass --verifier-key)\n";
  }
  auto key = audit::ParseVerifierKey(key_text);
  if (!key.ok()) {
    result.exit_code =
        cli.UsageError(absl::StrCat("verifier key: ", std::string(key.status().message())));
    return result;
  }
  auto checkpoint = audit::VerifyCheckpoint(latest.note(), *key);
  if (!checkpoint.ok()) {
    result.exit_code = VerificationFailed(
        cli, absl::StrCat("the server's latest checkpoint (size ", latest.tree_size(),
                          ") does not verify with key ", key->name, ": ",
                          std::string(checkpoint.status().message())));
    return result;
  }

  if (*trusted) {
    auto old = audit::VerifyCheckpoint((*trusted)->note, *key);
    if (!old.ok()) {
      result.exit_code = VerificationFailed(
          cli, absl::StrCat("the trusted checkpoint in ", checked.trust_file,
                            " does not verify: ", std::string(old.status().message())));
      return result;
    }
    if (checkpoint->tree_size < old->tree_size) {
      result.exit_code = VerificationFailed(
          cli, absl::StrCat("the server's latest checkpoint has ", checkpoint->tree_size,
                            " events, fewer than the ", old->tree_size,
                            " of the trusted checkpoint: the log was rolled back"));
      return result;
    }
    absl::Status consistent;
    if (checkpoint->tree_size == old->tree_size) {
      if (checkpoint->root_hash != old->root_hash) {
        consistent = absl::FailedPreconditionError("same size, different root hash");
      }
    } else {
      v1::GetConsistencyProofRequest request;
      request.set_old_size(old->tree_size);
      request.set_new_size(checkpoint->tree_size);
      v1::ConsistencyProof proof;
      if (grpc::Status status =
              ledger->GetConsistencyProof(cli.NewContext().get(), request, &proof);
          !status.ok()) {
        result.exit_code = cli.ServerError(status);
        return result;
      }
      std::vector<Hash> hashes = ToHashes(proof.hashes(), consistent);
      if (consistent.ok()) {
        consistent = audit::VerifyConsistency(old->tree_size, checkpoint->tree_size, old->root_hash,
                                              checkpoint->root_hash, hashes);
      }
    }
    if (!consistent.ok()) {
      result.exit_code = VerificationFailed(
          cli, absl::StrCat("the log of ", checkpoint->tree_size, " events (root ",
                            HashToHex(checkpoint->root_hash),
                            ") is not an extension of the trusted log of ", old->tree_size,
                            " events (root ", HashToHex(old->root_hash),
                            "): history was rewritten (", std::string(consistent.message()), ")"));
      return result;
    }
    checked.previous_size = old->tree_size;
  }
  checked.checkpoint = *checkpoint;
  checked.state = TrustedState{key_text, latest.note()};
  result.checked = std::move(checked);
  return result;
}

}  // namespace kumppani::cli
