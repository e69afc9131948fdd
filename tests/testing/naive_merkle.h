// A naive reference for RFC 9162 section 2.1 Merkle trees, for tests only:
// MTH, PATH and SUBPROOF as the RFC's recursive definitions, over raw inputs,
// sharing no code with ledger/store/merkle_tree or ledger/audit.
#ifndef KUMPPANI_TESTS_TESTING_NAIVE_MERKLE_H_
#define KUMPPANI_TESTS_TESTING_NAIVE_MERKLE_H_

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "ledger/common/sha256.h"

namespace kumppani::testing {

// The naive reference, straight from RFC 9162 section 2.1 over the inputs
// D[0:n]. Only MTH is memoized (by range) so that the exhaustive tests run in
// seconds; PATH and SUBPROOF are the RFC's recursions as written.
class NaiveTree {
 public:
  explicit NaiveTree(std::vector<std::string> inputs) : d_(std::move(inputs)) {}

  // Largest power of two smaller than n (n > 1).
  static uint64_t K(uint64_t n) {
    uint64_t k = 1;
    while (k * 2 < n) k *= 2;
    return k;
  }

  // MTH(D[a:b]).
  Hash Mth(uint64_t a, uint64_t b) const {
    auto it = memo_.find({a, b});
    if (it != memo_.end()) return it->second;
    Hash h;
    const uint64_t n = b - a;
    if (n == 0) {
      h = Sha256("");
    } else if (n == 1) {
      h = Sha256(std::string(1, '\0') + d_[a]);
    } else {
      const uint64_t k = K(n);
      h = Sha256(std::string(1, '\x01') + std::string(HashBytes(Mth(a, a + k))) +
                 std::string(HashBytes(Mth(a + k, b))));
    }
    memo_[{a, b}] = h;
    return h;
  }

  // PATH(m, D[a:b]); `left` gets, per element, whether it is a left sibling.
  std::vector<Hash> Path(uint64_t m, uint64_t a, uint64_t b, std::vector<bool>* left) const {
    const uint64_t n = b - a;
    if (n == 1) return {};
    const uint64_t k = K(n);
    std::vector<Hash> out;
    if (m < k) {
      out = Path(m, a, a + k, left);
      out.push_back(Mth(a + k, b));
      left->push_back(false);
    } else {
      out = Path(m - k, a + k, b, left);
      out.push_back(Mth(a, a + k));
      left->push_back(true);
    }
    return out;
  }

  // SUBPROOF(m, D[a:b], complete). `both` gets, per commitment (every element
  // except a leading MTH of the old tree's last subtree), whether it is a left
  // subtree both trees share (true) or a right one only the new tree has.
  std::vector<Hash> Subproof(uint64_t m, uint64_t a, uint64_t b, bool complete,
                             std::vector<bool>* both) const {
    const uint64_t n = b - a;
    if (m == n) {
      if (complete) return {};
      return {Mth(a, b)};
    }
    const uint64_t k = K(n);
    std::vector<Hash> out;
    if (m <= k) {
      out = Subproof(m, a, a + k, complete, both);
      out.push_back(Mth(a + k, b));
      both->push_back(false);
    } else {
      out = Subproof(m - k, a + k, b, false, both);
      out.push_back(Mth(a, a + k));
      both->push_back(true);
    }
    return out;
  }

  // PROOF(m, D[0:n]) for 0 < m < n, and the empty proof for m == n.
  std::vector<Hash> Proof(uint64_t m, uint64_t n, std::vector<bool>* both) const {
    if (m == n) return {};
    return Subproof(m, 0, n, true, both);
  }

  Hash Leaf(uint64_t i) const { return Mth(i, i + 1); }

 private:
  std::vector<std::string> d_;
  mutable std::map<std::pair<uint64_t, uint64_t>, Hash> memo_;
};

}  // namespace kumppani::testing

#endif  // KUMPPANI_TESTS_TESTING_NAIVE_MERKLE_H_
