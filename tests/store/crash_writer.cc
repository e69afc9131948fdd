// Child process of the crash test: appends from several threads until it is
// killed, and after every acknowledged append writes one line per event to an
// acknowledgement file: "<event id> <position> <stream> <version>".
//
// Usage: store_crash_writer DB_DIR ACK_FILE THREADS
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "ledger/store/event_store.h"
#include "tests/store/crash_payload.h"

using namespace kumppani;
using namespace kumppani::store;

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s DB_DIR ACK_FILE THREADS\n", argv[0]);
    return 1;
  }
  StoreOptions options;
  options.path = argv[1];
  auto opened = EventStore::Open(options);
  if (!opened.ok()) {
    std::fprintf(stderr, "open: %s\n", opened.status().ToString().c_str());
    return 1;
  }
  std::unique_ptr<EventStore> store = *std::move(opened);
  int ack_fd = open(argv[2], O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (ack_fd < 0) return 1;
  const int threads = std::atoi(argv[3]);

  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      // Even threads own a stream and append with exact expected versions;
      // odd threads share one stream with ExpectedVersion::Any().
      const bool owned = t % 2 == 0;
      const std::string stream = owned ? "org-w" + std::to_string(t) : "org-shared";
      StreamVersion version = *store->CurrentVersion(stream);
      for (uint64_t n = 0;; ++n) {
        AppendRequest request;
        request.stream_id = stream;
        request.expected_version = owned ? ExpectedVersion::Exact(version) : ExpectedVersion::Any();
        size_t count = 1 + n % 3;
        for (size_t i = 0; i < count; ++i) {
          EventId id = EventId::Random();
          EventEnvelope event;
          event.set_event_id(std::string(id.bytes()));
          event.set_event_type("CrashTestEvent");
          event.set_payload(testing::CrashPayload(id));
          request.events.push_back(std::move(event));
        }
        auto result = store->Append(request);
        if (!result.ok()) {
          std::fprintf(stderr, "append: %s\n", result.status().ToString().c_str());
          std::_Exit(2);
        }
        version = result->stream_version;
        std::string lines;
        for (size_t i = 0; i < count; ++i) {
          lines += result->event_ids[i].ToString() + " " +
                   std::to_string(result->first_position.value() + i) + " " + stream + " " +
                   std::to_string(result->stream_version.value() - count + 1 + i) + "\n";
        }
        // One write() per append: a kill cannot tear it.
        if (write(ack_fd, lines.data(), lines.size()) != static_cast<ssize_t>(lines.size())) {
          std::_Exit(3);
        }
      }
    });
  }
  for (auto& worker : workers) worker.join();
  return 0;
}
