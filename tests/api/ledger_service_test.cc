// LedgerService through an in-process gRPC channel on a temporary store:
// every RPC's success and error paths, roles, proofs that verify with the
// client-side verifier, and subscriptions (catch-up, live, resume, filters,
// heartbeats, limits, shutdown).
#include "api/ledger_service.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "kumppani/v1/events.pb.h"
#include "kumppani/v1/ledger_service.grpc.pb.h"
#include "ledger/audit/checkpoint.h"
#include "ledger/audit/checkpointer.h"
#include "ledger/audit/proof_verify.h"
#include "ledger/audit/signed_note.h"
#include "tests/api/fake_authenticator.h"
#include "tests/testing/events.h"
#include "tests/testing/temp_dir.h"

namespace kumppani::api {
namespace {

using ::kumppani::api::testing::Context;
using ::kumppani::api::testing::FakeAuthenticator;
using ::kumppani::api::testing::kAdmin;
using ::kumppani::api::testing::kAuditor;
using ::kumppani::api::testing::kNgo;
using ::kumppani::api::testing::kPublic;
using ::kumppani::api::testing::kPublic2;
using ::kumppani::api::testing::kRecorder;
using ::kumppani::testing::MakeEvent;
using ::testing::HasSubstr;
using ::testing::StartsWith;

v1::AppendEventsRequest AnyAppend(const std::string& stream,
                                  std::vector<store::EventEnvelope> events) {
  v1::AppendEventsRequest request;
  request.set_stream_id(stream);
  request.mutable_any();
  for (auto& event : events) *request.add_events() = std::move(event);
  return request;
}

Hash ToHash(const std::string& bytes) { return *HashFromBytes(bytes, "hash"); }

std::vector<Hash> ToHashes(const google::protobuf::RepeatedPtrField<std::string>& list) {
  std::vector<Hash> hashes;
  for (const std::string& bytes : list) hashes.push_back(ToHash(bytes));
  return hashes;
}

// A Subscribe call in progress.
struct Subscription {
  std::unique_ptr<grpc::ClientContext> context;
  std::unique_ptr<grpc::ClientReader<v1::SubscribeResponse>> reader;

  // The positions of the next `n` events, skipping heartbeats.
  std::vector<uint64_t> NextPositions(size_t n) {
    std::vector<uint64_t> positions;
    v1::SubscribeResponse message;
    while (positions.size() < n && reader->Read(&message)) {
      if (message.has_event()) positions.push_back(message.event().position());
    }
    EXPECT_EQ(positions.size(), n) << "the subscription ended early";
    return positions;
  }
  // The events up to the first caught-up heartbeat, which is returned too.
  std::vector<store::EventEnvelope> UntilCaughtUp(v1::SubscriptionHeartbeat* caught_up = nullptr) {
    std::vector<store::EventEnvelope> events;
    v1::SubscribeResponse message;
    while (reader->Read(&message)) {
      if (message.has_event()) {
        events.push_back(message.event());
      } else if (message.heartbeat().caught_up()) {
        if (caught_up != nullptr) *caught_up = message.heartbeat();
        return events;
      }
    }
    ADD_FAILURE() << "the subscription ended before catching up";
    return events;
  }
  // Ends the call and returns its status (after the server finished it).
  grpc::Status Finish() {
    v1::SubscribeResponse message;
    while (reader->Read(&message)) {
    }
    return reader->Finish();
  }
};

std::vector<uint64_t> Positions(const std::vector<store::EventEnvelope>& events) {
  std::vector<uint64_t> positions;
  for (const auto& event : events) positions.push_back(event.position());
  return positions;
}

std::vector<uint64_t> Range(uint64_t first, uint64_t last) {
  std::vector<uint64_t> range;
  for (uint64_t p = first; p <= last; ++p) range.push_back(p);
  return range;
}

class LedgerServiceTest : public ::testing::Test {
 protected:
  LedgerServiceTest() {
    store::StoreOptions options;
    options.path = dir_.Sub("db");
    store_ = *store::EventStore::Open(options);
    StartServer(LedgerServiceOptions{});
  }
  ~LedgerServiceTest() override { StopServer(); }

  void StartServer(LedgerServiceOptions options) {
    service_ = std::make_unique<LedgerService>(*store_, authenticator_, std::move(options));
    grpc::ServerBuilder builder;
    builder.RegisterService(service_.get());
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    stub_ = v1::LedgerService::NewStub(server_->InProcessChannel(grpc::ChannelArguments()));
  }
  void StopServer() {
    if (service_) service_->Shutdown();
    if (server_) {
      server_->Shutdown();
      server_->Wait();
    }
    stub_.reset();
    server_.reset();
    service_.reset();
  }
  void RestartServer(LedgerServiceOptions options) {
    StopServer();
    StartServer(std::move(options));
  }

