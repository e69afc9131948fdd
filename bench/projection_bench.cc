// Projections at 1,000,000 events: rebuild throughput beside the raw
// log-scan rate measured in the same run, the cost of versioned rows (bytes
// per event), query latency at a random known_at point of the log (as-of
// roster and organisation), and roster and influence-trail latency at the
// head, all in-process.
//
//   projection_bench [--events=1000000] [--queries=2000] [--per_projection=1]
//                    [--rebuild=1] [--block_cache_mib=32]
//
// The log is filled by the generated domain workload (tests/testing/
// workload.h) through the command handler with every projection attached,
// unsynced (the fill is not what is measured). With
// KUMPPANI_PROJECTION_BENCH_DIR=path the data directory is kept there and a
// later run with the same path skips the fill.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "bench/bench_util.h"
#include "bench/raw_scan.h"
#include "google/protobuf/arena.h"
#include "ledger/audit/influence_trail.h"
#include "ledger/common/clock.h"
#include "ledger/domain/command_handler.h"
#include "ledger/projections/all_projections.h"
#include "ledger/projections/participation/view_set.h"
#include "ledger/projections/projected_store.h"
#include "ledger/projections/registry/body_queries.h"
#include "ledger/projections/registry/organisation_queries.h"
#include "ledger/store/keys.h"
#include "tests/testing/workload.h"

namespace kumppani::bench {
namespace {

void ReportLatency(const std::string& label, const std::vector<double>& micros) {
  if (micros.empty()) return;  // --queries=0
  std::printf("%-58s p50 %8.1f us  p99 %8.1f us  max %8.1f us\n", label.c_str(),
              Percentile(micros, 0.5), Percentile(micros, 0.99), Percentile(micros, 1.0));
}

std::unique_ptr<projections::ProjectedStore> OpenLedger(const std::string& dir,
                                                        const Clock& clock,
                                                        size_t block_cache_bytes = 32 << 20) {
  store::StoreOptions options;
  options.path = dir;
  options.block_cache_bytes = block_cache_bytes;
  options.sync = false;
  options.clock = &clock;
  auto opened = projections::ProjectedStore::Open(options, projections::AllProjections());
  if (!opened.ok() || !(*opened)->engine().WaitUntilReady().ok()) {
    std::fprintf(stderr, "open: %s\n",
                 opened.ok() ? "build failed" : opened.status().ToString().c_str());
    std::abort();
  }
  return *std::move(opened);
}

void Fill(const std::string& dir, const Clock& clock, uint64_t events) {
  auto ledger = OpenLedger(dir, clock);
  if (ledger->store().HeadPosition().value() >= events) return;
  domain::CommandHandler handler(ledger->store(), clock);
  testing::WorkloadOptions options;
  options.seed = 2026;
  options.commands = events;  // every command makes at least one event
  options.regions = 21;
  testing::Workload workload(options);
  Stopwatch watch;
  auto run = testing::RunWorkload(handler, workload, 2);
  if (!run.ok()) {
    std::fprintf(stderr, "workload: %s\n", run.status().ToString().c_str());
    std::abort();
  }
  Report("fill: workload commands through the handler, projections live",
         static_cast<double>(run->events) / watch.Seconds(), "events/s");
}

std::vector<std::string> Streams(const projections::ProjectionEngine& engine,
                                 const std::string& projection, const std::string& prefix) {
  std::vector<std::string> ids;
  auto view = engine.View(projection);
  if (!view.ok()) std::abort();
  if (!view->ScanStreams(prefix, "",
                         [&](std::string_view id, std::string_view) {
                           ids.emplace_back(id);
                           return true;
                         })
           .ok()) {
    std::abort();
  }
  return ids;
}

v1::Date RandomDate(std::mt19937_64& random) {
  v1::Date date;
  date.set_year(2015 + static_cast<int>(random() % 9));
  date.set_month(1 + static_cast<int>(random() % 12));
  date.set_day(1 + static_cast<int>(random() % 28));
  return date;
}

}  // namespace
}  // namespace kumppani::bench

