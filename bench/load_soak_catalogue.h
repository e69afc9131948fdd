// The ids load_soak's writers have had acknowledged, by kind, from which
// the query clients pick their targets: a query only ever asks for
// something that exists (the read models are updated in the same commit as
// the events, so an acknowledged id is queryable at once).
//
// Thread safety: all methods may be called concurrently.
#ifndef KUMPPANI_BENCH_LOAD_SOAK_CATALOGUE_H_
#define KUMPPANI_BENCH_LOAD_SOAK_CATALOGUE_H_

#include <cstdint>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace kumppani::bench {

enum class Kind { kOrganisation, kBody, kConsultation, kDecision, kStream, kCount };

class Catalogue {
 public:
  void Add(Kind kind, const std::string& id);
  // A random id of `kind`, or nullopt when there is none yet.
  std::optional<std::string> Pick(Kind kind, std::mt19937_64& random) const;

 private:
  mutable std::mutex mu_;
  std::vector<std::string> ids_[static_cast<int>(Kind::kCount)];  // guarded by mu_
};

}  // namespace kumppani::bench

#endif  // KUMPPANI_BENCH_LOAD_SOAK_CATALOGUE_H_