  grpc::Status Append(const std::string& token, const v1::AppendEventsRequest& request,
                      v1::AppendEventsResponse* response = nullptr) {
    v1::AppendEventsResponse ignored;
    return stub_->AppendEvents(Context(token).get(), request, response ? response : &ignored);
  }
  // Appends `n` events of `type` to `stream`, one append each.
  void AppendMany(const std::string& stream, int n, const std::string& type = "Noted") {
    for (int i = 0; i < n; ++i) {
      grpc::Status status = Append(kAdmin, AnyAppend(stream, {MakeEvent(type, "x")}));
      ASSERT_TRUE(status.ok()) << status.error_message();
    }
  }
  Subscription Subscribe(const std::string& token, const v1::SubscribeRequest& request) {
    Subscription subscription;
    subscription.context = Context(token);
    subscription.reader = stub_->Subscribe(subscription.context.get(), request);
    return subscription;
  }
  v1::SubscribeRequest After(uint64_t position) {
    v1::SubscribeRequest request;
    request.set_after_position(position);
    return request;
  }
  void WaitForSubscriptions(size_t n) {
    for (int i = 0; i < 1000 && service_->active_subscriptions() != n; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ASSERT_EQ(service_->active_subscriptions(), n);
  }

  kumppani::testing::TempDir dir_;
  FakeAuthenticator authenticator_;
  std::unique_ptr<store::EventStore> store_;
  std::unique_ptr<LedgerService> service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<v1::LedgerService::Stub> stub_;
};

// ---------------------------------------------------------------- append

TEST_F(LedgerServiceTest, AppendReturnsPositionsVersionAndIds) {
  EventId first = EventId::Random();
  EventId second = EventId::Random();
  v1::AppendEventsResponse response;
  ASSERT_TRUE(Append(kAdmin,
                     AnyAppend("org-1", {MakeEvent("A", "1", first), MakeEvent("B", "2", second)}),
                     &response)
                  .ok());
  EXPECT_EQ(response.first_position(), 1u);
  EXPECT_EQ(response.last_position(), 2u);
  EXPECT_EQ(response.stream_version(), 2u);
  ASSERT_EQ(response.event_ids_size(), 2);
  EXPECT_EQ(response.event_ids(0), first.bytes());
  EXPECT_EQ(response.event_ids(1), second.bytes());
  EXPECT_FALSE(response.replayed());

  // An event without an id gets one from the server.
  store::EventEnvelope anonymous = MakeEvent("C", "3");
  anonymous.clear_event_id();
  ASSERT_TRUE(Append(kAdmin, AnyAppend("org-1", {anonymous}), &response).ok());
  EXPECT_EQ(response.first_position(), 3u);
  ASSERT_EQ(response.event_ids_size(), 1);
  EXPECT_TRUE(EventId::FromBytes(response.event_ids(0), "id").ok());
}

TEST_F(LedgerServiceTest, AppendHonoursEachExpectedVersionKind) {
  v1::AppendEventsRequest request = AnyAppend("org-1", {MakeEvent("A", "1")});
  request.mutable_no_stream();
  ASSERT_TRUE(Append(kAdmin, request).ok());

  request = AnyAppend("org-1", {MakeEvent("A", "2")});
  request.mutable_no_stream();
  grpc::Status status = Append(kAdmin, request);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(status.error_message(), "stream \"org-1\": expected no stream, actual version 1");

  request = AnyAppend("org-2", {MakeEvent("A", "3")});
  request.mutable_stream_exists();
  status = Append(kAdmin, request);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(status.error_message(), "stream \"org-2\": expected stream exists, actual no stream");

  request = AnyAppend("org-1", {MakeEvent("A", "4")});
  request.mutable_stream_exists();
  ASSERT_TRUE(Append(kAdmin, request).ok());

  request = AnyAppend("org-1", {MakeEvent("A", "5")});
  request.set_exact(2);
  v1::AppendEventsResponse response;
  ASSERT_TRUE(Append(kAdmin, request, &response).ok());
  EXPECT_EQ(response.stream_version(), 3u);

  request = AnyAppend("org-1", {MakeEvent("A", "6")});
  request.set_exact(1);
  status = Append(kAdmin, request);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(status.error_message(), "stream \"org-1\": expected version 1, actual version 3");

  ASSERT_TRUE(Append(kAdmin, AnyAppend("org-1", {MakeEvent("A", "7")}), &response).ok());
  EXPECT_EQ(response.stream_version(), 4u);
  // Nothing was appended by the conflicts.
  EXPECT_EQ(store_->HeadPosition(), Position(4));
}

TEST_F(LedgerServiceTest, RetryReturnsTheSamePositionsReplayed) {
  v1::AppendEventsRequest request = AnyAppend("org-1", {MakeEvent("A", "1"), MakeEvent("A", "2")});
  request.set_exact(0);
  v1::AppendEventsResponse first;
  v1::AppendEventsResponse retry;
  ASSERT_TRUE(Append(kAdmin, request, &first).ok());
  ASSERT_TRUE(Append(kAdmin, request, &retry).ok());
  EXPECT_FALSE(first.replayed());
  EXPECT_TRUE(retry.replayed());
  EXPECT_EQ(retry.first_position(), first.first_position());
  EXPECT_EQ(retry.last_position(), first.last_position());
  EXPECT_EQ(retry.stream_version(), first.stream_version());
  EXPECT_EQ(retry.event_ids(0), first.event_ids(0));
  EXPECT_EQ(store_->HeadPosition(), Position(2));
}

TEST_F(LedgerServiceTest, ReusedIdWithOtherContentIsAlreadyExists) {
  EventId id = EventId::Random();
  ASSERT_TRUE(Append(kAdmin, AnyAppend("org-1", {MakeEvent("A", "one", id)})).ok());
  grpc::Status status = Append(kAdmin, AnyAppend("org-1", {MakeEvent("A", "two", id)}));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_THAT(status.error_message(), StartsWith("events[0].event_id: event " + id.ToString()));
  EXPECT_EQ(store_->HeadPosition(), Position(1));
}

TEST_F(LedgerServiceTest, MalformedAppendIsInvalidArgumentNamingTheField) {
  v1::AppendEventsRequest request = AnyAppend("org-1", {MakeEvent("A", "1")});
  request.clear_expected_version();
  grpc::Status status = Append(kAdmin, request);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), StartsWith("expected_version: required"));

