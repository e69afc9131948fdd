// Workload::World's queries and bookkeeping shared by the command builders
// (see workload_world.h): the simulated calendar, texts in the region's
// language, picks of live organisations, persons and bodies, and the rings
// of inputs and correctable events that later commands refer to.
#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_format.h"
#include "ledger/domain/command_handler.h"
#include "tests/testing/workload_world.h"

namespace kumppani::testing {

using absl::CivilDay;
using workload_internal::Fi;
using workload_internal::PushRing;
using workload_internal::kBodyEventsBeforeDissolution;
using workload_internal::kInputRing;
using workload_internal::kMaxCorrectables;

CivilDay Workload::World::DayOf(size_t n) const {
  if (options_.commands <= 1) return options_.first_day;
  int64_t offset = static_cast<int64_t>(n) * span_days_ / static_cast<int64_t>(options_.commands - 1);
  return options_.first_day + offset;
}

v1::LocalizedText Workload::World::Text(int region, const std::string& fi, const std::string& sv) {
  v1::LocalizedText text = Fi(fi);
  if (region >= 0 && regions_[region].swedish && !sv.empty()) {
    text.set_sv(sv);
    text.set_authoritative(v1::LANGUAGE_SV);
  }
  return text;
}

std::string Workload::World::Sha256Hex() {
  return absl::StrFormat("%016x%016x%016x%016x", rng_.Next(), rng_.Next(), rng_.Next(), rng_.Next());
}

int Workload::World::ActiveNgo(int region) {
  const std::vector<int>& ngos = regions_[region].ngos;
  return ngos.empty() ? -1 : rng_.Pick(ngos);
}

int Workload::World::LivePerson(int region) {
  const std::vector<int>& persons = regions_[region].persons;
  return persons.empty() ? -1 : rng_.Pick(persons);
}

int Workload::World::OpenBody(int region) {
  const std::vector<int>& bodies = regions_[region].bodies;
  return bodies.empty() ? -1 : rng_.Pick(bodies);
}

// An open body whose stream may still grow (a long one waits for its
// dissolution), or -1.
int Workload::World::WritableBody(int region) {
  int b = OpenBody(region);
  return b >= 0 && bodies_[b].events < kBodyEventsBeforeDissolution ? b : -1;
}

int Workload::World::SeatOf(const Body& body, int person) const {
  for (size_t i = 0; i < body.seats.size(); ++i) {
    if (body.seats[i].holder == person) return static_cast<int>(i);
  }
  return -1;
}

std::optional<std::string> Workload::World::RegionDecision(int region) {
  const std::vector<int>& ring = regions_[region].decisions;
  if (ring.empty()) return std::nullopt;
  return decisions_[rng_.Pick(ring)].id;
}

void Workload::World::Remember(const std::string& stream, v1::Event event, bool retractable,
                               int body) {
  Correctable c{stream, domain::CommandHandler::DeriveEventId(cmd_.request_id(), 0).ToString(),
                std::move(event), retractable, body};
  if (correctables_.size() < kMaxCorrectables) {
    correctables_.push_back(std::move(c));
  } else {
    correctables_[rng_.Below(correctables_.size())] = std::move(c);
  }
}

void Workload::World::AddInput(int region, std::string id, CivilDay dated, int submission) {
  Region& r = regions_[region];
  PushRing(r.inputs, r.next_input, InputRef{std::move(id), dated, submission}, kInputRing);
}

std::vector<std::string> Workload::World::PickInputs(int region, CivilDay by, int want,
                                                     std::vector<std::string> chosen) {
  const std::vector<InputRef>& ring = regions_[region].inputs;
  size_t target = chosen.size() + static_cast<size_t>(want);
  for (int tries = 0; tries < want * 4 && !ring.empty() && chosen.size() < target; ++tries) {
    const InputRef& input = rng_.Pick(ring);
    if (input.dated > by) continue;
    if (input.submission >= 0 && submissions_[input.submission].withdrawn) continue;
    if (std::find(chosen.begin(), chosen.end(), input.id) != chosen.end()) continue;
    chosen.push_back(input.id);
  }
  return chosen;
}

}  // namespace kumppani::testing
