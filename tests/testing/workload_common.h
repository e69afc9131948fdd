// What the workload generator's command builders share besides the model
// (internal to the tests/testing/workload*.cc files): the limits that keep
// streams short and generation cheap, the names drawn on by more than one
// area, and small helpers for dates, Finnish texts, rings and random scans.
#ifndef KUMPPANI_TESTS_TESTING_WORKLOAD_COMMON_H_
#define KUMPPANI_TESTS_TESTING_WORKLOAD_COMMON_H_

#include <algorithm>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/civil_time.h"
#include "kumppani/v1/domain.pb.h"
#include "ledger/domain/dates.h"
#include "tests/testing/workload_rng.h"

namespace kumppani::testing::workload_internal {

// Limits that keep streams short and generation cheap.
inline constexpr size_t kMaxSeats = 14;
inline constexpr int kBodyEventsBeforeDissolution = 90;
inline constexpr size_t kMaxCallEntries = 30;
inline constexpr int kMaxDecisionEvents = 25;
inline constexpr size_t kMaxOpenBodiesPerRegion = 8;
inline constexpr size_t kInputRing = 80;
inline constexpr size_t kDecisionRing = 60;
inline constexpr size_t kMaxCorrectables = 300;

// Names drawn on by more than one area.
inline constexpr const char* kTowns[][4] = {{"Lahti", "Heinola", "Orimattila", "Hollola"},
                                           {"Tampere", "Nokia", "Ylöjärvi", "Kangasala"},
                                           {"Turku", "Salo", "Kaarina", "Raisio"},
                                           {"Vasa", "Korsholm", "Jakobstad", "Närpes"},
                                           {"Jyväskylä", "Jämsä", "Äänekoski", "Laukaa"},
                                           {"Kuopio", "Iisalmi", "Varkaus", "Siilinjärvi"},
                                           {"Rovaniemi", "Kemi", "Tornio", "Sodankylä"},
                                           {"Hämeenlinna", "Riihimäki", "Forssa", "Janakkala"}};
inline const std::vector<std::string> kThemesFi = {
    "Mielenterveysseura", "Omaishoitajat", "Sydänyhdistys", "Diabetesyhdistys", "Eläkeläiset",
    "Nuorisoseura", "Muistiyhdistys", "Näkövammaiset", "Marttayhdistys", "Reumayhdistys",
    "Syöpäyhdistys", "Asukasyhdistys", "Liikuntaseura", "Perhekerho", "Kylätoimikunta",
    "Päihdetyön yhdistys", "Kehitysvammaisten Tukiyhdistys", "Sotaveteraanit"};
inline const std::vector<std::string> kSubjects = {
    "järjestämissuunnitelma", "järjestöavustusten periaatteet", "hyvinvointikertomus",
    "palvelustrategia", "osallisuusohjelma", "ikäohjelma", "lasten ja nuorten hyvinvointisuunnitelma",
    "mielenterveys- ja päihdeohjelma", "palveluverkkoselvitys", "talousarvio ja -suunnitelma"};

inline v1::Date ToDate(absl::CivilDay day) { return domain::FromCivilDay(day); }

inline v1::LocalizedText Fi(const std::string& fi) {
  v1::LocalizedText text;
  text.set_fi(fi);
  text.set_authoritative(v1::LANGUAGE_FI);
  return text;
}

template <typename T>
void PushRing(std::vector<T>& ring, size_t& next, T value, size_t cap) {
  if (ring.size() < cap) {
    ring.push_back(std::move(value));
  } else {
    ring[next] = std::move(value);
    next = (next + 1) % cap;
  }
}

template <typename T>
void EraseValue(std::vector<T>& v, const T& value) {
  v.erase(std::remove(v.begin(), v.end(), value), v.end());
}

// The first element of `live` (starting at a random place) that satisfies
// `want`, or -1.
template <typename Pred>
int Scan(Rng& rng, const std::vector<int>& live, Pred want) {
  if (live.empty()) return -1;
  size_t start = rng.Below(live.size());
  for (size_t k = 0; k < live.size(); ++k) {
    int index = live[(start + k) % live.size()];
    if (want(index)) return index;
  }
  return -1;
}

}  // namespace kumppani::testing::workload_internal

#endif  // KUMPPANI_TESTS_TESTING_WORKLOAD_COMMON_H_