  request = AnyAppend("org-1", {MakeEvent("A", "1"), MakeEvent("A", "2")});
  request.mutable_events(1)->set_position(7);
  status = Append(kAdmin, request);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), StartsWith("events[1].position"));

  status = Append(kAdmin, AnyAppend("Org 1", {MakeEvent("A", "1")}));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), StartsWith("stream_id"));

  status = Append(kAdmin, AnyAppend("org-1", {MakeEvent("not a type", "1")}));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), StartsWith("events[0].event_type"));
  EXPECT_EQ(store_->HeadPosition(), Position(0));
}

TEST_F(LedgerServiceTest, ActorIsRecordedFromTheToken) {
  store::EventEnvelope event = MakeEvent("A", "1");
  event.mutable_metadata()->set_actor("someone-else");
  event.mutable_metadata()->set_source_reference("diary 12/2024");
  ASSERT_TRUE(Append(kAdmin, AnyAppend("org-1", {event})).ok());
  auto stored = *store_->ReadAll(Position(1), 10);
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].metadata().actor(), "token:admin");
  EXPECT_EQ(stored[0].metadata().source_reference(), "diary 12/2024");
}

// ---------------------------------------------------------------- roles

// Raw appends bypass the domain's rules: regional systems (recorders) go
// through CommandService.
TEST_F(LedgerServiceTest, OnlyAdminMayAppendRawEvents) {
  for (const char* token : {kRecorder, kNgo, kAuditor, kPublic}) {
    grpc::Status status = Append(token, AnyAppend("org-1", {MakeEvent("A", "1")}));
    EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED) << token;
    EXPECT_THAT(status.error_message(), HasSubstr("AppendEvents")) << token;
  }
  EXPECT_EQ(store_->HeadPosition(), Position(0));
}

