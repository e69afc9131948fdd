// The tokens file: parsing, appending a new token, and bearer-token checks.
#include "api/token_store.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "ledger/common/status_macros.h"

namespace kumppani::api {
namespace {

constexpr size_t kMaxNameBytes = 64;
constexpr size_t kMaxOrganisationBytes = 200;
// Far above a real token (4 + 43 bytes); anything longer is not worth hashing.
constexpr size_t kMaxTokenBytes = 1024;
constexpr absl::string_view kOrganisationPrefix = "org-";
constexpr absl::string_view kHeader =
    "# Kumppani bearer tokens, one per line (managed by `kumppanid token add`):\n"
    "# <sha256 hex of the token> <role> <organisation id, or -> <name>\n";

std::string ErrnoText(int error) { return std::strerror(error); }

bool IsNameChar(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
}

bool IsSlugChar(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == ':' ||
         c == '~' || c == '-';
}

// The checks shared by the file parser and AddToken; messages name the field.
absl::Status CheckName(absl::string_view name) {
  if (name.empty() || name.size() > kMaxNameBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("name: must be 1..", kMaxNameBytes, " bytes, got ", name.size()));
  }
  for (char c : name) {
    if (!IsNameChar(c)) {
      return absl::InvalidArgumentError(
          absl::StrCat("name: must consist of [A-Za-z0-9._-], got \"", name, "\""));
    }
  }
  return absl::OkStatus();
}

// `organisation_id` is empty when none is given.
absl::Status CheckOrganisation(Role role, absl::string_view organisation_id) {
  if (role != Role::kNgo) {
    if (organisation_id.empty()) return absl::OkStatus();
    return absl::InvalidArgumentError(absl::StrCat(
        "organisation: only an ngo token is scoped to an organisation; a ", RoleName(role),
        " token must have none (\"-\"), got \"", organisation_id, "\""));
  }
  if (organisation_id.empty()) {
    return absl::InvalidArgumentError(
        "organisation: an ngo token must name its organisation (\"org-<slug>\")");
  }
  bool well_formed = absl::StartsWith(organisation_id, kOrganisationPrefix) &&
                     organisation_id.size() > kOrganisationPrefix.size() &&
                     organisation_id.size() <= kMaxOrganisationBytes;
  for (char c : organisation_id) well_formed = well_formed && IsSlugChar(c);
  if (!well_formed) {
    return absl::InvalidArgumentError(
        absl::StrCat("organisation: must be \"org-<slug>\" with [A-Za-z0-9._:~-], got \"",
                     organisation_id, "\""));
  }
  return absl::OkStatus();
}

absl::Status LineError(absl::string_view source, int line, absl::string_view what) {
  return absl::InvalidArgumentError(
      absl::StrCat("tokens file ", source, " line ", line, ": ", what));
}

absl::StatusOr<TokenEntry> ParseLine(absl::string_view source, int line, absl::string_view text) {
  std::vector<absl::string_view> fields =
      absl::StrSplit(text, absl::ByAnyChar(" \t"), absl::SkipEmpty());
  if (fields.size() != 4) {
    if (fields.size() == 1 && absl::StartsWith(fields[0], kTokenPrefix)) {
      return LineError(source, line,
                       "this looks like a clear token; the file holds only SHA-256 hashes of "
                       "tokens (use `kumppanid token add`) — and the token is now exposed, so "
                       "make a new one");
    }
    return LineError(source, line,
                     absl::StrCat("expected 4 fields \"<sha256 hex> <role> <organisation or -> "
                                  "<name>\", got ",
                                  fields.size()));
  }
  TokenEntry entry;
  entry.line = line;
  absl::StatusOr<Hash> hash =
      HashFromHex(std::string_view(fields[0].data(), fields[0].size()), "hash");
  if (!hash.ok() || fields[0].size() != 64) {
    return LineError(source, line,
                     "hash: must be 64 hex digits, the SHA-256 of the token (the clear token is "
                     "never stored)");
  }
  entry.hash = *hash;
  absl::StatusOr<Role> role = ParseRole(fields[1]);
  if (!role.ok()) return LineError(source, line, role.status().message());
  entry.role = *role;
  absl::string_view organisation = fields[2] == "-" ? absl::string_view() : fields[2];
  if (absl::Status status = CheckOrganisation(entry.role, organisation); !status.ok()) {
    return LineError(source, line, status.message());
  }
  entry.organisation_id = std::string(organisation);
  if (absl::Status status = CheckName(fields[3]); !status.ok()) {
    return LineError(source, line, status.message());
  }
  entry.name = std::string(fields[3]);
  return entry;
}

absl::StatusOr<std::string> ReadAll(int fd, const std::string& path) {
  std::string content;
  char buffer[8192];
  off_t offset = 0;
  while (true) {
    ssize_t got = pread(fd, buffer, sizeof buffer, offset);
    if (got < 0) {
      if (errno == EINTR) continue;
      return absl::UnavailableError(
          absl::StrCat("tokens file ", path, ": cannot read: ", ErrnoText(errno)));
    }
    if (got == 0) return content;
    content.append(buffer, static_cast<size_t>(got));
    offset += got;
  }
}

absl::Status OpenError(const std::string& path, int error, absl::string_view doing) {
  std::string message =
      absl::StrCat("tokens file ", path, ": cannot ", doing, ": ", ErrnoText(error));
  if (error == ENOENT) return absl::NotFoundError(message);
  if (error == EACCES || error == EPERM) return absl::PermissionDeniedError(message);
  return absl::UnavailableError(message);
}

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

absl::Status WriteAll(int fd, absl::string_view bytes, const std::string& path) {
  while (!bytes.empty()) {
    ssize_t wrote = write(fd, bytes.data(), bytes.size());
    if (wrote < 0) {
      if (errno == EINTR) continue;
      return absl::UnavailableError(
          absl::StrCat("tokens file ", path, ": cannot write: ", ErrnoText(errno)));
    }
    bytes.remove_prefix(static_cast<size_t>(wrote));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<TokenStore> TokenStore::Parse(absl::string_view text, absl::string_view source) {
  TokenStore store;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line.front() == '#') continue;
    KUMPPANI_ASSIGN_OR_RETURN(TokenEntry entry, ParseLine(source, line_number, line));
    for (const TokenEntry& earlier : store.entries_) {
      if (earlier.hash == entry.hash) {
        return LineError(source, line_number,
                         absl::StrCat("hash: the same token as line ", earlier.line));
      }
      if (earlier.name == entry.name) {
        return LineError(source, line_number,
                         absl::StrCat("name: \"", entry.name, "\" is already used on line ",
                                      earlier.line, " (names must be unique: events record them)"));
      }
    }
    store.entries_.push_back(std::move(entry));
  }
  return store;
}

absl::StatusOr<TokenStore> TokenStore::Load(const std::string& path) {
  FileDescriptor fd(open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return OpenError(path, errno, "open");
  KUMPPANI_ASSIGN_OR_RETURN(std::string content, ReadAll(fd.get(), path));
  return Parse(content, path);
}

const TokenEntry* TokenStore::Find(absl::string_view token) const {
  Hash hash = Sha256(std::string_view(token.data(), token.size()));
  const TokenEntry* found = nullptr;
  for (const TokenEntry& entry : entries_) {
    // CRYPTO_memcmp takes the same time whatever the bytes; every entry is
    // compared, so the time says nothing about which (if any) matched.
    bool equal = CRYPTO_memcmp(hash.data(), entry.hash.data(), hash.size()) == 0;
    if (equal) found = &entry;
  }
  return found;
}

absl::StatusOr<std::string> AddToken(const std::string& path, Role role,
                                     absl::string_view organisation_id, absl::string_view name) {
  KUMPPANI_RETURN_IF_ERROR(CheckName(name));
  KUMPPANI_RETURN_IF_ERROR(CheckOrganisation(role, organisation_id));

  FileDescriptor fd(open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600));
  if (fd.get() < 0) return OpenError(path, errno, "open for appending");
  // Two `token add` at once must not interleave or both take one name.
  while (flock(fd.get(), LOCK_EX) != 0) {
    if (errno != EINTR) return OpenError(path, errno, "lock");
  }
  KUMPPANI_ASSIGN_OR_RETURN(std::string content, ReadAll(fd.get(), path));
  absl::StatusOr<TokenStore> existing = TokenStore::Parse(content, path);
  if (!existing.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(existing.status().message(), "; fix the file before adding a token"));
  }
  for (const TokenEntry& entry : existing->entries()) {
    if (entry.name == name) {
      return absl::InvalidArgumentError(absl::StrCat(
          "name: \"", name, "\" is already used on line ", entry.line, " of tokens file ", path));
    }
  }

