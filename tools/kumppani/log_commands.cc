// `kumppani tail` (follow the log live, resuming after a dropped
// connection), `kumppani proof` (one event's inclusion in a signed
// checkpoint) and `kumppani verify` (the whole log against a signed
// checkpoint), all verified locally with ledger/audit's code.
#include <chrono>
#include <fstream>
#include <memory>
#include <thread>

#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/dynamic_message.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/time_util.h"
#include "kumppani/v1/ledger_service.grpc.pb.h"
#include "ledger/audit/compact_range.h"
#include "ledger/audit/proof_verify.h"
#include "tools/kumppani/commands.h"
#include "tools/kumppani/deterministic_bytes.h"
#include "tools/kumppani/output.h"
#include "tools/kumppani/trusted_checkpoint.h"

namespace kumppani::cli {
namespace {

using google::protobuf::util::TimeUtil;

std::string Json(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(message, &json, options);
  return json;
}

// The event's payload as JSON when its type is a kumppani.v1 message, else
// null.
std::string PayloadJson(const v1::EventEnvelope& event) {
  const google::protobuf::Descriptor* type =
      google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName("kumppani.v1." +
                                                                                event.event_type());
  if (type == nullptr) return "null";
  google::protobuf::DynamicMessageFactory factory;
  std::unique_ptr<google::protobuf::Message> payload(factory.GetPrototype(type)->New());
  if (!payload->ParseFromString(event.payload())) return "null";
  return Json(*payload);
}

void PrintEvent(Cli& cli, const v1::EventEnvelope& event) {
  switch (cli.options().output) {
    case OutputFormat::kJson: {
      v1::EventEnvelope envelope = event;
      envelope.clear_payload();
      cli.out() << "{\"envelope\":" << Json(envelope) << ",\"event\":" << PayloadJson(event)
                << "}\n";
      break;
    }
    case OutputFormat::kCsv:
      cli.out() << event.position() << "," << TimeUtil::ToString(event.recorded_at()) << ","
                << event.stream_id() << "," << event.stream_version() << "," << event.event_type()
                << "\n";
      break;
    case OutputFormat::kText:
      cli.out() << event.position() << "  " << TimeUtil::ToString(event.recorded_at()) << "  "
                << event.stream_id() << "@" << event.stream_version() << "  " << event.event_type()
                << "\n";
      break;
  }
  cli.out().flush();
}

// ---------------------------------------------------------------- tail

struct TailArgs {
  uint64_t after = 0;
  bool from_head = false;
  std::string state_file;
  std::vector<std::string> stream_prefixes;
  std::vector<std::string> event_types;
  uint64_t count = 0;
  bool until_caught_up = false;
};

uint64_t ReadSavedPosition(const std::string& path) {
  std::ifstream in(path);
  uint64_t position = 0;
  if (in >> position) return position;
  return 0;
}

void SavePosition(const std::string& path, uint64_t position) {
  std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << position << "\n";
  }
  std::rename(temporary.c_str(), path.c_str());
}

bool Permanent(grpc::StatusCode code) {
  return code == grpc::StatusCode::INVALID_ARGUMENT ||
         code == grpc::StatusCode::PERMISSION_DENIED || code == grpc::StatusCode::UNAUTHENTICATED ||
         code == grpc::StatusCode::NOT_FOUND || code == grpc::StatusCode::UNIMPLEMENTED ||
         code == grpc::StatusCode::FAILED_PRECONDITION;
}

int RunTail(Cli& cli, const TailArgs& args) {
  if (args.from_head && (args.after > 0 || !args.state_file.empty())) {
    if (args.after > 0) return cli.UsageError("--from-head: not with --after");
  }
  auto channel = cli.Channel();
  if (!channel) return kExitUsage;
  auto ledger = v1::LedgerService::NewStub(channel);
  std::optional<uint64_t> last;  // the last event printed (or resumed after)
  if (!args.state_file.empty()) {
    if (uint64_t saved = ReadSavedPosition(args.state_file); saved > 0) last = saved;
  }
  if (args.after > 0) last = args.after;
  if (!last && !args.from_head) last = 0;
  uint64_t printed = 0;
  auto backoff = std::chrono::milliseconds(200);
  while (true) {
    v1::SubscribeRequest request;
    if (last) {
      request.set_after_position(*last);
    } else {
      request.mutable_after_head();
    }
    for (const std::string& prefix : args.stream_prefixes) request.add_stream_id_prefixes(prefix);
    for (const std::string& type : args.event_types) request.add_event_types(type);
    auto context = cli.NewContext(/*with_deadline=*/false);
    auto reader = ledger->Subscribe(context.get(), request);
    v1::SubscribeResponse response;
    bool done = false;
    while (!done && reader->Read(&response)) {
      backoff = std::chrono::milliseconds(200);
      if (response.has_heartbeat()) {
        const v1::SubscriptionHeartbeat& heartbeat = response.heartbeat();
        // Filtered-out events move the resume point too.
        if (!last || heartbeat.resume_after_position() > *last) {
          last = heartbeat.resume_after_position();
          if (!args.state_file.empty()) SavePosition(args.state_file, *last);
        }
        if (args.until_caught_up && heartbeat.caught_up()) done = true;
        continue;
      }
      PrintEvent(cli, response.event());
      last = response.event().position();
      if (!args.state_file.empty()) SavePosition(args.state_file, *last);
      if (args.count > 0 && ++printed >= args.count) done = true;
    }
    if (done) {
      context->TryCancel();
      (void)reader->Finish();
      return kExitOk;
    }
    grpc::Status status = reader->Finish();
    if (status.ok()) return kExitOk;  // the server ended the stream (shutdown)
    if (Permanent(status.error_code())) return cli.ServerError(status);
    cli.err() << "kumppani: connection lost (" << StatusCodeName(status.error_code()) << ": "
              << status.error_message() << "); resuming after position "
              << (last ? absl::StrCat(*last) : "head") << "\n";
    std::this_thread::sleep_for(backoff);
    backoff = std::min(backoff * 2, std::chrono::milliseconds(10000));
  }
}

// ---------------------------------------------------------------- proof

struct ProofArgs {
  uint64_t position = 0;
  TrustOptions trust;
};

std::string CheckpointSummary(const CheckedCheckpoint& checked) {
  return absl::StrCat(checked.checkpoint.origin, " size ", checked.checkpoint.tree_size, " root ",
                      HashToHex(checked.checkpoint.root_hash));
}

int SaveTrust(Cli& cli, const CheckedCheckpoint& checked) {
  if (absl::Status saved = SaveTrustedState(checked.trust_file, checked.state); !saved.ok()) {
    return cli.UsageError(std::string(saved.message()));
  }
  return kExitOk;
}

int RunProof(Cli& cli, const ProofArgs& args) {
  CheckResult check = CheckLatestCheckpoint(cli, args.trust);
  if (!check.checked) return check.exit_code;
  const CheckedCheckpoint& checked = *check.checked;
  if (args.position > checked.checkpoint.tree_size) {
    cli.err() << "kumppani: position " << args.position
              << " is after the latest signed checkpoint (" << checked.checkpoint.tree_size
              << " events); try again after the next checkpoint\n";
    return kExitServerError;
  }
  auto ledger = v1::LedgerService::NewStub(cli.Channel());
  v1::GetEventRequest request;
  request.set_position(args.position);
  request.set_tree_size(checked.checkpoint.tree_size);
  v1::EventWithProof answer;
  if (grpc::Status status = ledger->GetEvent(cli.NewContext().get(), request, &answer);
      !status.ok()) {
    return cli.ServerError(status);
  }
  // Trust nothing handed over: the leaf comes from the bytes, the root from
  // the signed checkpoint.
  Hash leaf = audit::LeafHash(answer.event_bytes());
  v1::EventEnvelope event;
  if (!event.ParseFromString(answer.event_bytes()) || event.position() != args.position) {
    return VerificationFailed(
        cli, absl::StrCat("position ", args.position, ": the event bytes are not that event"));
  }
  std::vector<Hash> path;
  for (const std::string& sibling : answer.inclusion_proof()) {
    auto hash = HashFromBytes(sibling, "inclusion_proof");
    if (!hash.ok()) return VerificationFailed(cli, std::string(hash.status().message()));
    path.push_back(*hash);
  }
  if (absl::Status included =
          audit::VerifyInclusion(args.position - 1, checked.checkpoint.tree_size, leaf, path,
                                 checked.checkpoint.root_hash);
      !included.ok()) {
    return VerificationFailed(
        cli,
        absl::StrCat("position ", args.position, ": not included in the signed tree of ",
                     checked.checkpoint.tree_size, " events: ", std::string(included.message())));
  }
  if (int saved = SaveTrust(cli, checked); saved != kExitOk) return saved;
  if (cli.options().output == OutputFormat::kJson) {
    v1::EventEnvelope envelope = event;
    envelope.clear_payload();
    cli.out() << "{\"verified\":true,\"position\":" << args.position << ",\"leaf_hash\":\""
              << HashToHex(leaf) << "\",\"checkpoint\":{\"origin\":\"" << checked.checkpoint.origin
              << "\",\"tree_size\":" << checked.checkpoint.tree_size << ",\"root_hash\":\""
              << HashToHex(checked.checkpoint.root_hash) << "\"},\"envelope\":" << Json(envelope)
              << ",\"event\":" << PayloadJson(event) << "}\n";
  } else {
    PrintEvent(cli, event);
    cli.out() << "verified: leaf " << HashToHex(leaf) << " is included in the signed checkpoint "
              << CheckpointSummary(checked) << " (" << path.size() << " proof hashes)\n";
  }
  return kExitOk;
}

// ---------------------------------------------------------------- verify

struct VerifyArgs {
  bool quick = false;
  TrustOptions trust;
};

// After a root mismatch: the first position whose event, re-hashed, is not
// proven by the server's inclusion proof against the signed root.
std::optional<uint64_t> FirstUnprovenPosition(Cli& cli, v1::LedgerService::Stub& ledger,
                                              const std::vector<Hash>& leaves,
                                              const audit::Checkpoint& checkpoint) {
  for (uint64_t position = 1; position <= leaves.size(); ++position) {
    v1::GetEventRequest request;
    request.set_position(position);
    request.set_tree_size(checkpoint.tree_size);
    v1::EventWithProof answer;
    if (!ledger.GetEvent(cli.NewContext().get(), request, &answer).ok()) return position;
    std::vector<Hash> path;
    for (const std::string& sibling : answer.inclusion_proof()) {
      auto hash = HashFromBytes(sibling, "inclusion_proof");
      if (!hash.ok()) return position;
      path.push_back(*hash);
    }
    if (!audit::VerifyInclusion(position - 1, checkpoint.tree_size, leaves[position - 1], path,
                                checkpoint.root_hash)
             .ok()) {
      return position;
    }
  }
  return std::nullopt;
}

int RunVerify(Cli& cli, const VerifyArgs& args) {
  CheckResult check = CheckLatestCheckpoint(cli, args.trust);
  if (!check.checked) return check.exit_code;
  const CheckedCheckpoint& checked = *check.checked;
  const audit::Checkpoint& checkpoint = checked.checkpoint;
  uint64_t rehashed = 0;
  if (!args.quick) {
    auto ledger = v1::LedgerService::NewStub(cli.Channel());
    audit::CompactRange range;
    std::vector<Hash> leaves;
    leaves.reserve(checkpoint.tree_size);
    while (range.size() < checkpoint.tree_size) {
      v1::ReadAllRequest request;
      request.set_from_position(range.size() + 1);
      request.set_page_size(1000);
      v1::ReadAllResponse page;
      if (grpc::Status status = ledger->ReadAll(cli.NewContext().get(), request, &page);
          !status.ok()) {
        return cli.ServerError(status);
      }
      if (page.events().empty()) {
        return VerificationFailed(
            cli, absl::StrCat("the server returned no events after position ", range.size(),
                              " but its signed checkpoint covers ", checkpoint.tree_size));
      }
      for (const v1::EventEnvelope& event : page.events()) {
        if (range.size() == checkpoint.tree_size) break;
        if (event.position() != range.size() + 1) {
          return VerificationFailed(
              cli, absl::StrCat("position ", range.size() + 1, ": missing (the server sent ",
                                event.position(),
                                " next); a reader token may not see every "
                                "event, verify with an auditor token"));
        }
        Hash leaf = audit::LeafHash(DeterministicBytes(event));
        range.Append(leaf);
        leaves.push_back(leaf);
      }
    }
    rehashed = range.size();
    if (range.Root() != checkpoint.root_hash) {
      std::optional<uint64_t> bad = FirstUnprovenPosition(cli, *ledger, leaves, checkpoint);
      return VerificationFailed(
          cli,
          absl::StrCat(bad ? absl::StrCat("position ", *bad,
                                          ": the event's content does not match the signed "
                                          "log; ")
                           : "",
                       "the root recomputed from the ", rehashed, " events (",
                       HashToHex(range.Root()), ") differs from the signed checkpoint's root (",
                       HashToHex(checkpoint.root_hash), ")"));
    }
  }
  if (int saved = SaveTrust(cli, checked); saved != kExitOk) return saved;
  if (cli.options().output == OutputFormat::kJson) {
    cli.out() << "{\"verified\":true,\"origin\":\"" << checkpoint.origin
              << "\",\"tree_size\":" << checkpoint.tree_size << ",\"root_hash\":\""
              << HashToHex(checkpoint.root_hash) << "\",\"consistent_with_trusted_size\":"
              << (checked.previous_size ? absl::StrCat(*checked.previous_size) : "null")
              << ",\"events_rehashed\":" << rehashed << ",\"trust_file\":\"" << checked.trust_file
              << "\"}\n";
    return kExitOk;
  }
  cli.out() << "verified: signed checkpoint " << CheckpointSummary(checked) << "\n";
  if (checked.previous_size) {
    cli.out() << "verified: consistent with the trusted checkpoint of " << *checked.previous_size
              << " events\n";
  } else {
    cli.out() << "first run: no trusted checkpoint to compare with yet\n";
  }
  if (!args.quick) {
    cli.out() << "verified: " << rehashed << " events re-hashed, the root matches\n";
  }
  cli.out() << "trusted checkpoint saved in " << checked.trust_file << "\n";
  return kExitOk;
}

void AddTrustOptions(CLI::App* app, TrustOptions& trust) {
  app->add_option("--trust-file", trust.trust_file,
                  "Where the last verified checkpoint is kept between runs (default: "
                  "$XDG_STATE_HOME/kumppani/trusted-<server>.checkpoint)");
  app->add_option("--verifier-key", trust.verifier_key,
                  "The log's verifier key as the operator published it (kumppanid logs it at "
                  "start); default: the trusted one, else the server's on first use")
      ->envname("KUMPPANI_VERIFIER_KEY");
}

}  // namespace

