// The workload generator's source of randomness (internal to the
// tests/testing/workload*.cc files): xoshiro256** seeded through SplitMix64,
// so that a seed yields the same sequence on every platform (the std::
// distributions are implementation-defined) and WorkloadOptions::seed
// reproduces a workload byte for byte.
//
// Thread safety: none; the generator owns one Rng.
#ifndef KUMPPANI_TESTS_TESTING_WORKLOAD_RNG_H_
#define KUMPPANI_TESTS_TESTING_WORKLOAD_RNG_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace kumppani::testing::workload_internal {

class Rng {
 public:
  explicit Rng(uint64_t seed) {
    uint64_t x = seed;
    for (uint64_t& s : s_) {
      x += 0x9e3779b97f4a7c15ULL;
      uint64_t z = x;
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
      s = z ^ (z >> 31);
    }
  }
  uint64_t Next() {
    uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }
  // In [0, n); n > 0. The modulo bias is irrelevant here.
  size_t Below(size_t n) { return static_cast<size_t>(Next() % n); }
  // In [lo, hi].
  int Between(int lo, int hi) { return lo + static_cast<int>(Below(static_cast<size_t>(hi - lo + 1))); }
  bool Percent(int p) { return Below(100) < static_cast<size_t>(p); }
  template <typename T>
  const T& Pick(const std::vector<T>& v) { return v[Below(v.size())]; }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

}  // namespace kumppani::testing::workload_internal

#endif  // KUMPPANI_TESTS_TESTING_WORKLOAD_RNG_H_
