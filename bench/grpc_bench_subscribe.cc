// grpc_bench's subscription figures: catch-up delivery of LedgerService.
// Subscribe from position 0 (events/s received by the client) beside
// EventStore::ReadAll paging over the same range, in interleaved rounds; and
// live delivery to a subscriber while many in-process threads append, with
// the lag from an event's commit (recorded_at) to its receipt.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "bench/bench_util.h"
#include "bench/grpc_bench_load.h"
#include "bench/grpc_bench_parts.h"
#include "kumppani/v1/ledger_service.grpc.pb.h"

namespace kumppani::bench {
namespace {

// Raises the log to at least `events` events with appends of 1,000.
void TopUp(store::EventStore& store, uint64_t events) {
  for (int batch = 0; store.HeadPosition().value() < events; ++batch) {
    CheckOk(AppendBenchEvents(store, absl::StrCat("bench-fill-", batch), 1000), "top-up");
  }
}

// Events/s of ReadAll over positions 1..events in pages of `page`.
double LocalCatchUp(const store::EventStore& store, uint64_t events, size_t page) {
  Stopwatch watch;
  uint64_t read = 0;
  while (read < events) {
    auto events_read = store.ReadAll(Position(read + 1), std::min<uint64_t>(page, events - read));
    CheckOk(events_read.status(), "ReadAll");
    if (events_read->empty()) break;
    read += events_read->size();
  }
  if (read != events) CheckOk(absl::InternalError("ReadAll stopped early"), "ReadAll");
  return static_cast<double>(events) / watch.Seconds();
}

// Events/s received by a Subscribe from position 0 until `events` events
// have arrived (checking that positions run 1, 2, 3, ...), stream setup
// included.
double RpcCatchUp(v1::LedgerService::Stub& stub, uint64_t events) {
  grpc::ClientContext context;
  v1::SubscribeRequest request;
  request.set_after_position(0);
  Stopwatch watch;
  auto reader = stub.Subscribe(&context, request);
  v1::SubscribeResponse message;
  uint64_t received = 0;
  while (received < events && reader->Read(&message)) {
    if (!message.has_event()) continue;
    if (message.event().position() != ++received) {
      CheckOk(absl::InternalError(absl::StrCat("position ", message.event().position(), " where ",
                                               received, " was due")),
              "Subscribe");
    }
  }
  const double seconds = watch.Seconds();
  context.TryCancel();
  while (reader->Read(&message)) {
  }
  grpc::Status status = reader->Finish();
  if (received < events) {
    CheckOk(absl::InternalError(
                absl::StrCat("stream ended after ", received, " events: ", status.error_message())),
            "Subscribe");
  }
  return static_cast<double>(events) / seconds;
}

int64_t NowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// A live subscription (after_head) while `clients` threads append for
// `seconds`: the appenders' series and the subscriber's (rate over the
// append period; latencies = lag from recorded_at to receipt).
void Live(BenchLedger& ledger, v1::LedgerService::Stub& stub, int clients, double seconds,
          Series& appends, Series& delivered) {
  grpc::ClientContext context;
  v1::SubscribeRequest request;
  request.mutable_after_head();
  auto reader = stub.Subscribe(&context, request);
  v1::SubscribeResponse message;
  if (!reader->Read(&message) || !message.has_heartbeat()) {
    CheckOk(absl::InternalError("no heartbeat at the head"), "Subscribe live");
  }
  std::atomic<uint64_t> last_position{message.heartbeat().head_position()};
  LoadResult received;
  std::thread subscriber([&] {
    v1::SubscribeResponse event;
    while (reader->Read(&event)) {
      if (!event.has_event()) continue;
      const google::protobuf::Timestamp& at = event.event().recorded_at();
      received.micros.push_back(
          static_cast<double>(NowMicros() - (at.seconds() * 1000000 + at.nanos() / 1000)));
      last_position = event.event().position();
    }
  });
  LoadResult appended = RunClosedLoop(clients, seconds, [&](int client, uint64_t) {
    return AppendBenchEvents(ledger.store(), absl::StrCat("bench-live-", client));
  });
  const uint64_t head = ledger.store().HeadPosition().value();
  Stopwatch drain;
  while (last_position.load() < head && drain.Seconds() < 30) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  const double behind_seconds = drain.Seconds();
  context.TryCancel();
  subscriber.join();
  reader->Finish();
  if (last_position.load() < head) {
    CheckOk(absl::InternalError("the subscriber did not reach the head in 30 s"), "live");
  }
  received.calls = received.micros.size();
  received.seconds = appended.seconds + behind_seconds;
  appends.Add(appended);
  delivered.Add(received);
}

}  // namespace

void RunSubscribeBench(BenchLedger& ledger, const GrpcBenchOptions& options) {
  store::EventStore& store = ledger.store();
  TopUp(store, options.events);
  std::printf(
      "subscriptions: catch-up from position 0 over %llu events (log head %llu), "
      "%d interleaved rounds; live while %d threads append for %.0f s\n",
      static_cast<unsigned long long>(options.events),
      static_cast<unsigned long long>(store.HeadPosition().value()), options.rounds,
      options.clients, options.seconds);
  auto stub = v1::LedgerService::NewStub(ledger.NewChannel(0));
  Series pages_1000, pages_64, subscribe, live_appends, live_delivered;
  // Adds the rate `run` returns and the process CPU time it took to `series`.
  auto measure = [&](Series& series, auto run) {
    const double cpu = ProcessCpuSeconds();
    series.rates.push_back(run());
    series.cpu_seconds += ProcessCpuSeconds() - cpu;
    series.calls += options.events;
  };
  for (int round = 0; round < options.rounds; ++round) {
    measure(pages_1000, [&] { return LocalCatchUp(store, options.events, 1000); });
    measure(pages_64, [&] { return LocalCatchUp(store, options.events, 64); });
    measure(subscribe, [&] { return RpcCatchUp(*stub, options.events); });
  }
  ReportRate("in-process: ReadAll, pages of 1000", pages_1000, "events/s");
  ReportRate("in-process: ReadAll, pages of 64 (as a subscription)", pages_64, "events/s");
  ReportRate("gRPC: LedgerService.Subscribe catch-up", subscribe, "events/s",
             pages_1000.MedianRate());
  Live(ledger, *stub, options.clients, options.seconds, live_appends, live_delivered);
  ReportRate(absl::StrCat("in-process: live source, ", options.clients, " appender threads"),
             live_appends, "events/s");
  ReportRate("gRPC: Subscribe live (latency: recorded_at to receipt)", live_delivered, "events/s",
             live_appends.MedianRate());
  std::printf("\n");
  std::fflush(stdout);
}

}  // namespace kumppani::bench
