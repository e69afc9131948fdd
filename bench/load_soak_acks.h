// What load_soak was told it wrote, and the end check against the log.
//
// AckLog keeps each acknowledged event's position and id (24 bytes an
// event, so that a long soak's millions fit) and the ids of the appends
// refused with an intended conflict. CheckLog then reads the whole log with
// LedgerService.ReadAll and checks that
//   - positions run 1..head without gaps or repeats;
//   - every acknowledged event is at the position its answer gave, with
//     its id, and no two answers claim one position;
//   - no event id occurs twice in the log;
//   - no refused append's event is in the log;
//   - on a log this run started empty, the log holds nothing else: its
//     size equals the number of events acknowledged.
//
// Thread safety: Acknowledged, Refused and events() may be called
// concurrently; CheckLog after the writers have stopped.
#ifndef KUMPPANI_BENCH_LOAD_SOAK_ACKS_H_
#define KUMPPANI_BENCH_LOAD_SOAK_ACKS_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "google/protobuf/repeated_ptr_field.h"
#include "kumppani/v1/ledger_service.grpc.pb.h"

namespace kumppani::bench {

using EventId16 = std::array<char, 16>;

class AckLog {
 public:
  // A write acknowledged with events at first_position, first_position+1,
  // ... with `ids` in order.
  void Acknowledged(uint64_t first_position,
                    const google::protobuf::RepeatedPtrField<std::string>& ids);
  // An append refused with an intended conflict: none of `events` may be in
  // the log.
  void Refused(const google::protobuf::RepeatedPtrField<v1::EventEnvelope>& events);

  // Events acknowledged so far, and the largest acknowledged position.
  uint64_t events() const { return events_.load(std::memory_order_relaxed); }
  uint64_t max_position() const { return max_position_.load(std::memory_order_relaxed); }

  struct AckedEvent {
    uint64_t position;
    EventId16 id;
  };
  // Copies, for the check.
  std::vector<AckedEvent> Acked() const;
  std::vector<EventId16> RefusedIds() const;

 private:
  std::atomic<uint64_t> events_{0};
  std::atomic<uint64_t> max_position_{0};
  mutable std::mutex mu_;
  std::vector<AckedEvent> acked_;   // guarded by mu_
  std::vector<EventId16> refused_;  // guarded by mu_
};

struct LogCheck {
  uint64_t head = 0;                 // the log's head position at the end of the read
  uint64_t read = 0;                 // events ReadAll returned
  uint64_t acknowledged = 0;         // events acknowledged to the clients
  uint64_t refused = 0;              // events of refused appends (none may be there)
  uint64_t failures = 0;             // broken rules, counted
  std::vector<std::string> samples;  // the first few broken rules, described

  bool ok() const { return failures == 0; }
};

// Reads positions 1..head with ReadAll (pages of 1,000) as `token` and
// checks them against `acks` (see the file comment); `fresh` when the log
// was empty before the run. An error when the reads themselves fail.
absl::StatusOr<LogCheck> CheckLog(v1::LedgerService::Stub& ledger, const std::string& token,
                                  const AckLog& acks, bool fresh);

}  // namespace kumppani::bench

#endif  // KUMPPANI_BENCH_LOAD_SOAK_ACKS_H_
