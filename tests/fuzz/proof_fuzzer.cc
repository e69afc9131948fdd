// Fuzz target: the client-side verifiers (ledger/audit) given what a hostile
// server could hand a client: RFC 9162 inclusion and consistency proofs, and
// signed checkpoint notes with a verifier key. Input: a ProofInput
// (fuzz_inputs.proto); bytes that do not parse as one are used raw (the
// first 16 bytes as two sizes, the rest as hashes, and the whole as note
// text). Invariants: nothing crashes; a rejection is INVALID_ARGUMENT or
// FAILED_PRECONDITION with a message; a proof that verifies no longer
// verifies with one bit of its leaf or root changed; a checkpoint that
// parses formats back to its own text; a verifier key is the same key after
// format and parse; a checkpoint that verifies stops verifying when its
// signed text changes.
#include <cstring>
#include <string>
#include <vector>

#include "ledger/audit/checkpoint.h"
#include "ledger/audit/proof_verify.h"
#include "ledger/audit/signed_note.h"
#include "tests/fuzz/fuzz_target.h"
#include "tests/fuzz/fuzz_inputs.pb.h"

namespace kumppani::fuzz {
namespace {

using absl::StatusCode;

Hash ToHash(const std::string& bytes) {
  Hash hash{};
  std::memcpy(hash.data(), bytes.data(), std::min(bytes.size(), hash.size()));
  return hash;
}

std::vector<Hash> ToHashes(const google::protobuf::RepeatedPtrField<std::string>& proof) {
  std::vector<Hash> hashes;
  for (const std::string& bytes : proof) hashes.push_back(ToHash(bytes));
  return hashes;
}

Hash Flipped(Hash hash) {
  hash[0] ^= 1;
  return hash;
}

void CheckInclusion(uint64_t index, uint64_t size, const Hash& leaf, const std::vector<Hash>& proof,
                    const Hash& root) {
  absl::Status status = audit::VerifyInclusion(index, size, leaf, proof, root);
  CheckRejection(status, {StatusCode::kInvalidArgument, StatusCode::kFailedPrecondition},
                 "VerifyInclusion");
  if (!status.ok()) return;
  FuzzCheck(!audit::VerifyInclusion(index, size, Flipped(leaf), proof, root).ok(),
            "an inclusion proof verified for a changed leaf");
  FuzzCheck(!audit::VerifyInclusion(index, size, leaf, proof, Flipped(root)).ok(),
            "an inclusion proof verified against a changed root");
}

void CheckConsistency(uint64_t old_size, uint64_t new_size, const Hash& old_root,
                      const Hash& new_root, const std::vector<Hash>& proof) {
  absl::Status status = audit::VerifyConsistency(old_size, new_size, old_root, new_root, proof);
  CheckRejection(status, {StatusCode::kInvalidArgument, StatusCode::kFailedPrecondition},
                 "VerifyConsistency");
  if (!status.ok()) return;
  FuzzCheck(!audit::VerifyConsistency(old_size, new_size, old_root, Flipped(new_root), proof).ok(),
            "a consistency proof verified against a changed new root");
  FuzzCheck(!audit::VerifyConsistency(old_size, new_size, Flipped(old_root), new_root, proof).ok(),
            "a consistency proof verified against a changed old root");
}

void CheckNote(const std::string& note, const std::string& verifier_key) {
  absl::StatusOr<audit::Note> parsed_note = audit::ParseNote(note);
  CheckRejection(parsed_note.status(), {StatusCode::kInvalidArgument}, "ParseNote");
  absl::StatusOr<audit::Checkpoint> parsed = audit::ParseCheckpoint(note);
  CheckRejection(parsed.status(), {StatusCode::kInvalidArgument}, "ParseCheckpoint");
  if (parsed.ok()) {
    FuzzCheck(parsed_note.ok(), "a checkpoint parsed from text that is not a note");
    absl::StatusOr<std::string> text = audit::FormatCheckpoint(*parsed);
    FuzzCheck(text.ok() && *text == parsed_note->text,
              "a parsed checkpoint does not format back to the note's text", note);
  }
  absl::StatusOr<audit::VerifierKey> key = audit::ParseVerifierKey(verifier_key);
  CheckRejection(key.status(), {StatusCode::kInvalidArgument}, "ParseVerifierKey");
  if (!key.ok()) return;
  // Formatting is canonical (the key ID in lower-case hex); parsing also
  // takes upper case, as Go's note package does. Either way the key is the
  // same after a round trip.
  absl::StatusOr<std::string> vkey = audit::FormatVerifierKey(key->name, key->public_key);
  FuzzCheck(vkey.ok(), "a parsed verifier key does not format", verifier_key);
  absl::StatusOr<audit::VerifierKey> again = audit::ParseVerifierKey(*vkey);
  FuzzCheck(again.ok() && again->name == key->name && again->public_key == key->public_key,
            "a verifier key changed through format and parse", verifier_key);
  absl::StatusOr<audit::Checkpoint> verified = audit::VerifyCheckpoint(note, *key);
  CheckRejection(verified.status(), {StatusCode::kInvalidArgument, StatusCode::kFailedPrecondition},
                 "VerifyCheckpoint");
  if (!verified.ok()) return;
  FuzzCheck(parsed.ok() && *parsed == *verified, "a verified checkpoint differs from the parsed one");
  // Change one byte of the signed text (the first line's first byte).
  std::string altered = note;
  altered[0] = altered[0] == 'x' ? 'y' : 'x';
  FuzzCheck(!audit::VerifyCheckpoint(altered, *key).ok(),
            "a checkpoint verified after its signed text changed");
}

uint64_t ReadSize(const uint8_t* data) {
  uint64_t value = 0;
  for (int i = 0; i < 8; ++i) value = (value << 8) | data[i];
  return value;
}

void CheckRaw(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  CheckNote(text, text);
  if (size < 16) return;
  uint64_t first = ReadSize(data) % 4096;  // small sizes reach the hashing
  uint64_t second = ReadSize(data + 8) % 4096;
  std::vector<Hash> hashes;
  for (size_t at = 16; at + 32 <= size; at += 32) {
    hashes.push_back(ToHash(std::string(reinterpret_cast<const char*>(data + at), 32)));
  }
  if (hashes.size() < 2) return;
  Hash a = hashes[0];
  Hash b = hashes[1];
  std::vector<Hash> proof(hashes.begin() + 2, hashes.end());
  CheckInclusion(first, second, a, proof, b);
  CheckConsistency(first, second, a, b, proof);
}

}  // namespace
}  // namespace kumppani::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace kumppani::fuzz;  // NOLINT(build/namespaces)
  ProofInput input;
  if (!input.ParseFromArray(data, static_cast<int>(size)) ||
      input.check_case() == ProofInput::CHECK_NOT_SET) {
    CheckRaw(data, size);
    return 0;
  }
  switch (input.check_case()) {
    case ProofInput::kInclusion: {
      const InclusionInput& in = input.inclusion();
      CheckInclusion(in.leaf_index(), in.tree_size(), ToHash(in.leaf_hash()), ToHashes(in.proof()),
                     ToHash(in.root()));
      break;
    }
    case ProofInput::kConsistency: {
      const ConsistencyInput& in = input.consistency();
      CheckConsistency(in.old_size(), in.new_size(), ToHash(in.old_root()), ToHash(in.new_root()),
                       ToHashes(in.proof()));
      break;
    }
    case ProofInput::kNote:
      CheckNote(input.note().note(), input.note().verifier_key());
      break;
    case ProofInput::CHECK_NOT_SET:
      break;
  }
  return 0;
}
