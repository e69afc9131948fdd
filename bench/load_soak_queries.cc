// load_soak's query clients: each call a random one of the read-model
// queries, audit queries and ledger reads, on ids the writers have had
// acknowledged, with its answer sanity-checked (the id asked for, a read
// position, positions and versions in order; a GetEvent's inclusion proof
// verified against the latest signed checkpoint).
#include <algorithm>
#include <chrono>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "bench/load_soak_client.h"
#include "bench/load_soak_run.h"
#include "kumppani/v1/audit_service.grpc.pb.h"
#include "kumppani/v1/ledger_service.grpc.pb.h"
#include "kumppani/v1/participation_service.grpc.pb.h"
#include "kumppani/v1/registry_service.grpc.pb.h"
#include "ledger/audit/checkpoint.h"
#include "ledger/audit/proof_verify.h"
#include "ledger/audit/signed_note.h"

namespace kumppani::bench {
namespace {

// A query client's stubs and the checkpoint it trusts.
struct Querier {
  RunState& run;
  Tally& tally;
  std::mt19937_64 random;
  std::unique_ptr<v1::RegistryService::Stub> registry_service;
  std::unique_ptr<v1::ParticipationService::Stub> participation_service;
  std::unique_ptr<v1::AuditService::Stub> audit_service;
  std::unique_ptr<v1::LedgerService::Stub> ledger_service;
  std::optional<audit::Checkpoint> checkpoint;  // verified
  int proofs_since_refresh = 0;

  // Times `call(context)`; an OK answer must then pass `check` (which
  // returns what is wrong, or "").
  template <typename CallFn, typename CheckFn>
  void Timed(const std::string& op, CallFn call, CheckFn check) {
    grpc::ClientContext context;
    PrepareContext(context, run.tokens.recorder);
    const auto start = std::chrono::steady_clock::now();
    const grpc::Status status = call(context);
    const double micros = MicrosSince(start);
    if (!status.ok()) {
      tally.Error(op, CodeName(status.error_code()), status.error_message());
    } else if (std::string wrong = check(); !wrong.empty()) {
      tally.Error(op, "WRONG_ANSWER", wrong);
    } else {
      tally.Ok(op, micros);
    }
  }

  static std::string NeedsPosition(uint64_t read_position) {
    return read_position == 0 ? "read_position 0" : "";
  }

  void Roster(const std::string& body) {
    v1::GetBodyRosterRequest request;
    request.set_body_id(body);
    v1::GetBodyRosterResponse response;
    Timed(
        "RegistryService.GetBodyRoster",
        [&](grpc::ClientContext& c) {
          return registry_service->GetBodyRoster(&c, request, &response);
        },
        [&] {
          return response.roster().body_id() == body
                     ? NeedsPosition(response.read_position())
                     : "the roster of " + response.roster().body_id();
        });
  }

  void Organisation(const std::string& org) {
    v1::GetOrganisationRequest request;
    request.set_organisation_id(org);
    v1::GetOrganisationResponse response;
    Timed(
        "RegistryService.GetOrganisation",
        [&](grpc::ClientContext& c) {
          return registry_service->GetOrganisation(&c, request, &response);
        },
        [&] { return NeedsPosition(response.read_position()); });
  }

  void Decision(const std::string& decision) {
    v1::GetDecisionRequest request;
    request.set_decision_id(decision);
    v1::GetDecisionResponse response;
    Timed(
        "ParticipationService.GetDecision",
        [&](grpc::ClientContext& c) {
          return participation_service->GetDecision(&c, request, &response);
        },
        [&] {
          return response.decision().decision_id() == decision
                     ? NeedsPosition(response.read_position())
                     : "decision " + response.decision().decision_id();
        });
  }

  void Consultation(const std::string& consultation) {
    v1::GetConsultationRequest request;
    request.set_consultation_id(consultation);
    v1::GetConsultationResponse response;
    Timed(
        "ParticipationService.GetConsultation",
        [&](grpc::ClientContext& c) {
          return participation_service->GetConsultation(&c, request, &response);
        },
        [&] { return NeedsPosition(response.read_position()); });
  }

  void Trail(const std::string& decision) {
    v1::GetInfluenceTrailRequest request;
    request.set_decision_id(decision);
    v1::GetInfluenceTrailResponse response;
    Timed(
        "AuditService.GetInfluenceTrail",
        [&](grpc::ClientContext& c) {
          return audit_service->GetInfluenceTrail(&c, request, &response);
        },
        [&] { return NeedsPosition(response.read_position()); });
  }

  void ReadStream(const std::string& stream) {
    v1::ReadStreamRequest request;
    request.set_stream_id(stream);
    request.set_page_size(100);
    v1::ReadStreamResponse response;
    Timed(
        "LedgerService.ReadStream",
        [&](grpc::ClientContext& c) { return ledger_service->ReadStream(&c, request, &response); },
        [&]() -> std::string {
          if (response.events().empty()) return stream + ": no events";
          for (int i = 0; i < response.events_size(); ++i) {
            if (response.events(i).stream_version() != static_cast<uint64_t>(i) + 1) {
              return absl::StrCat(stream, ": version ", response.events(i).stream_version(),
                                  " at index ", i);
            }
          }
          return "";
        });
  }

  void ReadAll(uint64_t head) {
    v1::ReadAllRequest request;
    const uint64_t from = 1 + random() % std::max<uint64_t>(head, 1);
    request.set_from_position(from);
    request.set_page_size(100);
    v1::ReadAllResponse response;
    Timed(
        "LedgerService.ReadAll",
        [&](grpc::ClientContext& c) { return ledger_service->ReadAll(&c, request, &response); },
        [&]() -> std::string {
          for (int i = 0; i < response.events_size(); ++i) {
            if (response.events(i).position() != from + static_cast<uint64_t>(i)) {
              return absl::StrCat("position ", response.events(i).position(), " where ",
                                  from + static_cast<uint64_t>(i), " was due");
            }
          }
          return "";
        });
  }

