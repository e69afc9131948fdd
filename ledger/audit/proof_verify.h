// Client-side verification of RFC 9162 (Certificate Transparency v2) Merkle
// proofs: inclusion (section 2.1.3.2) and consistency (section 2.1.4.2).
// Written from the RFC, independently of the server's tree code
// (ledger/store/merkle_tree.h), so that it checks the server rather than
// sharing its mistakes. Trusts nothing it is handed: every proof hash takes
// part in the recomputation and the proof length must be exact.
//
// Results: OK when the proof verifies; INVALID_ARGUMENT when the inputs cannot
// form a proof at all (an index outside the tree, sizes out of order, a proof
// of the wrong length); FAILED_PRECONDITION when a well-formed proof does not
// reproduce the given root(s), with a message saying which check failed.
//
// Thread safety: pure functions, callable from any thread.
#ifndef KUMPPANI_LEDGER_AUDIT_PROOF_VERIFY_H_
#define KUMPPANI_LEDGER_AUDIT_PROOF_VERIFY_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "ledger/common/sha256.h"

namespace kumppani::audit {

// RFC 9162 leaf hash of an event's canonical bytes: SHA-256(0x00 || bytes).
Hash LeafHash(std::string_view canonical_bytes);

// Checks that `proof` proves the leaf `leaf_hash` at 0-based `leaf_index`
// (event position - 1) is in the tree of `tree_size` leaves whose root is
// `root`.
absl::Status VerifyInclusion(uint64_t leaf_index, uint64_t tree_size, const Hash& leaf_hash,
                             const std::vector<Hash>& proof, const Hash& root);

// Checks that `proof` proves the tree of `old_size` leaves with root
// `old_root` is a prefix of the tree of `new_size` leaves with root
// `new_root`. For old_size == new_size the proof must be empty and the roots
// equal. old_size 0 is INVALID_ARGUMENT: the RFC defines no proof for it
// (every tree extends the empty tree, so there is nothing to check).
absl::Status VerifyConsistency(uint64_t old_size, uint64_t new_size, const Hash& old_root,
                               const Hash& new_root, const std::vector<Hash>& proof);

}  // namespace kumppani::audit

#endif  // KUMPPANI_LEDGER_AUDIT_PROOF_VERIFY_H_