TEST_F(LedgerServiceTest, MissingOrUnknownTokenIsUnauthenticated) {
  EXPECT_EQ(Append("", AnyAppend("org-1", {MakeEvent("A", "1")})).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Append("forged", AnyAppend("org-1", {MakeEvent("A", "1")})).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  v1::ReadAllResponse response;
  EXPECT_EQ(stub_->ReadAll(Context("").get(), v1::ReadAllRequest(), &response).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  Subscription subscription = Subscribe("", After(0));
  EXPECT_EQ(subscription.Finish().error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(store_->HeadPosition(), Position(0));
}

TEST_F(LedgerServiceTest, PublicNeverReadsPersonStreams) {
  ASSERT_TRUE(Append(kAdmin, AnyAppend("org-1", {MakeEvent("A", "1")})).ok());
  ASSERT_TRUE(Append(kAdmin, AnyAppend("person-1", {MakeEvent("P", "2")})).ok());
  ASSERT_TRUE(Append(kAdmin, AnyAppend("org-1", {MakeEvent("A", "3")})).ok());

  v1::ReadStreamRequest read;
  read.set_stream_id("person-1");
  v1::ReadStreamResponse stream;
  grpc::Status status = stub_->ReadStream(Context(kPublic).get(), read, &stream);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(status.error_message(), StartsWith("stream_id: a public token may not read"));
  // Denied before existence is looked at: no probing for persons.
  read.set_stream_id("person-missing");
  EXPECT_EQ(stub_->ReadStream(Context(kPublic).get(), read, &stream).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // The ngo and the auditor may.
  read.set_stream_id("person-1");
  EXPECT_TRUE(stub_->ReadStream(Context(kNgo).get(), read, &stream).ok());
  EXPECT_TRUE(stub_->ReadStream(Context(kAuditor).get(), read, &stream).ok());

  v1::ReadAllResponse all;
  ASSERT_TRUE(stub_->ReadAll(Context(kPublic).get(), v1::ReadAllRequest(), &all).ok());
  EXPECT_EQ(Positions({all.events().begin(), all.events().end()}), (std::vector<uint64_t>{1, 3}));
  EXPECT_EQ(all.next_position(), 4u);
  ASSERT_TRUE(stub_->ReadAll(Context(kNgo).get(), v1::ReadAllRequest(), &all).ok());
  EXPECT_EQ(all.events_size(), 3);
}

TEST_F(LedgerServiceTest, ProofsAreForAdminRecorderAndAuditor) {
  ASSERT_TRUE(Append(kAdmin, AnyAppend("org-1", {MakeEvent("A", "1")})).ok());
  v1::GetEventRequest request;
  request.set_position(1);
  v1::EventWithProof response;
  for (const char* token : {kNgo, kPublic}) {
    EXPECT_EQ(stub_->GetEvent(Context(token).get(), request, &response).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
    v1::SignedCheckpoint checkpoint;
    EXPECT_EQ(stub_->GetLatestCheckpoint(Context(token).get(), {}, &checkpoint).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
    v1::ConsistencyProof proof;
    EXPECT_EQ(stub_->GetConsistencyProof(Context(token).get(), {}, &proof).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
  }
  for (const char* token : {kAdmin, kRecorder, kAuditor}) {
    EXPECT_TRUE(stub_->GetEvent(Context(token).get(), request, &response).ok()) << token;
  }
}

// ---------------------------------------------------------------- reads

TEST_F(LedgerServiceTest, ReadStreamPagesForwardAndBackward) {
  AppendMany("org-1", 5);
  AppendMany("org-2", 1);
  v1::ReadStreamRequest request;
  request.set_stream_id("org-1");
  request.set_page_size(2);
  v1::ReadStreamResponse response;
  std::vector<uint64_t> versions;
  for (int page = 0; page < 10; ++page) {
    response.Clear();
    ASSERT_TRUE(stub_->ReadStream(Context(kPublic).get(), request, &response).ok());
    for (const auto& event : response.events()) versions.push_back(event.stream_version());
    EXPECT_EQ(response.stream_version(), 5u);
    if (response.end_of_stream()) break;
    request.set_from_version(response.next_version());
  }
  EXPECT_EQ(versions, Range(1, 5));
  EXPECT_EQ(response.next_version(), 6u);  // where to poll for more

  request.set_direction(v1::READ_DIRECTION_BACKWARD);
  request.set_from_version(0);
  request.set_page_size(3);
  ASSERT_TRUE(stub_->ReadStream(Context(kPublic).get(), request, &response).ok());
  ASSERT_EQ(response.events_size(), 3);
  EXPECT_EQ(response.events(0).stream_version(), 5u);
  EXPECT_EQ(response.events(2).stream_version(), 3u);
  EXPECT_EQ(response.next_version(), 2u);
  EXPECT_FALSE(response.end_of_stream());
  request.set_from_version(response.next_version());
  ASSERT_TRUE(stub_->ReadStream(Context(kPublic).get(), request, &response).ok());
  ASSERT_EQ(response.events_size(), 2);
  EXPECT_EQ(response.events(1).stream_version(), 1u);
  EXPECT_TRUE(response.end_of_stream());
}

TEST_F(LedgerServiceTest, ReadStreamErrors) {
  v1::ReadStreamRequest request;
  v1::ReadStreamResponse response;
  request.set_stream_id("org-missing");
  grpc::Status status = stub_->ReadStream(Context(kAdmin).get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(status.error_message(), "stream_id: stream \"org-missing\" has no events");

  request.set_stream_id("");
  status = stub_->ReadStream(Context(kAdmin).get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), StartsWith("stream_id"));

  request.set_stream_id("org-1");
  request.set_page_size(-1);
  status = stub_->ReadStream(Context(kAdmin).get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "page_size: must not be negative, got -1");
}

TEST_F(LedgerServiceTest, ReadAllPagesAndCapsThePageSize) {
  LedgerServiceOptions options;
  options.pages.default_page_size = 3;
  options.pages.max_page_size = 4;
  RestartServer(options);
  AppendMany("org-1", 6);
  AppendMany("decision-1", 4);

  v1::ReadAllRequest request;
  v1::ReadAllResponse response;
  ASSERT_TRUE(stub_->ReadAll(Context(kPublic).get(), request, &response).ok());
  EXPECT_EQ(Positions({response.events().begin(), response.events().end()}), Range(1, 3));
  EXPECT_EQ(response.next_position(), 4u);
  EXPECT_EQ(response.head_position(), 10u);

  std::vector<uint64_t> positions;
  request.set_page_size(1000);  // reduced to 4
  request.set_from_position(1);
  while (request.from_position() <= response.head_position()) {
    ASSERT_TRUE(stub_->ReadAll(Context(kPublic).get(), request, &response).ok());
    EXPECT_LE(response.events_size(), 4);
    for (const auto& event : response.events()) positions.push_back(event.position());
    request.set_from_position(response.next_position());
  }
  EXPECT_EQ(positions, Range(1, 10));
  // Past the head: an empty page that says where to continue.
  ASSERT_TRUE(stub_->ReadAll(Context(kPublic).get(), request, &response).ok());
  EXPECT_EQ(response.events_size(), 0);
  EXPECT_EQ(response.next_position(), 11u);
  request.set_from_position(50);
  ASSERT_TRUE(stub_->ReadAll(Context(kPublic).get(), request, &response).ok());
  EXPECT_EQ(response.events_size(), 0);
  EXPECT_EQ(response.next_position(), 50u);
  EXPECT_EQ(response.head_position(), 10u);

  request.set_page_size(-5);
  EXPECT_EQ(stub_->ReadAll(Context(kPublic).get(), request, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

// ---------------------------------------------------------------- proofs

TEST_F(LedgerServiceTest, GetEventProofVerifiesAgainstTheRoot) {
  AppendMany("org-1", 4);
  AppendMany("decision-1", 3);
  for (uint64_t tree_size : {5u, 7u, 0u}) {
    v1::GetEventRequest request;
    request.set_position(5);
    request.set_tree_size(tree_size);
    v1::EventWithProof response;
    grpc::Status status = stub_->GetEvent(Context(kAuditor).get(), request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    uint64_t expected_size = tree_size == 0 ? 7 : tree_size;
    EXPECT_EQ(response.tree_size(), expected_size);
    Hash leaf = audit::LeafHash(response.event_bytes());
    EXPECT_EQ(leaf, ToHash(response.leaf_hash()));
    Hash root = *store_->RootHash(expected_size);
    EXPECT_TRUE(
        audit::VerifyInclusion(4, expected_size, leaf, ToHashes(response.inclusion_proof()), root)
            .ok());
    store::EventEnvelope parsed;
    ASSERT_TRUE(parsed.ParseFromString(response.event_bytes()));
    EXPECT_EQ(parsed.position(), 5u);
    EXPECT_EQ(parsed.stream_id(), "decision-1");
    EXPECT_EQ(parsed.SerializeAsString(), response.event().SerializeAsString());
    // A changed proof does not verify.
    std::vector<Hash> tampered = ToHashes(response.inclusion_proof());
    if (!tampered.empty()) {
      tampered[0][0] ^= 1;
      EXPECT_FALSE(audit::VerifyInclusion(4, expected_size, leaf, tampered, root).ok());
    }
  }
}

TEST_F(LedgerServiceTest, GetEventErrors) {
  AppendMany("org-1", 3);
  v1::EventWithProof response;
  v1::GetEventRequest request;
  grpc::Status status = stub_->GetEvent(Context(kAuditor).get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), StartsWith("position: required"));

  request.set_position(4);
  EXPECT_EQ(stub_->GetEvent(Context(kAuditor).get(), request, &response).error_code(),
            grpc::StatusCode::NOT_FOUND);

  request.set_position(3);
  request.set_tree_size(2);
  status = stub_->GetEvent(Context(kAuditor).get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "tree_size: 2 does not include position 3");

  request.set_tree_size(9);
  status = stub_->GetEvent(Context(kAuditor).get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "tree_size: 9 is beyond the head 3");
}

TEST_F(LedgerServiceTest, CheckpointsAndConsistencyProofsVerify) {
  v1::SignedCheckpoint checkpoint;
  grpc::Status status = stub_->GetLatestCheckpoint(Context(kAuditor).get(), {}, &checkpoint);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);

  ManualClock clock(1'700'000'000'000'000);
  auto key = audit::LoadOrCreateCheckpointKey(dir_.Sub("checkpoint-key.pem"));
  ASSERT_TRUE(key.ok()) << key.status();
  audit::Checkpointer checkpointer(*store_, *std::move(key), "kumppani.test/log", clock);
  LedgerServiceOptions options;
  options.verifier_key = checkpointer.verifier_key();
  RestartServer(options);
  auto vkey = *audit::ParseVerifierKey(checkpointer.verifier_key());

  AppendMany("org-1", 5);
  ASSERT_TRUE(checkpointer.Checkpoint().ok());
  ASSERT_TRUE(stub_->GetLatestCheckpoint(Context(kAuditor).get(), {}, &checkpoint).ok());
  EXPECT_EQ(checkpoint.tree_size(), 5u);
  EXPECT_EQ(checkpoint.verifier_key(), checkpointer.verifier_key());
  auto first = audit::VerifyCheckpoint(checkpoint.note(), vkey);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->tree_size, 5u);

  AppendMany("decision-1", 6);
  clock.Advance(1'000'000);
  ASSERT_TRUE(checkpointer.Checkpoint().ok());
  ASSERT_TRUE(stub_->GetLatestCheckpoint(Context(kAuditor).get(), {}, &checkpoint).ok());
  auto second = audit::VerifyCheckpoint(checkpoint.note(), vkey);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(second->tree_size, 11u);

  v1::GetConsistencyProofRequest request;
  request.set_old_size(first->tree_size);
  v1::ConsistencyProof proof;  // new_size 0: the head
  ASSERT_TRUE(stub_->GetConsistencyProof(Context(kAuditor).get(), request, &proof).ok());
  EXPECT_EQ(proof.old_size(), 5u);
  EXPECT_EQ(proof.new_size(), 11u);
  EXPECT_TRUE(audit::VerifyConsistency(first->tree_size, second->tree_size, first->root_hash,
                                       second->root_hash, ToHashes(proof.hashes()))
                  .ok());

  // An inclusion proof at the checkpoint's size verifies against its root.
  v1::GetEventRequest get;
  get.set_position(3);
  get.set_tree_size(first->tree_size);
  v1::EventWithProof event;
  ASSERT_TRUE(stub_->GetEvent(Context(kAuditor).get(), get, &event).ok());
  EXPECT_TRUE(audit::VerifyInclusion(2, first->tree_size, audit::LeafHash(event.event_bytes()),
                                     ToHashes(event.inclusion_proof()), first->root_hash)
                  .ok());
}

TEST_F(LedgerServiceTest, ConsistencyProofErrors) {
  AppendMany("org-1", 4);
  v1::GetConsistencyProofRequest request;
  v1::ConsistencyProof proof;
  grpc::Status status = stub_->GetConsistencyProof(Context(kAuditor).get(), request, &proof);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), StartsWith("old_size: must be at least 1"));

  request.set_old_size(3);
  request.set_new_size(2);
  status = stub_->GetConsistencyProof(Context(kAuditor).get(), request, &proof);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "old_size: 3 is larger than new_size 2");

  request.set_new_size(5);
  status = stub_->GetConsistencyProof(Context(kAuditor).get(), request, &proof);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "new_size: 5 is beyond the head 4");

  request.set_new_size(3);
  ASSERT_TRUE(stub_->GetConsistencyProof(Context(kAuditor).get(), request, &proof).ok());
  EXPECT_EQ(proof.hashes_size(), 0);
}

// ---------------------------------------------------------------- subscribe

TEST_F(LedgerServiceTest, SubscribeCatchesUpThenFollowsLive) {
  AppendMany("org-1", 10);
  Subscription subscription = Subscribe(kNgo, After(0));
  v1::SubscriptionHeartbeat caught_up;
  EXPECT_EQ(Positions(subscription.UntilCaughtUp(&caught_up)), Range(1, 10));
  EXPECT_EQ(caught_up.head_position(), 10u);
  EXPECT_EQ(caught_up.resume_after_position(), 10u);

  AppendMany("decision-1", 5);
  EXPECT_EQ(subscription.NextPositions(5), Range(11, 15));
  subscription.context->TryCancel();
  EXPECT_EQ(subscription.Finish().error_code(), grpc::StatusCode::CANCELLED);
  WaitForSubscriptions(0);
}

TEST_F(LedgerServiceTest, SubscribeHasNoGapOrDuplicateWhileTheLogGrows) {
  AppendMany("org-1", 30);
  Subscription subscription = Subscribe(kAuditor, After(0));
  std::thread writer([&] {
    for (int i = 0; i < 40; ++i) {
      std::vector<store::EventEnvelope> events;
      for (int j = 0; j < 5; ++j) events.push_back(MakeEvent("Grown", "x"));
      ASSERT_TRUE(Append(kAdmin, AnyAppend(i % 2 ? "org-2" : "grant-1", events)).ok());
    }
  });
  std::vector<uint64_t> positions = subscription.NextPositions(230);
  writer.join();
  EXPECT_EQ(positions, Range(1, 230));
  subscription.context->TryCancel();
  subscription.Finish();
}

TEST_F(LedgerServiceTest, AClientThatStopsReadingGetsEverythingLater) {
  LedgerServiceOptions options;
  options.subscriptions.buffer_events = 4;
  options.subscriptions.buffer_bytes = 1024;
  RestartServer(options);
  Subscription subscription = Subscribe(kAdmin, After(0));
  v1::SubscriptionHeartbeat caught_up;
  EXPECT_TRUE(subscription.UntilCaughtUp(&caught_up).empty());
  // Far more than gRPC's flow-control window while the client reads nothing:
  // the server's writes stall and it reads from the log again later.
  std::string payload(1000, 'p');
  for (int i = 0; i < 100; ++i) {
    std::vector<store::EventEnvelope> events;
    for (int j = 0; j < 20; ++j) events.push_back(MakeEvent("Bulk", payload));
    ASSERT_TRUE(Append(kAdmin, AnyAppend("org-1", events)).ok());
  }
  EXPECT_EQ(subscription.NextPositions(2000), Range(1, 2000));
  subscription.context->TryCancel();
  subscription.Finish();
}

TEST_F(LedgerServiceTest, ResumeAfterTheLastPositionSeenGivesExactlyTheRest) {
  AppendMany("org-1", 20);
  Subscription first = Subscribe(kAuditor, After(0));
  std::vector<uint64_t> seen = first.NextPositions(7);
  first.context->TryCancel();
  EXPECT_EQ(first.Finish().error_code(), grpc::StatusCode::CANCELLED);
  WaitForSubscriptions(0);

  Subscription second = Subscribe(kAuditor, After(seen.back()));
  for (uint64_t p : Positions(second.UntilCaughtUp())) seen.push_back(p);
  AppendMany("org-1", 5);
  for (uint64_t p : second.NextPositions(5)) seen.push_back(p);
  EXPECT_EQ(seen, Range(1, 25));
  second.context->TryCancel();
  second.Finish();
}

TEST_F(LedgerServiceTest, SubscribeFiltersByStreamPrefixAndType) {
  ASSERT_TRUE(Append(kAdmin, AnyAppend("org-1", {MakeEvent("A", "1"), MakeEvent("B", "2")})).ok());
  ASSERT_TRUE(Append(kAdmin, AnyAppend("decision-1", {MakeEvent("B", "3")})).ok());
  ASSERT_TRUE(Append(kAdmin, AnyAppend("org-2", {MakeEvent("B", "4"), MakeEvent("C", "5")})).ok());

  v1::SubscribeRequest request;
  request.add_stream_id_prefixes("org-");
  request.add_event_types("B");
  request.add_event_types("C");
  Subscription both = Subscribe(kAdmin, request);
  EXPECT_EQ(Positions(both.UntilCaughtUp()), (std::vector<uint64_t>{2, 4, 5}));

  v1::SubscribeRequest by_prefix;
  by_prefix.add_stream_id_prefixes("decision-");
  by_prefix.add_stream_id_prefixes("org-2");
  Subscription prefixes = Subscribe(kAdmin, by_prefix);
  EXPECT_EQ(Positions(prefixes.UntilCaughtUp()), (std::vector<uint64_t>{3, 4, 5}));

  // Live events are filtered the same way.
  ASSERT_TRUE(Append(kAdmin, AnyAppend("org-1", {MakeEvent("A", "6")})).ok());
  ASSERT_TRUE(Append(kAdmin, AnyAppend("org-3", {MakeEvent("C", "7")})).ok());
  EXPECT_EQ(both.NextPositions(1), (std::vector<uint64_t>{7}));
  both.context->TryCancel();
  both.Finish();
  prefixes.context->TryCancel();
  prefixes.Finish();
}

TEST_F(LedgerServiceTest, SelectiveFilterReportsProgressWithHeartbeats) {
  LedgerServiceOptions options;
  options.subscriptions.buffer_events = 4;
  options.subscriptions.scan_events_per_step = 10;
  RestartServer(options);
  AppendMany("org-1", 35);
  v1::SubscribeRequest request;
  request.add_event_types("Rare");
  Subscription subscription = Subscribe(kAdmin, request);
  std::vector<uint64_t> progress;
  v1::SubscribeResponse message;
  while (subscription.reader->Read(&message)) {
    ASSERT_TRUE(message.has_heartbeat()) << "no event matches";
    progress.push_back(message.heartbeat().resume_after_position());
    if (message.heartbeat().caught_up()) break;
  }
  ASSERT_GE(progress.size(), 3u);
  EXPECT_TRUE(std::is_sorted(progress.begin(), progress.end()));
  EXPECT_LT(progress.front(), 35u);
  EXPECT_EQ(progress.back(), 35u);
  subscription.context->TryCancel();
  subscription.Finish();
}

TEST_F(LedgerServiceTest, PublicSubscriptionSkipsPersonStreams) {
  ASSERT_TRUE(Append(kAdmin, AnyAppend("person-1", {MakeEvent("P", "1")})).ok());
  ASSERT_TRUE(Append(kAdmin, AnyAppend("org-1", {MakeEvent("A", "2")})).ok());
  Subscription subscription = Subscribe(kPublic, After(0));
  EXPECT_EQ(Positions(subscription.UntilCaughtUp()), (std::vector<uint64_t>{2}));
  ASSERT_TRUE(Append(kAdmin, AnyAppend("person-1", {MakeEvent("P", "3")})).ok());
  ASSERT_TRUE(Append(kAdmin, AnyAppend("org-1", {MakeEvent("A", "4")})).ok());
  EXPECT_EQ(subscription.NextPositions(1), (std::vector<uint64_t>{4}));
  subscription.context->TryCancel();
  subscription.Finish();

  v1::SubscribeRequest persons;
  persons.add_stream_id_prefixes("person-");
  Subscription denied = Subscribe(kPublic, persons);
  grpc::Status status = denied.Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(status.error_message(), StartsWith("stream_id_prefixes:"));
}

// A private person's statement (who took part, what they wrote) is withheld
// from roles without personal data in every read; organisations' statements
// are public.
TEST_F(LedgerServiceTest, PrivateParticipationIsWithheldFromNgoAndPublic) {
  v1::SubmissionReceived by_person;
  by_person.set_submission_id("submission-p");
  by_person.set_submitter_person_id("person-1");
  by_person.set_text("Asukkaan mielipide");
  v1::SubmissionReceived by_organisation;
  by_organisation.set_submission_id("submission-o");
  by_organisation.set_submitter_organisation_id("org-1");
  ASSERT_TRUE(Append(kAdmin, AnyAppend("submission-p", {MakeEvent("SubmissionReceived",
                                                                  by_person.SerializeAsString())}))
                  .ok());
  ASSERT_TRUE(
      Append(kAdmin, AnyAppend("submission-o", {MakeEvent("SubmissionReceived",
                                                          by_organisation.SerializeAsString())}))
          .ok());
  for (const char* token : {kNgo, kPublic}) {
    v1::ReadAllResponse all;
    ASSERT_TRUE(stub_->ReadAll(Context(token).get(), v1::ReadAllRequest(), &all).ok());
    ASSERT_EQ(all.events_size(), 1) << token;
    EXPECT_EQ(all.events(0).stream_id(), "submission-o") << token;
    v1::ReadStreamRequest read;
    read.set_stream_id("submission-p");
    v1::ReadStreamResponse stream;
    ASSERT_TRUE(stub_->ReadStream(Context(token).get(), read, &stream).ok());
    EXPECT_EQ(stream.events_size(), 0) << token;
    Subscription subscription = Subscribe(token, After(0));
    EXPECT_EQ(Positions(subscription.UntilCaughtUp()), (std::vector<uint64_t>{2})) << token;
    subscription.context->TryCancel();
    subscription.Finish();
  }
  for (const char* token : {kAdmin, kRecorder, kAuditor}) {
    v1::ReadAllResponse all;
    ASSERT_TRUE(stub_->ReadAll(Context(token).get(), v1::ReadAllRequest(), &all).ok());
    EXPECT_EQ(all.events_size(), 2) << token;
  }
}

TEST_F(LedgerServiceTest, SubscribeRequestErrors) {
  AppendMany("org-1", 2);
  grpc::Status status = Subscribe(kAdmin, After(3)).Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::OUT_OF_RANGE);
  EXPECT_THAT(status.error_message(), StartsWith("after_position: 3 is beyond the head 2"));

  v1::SubscribeRequest request;
  request.add_event_types("no spaces");
  status = Subscribe(kAdmin, request).Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), StartsWith("event_types[0]"));

  request.Clear();
  request.add_stream_id_prefixes("org-");
  request.add_stream_id_prefixes("");
  status = Subscribe(kAdmin, request).Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), StartsWith("stream_id_prefixes[1]"));
}

