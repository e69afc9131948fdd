// kumppani-demo: what the ledger can show so far, on a fresh data directory.
// Imports the demo scenario (the five source articles as commands) through
// the domain layer, imports it again (nothing is appended twice), shows what
// the Päijät-Häme regional government's August 2022 decision did with the
// inputs it cited, verifies the whole log, signs a checkpoint and proves the
// decision's inclusion in it with the independent verifier.
//
// Usage: kumppani-demo DATA_DIR SCENARIO.ndjson
#include <cstdio>
#include <filesystem>
#include <string>

#include "kumppani/v1/domain.pb.h"
#include "ledger/audit/checkpoint.h"
#include "ledger/audit/checkpointer.h"
#include "ledger/audit/log_verifier.h"
#include "ledger/audit/proof_verify.h"
#include "ledger/audit/signed_note.h"
#include "ledger/domain/command_handler.h"
#include "ledger/domain/event_codec.h"
#include "ledger/domain/scenario_loader.h"
#include "ledger/store/canonical_bytes.h"
#include "ledger/store/event_store.h"

namespace {

using namespace kumppani;

constexpr char kDecisionStream[] = "decision-ph-ah-jarjestoneuvottelukunta-2022-08";

int Fail(const std::string& what, const absl::Status& status) {
  std::fprintf(stderr, "kumppani-demo: %s: %s\n", what.c_str(), status.ToString().c_str());
  return 1;
}

// Imports every command; returns how many were new (not replays).
absl::StatusOr<int> Import(domain::CommandHandler& handler,
                           const std::vector<domain::ScenarioCommand>& commands) {
  int appended = 0;
  for (const domain::ScenarioCommand& scenario : commands) {
    auto result = handler.Execute(scenario.command, "demo-import");
    if (!result.ok()) {
      return absl::Status(result.status().code(), "line " + std::to_string(scenario.line) + ": " +
                                                      std::string(result.status().message()));
    }
    if (!result->replayed) ++appended;
  }
  return appended;
}

std::string Text(const v1::LocalizedText& text) {
  return !text.en().empty() ? text.en() : text.fi();
}

std::string Assessment(v1::InfluenceAssessment assessment) {
  std::string name = v1::InfluenceAssessment_Name(assessment);
  const std::string prefix = "INFLUENCE_ASSESSMENT_";
  return name.rfind(prefix, 0) == 0 ? name.substr(prefix.size()) : name;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s DATA_DIR SCENARIO.ndjson\n", argv[0]);
    return 1;
  }
  const std::string data_dir = argv[1];
  std::error_code made;
  std::filesystem::create_directories(data_dir, made);
  if (made) return Fail("creating " + data_dir, absl::InternalError(made.message()));
  store::StoreOptions options;
  options.path = data_dir + "/log";
  auto opened = store::EventStore::Open(options);
  if (!opened.ok()) return Fail("opening the store", opened.status());
  store::EventStore& store = **opened;
  domain::CommandHandler handler(store, *SystemClock::Default());
  auto commands = domain::LoadScenarioFile(argv[2]);
  if (!commands.ok()) return Fail("reading the scenario", commands.status());

  std::printf("Kumppani demo (data directory %s)\n\n", data_dir.c_str());
  auto first = Import(handler, *commands);
  if (!first.ok()) return Fail("importing", first.status());
  std::printf("1. Imported %zu commands from %s: %llu events in the log.\n", commands->size(),
              argv[2], static_cast<unsigned long long>(store.HeadPosition().value()));
  auto second = Import(handler, *commands);
  if (!second.ok()) return Fail("re-importing", second.status());
  std::printf("2. Imported the same file again: %d commands appended, head still %llu.\n\n",
              *second, static_cast<unsigned long long>(store.HeadPosition().value()));

  auto decision_events = store.ReadStream(kDecisionStream, StreamVersion(1),
                                          store::Direction::kForward, 100);
  if (!decision_events.ok() || decision_events->empty()) {
    return Fail("reading the decision", decision_events.status());
  }
  const store::EventEnvelope& recorded = decision_events->front();
  auto event = domain::DecodeEvent(recorded);
  if (!event.ok() || !event->has_decision_recorded()) return Fail("decoding the decision", event.status());
  const v1::DecisionRecorded& decision = event->decision_recorded();
  std::printf("3. %s\n   %s, %04d-%02d-%02d, %s (position %llu)\n   Inputs it considered:\n",
              Text(decision.title()).c_str(), decision.body_id().c_str(),
              decision.decided_on().year(), decision.decided_on().month(),
              decision.decided_on().day(), decision.section().c_str(),
              static_cast<unsigned long long>(recorded.position()));
  for (const v1::ConsideredInput& input : decision.considered_inputs()) {
    std::printf("   - %-58s %-16s %s\n", input.input_id().c_str(),
                Assessment(input.assessment()).c_str(), Text(input.rationale()).c_str());
  }

  auto verified = audit::VerifyLog(store);
  if (!verified.ok()) return Fail("verifying the log", verified.status());
  std::printf("\n4. Verified all %llu events: every leaf re-hashed, root %s.\n",
              static_cast<unsigned long long>(verified->tree_size), HashToHex(verified->root).c_str());

  auto key = audit::LoadOrCreateCheckpointKey(data_dir + "/checkpoint-key.pem");
  if (!key.ok()) return Fail("loading the checkpoint key", key.status());
  audit::Checkpointer checkpointer(store, *std::move(key), "kumppani.demo/log",
                                   *SystemClock::Default());
  auto checkpoint = checkpointer.Checkpoint();
  if (!checkpoint.ok()) return Fail("making a checkpoint", checkpoint.status());
  std::printf("\n5. Signed checkpoint (verifier key %s):\n\n%s\n",
              checkpointer.verifier_key().c_str(), checkpoint->note.c_str());

  auto vkey = audit::ParseVerifierKey(checkpointer.verifier_key());
  auto trusted = vkey.ok() ? audit::VerifyCheckpoint(checkpoint->note, *vkey)
                           : absl::StatusOr<audit::Checkpoint>(vkey.status());
  if (!trusted.ok()) return Fail("verifying the checkpoint", trusted.status());
  auto proof = store.InclusionProof(Position(recorded.position()), trusted->tree_size);
  if (!proof.ok()) return Fail("proving inclusion", proof.status());
  absl::Status included =
      audit::VerifyInclusion(recorded.position() - 1, trusted->tree_size,
                             audit::LeafHash(store::CanonicalBytes(recorded)), *proof,
                             trusted->root_hash);
  std::printf("6. Inclusion of the decision (position %llu) in the checkpoint: %zu hashes, %s.\n",
              static_cast<unsigned long long>(recorded.position()), proof->size(),
              included.ok() ? "verified" : included.ToString().c_str());
  return included.ok() ? 0 : 1;
}
