// Makes the fuzz targets' seed corpora (corpus/<target>/) from a kumppanid
// that holds the demo scenario (make_seeds.sh starts one and runs this):
//   command       every scenario command, protobuf binary
//   command_file  the scenario file in chunks of 8 lines, and as a JSON array
//   envelope      every event of the log as served by ReadAll
//   proof         inclusion and consistency proofs of the log (made with the
//                 RFC 9162 reference of tests/testing) and the signed
//                 checkpoint with its verifier key
//   report        the annual reports of the regions and the decisions' trails
//   export        the Popolo, 360Giving and OCDS inputs, whole and by region
// File names are the SHA-256 of the contents, as libFuzzer names its own.
//
// Usage: fuzz_make_seeds SERVER SCENARIO_FILE CORPUS_DIR
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "google/protobuf/util/json_util.h"
#include "grpcpp/grpcpp.h"
#include "kumppani/v1/ledger_service.grpc.pb.h"
#include "ledger/common/hex.h"
#include "ledger/common/sha256.h"
#include "ledger/store/canonical_bytes.h"
#include "tests/fuzz/fuzz_inputs.pb.h"
#include "tests/testing/naive_merkle.h"
#include "tools/kumppani/command_file.h"
#include "tools/kumppani/export/gather.h"
#include "tools/kumppani/report/gather.h"

namespace kumppani::fuzz {
namespace {

namespace fs = std::filesystem;

class SeedWriter {
 public:
  explicit SeedWriter(fs::path root) : root_(std::move(root)) {}
  void Write(const std::string& target, const std::string& bytes) {
    fs::create_directories(root_ / target);
    std::string name;
    for (uint8_t byte : Sha256(bytes)) AppendHexByte(byte, name);
    std::ofstream(root_ / target / name.substr(0, 40), std::ios::binary) << bytes;
    ++written_[target];
  }
  void Report() const {
    for (const auto& [target, count] : written_) std::printf("%-13s %d seeds\n", target.c_str(), count);
  }

