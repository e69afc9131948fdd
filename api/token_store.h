// Bearer tokens: the tokens file (hashes only), adding a token, and the
// Authenticator that checks a call's `authorization: Bearer <token>`.
//
// The tokens file has one token per line:
//
//   <sha256 hex of the token> <role> <organisation id, or - > <name>
//
// e.g. "3f5a…9c ngo org-mielenterveysseura-x statements-portal". Blank lines
// and lines starting with '#' are ignored. The role is one of admin, recorder,
// ngo, auditor, public; an ngo token names its organisation ("org-<slug>"),
// every other role has "-". Names are 1..64 of [A-Za-z0-9._-], unique in the
// file: events record "token:<name>" as their actor. The clear token is never
// stored; AddToken prints it once.
//
// Thread safety: a loaded TokenStore and a TokenAuthenticator are immutable;
// their const methods may be called concurrently.
#ifndef KUMPPANI_API_TOKEN_STORE_H_
#define KUMPPANI_API_TOKEN_STORE_H_

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "api/authenticator.h"
#include "api/principal.h"
#include "grpcpp/support/string_ref.h"
#include "ledger/common/sha256.h"

namespace kumppani::api {

// Prefix of every token AddToken makes, so that a leaked token is easy to
// recognise (secret scanners, logs).
inline constexpr absl::string_view kTokenPrefix = "kpn_";

struct TokenEntry {
  Hash hash{};  // SHA-256 of the clear token
  Role role = Role::kPublic;
  std::string organisation_id;  // for Role::kNgo; empty otherwise
  std::string name;
  int line = 0;  // where it was read, for messages
};

class TokenStore {
 public:
  // Reads and checks the whole file. NOT_FOUND / PERMISSION_DENIED when it
  // cannot be read; INVALID_ARGUMENT naming the file and line for a bad line
  // (wrong field count, hash, role, organisation or name; a duplicate hash or
  // name). Never echoes a line, in case it holds a clear token.
  static absl::StatusOr<TokenStore> Load(const std::string& path);
  // The same rules over text already read; `source` names it in messages.
  static absl::StatusOr<TokenStore> Parse(absl::string_view text, absl::string_view source);

  const std::vector<TokenEntry>& entries() const { return entries_; }

  // The entry whose hash is SHA-256(token), or nullptr. Compares the hash
  // with every entry in constant time, whether or not one matches.
  const TokenEntry* Find(absl::string_view token) const;

 private:
  std::vector<TokenEntry> entries_;
};

// Makes a new random token (32 bytes from OpenSSL's CSPRNG, base64url,
// prefixed "kpn_"), appends its hash line to the tokens file at `path`
// (created with mode 0600 and a header comment if missing; locked while it is
// read and appended; synced) and returns the clear token, which exists
// nowhere else. `organisation_id` must be "org-<slug>" for Role::kNgo and
// empty otherwise. INVALID_ARGUMENT for a bad argument, a name already in the
// file or a file that does not load (nothing is written then).
absl::StatusOr<std::string> AddToken(const std::string& path, Role role,
                                     absl::string_view organisation_id, absl::string_view name);

// Checks the bearer token of each call against a TokenStore. A caller whose
// token is in the store gets its role and organisation, and actor
// "token:<name>".
class TokenAuthenticator : public Authenticator {
 public:
  // `path`: where Reload reads from; empty when the tokens came from
  // elsewhere (Reload is then FAILED_PRECONDITION).
  explicit TokenAuthenticator(TokenStore tokens, std::string path = "");
  // Loads `path` (errors of TokenStore::Load).
  static absl::StatusOr<std::unique_ptr<TokenAuthenticator>> FromFile(const std::string& path);

  // UNAUTHENTICATED when the metadata has no `authorization` entry, more than
  // one, one that is not "Bearer <token>", or an unknown token.
  absl::StatusOr<Principal> Authenticate(const grpc::ServerContextBase& context) const override;

  // The same rules over a call's metadata (keys are lower case in gRPC).
  absl::StatusOr<Principal> AuthenticateMetadata(
      const std::multimap<grpc::string_ref, grpc::string_ref>& metadata) const;

  // Loads the file again and swaps the new set in; on error keeps the old.
  absl::Status Reload() override;

  // The tokens in force now.
  std::shared_ptr<const TokenStore> tokens() const;

 private:
  const std::string path_;
  mutable std::mutex mutex_;
  std::shared_ptr<const TokenStore> tokens_;  // guarded by mutex_; never null
};

}  // namespace kumppani::api

#endif  // KUMPPANI_API_TOKEN_STORE_H_