TEST_F(LedgerServiceTest, AfterHeadDeliversOnlyNewEvents) {
  AppendMany("org-1", 3);
  v1::SubscribeRequest request;
  request.mutable_after_head();
  Subscription subscription = Subscribe(kAdmin, request);
  v1::SubscriptionHeartbeat caught_up;
  EXPECT_TRUE(subscription.UntilCaughtUp(&caught_up).empty());
  EXPECT_EQ(caught_up.resume_after_position(), 3u);
  AppendMany("org-1", 2);
  EXPECT_EQ(subscription.NextPositions(2), Range(4, 5));
  subscription.context->TryCancel();
  subscription.Finish();
}

TEST_F(LedgerServiceTest, HeartbeatsCarryTheHeadWhileTheLogIsQuiet) {
  LedgerServiceOptions options;
  options.subscriptions.heartbeat_interval = std::chrono::milliseconds(40);
  RestartServer(options);
  AppendMany("org-1", 2);
  v1::SubscribeRequest request;
  request.add_stream_id_prefixes("decision-");
  Subscription subscription = Subscribe(kAdmin, request);
  EXPECT_TRUE(subscription.UntilCaughtUp().empty());
  auto started = std::chrono::steady_clock::now();
  v1::SubscribeResponse message;
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(subscription.reader->Read(&message));
    ASSERT_TRUE(message.has_heartbeat());
    EXPECT_EQ(message.heartbeat().head_position(), 2u);
    EXPECT_EQ(message.heartbeat().resume_after_position(), 2u);
    EXPECT_TRUE(message.heartbeat().caught_up());
  }
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
  subscription.context->TryCancel();
  subscription.Finish();
}