  unsigned char secret[32];
  if (RAND_bytes(secret, sizeof secret) != 1) {
    return absl::InternalError("OpenSSL's random generator failed; no token was made");
  }
  std::string token =
      absl::StrCat(kTokenPrefix, absl::WebSafeBase64Escape(absl::string_view(
                                     reinterpret_cast<const char*>(secret), sizeof secret)));
  OPENSSL_cleanse(secret, sizeof secret);

  std::string line;
  if (content.empty()) {
    line = std::string(kHeader);
  } else if (content.back() != '\n') {
    line = "\n";
  }
  absl::StrAppend(&line, HashToHex(Sha256(token)), " ", RoleName(role), " ",
                  organisation_id.empty() ? absl::string_view("-") : organisation_id, " ", name,
                  "\n");
  KUMPPANI_RETURN_IF_ERROR(WriteAll(fd.get(), line, path));
  if (fsync(fd.get()) != 0) {
    return absl::UnavailableError(
        absl::StrCat("tokens file ", path, ": cannot sync: ", ErrnoText(errno)));
  }
  return token;
}

TokenAuthenticator::TokenAuthenticator(TokenStore tokens, std::string path)
    : path_(std::move(path)), tokens_(std::make_shared<const TokenStore>(std::move(tokens))) {}

