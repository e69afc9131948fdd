// Fuzz target: decoding and validating domain commands, end to end through
// the command handler (ledger/domain) on a real store that already holds the
// demo scenario, so that mutated commands meet existing organisations,
// bodies, consultations and decisions and reach the deep rules. Input: a
// kumppani.v1.Command in protobuf binary (the seeds are the scenario's
// commands). Its request_id is replaced by one derived from the input, so
// every new input is a new command rather than a retry.
//
// Invariants: nothing crashes; a rejection is one of the documented codes
// with a message and appends nothing; an accepted command's events are in
// the log at the positions it was given and decode as domain events; sending
// it again is recognised as a retry with the same result.
#include <filesystem>
#include <memory>
#include <set>
#include <string>

#include "ledger/common/hex.h"
#include "ledger/common/sha256.h"
#include "ledger/domain/command_handler.h"
#include "ledger/domain/event_codec.h"
#include "ledger/domain/scenario_loader.h"
#include "ledger/store/event_store.h"
#include "tests/fuzz/fuzz_target.h"

namespace kumppani::fuzz {
namespace {

using absl::StatusCode;

struct Ledger {
  std::string directory;
  std::unique_ptr<store::EventStore> store;
  std::unique_ptr<domain::CommandHandler> handler;
  std::set<std::string> seen;  // request ids of the inputs run so far
};

Ledger* g_ledger = nullptr;

// A store in a fresh temporary directory (not synced: a crash of the fuzzer
// loses nothing of value), loaded with the demo scenario.
Ledger* OpenLedger() {
  auto* ledger = new Ledger();
  std::string pattern = (std::filesystem::temp_directory_path() / "kumppani-fuzz-XXXXXX").string();
  FuzzCheck(mkdtemp(pattern.data()) != nullptr, "mkdtemp failed");
  ledger->directory = pattern;
  store::StoreOptions options;
  options.path = ledger->directory + "/db";
  options.sync = false;
  absl::StatusOr<std::unique_ptr<store::EventStore>> opened = store::EventStore::Open(options);
  FuzzCheck(opened.ok(), "cannot open the store", opened.status().ToString());
  ledger->store = *std::move(opened);
  ledger->handler = std::make_unique<domain::CommandHandler>(*ledger->store, *SystemClock::Default());
  auto scenario =
      domain::LoadScenarioFile(std::string(KUMPPANI_SOURCE_DIR) + "/docs/examples/demo-scenario.ndjson");
  FuzzCheck(scenario.ok(), "cannot read the demo scenario", scenario.status().ToString());
  for (const domain::ScenarioCommand& c : *scenario) {
    auto result = ledger->handler->Execute(c.command, "fuzz-seed");
    FuzzCheck(result.ok(), "the demo scenario does not load", result.status().ToString());
  }
  return ledger;
}

void CheckAccepted(Ledger& ledger, const v1::Command& command, const domain::CommandResult& result) {
  FuzzCheck(!result.replayed, "a new request_id was taken for a retry");
  FuzzCheck(result.events.size() == result.event_ids.size(), "events and ids differ in number");
  FuzzCheck(result.last_position.value() - result.first_position.value() + 1 == result.events.size(),
            "the positions do not match the number of events");
  for (uint64_t p = result.first_position.value(); p <= result.last_position.value(); ++p) {
    absl::StatusOr<store::EventEnvelope> stored = ledger.store->ReadEvent(Position(p));
    FuzzCheck(stored.ok() && stored->stream_id() == result.stream_id,
              "an acknowledged event is not in its stream", stored.status().ToString());
    absl::StatusOr<v1::Event> decoded = domain::DecodeEvent(*stored);
    FuzzCheck(decoded.ok(), "a stored event does not decode", decoded.status().ToString());
  }
  absl::StatusOr<domain::CommandResult> again = ledger.handler->Execute(command, "fuzz");
  FuzzCheck(again.ok() && again->replayed, "a retry was not recognised",
            again.ok() ? "not replayed" : again.status().ToString());
  FuzzCheck(again->first_position == result.first_position &&
                again->last_position == result.last_position &&
                again->event_ids == result.event_ids,
            "a retry returned another result");
}

}  // namespace
}  // namespace kumppani::fuzz

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  kumppani::fuzz::g_ledger = kumppani::fuzz::OpenLedger();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace kumppani;        // NOLINT(build/namespaces)
  using namespace kumppani::fuzz;  // NOLINT(build/namespaces)
  v1::Command command;
  if (!command.ParseFromArray(data, static_cast<int>(size))) return 0;
  Hash digest = Sha256(std::string_view(reinterpret_cast<const char*>(data), size));
  std::string request_id = "fuzz-";
  for (uint8_t byte : digest) AppendHexByte(byte, request_id);
  command.set_request_id(request_id);
  Ledger& ledger = *g_ledger;
  Position head = ledger.store->HeadPosition();
  absl::StatusOr<domain::CommandResult> result = ledger.handler->Execute(command, "fuzz");
  // libFuzzer may run an input again; the ledger has changed since, so only
  // the codes are checked then.
  const bool repeated = !ledger.seen.insert(request_id).second;
  CheckRejection(result.status(),
                 {absl::StatusCode::kInvalidArgument, absl::StatusCode::kNotFound,
                  absl::StatusCode::kAlreadyExists, absl::StatusCode::kFailedPrecondition,
                  absl::StatusCode::kOutOfRange},
                 "CommandHandler::Execute");
  if (repeated) return 0;
  if (!result.ok()) {
    FuzzCheck(ledger.store->HeadPosition() == head, "a rejected command appended events",
              result.status().ToString());
    return 0;
  }
  CheckAccepted(ledger, command, *result);
  return 0;
}