TEST_F(LedgerServiceTest, SubscriptionsPerPrincipalAreLimited) {
  LedgerServiceOptions options;
  options.subscriptions.max_per_principal = 2;
  RestartServer(options);
  Subscription one = Subscribe(kPublic, After(0));
  Subscription two = Subscribe(kPublic, After(0));
  one.UntilCaughtUp();
  two.UntilCaughtUp();

  grpc::Status status = Subscribe(kPublic, After(0)).Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(status.error_message(), HasSubstr("token:public"));

  // Another token is not affected.
  Subscription other = Subscribe(kPublic2, After(0));
  other.UntilCaughtUp();

  // Ending one frees its slot.
  one.context->TryCancel();
  one.Finish();
  WaitForSubscriptions(2);
  Subscription three = Subscribe(kPublic, After(0));
  three.UntilCaughtUp();
  for (Subscription* s : {&two, &other, &three}) {
    s->context->TryCancel();
    s->Finish();
  }
}

TEST_F(LedgerServiceTest, ShutdownEndsSubscriptionsWithUnavailable) {
  AppendMany("org-1", 2);
  Subscription subscription = Subscribe(kAdmin, After(0));
  subscription.UntilCaughtUp();
  service_->Shutdown();
  grpc::Status status = subscription.Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_THAT(status.error_message(), HasSubstr("shutting down"));
  EXPECT_EQ(Subscribe(kAdmin, After(0)).Finish().error_code(), grpc::StatusCode::UNAVAILABLE);
}

TEST_F(LedgerServiceTest, ServerShutdownCancelsAStalledSubscription) {
  LedgerServiceOptions options;
  options.subscriptions.buffer_events = 4;
  RestartServer(options);
  Subscription subscription = Subscribe(kAdmin, After(0));
  subscription.UntilCaughtUp();
  std::string payload(1000, 'p');
  for (int i = 0; i < 25; ++i) {
    std::vector<store::EventEnvelope> events;
    for (int j = 0; j < 20; ++j) events.push_back(MakeEvent("Bulk", payload));
    ASSERT_TRUE(Append(kAdmin, AnyAppend("org-1", events)).ok());
  }
  // Without the service's Shutdown: gRPC cancels the call after the grace
  // period, and the subscription ends and unregisters although its client
  // never read.
  server_->Shutdown(std::chrono::system_clock::now() + std::chrono::milliseconds(200));
  server_->Wait();
  EXPECT_EQ(service_->active_subscriptions(), 0u);
  EXPECT_FALSE(subscription.Finish().ok());
}

}  // namespace
}  // namespace kumppani::api