 private:
  fs::path root_;
  std::map<std::string, int> written_;
};

[[noreturn]] void Fail(const std::string& what, const grpc::Status& status) {
  std::fprintf(stderr, "%s: %s\n", what.c_str(), status.error_message().c_str());
  std::exit(1);
}

std::unique_ptr<grpc::ClientContext> NewContext() { return std::make_unique<grpc::ClientContext>(); }

void CommandSeeds(const std::string& scenario_path, SeedWriter& out) {
  std::ifstream file(scenario_path);
  std::stringstream text;
  text << file.rdbuf();
  auto commands = cli::ParseCommandFile(text.str(), scenario_path);
  if (!commands.ok()) Fail("scenario", grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, std::string(commands.status().message())));
  std::string array = "[\n";
  for (const cli::FileCommand& c : *commands) {
    out.Write("command", c.command.SerializeAsString());
    std::string json;
    (void)google::protobuf::util::MessageToJsonString(c.command, &json);
    array += (array.size() > 2 ? ",\n" : "") + json;
  }
  out.Write("command_file", array + "\n]\n");
  std::vector<std::string> lines;
  std::string line;
  std::istringstream all(text.str());
  while (std::getline(all, line)) lines.push_back(line);
  for (size_t at = 0; at < lines.size(); at += 8) {
    std::string chunk;
    for (size_t i = at; i < std::min(lines.size(), at + 8); ++i) chunk += lines[i] + "\n";
    out.Write("command_file", chunk);
  }
}

// Every event, in position order; writes each as an envelope seed.
std::vector<v1::EventEnvelope> EnvelopeSeeds(v1::LedgerService::Stub& ledger, SeedWriter& out) {
  std::vector<v1::EventEnvelope> events;
  for (uint64_t from = 1;;) {
    v1::ReadAllRequest request;
    request.set_from_position(from);
    request.set_page_size(500);
    v1::ReadAllResponse response;
    grpc::ClientContext context;
    grpc::Status status = ledger.ReadAll(&context, request, &response);
    if (!status.ok()) Fail("ReadAll", status);
    if (response.events().empty()) break;
    for (const v1::EventEnvelope& e : response.events()) {
      out.Write("envelope", e.SerializeAsString());
      events.push_back(e);
    }
    from = events.back().position() + 1;
  }
  return events;
}

std::string HashBytes(const Hash& hash) { return std::string(hash.begin(), hash.end()); }

void ProofSeeds(v1::LedgerService::Stub& ledger, const std::vector<v1::EventEnvelope>& events,
                SeedWriter& out) {
  std::vector<std::string> leaves;
  for (const v1::EventEnvelope& e : events) leaves.push_back(store::CanonicalBytes(e));
  testing::NaiveTree tree(leaves);
  const uint64_t n = leaves.size();
  for (uint64_t size : {uint64_t{1}, uint64_t{2}, uint64_t{7}, uint64_t{64}, n}) {
    for (uint64_t index : {uint64_t{0}, size / 2, size - 1}) {
      ProofInput input;
      InclusionInput& in = *input.mutable_inclusion();
      in.set_leaf_index(index);
      in.set_tree_size(size);
      in.set_leaf_hash(HashBytes(tree.Leaf(index)));
      std::vector<bool> left;
      for (const Hash& h : tree.Path(index, 0, size, &left)) in.add_proof(HashBytes(h));
      in.set_root(HashBytes(tree.Mth(0, size)));
      out.Write("proof", input.SerializeAsString());
    }
  }
  for (auto [old_size, new_size] : std::vector<std::pair<uint64_t, uint64_t>>{
           {1, 2}, {3, 7}, {4, 8}, {6, 64}, {64, n}, {n - 1, n}, {n, n}}) {
    ProofInput input;
    ConsistencyInput& in = *input.mutable_consistency();
    in.set_old_size(old_size);
    in.set_new_size(new_size);
    in.set_old_root(HashBytes(tree.Mth(0, old_size)));
    in.set_new_root(HashBytes(tree.Mth(0, new_size)));
    std::vector<bool> both;
    for (const Hash& h : tree.Proof(old_size, new_size, &both)) in.add_proof(HashBytes(h));
    out.Write("proof", input.SerializeAsString());
  }
  v1::SignedCheckpoint checkpoint;
  grpc::ClientContext context;
  grpc::Status status = ledger.GetLatestCheckpoint(&context, v1::GetLatestCheckpointRequest(), &checkpoint);
  if (!status.ok()) Fail("GetLatestCheckpoint", status);
  ProofInput input;
  input.mutable_note()->set_note(checkpoint.note());
  input.mutable_note()->set_verifier_key(checkpoint.verifier_key());
  out.Write("proof", input.SerializeAsString());
}

template <typename T>
void AddAll(const std::vector<T>& from, google::protobuf::RepeatedPtrField<T>& to) {
  for (const T& item : from) *to.Add() = item;
}

void SetProvenance(const report::Provenance& p, ViewsInput& in) {
  in.set_position(p.position);
  in.set_position_source(static_cast<int>(p.source));
  in.set_given_time(p.given_time);
  *in.mutable_as_of() = p.as_of;
  in.set_checkpoint_state(static_cast<int>(p.checkpoint));
  in.set_checkpoint_origin(p.checkpoint_origin);
  in.set_checkpoint_tree_size(p.checkpoint_tree_size);
  in.set_checkpoint_root_hash(p.checkpoint_root_hash);
  in.set_checkpoint_signer(p.checkpoint_signer);
  in.set_rebuild_command("kumppani report");
}

void ReportSeeds(const std::shared_ptr<grpc::Channel>& channel, SeedWriter& out) {
  const std::vector<std::pair<std::string, int>> regions = {
      {"org-paijat-hame-hva", 2022}, {"org-keski-suomen-hva", 2019},
      {"org-ita-uusimaa-hva", 2023}, {"org-helsinki", 2023}};
  for (const auto& [region, year] : regions) {
    report::ReportClient client(channel, NewContext);
    report::AnnualReportData data;
    grpc::Status status = client.GatherAnnual(region, year, report::ReadPoint(), data);
    if (!status.ok()) Fail("annual report of " + region, status);
    ViewsInput in;
    SetProvenance(data.provenance, in);
    in.set_year(data.year);
    *in.mutable_region() = data.region;
    AddAll(data.organisations, *in.mutable_organisations());
    AddAll(data.bodies, *in.mutable_bodies());
    AddAll(data.memberships, *in.mutable_memberships());
    AddAll(data.consultations, *in.mutable_consultations());
    AddAll(data.decisions, *in.mutable_decisions());
    AddAll(data.grants, *in.mutable_grants());
    *in.mutable_grant_totals() = data.grant_totals;
    AddAll(data.programmes, *in.mutable_programmes());
    AddAll(data.unassessed_submissions, *in.mutable_unassessed_submissions());
    AddAll(data.uninformed_inputs, *in.mutable_uninformed_inputs());
    *in.mutable_coverage() = data.coverage;
    out.Write("report", in.SerializeAsString());
  }
  for (const char* decision : {"decision-ks-kp-jatko-2019-03-22",
                               "decision-ph-ah-jarjestoneuvottelukunta-2022-08",
                               "decision-ph-av-strategia-2022-06"}) {
    report::ReportClient client(channel, NewContext);
    report::TrailReportData data;
    grpc::Status status = client.GatherTrail(decision, report::ReadPoint(), data);
    if (!status.ok()) Fail(std::string("trail of ") + decision, status);
    ViewsInput in;
    SetProvenance(data.provenance, in);
    *in.mutable_trail() = data.trail;
    *in.mutable_decision() = data.decision;
    AddAll(data.organisations, *in.mutable_organisations());
    AddAll(data.bodies, *in.mutable_bodies());
    out.Write("report", in.SerializeAsString());
  }
}

void ExportSeeds(const std::shared_ptr<grpc::Channel>& channel, SeedWriter& out) {
  for (const char* region : {"", "org-paijat-hame-hva", "org-helsinki", "org-keski-suomen-hva"}) {
    cli::ExportGatherer gatherer(channel, NewContext);
    cli::ExportSelection selection;
    selection.region = region;
    exports::PopoloInput popolo;
    exports::GrantsInput grants;
    exports::OcdsInput ocds;
    exports::ReadPoint point;
    grpc::Status status = gatherer.GatherPopolo(selection, popolo, point);
    if (status.ok()) status = cli::ExportGatherer(channel, NewContext).GatherGrants(selection, grants, point);
    if (status.ok()) status = cli::ExportGatherer(channel, NewContext).GatherOcds(selection, ocds, point);
    if (!status.ok()) Fail(std::string("export of '") + region + "'", status);
    ViewsInput in;
    in.set_position(point.position);
    *in.mutable_recorded_at() = point.recorded_at;
    in.set_region_organisation_id(point.region_organisation_id);
    AddAll(popolo.organisations, *in.mutable_organisations());
    AddAll(popolo.bodies, *in.mutable_bodies());
    AddAll(popolo.memberships, *in.mutable_memberships());
    AddAll(popolo.meetings, *in.mutable_meetings());
    AddAll(ocds.consultations, *in.mutable_consultations());
    AddAll(grants.grants, *in.mutable_grants());
    AddAll(grants.programmes, *in.mutable_programmes());
    out.Write("export", in.SerializeAsString());
  }
}

}  // namespace
}  // namespace kumppani::fuzz

int main(int argc, char** argv) {
  using namespace kumppani::fuzz;  // NOLINT(build/namespaces)
  if (argc != 4) {
    std::fprintf(stderr, "usage: fuzz_make_seeds SERVER SCENARIO_FILE CORPUS_DIR\n");
    return 1;
  }
  auto channel = grpc::CreateChannel(argv[1], grpc::InsecureChannelCredentials());
  auto ledger = kumppani::v1::LedgerService::NewStub(channel);
  SeedWriter out(argv[3]);
  CommandSeeds(argv[2], out);
  std::vector<kumppani::v1::EventEnvelope> events = EnvelopeSeeds(*ledger, out);
  ProofSeeds(*ledger, events, out);
  ReportSeeds(channel, out);
  ExportSeeds(channel, out);
  out.Report();
  return 0;
}