int main(int argc, char** argv) {
  using namespace kumppani;
  using namespace kumppani::bench;
  const uint64_t events = static_cast<uint64_t>(FlagValue(argc, argv, "events", 1'000'000));
  const int queries = static_cast<int>(FlagValue(argc, argv, "queries", 2000));
  // --per_projection=0 skips the one-projection rebuilds (for profiling).
  const bool per_projection_rebuilds = FlagValue(argc, argv, "per_projection", 1) != 0;
  // --rebuild=0 skips every rebuild (queries only, on a kept directory).
  const bool rebuilds = FlagValue(argc, argv, "rebuild", 1) != 0;
  // The block cache the queries run with (kumppanid's --block-cache-mib).
  const size_t block_cache_bytes =
      static_cast<size_t>(FlagValue(argc, argv, "block_cache_mib", 32)) << 20;
  const char* kept = std::getenv("KUMPPANI_PROJECTION_BENCH_DIR");
  const bool keep = kept != nullptr;
  const std::string dir = keep ? std::string(kept) : MakeBenchDir("projections");
  ManualClock clock(1704067200LL * 1000000);  // 2024-01-01: after every workload date
  std::printf("projection_bench: %llu events, %d queries\n\n",
              static_cast<unsigned long long>(events), queries);
  Fill(dir, clock, events);

  uint64_t scanned = 0;
  const double scan_before = RawScan(dir, &scanned);
  const uint64_t projection_bytes = FamilyBytes(dir, store::kProjectionsFamily);
  const uint64_t event_bytes = FamilyBytes(dir, store::kEventsFamily);

  auto ledger = OpenLedger(dir, clock);
  projections::ProjectionEngine& engine = ledger->engine();
  const uint64_t head = ledger->store().HeadPosition().value();

  // Every projection rebuilt from position 1 in one pass over the log; then
  // each one alone, for where the time goes.
  Stopwatch rebuild_watch;
  if (rebuilds && !engine.RebuildAll().ok()) std::abort();
  const double rebuild_seconds = rebuild_watch.Seconds();
  std::vector<std::pair<std::string, double>> per_projection;
  for (const auto& status : engine.Status()) {
    if (!rebuilds || !per_projection_rebuilds) break;
    Stopwatch one;
    if (!engine.Rebuild(status.name).ok()) std::abort();
    per_projection.emplace_back(status.name, one.Seconds());
  }
  ledger.reset();
  const double scan_after = RawScan(dir, &scanned);
  const double scan_rate = std::max(scan_before, scan_after);

  Report("ceiling: raw RocksDB scan of the events family", scan_rate, "events/s");
  for (const auto& [name, seconds] : per_projection) {
    Report("rebuild of one projection: " + name, static_cast<double>(head) / seconds, "events/s",
           scan_rate);
  }
  if (rebuilds) {
    Report("rebuild of every projection in one pass (RebuildAll)",
           static_cast<double>(head) / rebuild_seconds, "events/s", scan_rate);
  }
  std::printf(
      "log: %llu events; events family %.1f MB (%.0f B/event); projections family "
      "%.1f MB (%.0f B/event)\n\n",
      static_cast<unsigned long long>(head), static_cast<double>(event_bytes) / 1e6,
      static_cast<double>(event_bytes) / static_cast<double>(head),
      static_cast<double>(projection_bytes) / 1e6,
      static_cast<double>(projection_bytes) / static_cast<double>(head));

  // The rebuilds above retired whole tables (range deletions, reclaimed by
  // compaction in time): the queries run on a compacted family.
  ledger = OpenLedger(dir, clock, block_cache_bytes);
  Stopwatch compact_watch;
  if (!ledger->store().CompactIndex("", "").ok()) std::abort();
  const double compact_seconds = compact_watch.Seconds();
  ledger.reset();
  const uint64_t compacted_bytes = FamilyBytes(dir, store::kProjectionsFamily);
  std::printf("projections family compacted in %.1f s: %.1f MB (%.0f B/event)\n",
              compact_seconds, static_cast<double>(compacted_bytes) / 1e6,
              static_cast<double>(compacted_bytes) / static_cast<double>(head));
  ledger = OpenLedger(dir, clock, block_cache_bytes);
  std::printf("queries with a block cache of %zu MiB\n", block_cache_bytes >> 20);
  projections::ProjectionEngine& live = ledger->engine();
  std::vector<std::string> bodies = Streams(live, "bodies", "body-");
  std::vector<std::string> organisations = Streams(live, "organisations", "org-");
  std::vector<std::string> decisions = Streams(live, "decisions", "decision-");
  std::mt19937_64 random(7);
  std::vector<double> as_of_roster, as_of_org, roster, trail;
  uint64_t trail_inputs = 0, trail_uncited = 0;
  std::vector<std::pair<double, int>> trail_sizes;  // (microseconds, entries)
  for (int i = 0; i < queries; ++i) {
    const Position at(1 + random() % head);
    const std::string& body = bodies[random() % bodies.size()];
    const std::string& org = organisations[random() % organisations.size()];
    const v1::Date date = RandomDate(random);
    {
      Stopwatch watch;
      auto b = live.View("bodies", at);
      auto p = live.View("persons", at);
      if (!b.ok() || !p.ok()) std::abort();
      auto result = projections::Roster(*b, *p, body, date);
      if (!result.ok() && result.status().code() != absl::StatusCode::kNotFound) std::abort();
      as_of_roster.push_back(watch.Seconds() * 1e6);
    }
    {
      Stopwatch watch;
      auto o = live.View("organisations", at);
      if (!o.ok()) std::abort();
      auto result = projections::GetOrganisation(*o, org, date);
      if (!result.ok() && result.status().code() != absl::StatusCode::kNotFound) std::abort();
      as_of_org.push_back(watch.Seconds() * 1e6);
    }
    {
      Stopwatch watch;
      auto b = live.View("bodies");
      auto p = live.View("persons");
      if (!b.ok() || !p.ok() || !projections::Roster(*b, *p, body).ok()) std::abort();
      roster.push_back(watch.Seconds() * 1e6);
    }
    if (!decisions.empty()) {
      const std::string& decision = decisions[random() % decisions.size()];
      Stopwatch watch;
      // On an arena, as the API builds it (api/arena_messages.h).
      google::protobuf::Arena arena;
      auto* answer = google::protobuf::Arena::CreateMessage<v1::InfluenceTrail>(&arena);
      auto views = projections::ParticipationViews::At(live);
      if (!views.ok() || !audit::InfluenceTrail(*views, decision, std::nullopt, *answer).ok()) {
        std::abort();
      }
      const int entries = answer->inputs_size() + answer->uncited_submissions_size();
      trail_inputs += answer->inputs_size();
      trail_uncited += answer->uncited_submissions_size();
      arena.Reset();
      trail.push_back(watch.Seconds() * 1e6);
      trail_sizes.emplace_back(trail.back(), entries);
    }
  }
  ReportLatency("as-of roster at a random known_at and date", as_of_roster);
  ReportLatency("as-of organisation at a random known_at and date", as_of_org);
  ReportLatency("roster at the head", roster);
  if (!trail.empty()) {
    ReportLatency("influence trail at the head", trail);
    std::printf("  a trail lists %.1f inputs and %.1f uncited submissions on average\n",
                static_cast<double>(trail_inputs) / static_cast<double>(trail.size()),
                static_cast<double>(trail_uncited) / static_cast<double>(trail.size()));
    // The slowest trails are the longest: latency follows the answer's size.
    std::sort(trail_sizes.begin(), trail_sizes.end());
    const size_t slowest = std::max<size_t>(1, trail_sizes.size() / 100);
    double slowest_entries = 0;
    for (size_t i = trail_sizes.size() - slowest; i < trail_sizes.size(); ++i) {
      slowest_entries += trail_sizes[i].second;
    }
    std::printf("  the slowest 1%% list %.1f entries on average\n",
                slowest_entries / static_cast<double>(slowest));
  }
  ledger.reset();
  if (!keep) RemoveTree(dir);
  return 0;
}