void RegisterLogCommands(Cli& cli) {
  auto tail = std::make_shared<TailArgs>();
  CLI::App* tail_app = cli.app().add_subcommand(
      "tail",
      "Follow the log live: print events as they are recorded, resuming after a "
      "dropped connection");
  tail_app->add_option("--after", tail->after,
                       "Start after this position (default: 0, the "
                       "whole log, or the saved position)");
  tail_app->add_flag("--from-head", tail->from_head, "Start at the head: only new events");
  tail_app->add_option("--state-file", tail->state_file,
                       "Keep the last position here and resume from it on the next run");
  tail_app->add_option("--stream-prefix", tail->stream_prefixes,
                       "Only streams starting with this (repeatable), e.g. consultation-");
  tail_app->add_option("--type", tail->event_types, "Only this event type (repeatable)");
  tail_app->add_option("--count", tail->count, "Stop after this many events");
  tail_app->add_flag("--until-caught-up", tail->until_caught_up,
                     "Stop once every event recorded so far was printed");
  tail_app->callback([&cli, tail] { cli.SetAction([&cli, tail] { return RunTail(cli, *tail); }); });

  auto proof = std::make_shared<ProofArgs>();
  CLI::App* proof_app = cli.app().add_subcommand(
      "proof",
      "Prove locally that the event at POSITION is in the log: verify the latest "
      "signed checkpoint (and its consistency with the trusted one), re-hash the "
      "event and check its inclusion proof");
  proof_app->add_option("position", proof->position, "The event's log position")
      ->required()
      ->check(CLI::PositiveNumber);
  AddTrustOptions(proof_app, proof->trust);
  proof_app->callback(
      [&cli, proof] { cli.SetAction([&cli, proof] { return RunProof(cli, *proof); }); });

  auto verify = std::make_shared<VerifyArgs>();
  CLI::App* verify_app = cli.app().add_subcommand(
      "verify",
      "Verify the log locally: the latest checkpoint's signature, its consistency "
      "with the checkpoint trusted on the last run, and the root recomputed from "
      "every event. Exit 3 names what does not check out");
  verify_app->add_flag("--quick", verify->quick,
                       "Skip re-hashing the events: signature and consistency only");
  AddTrustOptions(verify_app, verify->trust);
  verify_app->callback(
      [&cli, verify] { cli.SetAction([&cli, verify] { return RunVerify(cli, *verify); }); });
}

}  // namespace kumppani::cli
