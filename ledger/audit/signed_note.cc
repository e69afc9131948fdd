// C2SP signed notes: syntax, Ed25519 key IDs, vkeys, signing and opening.
#include "ledger/audit/signed_note.h"

#include <algorithm>
#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "ledger/common/sha256.h"
#include "ledger/common/status_macros.h"

namespace kumppani::audit {
namespace {

// U+2014 EM DASH and a space: the start of every signature line.
constexpr std::string_view kSignaturePrefix = "\xE2\x80\x94 ";

// Decodes the UTF-8 sequence at text[*pos] and advances *pos past it. -1 for
// an invalid sequence (overlong forms, surrogates and values above U+10FFFF
// included).
int32_t NextCodePoint(std::string_view text, size_t* pos) {
  const unsigned char lead = static_cast<unsigned char>(text[*pos]);
  if (lead < 0x80) {
    ++*pos;
    return lead;
  }
  // Sequence length, payload bits of the lead byte, smallest non-overlong value.
  struct Form {
    unsigned char mask;
    unsigned char tag;
    size_t length;
    int32_t min;
  };
  static constexpr Form kForms[] = {
      {0xE0, 0xC0, 2, 0x80}, {0xF0, 0xE0, 3, 0x800}, {0xF8, 0xF0, 4, 0x10000}};
  const Form* form = nullptr;
  for (const Form& f : kForms) {
    if ((lead & f.mask) == f.tag) form = &f;
  }
  if (form == nullptr) return -1;
  const size_t length = form->length;
  int32_t code_point = lead & static_cast<unsigned char>(~form->mask);
  if (text.size() - *pos < length) return -1;
  for (size_t i = 1; i < length; ++i) {
    const unsigned char next = static_cast<unsigned char>(text[*pos + i]);
    if ((next & 0xC0) != 0x80) return -1;
    code_point = (code_point << 6) | (next & 0x3F);
  }
  if (code_point < form->min || code_point > 0x10FFFF ||
      (code_point >= 0xD800 && code_point <= 0xDFFF)) {
    return -1;
  }
  *pos += length;
  return code_point;
}

// Unicode White_Space (what Go's unicode.IsSpace accepts).
bool IsUnicodeSpace(int32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
         c == 0x205F || c == 0x3000;
}

// The spec's rule for a whole note: valid UTF-8, no control character other
// than newline.
absl::Status CheckNoteCharacters(std::string_view text, absl::string_view field) {
  for (size_t pos = 0; pos < text.size();) {
    const size_t at = pos;
    const int32_t c = NextCodePoint(text, &pos);
    if (c < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, ": invalid UTF-8 at byte ", at));
    }
    if (c < 0x20 && c != '\n') {
      return absl::InvalidArgumentError(absl::StrCat(
          field, ": control character 0x", absl::Hex(c, absl::kZeroPad2), " at byte ", at,
          " (only newline is allowed)"));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckKeyName(std::string_view name, absl::string_view field) {
  if (!IsValidKeyName(name)) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ": a key name must be non-empty UTF-8 without spaces, control characters or '+'"));
  }
  return absl::OkStatus();
}

std::string KeyIdHex(uint32_t key_id) { return absl::StrCat(absl::Hex(key_id, absl::kZeroPad8)); }

std::string EncodeBigEndian32(uint32_t value) {
  std::string out(4, '\0');
  for (int i = 0; i < 4; ++i) out[i] = static_cast<char>(value >> (24 - 8 * i));
  return out;
}

uint32_t DecodeBigEndian32(std::string_view bytes) {
  uint32_t value = 0;
  for (int i = 0; i < 4; ++i) value = (value << 8) | static_cast<unsigned char>(bytes[i]);
  return value;
}

