// kumppani-demo: what the ledger can show so far, on a fresh data directory.
// Records the Keski-Suomi partnership table's spring 2019 as events, reads
// the stream back, retries an append (idempotent), shows a version conflict,
// and reopens the store to show that positions and versions continue.
//
// Usage: kumppani-demo DATA_DIR
#include <cstdio>
#include <string>
#include <vector>

#include "ledger/store/event_store.h"

namespace {

using kumppani::EventId;
using kumppani::StreamVersion;
using kumppani::store::AppendRequest;
using kumppani::store::Direction;
using kumppani::store::EventEnvelope;
using kumppani::store::EventStore;
using kumppani::store::ExpectedVersion;
using kumppani::store::StoreOptions;

constexpr char kStream[] = "body-keski-suomi-kumppanuuspoyta";

// Seconds since the epoch of a date at noon UTC.
int64_t Noon(int year, int month, int day) {
  // Days from civil (Howard Hinnant's algorithm).
  year -= month <= 2;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const int64_t yoe = year - era * 400;
  const int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return (era * 146097 + doe - 719468) * 86400 + 12 * 3600;
}

EventEnvelope Event(const std::string& type, const std::string& text, int64_t effective) {
  EventEnvelope event;
  event.set_event_type(type);
  event.set_content_type("text/plain; charset=utf-8");
  event.set_payload(text);
  event.set_event_id(std::string(EventId::Random().bytes()));
  event.mutable_effective_at()->set_seconds(effective);
  event.mutable_metadata()->set_actor("demo");
  return event;
}

void PrintStream(EventStore& store) {
  auto events = store.ReadStream(kStream, StreamVersion(1), Direction::kForward, 100);
  if (!events.ok()) return;
  std::printf("  %-4s %-3s %-11s %-26s %s\n", "pos", "ver", "effective", "type", "payload");
  for (const EventEnvelope& e : *events) {
    time_t when = e.effective_at().seconds();
    char date[16];
    std::strftime(date, sizeof(date), "%Y-%m-%d", std::gmtime(&when));
    std::printf("  %-4llu %-3llu %-11s %-26s %s\n", static_cast<unsigned long long>(e.position()),
                static_cast<unsigned long long>(e.stream_version()), date, e.event_type().c_str(),
                e.payload().c_str());
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s DATA_DIR\n", argv[0]);
    return 1;
  }
  StoreOptions options;
  options.path = argv[1];
  auto opened = EventStore::Open(options);
  if (!opened.ok()) {
    std::fprintf(stderr, "kumppani-demo: %s\n", opened.status().ToString().c_str());
    return 1;
  }
  std::unique_ptr<EventStore> store = *std::move(opened);

  std::printf("Kumppani demo — the event log (data directory %s)\n\n", argv[1]);
  AppendRequest founding;
  founding.stream_id = kStream;
  founding.expected_version = ExpectedVersion::NoStream();
  founding.events = {
      Event("BodyEstablished", "Keski-Suomen kumppanuuspöytä founded", Noon(2019, 2, 1)),
      Event("MeetingHeld", "Meeting after the reform collapsed (government resigned 8.3.2019)",
            Noon(2019, 3, 22)),
      Event("BodyContinued", "Decides to continue despite the reform's collapse", Noon(2019, 3, 22)),
      Event("ConvenerChanged", "Convener: Keski-Suomen liitto (Regional Council)", Noon(2019, 3, 22)),
  };
  auto first = store->Append(founding);
  if (!first.ok()) {
    std::fprintf(stderr, "append: %s\n", first.status().ToString().c_str());
    return 1;
  }
  std::printf("1. Appended %zu events atomically at positions %llu..%llu; stream version %llu.\n",
              founding.events.size(), static_cast<unsigned long long>(first->first_position.value()),
              static_cast<unsigned long long>(first->last_position.value()),
              static_cast<unsigned long long>(first->stream_version.value()));
  PrintStream(*store);

  auto retry = store->Append(founding);
  std::printf("\n2. The same append sent again (a client retry): %s, positions %llu..%llu, "
              "head still %llu.\n",
              retry.ok() && retry->replayed ? "recognised as a retry" : "NOT recognised",
              static_cast<unsigned long long>(retry.ok() ? retry->first_position.value() : 0),
              static_cast<unsigned long long>(retry.ok() ? retry->last_position.value() : 0),
              static_cast<unsigned long long>(store->HeadPosition().value()));

  AppendRequest stale;
  stale.stream_id = kStream;
  stale.expected_version = ExpectedVersion::Exact(StreamVersion(2));
  stale.events = {Event("MandateAmended", "May give expert statements", Noon(2019, 3, 22))};
  auto conflict = store->Append(stale);
  std::printf("\n3. A writer that read version 2 tries to append: %s\n",
              conflict.status().ToString().c_str());

  store.reset();
  store = *EventStore::Open(options);
  stale.expected_version = ExpectedVersion::Exact(*store->CurrentVersion(kStream));
  stale.events = {Event("SeminarHeld", "Final reports at a seminar", Noon(2019, 5, 29))};
  auto after = store->Append(stale);
  std::printf("\n4. Reopened the store: head %llu; next append lands at position %llu as stream "
              "version %llu.\n",
              static_cast<unsigned long long>(after.ok() ? after->first_position.value() - 1 : 0),
              static_cast<unsigned long long>(after.ok() ? after->first_position.value() : 0),
              static_cast<unsigned long long>(after.ok() ? after->stream_version.value() : 0));
  PrintStream(*store);
  return after.ok() ? 0 : 1;
}
