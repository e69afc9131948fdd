// RFC 9162 section 2.1.3.2 and 2.1.4.2 proof verification. Each algorithm is
// split in two: the RFC's walk over (fn, sn) depends only on the sizes and
// decides, for every proof element, how it is combined; then the hashes are
// combined in that order. The walk's length is the exact proof length, which
// is checked before any hashing (the RFC's "sn is 0" checks, made up front).
#include "ledger/audit/proof_verify.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace kumppani::audit {
namespace {

// RFC 9162 HASH(0x01 || left || right).
Hash HashChildren(const Hash& left, const Hash& right) {
  return Sha256Hasher().UpdateByte(0x01).Update(left).Update(right).Finish();
}

bool Lsb(uint64_t x) { return (x & 1) != 0; }

// How one proof element is combined into the running hash(es).
enum class Step {
  kElementOnLeft,   // r = HASH(0x01 || element || r); for consistency, both fr and sr
  kElementOnRight,  // r = HASH(0x01 || r || element); for consistency, sr only
};

// The loop shared by section 2.1.3.2 step 4 and section 2.1.4.2 step 6, with
// the hashing left out: one step per proof element until sn reaches 0.
std::vector<Step> Walk(uint64_t fn, uint64_t sn) {
  std::vector<Step> steps;
  while (sn != 0) {
    if (Lsb(fn) || fn == sn) {
      steps.push_back(Step::kElementOnLeft);
      while (!Lsb(fn) && fn != 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      steps.push_back(Step::kElementOnRight);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return steps;
}

// Section 2.1.3.2 steps 2 and 4: fn = leaf_index, sn = tree_size - 1.
std::vector<Step> InclusionSteps(uint64_t leaf_index, uint64_t tree_size) {
  return Walk(leaf_index, tree_size - 1);
}

struct ConsistencyPlan {
  // Step 2: first is an exact power of two, so first_hash is prepended to the
  // path instead of being sent.
  bool old_root_is_seed = false;
  // Step 6: one step per path element after the seed.
  std::vector<Step> steps;
};

// Section 2.1.4.2 steps 2-4 and 6.
ConsistencyPlan ConsistencySteps(uint64_t old_size, uint64_t new_size) {
  ConsistencyPlan plan;
  plan.old_root_is_seed = (old_size & (old_size - 1)) == 0;
  uint64_t fn = old_size - 1;
  uint64_t sn = new_size - 1;
  while (Lsb(fn)) {
    fn >>= 1;
    sn >>= 1;
  }
  plan.steps = Walk(fn, sn);
  return plan;
}

absl::Status Mismatch(absl::string_view what, const Hash& computed, absl::string_view field,
                      const Hash& expected) {
  return absl::FailedPreconditionError(absl::StrCat(
      what, " does not verify: the proof yields ", HashToHex(computed), " but ", field, " is ",
      HashToHex(expected)));
}

}  // namespace

Hash LeafHash(std::string_view canonical_bytes) {
  return Sha256Hasher().UpdateByte(0x00).Update(canonical_bytes).Finish();
}

absl::Status VerifyInclusion(uint64_t leaf_index, uint64_t tree_size, const Hash& leaf_hash,
                             const std::vector<Hash>& proof, const Hash& root) {
  // Step 1.
  if (leaf_index >= tree_size) {
    return absl::InvalidArgumentError(absl::StrCat(
        "leaf_index: ", leaf_index, " must be less than tree_size ", tree_size));
  }
  const std::vector<Step> steps = InclusionSteps(leaf_index, tree_size);
  if (proof.size() != steps.size()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "proof: has ", proof.size(), " hashes, but an inclusion proof for leaf_index ",
        leaf_index, " in a tree of size ", tree_size, " has ", steps.size()));
  }
  // Steps 3-5.
  Hash r = leaf_hash;
  for (size_t i = 0; i < proof.size(); ++i) {
    r = steps[i] == Step::kElementOnLeft ? HashChildren(proof[i], r) : HashChildren(r, proof[i]);
  }
  if (r != root) return Mismatch("inclusion proof", r, "root", root);
  return absl::OkStatus();
}

absl::Status VerifyConsistency(uint64_t old_size, uint64_t new_size, const Hash& old_root,
                               const Hash& new_root, const std::vector<Hash>& proof) {
  if (old_size == 0) {
    return absl::InvalidArgumentError(
        "old_size: must be at least 1; every tree extends the empty tree, there is no proof");
  }
  if (old_size > new_size) {
    return absl::InvalidArgumentError(absl::StrCat(
        "old_size: ", old_size, " must not exceed new_size ", new_size));
  }
  if (old_size == new_size) {
    if (!proof.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "proof: has ", proof.size(), " hashes, but a proof between equal sizes is empty"));
    }
    if (old_root != new_root) {
      return absl::FailedPreconditionError(absl::StrCat(
          "consistency proof does not verify: trees of equal size ", old_size,
          " have different roots ", HashToHex(old_root), " and ", HashToHex(new_root)));
    }
    return absl::OkStatus();
  }
  const ConsistencyPlan plan = ConsistencySteps(old_size, new_size);
  const size_t expected = plan.steps.size() + (plan.old_root_is_seed ? 0 : 1);
  if (proof.size() != expected) {
    return absl::InvalidArgumentError(absl::StrCat(
        "proof: has ", proof.size(), " hashes, but a consistency proof from size ", old_size,
        " to size ", new_size, " has ", expected));
  }
  // Steps 2 and 5: the seed is old_root itself or the first proof element.
  size_t next = 0;
  const Hash seed = plan.old_root_is_seed ? old_root : proof[next++];
  Hash fr = seed;
  Hash sr = seed;
  // Step 6.
  for (Step step : plan.steps) {
    const Hash& c = proof[next++];
    if (step == Step::kElementOnLeft) {
      fr = HashChildren(c, fr);
      sr = HashChildren(c, sr);
    } else {
      sr = HashChildren(sr, c);
    }
  }
  // Step 7.
  if (fr != old_root) return Mismatch("consistency proof", fr, "old_root", old_root);
  if (sr != new_root) return Mismatch("consistency proof", sr, "new_root", new_root);
  return absl::OkStatus();
}

}  // namespace kumppani::audit