absl::StatusOr<std::unique_ptr<TokenAuthenticator>> TokenAuthenticator::FromFile(
    const std::string& path) {
  KUMPPANI_ASSIGN_OR_RETURN(TokenStore tokens, TokenStore::Load(path));
  return std::make_unique<TokenAuthenticator>(std::move(tokens), path);
}

absl::Status TokenAuthenticator::Reload() {
  if (path_.empty()) {
    return absl::FailedPreconditionError("these tokens were not read from a file");
  }
  KUMPPANI_ASSIGN_OR_RETURN(TokenStore tokens, TokenStore::Load(path_));
  auto fresh = std::make_shared<const TokenStore>(std::move(tokens));
  std::lock_guard<std::mutex> lock(mutex_);
  tokens_ = std::move(fresh);
  return absl::OkStatus();
}

std::shared_ptr<const TokenStore> TokenAuthenticator::tokens() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return tokens_;
}

absl::StatusOr<Principal> TokenAuthenticator::Authenticate(
    const grpc::ServerContextBase& context) const {
  return AuthenticateMetadata(context.client_metadata());
}

absl::StatusOr<Principal> TokenAuthenticator::AuthenticateMetadata(
    const std::multimap<grpc::string_ref, grpc::string_ref>& metadata) const {
  auto [begin, end] = metadata.equal_range("authorization");
  if (begin == end) {
    return absl::UnauthenticatedError(
        "authorization: missing; send the metadata \"authorization: Bearer <token>\"");
  }
  if (std::next(begin) != end) {
    return absl::UnauthenticatedError("authorization: sent more than once; send exactly one");
  }
  absl::string_view value(begin->second.data(), begin->second.size());
  constexpr absl::string_view kScheme = "bearer ";
  if (value.size() <= kScheme.size() || !absl::StartsWithIgnoreCase(value, kScheme)) {
    return absl::UnauthenticatedError("authorization: must be \"Bearer <token>\"");
  }
  absl::string_view token = absl::StripAsciiWhitespace(value.substr(kScheme.size()));
  if (token.empty() || token.size() > kMaxTokenBytes) {
    return absl::UnauthenticatedError("authorization: must be \"Bearer <token>\"");
  }
  std::shared_ptr<const TokenStore> tokens = this->tokens();
  const TokenEntry* entry = tokens->Find(token);
  if (entry == nullptr) {
    return absl::UnauthenticatedError("authorization: unknown bearer token");
  }
  Principal principal;
  principal.role = entry->role;
  principal.organisation_id = entry->organisation_id;
  principal.actor = absl::StrCat("token:", entry->name);
  return principal;
}

}  // namespace kumppani::api
