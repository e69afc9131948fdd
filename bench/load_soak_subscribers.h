// load_soak's long-lived subscriber: one LedgerService.Subscribe from
// position 0 on a thread and connection of its own for the whole run,
// outlasting the writers. It checks that positions arrive as 1, 2, 3, ...
// (a gap, repeat or reorder is a GAP error), and once it has seen the
// caught-up heartbeat it records each event's delivery lag: recorded_at
// (the server's commit time) to receipt, on the same machine's clock.
// Tally op: "LedgerService.Subscribe live, lag per event".
//
// Thread safety: the methods are for one controlling thread; the
// subscription runs on its own.
#ifndef KUMPPANI_BENCH_LOAD_SOAK_SUBSCRIBERS_H_
#define KUMPPANI_BENCH_LOAD_SOAK_SUBSCRIBERS_H_

#include <atomic>
#include <cstdint>
#include <string>
#include <thread>

#include "bench/load_soak_run.h"
#include "grpcpp/client_context.h"

namespace kumppani::bench {

class LiveSubscriber {
 public:
  // Starts subscribing. `run` must outlive the subscriber.
  LiveSubscriber(const RunState& run, int index);
  // Stops it if still running.
  ~LiveSubscriber();
  LiveSubscriber(const LiveSubscriber&) = delete;
  LiveSubscriber& operator=(const LiveSubscriber&) = delete;

  // Waits for the first caught-up heartbeat; false after `seconds` or when
  // the subscription ended.
  bool WaitCaughtUp(double seconds);
  // Waits until the event at `position` has arrived; false after `seconds`
  // or when the subscription ended.
  bool WaitFor(uint64_t position, double seconds);
  // Cancels the subscription and waits for its thread; the stream must then
  // end CANCELLED. The tally is complete afterwards.
  void Stop();

  uint64_t last_position() const { return last_.load(); }
  uint64_t events() const { return events_.load(); }
  const Tally& tally() const { return tally_; }

 private:
  void Run();
  // Waits until `done()` or `seconds` or the end of the subscription.
  template <typename Done>
  bool WaitUntil(Done done, double seconds) const;

  const RunState& run_;
  const int index_;
  grpc::ClientContext context_;
  std::atomic<uint64_t> last_{0};
  std::atomic<uint64_t> events_{0};
  std::atomic<bool> caught_up_{false};
  std::atomic<bool> stopping_{false};
  std::atomic<bool> ended_{false};
  Tally tally_;         // the thread's until it is joined
  std::thread thread_;  // last: started when the rest is ready
};

}  // namespace kumppani::bench

#endif  // KUMPPANI_BENCH_LOAD_SOAK_SUBSCRIBERS_H_
