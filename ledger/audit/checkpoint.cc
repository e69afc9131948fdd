// Checkpoint note bodies: formatting, strict parsing, signing and verifying.
#include "ledger/audit/checkpoint.h"

#include <limits>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "ledger/common/status_macros.h"

namespace kumppani::audit {
namespace {

constexpr std::string_view kTimestampPrefix = "timestamp ";

// Parses a decimal number in [0, max] with no sign and no leading zeros
// ("0" itself is fine); false for anything else.
bool ParseCanonicalDecimal(std::string_view text, uint64_t max, uint64_t* value) {
  if (text.empty() || text.size() > 20 || (text.size() > 1 && text[0] == '0')) return false;
  uint64_t result = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    const uint64_t digit = static_cast<uint64_t>(c - '0');
    if (result > (max - digit) / 10) return false;
    result = result * 10 + digit;
  }
  *value = result;
  return true;
}

absl::Status LineError(int line, absl::string_view what, absl::string_view rule) {
  return absl::InvalidArgumentError(
      absl::StrCat("checkpoint: line ", line, " (", what, ") ", rule));
}

// Parses the note text of a Kumppani checkpoint.
absl::StatusOr<Checkpoint> ParseBody(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const size_t newline = text.find('\n');
    if (newline == std::string_view::npos) {
      return absl::InvalidArgumentError("checkpoint: the text must end in a newline");
    }
    lines.push_back(text.substr(0, newline));
    text.remove_prefix(newline + 1);
  }
  if (lines.size() != 4) {
    return absl::InvalidArgumentError(absl::StrCat(
        "checkpoint: must have 4 lines (origin, tree size, root hash, timestamp), got ",
        lines.size()));
  }
  Checkpoint out;
  // The origin is also the signing key's name, so it follows the key name
  // rules; FormatCheckpoint would refuse anything else.
  if (!IsValidKeyName(lines[0])) {
    return LineError(1, "origin",
                     "must be non-empty UTF-8 without spaces, control characters or '+' (it is "
                     "also the key name)");
  }
  out.origin = std::string(lines[0]);
  if (!ParseCanonicalDecimal(lines[1], std::numeric_limits<uint64_t>::max(), &out.tree_size)) {
    return LineError(2, "tree size", "must be a decimal number without leading zeros");
  }
  KUMPPANI_ASSIGN_OR_RETURN(std::string root,
                            DecodeBase64(lines[2], "checkpoint: line 3 (root hash)"));
  KUMPPANI_ASSIGN_OR_RETURN(out.root_hash, HashFromBytes(root, "checkpoint: line 3 (root hash)"));
  uint64_t timestamp = 0;
  if (lines[3].substr(0, kTimestampPrefix.size()) != kTimestampPrefix ||
      !ParseCanonicalDecimal(lines[3].substr(kTimestampPrefix.size()),
                             std::numeric_limits<int64_t>::max(), &timestamp)) {
    return LineError(4, "timestamp",
                     "must be \"timestamp \" and the milliseconds since the Unix epoch, decimal "
                     "without leading zeros");
  }
  out.timestamp_ms = static_cast<int64_t>(timestamp);
  return out;
}

}  // namespace

absl::StatusOr<std::string> FormatCheckpoint(const Checkpoint& checkpoint) {
  if (!IsValidKeyName(checkpoint.origin)) {
    return absl::InvalidArgumentError(
        "origin: must be non-empty UTF-8 without spaces, control characters or '+' (it is also "
        "the key name)");
  }
  if (checkpoint.timestamp_ms < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("timestamp_ms: must not be negative, got ", checkpoint.timestamp_ms));
  }
  const std::string_view root = HashBytes(checkpoint.root_hash);
  return absl::StrCat(checkpoint.origin, "\n", checkpoint.tree_size, "\n",
                      absl::Base64Escape(absl::string_view(root.data(), root.size())), "\n",
                      absl::string_view(kTimestampPrefix.data(), kTimestampPrefix.size()),
                      checkpoint.timestamp_ms, "\n");
}

absl::StatusOr<std::string> SignCheckpoint(const Checkpoint& checkpoint,
                                           const Ed25519KeyPair& key) {
  KUMPPANI_ASSIGN_OR_RETURN(std::string text, FormatCheckpoint(checkpoint));
  return SignNote(text, checkpoint.origin, key);
}

absl::StatusOr<Checkpoint> ParseCheckpoint(std::string_view note) {
  KUMPPANI_ASSIGN_OR_RETURN(Note parsed, ParseNote(note));
  return ParseBody(parsed.text);
}

absl::StatusOr<Checkpoint> VerifyCheckpoint(std::string_view note, std::string_view key_name,
                                            const Ed25519PublicKey& public_key) {
  return VerifyCheckpoint(note, VerifierKey{std::string(key_name), public_key});
}

absl::StatusOr<Checkpoint> VerifyCheckpoint(std::string_view note, const VerifierKey& key) {
  KUMPPANI_ASSIGN_OR_RETURN(std::string text, OpenNote(note, key));
  return ParseBody(text);
}

}  // namespace kumppani::audit