absl::StatusOr<NoteSignature> ParseSignatureLine(std::string_view line, size_t number) {
  const std::string field = absl::StrCat("note: signature line ", number);
  if (line.substr(0, kSignaturePrefix.size()) != kSignaturePrefix) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": must start with an em dash (U+2014) and a space"));
  }
  line.remove_prefix(kSignaturePrefix.size());
  const size_t space = line.find(' ');
  if (space == std::string_view::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": must be \"— <key name> <base64 signature>\""));
  }
  NoteSignature signature;
  signature.key_name = std::string(line.substr(0, space));
  KUMPPANI_RETURN_IF_ERROR(CheckKeyName(signature.key_name, field));
  KUMPPANI_ASSIGN_OR_RETURN(std::string bytes, DecodeBase64(line.substr(space + 1), field));
  if (bytes.size() < 5) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": a signature is a 4-byte key ID and at least one byte"));
  }
  signature.key_id = DecodeBigEndian32(bytes);
  signature.signature = bytes.substr(4);
  return signature;
}

}  // namespace

bool IsValidKeyName(std::string_view name) {
  if (name.empty()) return false;
  for (size_t pos = 0; pos < name.size();) {
    const int32_t c = NextCodePoint(name, &pos);
    if (c < 0x20 || c == '+' || IsUnicodeSpace(c)) return false;  // c < 0: invalid UTF-8
  }
  return true;
}

uint32_t Ed25519KeyId(std::string_view key_name, const Ed25519PublicKey& public_key) {
  const Hash hash = Sha256Hasher()
                        .Update(key_name)
                        .UpdateByte('\n')
                        .UpdateByte(kEd25519SignatureType)
                        .Update(public_key)
                        .Finish();
  return DecodeBigEndian32(HashBytes(hash));
}

absl::StatusOr<std::string> FormatVerifierKey(std::string_view key_name,
                                              const Ed25519PublicKey& public_key) {
  KUMPPANI_RETURN_IF_ERROR(CheckKeyName(key_name, "key_name"));
  std::string key(1, static_cast<char>(kEd25519SignatureType));
  key.append(HashBytes(public_key));
  return absl::StrCat(absl::string_view(key_name.data(), key_name.size()), "+",
                      KeyIdHex(Ed25519KeyId(key_name, public_key)), "+",
                      absl::Base64Escape(key));
}

absl::StatusOr<VerifierKey> ParseVerifierKey(std::string_view vkey) {
  auto malformed = [](absl::string_view rule) {
    return absl::InvalidArgumentError(absl::StrCat(
        "vkey: must be <key name>+<8 hex digits>+<base64 key>; ", rule));
  };
  const size_t first_plus = vkey.find('+');
  if (first_plus == std::string_view::npos) return malformed("no '+' found");
  const std::string_view name = vkey.substr(0, first_plus);
  const std::string_view rest = vkey.substr(first_plus + 1);
  const size_t second_plus = rest.find('+');
  if (second_plus != 8) return malformed("the key ID must be 8 hex digits");
  uint32_t key_id = 0;
  for (char c : rest.substr(0, 8)) {
    int digit = (c >= '0' && c <= '9')   ? c - '0'
                : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                         : -1;
    if (digit < 0) return malformed("the key ID must be 8 hex digits");
    key_id = (key_id << 4) | static_cast<uint32_t>(digit);
  }
  KUMPPANI_RETURN_IF_ERROR(CheckKeyName(name, "vkey: name"));
  // Not KUMPPANI_ASSIGN_OR_RETURN: GCC 12 then warns (wrongly) that the moved
  // string may be uninitialized.
  const absl::StatusOr<std::string> decoded = DecodeBase64(rest.substr(9), "vkey: key");
  if (!decoded.ok()) return decoded.status();
  const std::string& key = *decoded;
  if (key.empty() || static_cast<uint8_t>(key[0]) != kEd25519SignatureType) {
    return absl::InvalidArgumentError(
        "vkey: key: only Ed25519 keys (signature type 0x01) are supported");
  }
  VerifierKey out;
  if (key.size() != 1 + out.public_key.size()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "vkey: key: an Ed25519 public key is 32 bytes, got ", key.size() - 1));
  }
  out.name = std::string(name);
  std::copy(key.begin() + 1, key.end(), out.public_key.begin());
  if (Ed25519KeyId(out.name, out.public_key) != key_id) {
    return absl::InvalidArgumentError(
        "vkey: the key ID does not match the key name and public key");
  }
  return out;
}

