// C2SP signed notes (https://c2sp.org/signed-note) with Ed25519 signatures:
// text followed by a blank line and signature lines
//
//   — <key name> <base64(4-byte big-endian key ID || 64-byte signature)>
//
// and the verifier key ("vkey") text form <name>+<hex key ID>+<base64(0x01 ||
// public key)>, compatible with Go's golang.org/x/mod/sumdb/note. Checkpoints
// (checkpoint.h) are signed notes.
//
// Thread safety: pure functions, callable from any thread.
#ifndef KUMPPANI_LEDGER_AUDIT_SIGNED_NOTE_H_
#define KUMPPANI_LEDGER_AUDIT_SIGNED_NOTE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "ledger/audit/ed25519.h"

namespace kumppani::audit {

// The signed-note signature type byte of Ed25519.
inline constexpr uint8_t kEd25519SignatureType = 0x01;
// Limits on notes accepted for parsing. The spec requires accepting at least
// 16 signatures; Go's implementation accepts up to 100.
inline constexpr size_t kMaxNoteSignatures = 100;
inline constexpr size_t kMaxNoteBytes = 1 << 20;

// One signature line.
struct NoteSignature {
  std::string key_name;
  uint32_t key_id = 0;
  std::string signature;  // the bytes after the key ID
};

// A note split into its signed text and its signature lines (unverified).
struct Note {
  std::string text;  // ends in '\n'; this is what the signatures cover
  std::vector<NoteSignature> signatures;
};

// A key a verifier trusts: the signer's key name and Ed25519 public key.
struct VerifierKey {
  std::string name;
  Ed25519PublicKey public_key{};
};

// True iff `name` can name a key: non-empty, valid UTF-8, no ASCII control
// characters, no Unicode white space and no '+'.
bool IsValidKeyName(std::string_view name);

// The Ed25519 key ID: the first four bytes, big-endian, of
// SHA-256(key name || 0x0A || 0x01 || 32-byte public key).
uint32_t Ed25519KeyId(std::string_view key_name, const Ed25519PublicKey& public_key);

// "<name>+<8 hex digits of the key ID>+<base64(0x01 || public key)>".
// INVALID_ARGUMENT naming `key_name` if the name is not valid.
absl::StatusOr<std::string> FormatVerifierKey(std::string_view key_name,
                                              const Ed25519PublicKey& public_key);
// Parses a vkey; INVALID_ARGUMENT if it is malformed, is not Ed25519 or its
// key ID does not match its name and key.
absl::StatusOr<VerifierKey> ParseVerifierKey(std::string_view vkey);

// Signs `text` (non-empty, ending in '\n', UTF-8 without control characters
// other than '\n') as `key_name` and returns the signed note.
absl::StatusOr<std::string> SignNote(std::string_view text, std::string_view key_name,
                                     const Ed25519KeyPair& key);

// Splits a signed note into text and signature lines, checking the syntax the
// spec requires but no signature. INVALID_ARGUMENT naming the broken rule.
// The text must not be trusted before OpenNote succeeds.
absl::StatusOr<Note> ParseNote(std::string_view note);

// Parses `note` and verifies it against `key`; returns the signed text.
// Signature lines of other keys (another name or key ID) are ignored, as the
// spec requires. INVALID_ARGUMENT if the note is malformed;
// FAILED_PRECONDITION if no line is signed by `key`, or if any line claiming
// to be by `key` does not verify.
absl::StatusOr<std::string> OpenNote(std::string_view note, const VerifierKey& key);

// Decodes RFC 4648 section 4 base64 (standard alphabet, with padding) and
// accepts only the canonical encoding. INVALID_ARGUMENT naming `field`.
absl::StatusOr<std::string> DecodeBase64(std::string_view text, absl::string_view field);

}  // namespace kumppani::audit

#endif  // KUMPPANI_LEDGER_AUDIT_SIGNED_NOTE_H_