  // GetLatestCheckpoint, its signature verified with the server's verifier
  // key. NOT_FOUND is the intended answer until the first checkpoint.
  void RefreshCheckpoint() {
    proofs_since_refresh = 0;
    v1::SignedCheckpoint response;
    grpc::ClientContext context;
    PrepareContext(context, run.tokens.recorder);
    const auto start = std::chrono::steady_clock::now();
    const grpc::Status status = ledger_service->GetLatestCheckpoint(&context, {}, &response);
    const double micros = MicrosSince(start);
    const std::string op = "LedgerService.GetLatestCheckpoint";
    if (status.error_code() == grpc::StatusCode::NOT_FOUND && !checkpoint.has_value()) {
      tally.Ok(op, micros);
      return;
    }
    if (!status.ok()) {
      tally.Error(op, CodeName(status.error_code()), status.error_message());
      return;
    }
    absl::StatusOr<audit::VerifierKey> key = audit::ParseVerifierKey(response.verifier_key());
    absl::StatusOr<audit::Checkpoint> verified =
        key.ok() ? audit::VerifyCheckpoint(response.note(), *key) : key.status();
    if (!verified.ok() || verified->tree_size != response.tree_size()) {
      tally.Error(op, "WRONG_ANSWER",
                  absl::StrCat("checkpoint does not verify: ", verified.status().ToString()));
      return;
    }
    tally.Ok(op, micros);
    checkpoint = *verified;
  }

  // GetEvent in the checkpoint's tree (at the head while there is none),
  // its leaf hash and, with a checkpoint, its inclusion proof verified.
  void Event(uint64_t head) {
    if (!checkpoint.has_value() || ++proofs_since_refresh >= 50) RefreshCheckpoint();
    const uint64_t size = checkpoint.has_value() ? checkpoint->tree_size : head;
    if (size == 0) return;
    v1::GetEventRequest request;
    request.set_position(1 + random() % size);
    request.set_tree_size(checkpoint.has_value() ? size : 0);
    v1::EventWithProof response;
    Timed(
        "LedgerService.GetEvent (proof verified)",
        [&](grpc::ClientContext& c) { return ledger_service->GetEvent(&c, request, &response); },
        [&]() -> std::string {
          if (response.event().position() != request.position()) {
            return absl::StrCat("event at ", response.event().position(), " for position ",
                                request.position());
          }
          const Hash leaf = audit::LeafHash(response.event_bytes());
          if (response.leaf_hash() != HashBytes(leaf)) return "leaf hash differs from the bytes'";
          if (!checkpoint.has_value()) return "";
          std::vector<Hash> proof;
          for (const std::string& bytes : response.inclusion_proof()) {
            absl::StatusOr<Hash> hash = HashFromBytes(bytes, "inclusion_proof");
            if (!hash.ok()) return std::string(hash.status().message());
            proof.push_back(*hash);
          }
          absl::Status verified = audit::VerifyInclusion(request.position() - 1, size, leaf, proof,
                                                         checkpoint->root_hash);
          return verified.ok()
                     ? ""
                     : absl::StrCat("position ", request.position(), ": ", verified.ToString());
        });
  }

  void Once() {
    const uint64_t head = run.acks.max_position();
    std::optional<std::string> id;
    switch (random() % 9) {
      case 0:
        if ((id = run.catalogue.Pick(Kind::kBody, random))) return Roster(*id);
        break;
      case 1:
        if ((id = run.catalogue.Pick(Kind::kOrganisation, random))) return Organisation(*id);
        break;
      case 2:
        if ((id = run.catalogue.Pick(Kind::kDecision, random))) return Decision(*id);
        break;
      case 3:
        if ((id = run.catalogue.Pick(Kind::kConsultation, random))) return Consultation(*id);
        break;
      case 4:
        if ((id = run.catalogue.Pick(Kind::kDecision, random))) return Trail(*id);
        break;
      case 5:
        if (head > 0) return Event(head);
        break;
      case 6:
        if ((id = run.catalogue.Pick(Kind::kStream, random))) return ReadStream(*id);
        break;
      case 7:
        if ((id = run.catalogue.Pick(Kind::kOrganisation, random))) return ReadStream(*id);
        break;
      default:
        break;
    }
    ReadAll(head);
  }
};

}  // namespace

void RunQueryClient(RunState& run, int client, Tally& tally) {
  absl::StatusOr<std::shared_ptr<grpc::Channel>> channel = NewChannel(run.address, 2000 + client);
  if (!channel.ok()) {
    tally.Error("connect", "UNAVAILABLE", std::string(channel.status().message()));
    return;
  }
  Querier querier{.run = run,
                  .tally = tally,
                  .random = std::mt19937_64(run.seed * 15485863 + static_cast<uint64_t>(client)),
                  .registry_service = v1::RegistryService::NewStub(*channel),
                  .participation_service = v1::ParticipationService::NewStub(*channel),
                  .audit_service = v1::AuditService::NewStub(*channel),
                  .ledger_service = v1::LedgerService::NewStub(*channel),
                  .checkpoint = std::nullopt,
                  .proofs_since_refresh = 0};
  while (!run.stop.load(std::memory_order_relaxed)) {
    querier.Once();
    if (run.think_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(run.think_ms));
  }
}

}  // namespace kumppani::bench