absl::StatusOr<std::string> SignNote(std::string_view text, std::string_view key_name,
                                     const Ed25519KeyPair& key) {
  if (text.empty() || text.back() != '\n') {
    return absl::InvalidArgumentError("text: must be non-empty and end in a newline");
  }
  KUMPPANI_RETURN_IF_ERROR(CheckNoteCharacters(text, "text"));
  KUMPPANI_RETURN_IF_ERROR(CheckKeyName(key_name, "key_name"));
  KUMPPANI_ASSIGN_OR_RETURN(Ed25519Signature signature, key.Sign(text));
  std::string bytes = EncodeBigEndian32(Ed25519KeyId(key_name, key.public_key()));
  bytes.append(reinterpret_cast<const char*>(signature.data()), signature.size());
  return absl::StrCat(absl::string_view(text.data(), text.size()), "\n",
                      absl::string_view(kSignaturePrefix.data(), kSignaturePrefix.size()),
                      absl::string_view(key_name.data(), key_name.size()), " ",
                      absl::Base64Escape(bytes), "\n");
}

absl::StatusOr<Note> ParseNote(std::string_view note) {
  if (note.size() > kMaxNoteBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("note: longer than ", kMaxNoteBytes, " bytes"));
  }
  KUMPPANI_RETURN_IF_ERROR(CheckNoteCharacters(note, "note"));
  // The text ends at the last empty line; signature lines follow it.
  const size_t blank = note.rfind("\n\n");
  if (blank == std::string_view::npos) {
    return absl::InvalidArgumentError("note: no blank line between text and signatures");
  }
  Note out;
  out.text = std::string(note.substr(0, blank + 1));
  std::string_view lines = note.substr(blank + 2);
  if (lines.empty()) return absl::InvalidArgumentError("note: has no signature lines");
  if (lines.back() != '\n') {
    return absl::InvalidArgumentError("note: the last signature line must end in a newline");
  }
  while (!lines.empty()) {
    if (out.signatures.size() == kMaxNoteSignatures) {
      return absl::InvalidArgumentError(
          absl::StrCat("note: more than ", kMaxNoteSignatures, " signature lines"));
    }
    const size_t newline = lines.find('\n');
    KUMPPANI_ASSIGN_OR_RETURN(
        NoteSignature signature,
        ParseSignatureLine(lines.substr(0, newline), out.signatures.size() + 1));
    out.signatures.push_back(std::move(signature));
    lines.remove_prefix(newline + 1);
  }
  return out;
}

absl::StatusOr<std::string> OpenNote(std::string_view note, const VerifierKey& key) {
  KUMPPANI_ASSIGN_OR_RETURN(Note parsed, ParseNote(note));
  const uint32_t key_id = Ed25519KeyId(key.name, key.public_key);
  const std::string key_label = absl::StrCat(key.name, "+", KeyIdHex(key_id));
  bool verified = false;
  for (const NoteSignature& line : parsed.signatures) {
    if (line.key_name != key.name || line.key_id != key_id) continue;  // another key's
    Ed25519Signature signature;
    if (line.signature.size() != signature.size()) {
      return absl::FailedPreconditionError(absl::StrCat(
          "note: the signature by key ", key_label, " is ", line.signature.size(),
          " bytes, an Ed25519 signature is 64"));
    }
    std::copy(line.signature.begin(), line.signature.end(), signature.begin());
    if (!VerifyEd25519(key.public_key, parsed.text, signature)) {
      return absl::FailedPreconditionError(
          absl::StrCat("note: the signature by key ", key_label, " does not verify"));
    }
    verified = true;
  }
  if (!verified) {
    return absl::FailedPreconditionError(
        absl::StrCat("note: has no signature by key ", key_label));
  }
  return std::move(parsed.text);
}

absl::StatusOr<std::string> DecodeBase64(std::string_view text, absl::string_view field) {
  std::string out;
  const absl::string_view input(text.data(), text.size());
  if (text.empty() || !absl::Base64Unescape(input, &out) || absl::Base64Escape(out) != input) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": must be non-empty, canonical, padded standard base64"));
  }
  return out;
}

}  // namespace kumppani::audit
