// The catalogue of acknowledged ids.
#include "bench/load_soak_catalogue.h"

namespace kumppani::bench {

void Catalogue::Add(Kind kind, const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  ids_[static_cast<int>(kind)].push_back(id);
}

std::optional<std::string> Catalogue::Pick(Kind kind, std::mt19937_64& random) const {
  std::lock_guard<std::mutex> lock(mu_);
  const std::vector<std::string>& ids = ids_[static_cast<int>(kind)];
  if (ids.empty()) return std::nullopt;
  return ids[random() % ids.size()];
}

}  // namespace kumppani::bench
