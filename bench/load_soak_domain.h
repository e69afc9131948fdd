// One load_soak command client's own aggregates and the valid domain
// commands it records on them, as the kill test's clients do
// (tests/reliability/kill_clients.py), plus decisions: organisations
// registered and renamed, persons, bodies with seats, appointments,
// resignations and dissolutions, consultations, submissions, and decisions
// of its bodies citing its submissions. Each command has a request_id and
// ids unique to the run and the client, so clients never contend for an
// aggregate and every command is valid when sent (ledger/domain's rules).
//
// The planner only proposes; its state changes when a command is reported
// acknowledged, so a command that failed leaves no trace in it.
//
// Thread safety: none; one planner per client thread.
#ifndef KUMPPANI_BENCH_LOAD_SOAK_DOMAIN_H_
#define KUMPPANI_BENCH_LOAD_SOAK_DOMAIN_H_

#include <cstdint>
#include <map>
#include <random>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "kumppani/v1/commands.pb.h"

namespace kumppani::bench {

// A command and what its acknowledgement must say.
struct PlannedCommand {
  v1::Command command;                   // with request_id
  std::string stream;                    // CommandResponse.stream_id
  std::vector<std::string> event_types;  // CommandResponse.event_types
};

class DomainPlanner {
 public:
  // `prefix` ("ls<run>-c<client>") goes into every id and request_id.
  DomainPlanner(std::string prefix, uint64_t seed);

  // The next command, valid given what has been acknowledged so far.
  PlannedCommand Next();
  // Applies the effect of `planned` (the last Next()) once acknowledged.
  void Acknowledged(const PlannedCommand& planned);

 private:
  struct Body {
    bool open = true;
    std::vector<std::string> seats;  // membership holding each seat, or ""
    std::map<std::string, std::pair<size_t, std::string>> members;  // id -> seat, person
    std::set<std::string> seated;                                   // persons with a seat
  };

  std::string NewId(const std::string& kind);
  PlannedCommand Plan(const std::string& stream, std::vector<std::string> types);
  // Up to a few random open bodies satisfying `fits`, else nullptr.
  template <typename Fits>
  const std::string* FindOpenBody(Fits fits);

  bool PlanRename(PlannedCommand& out);
  bool PlanAppoint(PlannedCommand& out);
  bool PlanEnding(PlannedCommand& out, bool dissolve);
  bool PlanDecision(PlannedCommand& out);

  const std::string prefix_;
  std::mt19937_64 random_;
  uint64_t sequence_ = 0;

  std::vector<std::string> organisations_;
  std::unordered_map<std::string, int> renames_;
  std::vector<std::string> persons_;
  std::unordered_map<std::string, Body> bodies_;
  std::vector<std::string> open_bodies_;
  size_t members_ = 0;  // active members of open bodies
  std::vector<std::string> consultations_;
  std::vector<std::string> submissions_;
};

}  // namespace kumppani::bench

#endif  // KUMPPANI_BENCH_LOAD_SOAK_DOMAIN_H_
