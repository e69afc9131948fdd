// CommandService through an in-process channel on the whole ledger: typed and
// union RPCs record events with the token's actor, retries are idempotent,
// errors name the field and append nothing, roles and the ngo organisation
// scope are enforced, concurrent commands all land gap-free, and shutdown
// refuses new commands.
#include "api/command_service.h"

#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/api/service_fixture.h"

namespace kumppani::api {
namespace {

using ::kumppani::api::testing::Context;
using ::kumppani::api::testing::kAdmin;
using ::kumppani::api::testing::kAuditor;
using ::kumppani::api::testing::kNgo;
using ::kumppani::api::testing::kPublic;
using ::kumppani::api::testing::kRecorder;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

v1::RegisterOrganisationRequest NewAssociation(const std::string& id,
                                               const std::string& request_id) {
  v1::RegisterOrganisationRequest request;
  request.set_request_id(request_id);
  v1::RegisterOrganisation& c = *request.mutable_command();
  c.set_organisation_id(id);
  c.set_kind(v1::ORGANISATION_KIND_ASSOCIATION);
  c.mutable_name()->set_fi(id);
  c.mutable_name()->set_authoritative(v1::LANGUAGE_FI);
  return request;
}

v1::ReceiveSubmissionRequest Statement(const std::string& id, const std::string& organisation) {
  v1::ReceiveSubmissionRequest request;
  request.set_request_id("req-" + id);
  v1::ReceiveSubmission& c = *request.mutable_command();
  c.set_submission_id(id);
  c.set_consultation_id("consultation-plan");
  c.set_submitter_organisation_id(organisation);
  c.set_channel(v1::CHANNEL_EMAIL);
  c.mutable_received_at()->set_seconds(1690000000);  // 2023-07-22
  c.set_text("Lausunto");
  c.set_language(v1::LANGUAGE_FI);
  return request;
}

class CommandServiceTest : public testing::ServiceTest {
 protected:
  CommandServiceTest() { Start(CommandServiceOptions{}); }
  ~CommandServiceTest() override { Stop(); }

  void Start(CommandServiceOptions options) {
    service_ = std::make_unique<CommandService>(store(), engine(), clock_, authenticator_,
                                                std::move(options));
    StartServer({service_.get()});
    stub_ = v1::CommandService::NewStub(channel());
  }
  void Stop() {
    if (service_) service_->Shutdown();
    StopServer();
    service_.reset();
  }

  // A region, two associations (org-ngo is the ngo token's), a consultation
  // open through 2023, a statement and a grant of the other association and
  // an awarded, partly paid grant of org-ngo.
  void BuildWorld() {
    Ok(R"pb(register_organisation {
              organisation_id: "org-region"
              kind: ORGANISATION_KIND_WELLBEING_SERVICES_COUNTY
              name { fi: "Alue" authoritative: LANGUAGE_FI }
            })pb");
    for (const char* id : {"org-ngo", "org-other"}) {
      Ok(absl::StrCat("register_organisation { organisation_id: \"", id,
                      "\" kind: ORGANISATION_KIND_ASSOCIATION name { fi: \"", id,
                      "\" authoritative: LANGUAGE_FI } }"));
    }
    Ok(R"pb(open_consultation {
              consultation_id: "consultation-plan"
              organiser_organisation_id: "org-region"
              subject { fi: "Suunnitelma" authoritative: LANGUAGE_FI }
              method: CONSULTATION_METHOD_STATEMENT_REQUEST
              channels: [ CHANNEL_EMAIL ]
              invited_organisation_ids: [ "org-ngo", "org-other" ]
              opens_on { year: 2023 month: 1 day: 10 }
              deadline { year: 2023 month: 12 day: 31 }
            })pb");
    Ok(R"pb(receive_submission {
              submission_id: "submission-other"
              consultation_id: "consultation-plan"
              submitter_organisation_id: "org-other"
              channel: CHANNEL_EMAIL
              received_at { seconds: 1680000000 }
              text: "Toisen lausunto"
              language: LANGUAGE_FI
            })pb");
    Ok(R"pb(open_grant_programme {
              programme_id: "programme-1"
              funder_organisation_id: "org-region"
              title { fi: "Avustus" authoritative: LANGUAGE_FI }
              budget_cents: 10000000
              rules { fi: "Säännöt" authoritative: LANGUAGE_FI }
              opens_on { year: 2023 month: 1 day: 1 }
              application_deadline { year: 2023 month: 3 day: 31 }
            })pb");
    for (const char* org : {"ngo", "other"}) {
      Ok(absl::StrCat("apply_for_grant { grant_id: \"grant-", org,
                      "\" programme_id: \"programme-1\" applicant_organisation_id: \"org-", org,
                      "\" amount_applied_cents: 100000 purpose { fi: \"Toiminta\" "
                      "authoritative: LANGUAGE_FI } applied_on { year: 2023 month: 2 day: 1 } }"));
      Ok(absl::StrCat("award_grant { grant_id: \"grant-", org,
                      "\" amount_cents: 100000 awarded_on { year: 2023 month: 3 day: 1 } "
                      "usage_period { start { "
                      "year: 2023 month: 3 day: 1 } end { year: 2023 month: 12 day: 31 } } }"));
      Ok(absl::StrCat("pay_grant { grant_id: \"grant-", org,
                      "\" amount_cents: 100000 paid_on { year: 2023 month: 3 day: 15 } }"));
    }
  }

  grpc::Status Register(const std::string& token, const v1::RegisterOrganisationRequest& request,
                        v1::CommandResponse* response = nullptr) {
    v1::CommandResponse ignored;
    return stub_->RegisterOrganisation(Context(token).get(), request,
                                       response ? response : &ignored);
  }
  grpc::Status Execute(const std::string& token, const std::string& text,
                       v1::CommandResponse* response = nullptr) {
    v1::Command command;
    EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &command)) << text;
    v1::CommandResponse ignored;
    return stub_->ExecuteCommand(Context(token).get(), command, response ? response : &ignored);
  }
  grpc::Status Submit(const std::string& token, const v1::ReceiveSubmissionRequest& request) {
    v1::CommandResponse ignored;
    return stub_->ReceiveSubmission(Context(token).get(), request, &ignored);
  }

  uint64_t Head() { return store().HeadPosition().value(); }

  std::unique_ptr<CommandService> service_;
  std::unique_ptr<v1::CommandService::Stub> stub_;
};

// ---------------------------------------------------------------- recording

TEST_F(CommandServiceTest, TypedRpcRecordsTheCommandWithTheTokensActor) {
  v1::CommandResponse response;
  ASSERT_TRUE(Register(kRecorder, NewAssociation("org-yhdistys", "r-1"), &response).ok());
  EXPECT_EQ(response.stream_id(), "org-yhdistys");
  EXPECT_EQ(response.first_position(), 1u);
  EXPECT_EQ(response.last_position(), 1u);
  EXPECT_EQ(response.stream_version(), 1u);
  ASSERT_EQ(response.event_ids_size(), 1);
  EXPECT_EQ(response.event_ids(0).size(), 16u);
  EXPECT_THAT(response.event_types(), ElementsAre("OrganisationRegistered"));
  EXPECT_FALSE(response.replayed());

  auto stored = *store().ReadAll(Position(1), 10);
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].stream_id(), "org-yhdistys");
  EXPECT_EQ(stored[0].metadata().actor(), "token:recorder");
  EXPECT_EQ(stored[0].event_id(), response.event_ids(0));
}

TEST_F(CommandServiceTest, ExecuteCommandTakesTheUnion) {
  v1::CommandResponse response;
  ASSERT_TRUE(Execute(kAdmin,
                      R"pb(request_id: "u-1"
                           register_organisation {
                             organisation_id: "org-union"
                             kind: ORGANISATION_KIND_ASSOCIATION
                             name { fi: "Liitto" authoritative: LANGUAGE_FI }
                           })pb",
                      &response)
                  .ok());
  EXPECT_EQ(response.stream_id(), "org-union");
  EXPECT_EQ(response.first_position(), 1u);
  EXPECT_EQ((*store().ReadAll(Position(1), 1))[0].metadata().actor(), "token:admin");
}

TEST_F(CommandServiceTest, ARetryReturnsTheFirstResultAndAppendsNothing) {
  v1::CommandResponse first, retry;
  ASSERT_TRUE(Register(kRecorder, NewAssociation("org-yhdistys", "r-1"), &first).ok());
  ASSERT_TRUE(Register(kRecorder, NewAssociation("org-yhdistys", "r-1"), &retry).ok());
  EXPECT_TRUE(retry.replayed());
  EXPECT_EQ(retry.first_position(), first.first_position());
  EXPECT_EQ(retry.stream_version(), first.stream_version());
  EXPECT_EQ(retry.event_ids(0), first.event_ids(0));
  EXPECT_EQ(Head(), 1u);
}

TEST_F(CommandServiceTest, ARequestIdReusedForAnotherCommandIsAlreadyExists) {
  ASSERT_TRUE(Register(kRecorder, NewAssociation("org-yhdistys", "r-1")).ok());
  grpc::Status status = Register(kRecorder, NewAssociation("org-toinen", "r-1"));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(Head(), 1u);
}

// ---------------------------------------------------------------- errors

TEST_F(CommandServiceTest, MalformedCommandsNameTheFieldAndAppendNothing) {
  v1::RegisterOrganisationRequest request = NewAssociation("Org Yhdistys", "r-1");
  grpc::Status status = Register(kRecorder, request);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("organisation_id"));

  status = Execute(kRecorder, R"pb(request_id: "empty")pb");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "command: no command is set");
  EXPECT_EQ(Head(), 0u);
}

TEST_F(CommandServiceTest, DomainRulesAndMissingReferencesMapToTheirCodes) {
  ASSERT_TRUE(Register(kRecorder, NewAssociation("org-yhdistys", "r-1")).ok());
  grpc::Status status = Register(kRecorder, NewAssociation("org-yhdistys", "r-2"));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);

  status = Execute(kRecorder, R"pb(rename_organisation {
                                     organisation_id: "org-missing"
                                     name { fi: "Uusi" authoritative: LANGUAGE_FI }
                                     effective_on { year: 2023 month: 1 day: 1 }
                                   })pb");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(status.error_message(), HasSubstr("org-missing"));
  EXPECT_EQ(Head(), 1u);
}

// ---------------------------------------------------------------- roles

TEST_F(CommandServiceTest, AuditorPublicAndAnonymousCallersRecordNothing) {
  for (const char* token : {kAuditor, kPublic}) {
    grpc::Status status = Register(token, NewAssociation("org-yhdistys", "r-1"));
    EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED) << token;
    EXPECT_THAT(status.error_message(), HasSubstr("RegisterOrganisation")) << token;
  }
  grpc::Status status = Register("", NewAssociation("org-yhdistys", "r-1"));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Head(), 0u);
}

TEST_F(CommandServiceTest, AnNgoTokenRecordsOnlyItsOwnOrganisationsActs) {
  BuildWorld();
  const uint64_t head = Head();
  grpc::Status status = Register(kNgo, NewAssociation("org-yhdistys", "r-1"));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);

  status = Submit(kNgo, Statement("submission-forged", "org-other"));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(status.error_message(),
              HasSubstr("receive_submission.submitter_organisation_id: an ngo token acts only for "
                        "its own organisation \"org-ngo\", got \"org-other\""));

  v1::ReceiveSubmissionRequest joint = Statement("submission-joint", "org-ngo");
  joint.mutable_command()->add_on_behalf_of_organisation_ids("org-other");
  status = Submit(kNgo, joint);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(status.error_message(), HasSubstr("on_behalf_of_organisation_ids"));

  status = Execute(kNgo, R"pb(withdraw_submission {
                                submission_id: "submission-other"
                                withdrawn_on { year: 2023 month: 8 day: 1 }
                              })pb");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(status.error_message(), HasSubstr("withdraw_submission.submission_id"));

  status = Execute(kNgo, R"pb(submit_grant_report {
                                grant_id: "grant-other"
                                submitted_on { year: 2023 month: 9 day: 1 }
                                used_cents: 1000
                              })pb");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  status = Execute(kNgo, R"pb(apply_for_grant {
                                grant_id: "grant-forged"
                                programme_id: "programme-1"
                                applicant_organisation_id: "org-other"
                                amount_applied_cents: 1000
                                purpose { fi: "X" authoritative: LANGUAGE_FI }
                                applied_on { year: 2023 month: 2 day: 2 }
                              })pb");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  status = Execute(kNgo, R"pb(withdraw_submission {
                                submission_id: "submission-missing"
                                withdrawn_on { year: 2023 month: 8 day: 1 }
                              })pb");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Head(), head);

  // Its own acts go through, recorded with its actor.
  ASSERT_TRUE(Submit(kNgo, Statement("submission-own", "org-ngo")).ok());
  EXPECT_EQ((*store().ReadAll(Position(head + 1), 1))[0].metadata().actor(), "token:ngo");
  EXPECT_TRUE(Execute(kNgo, R"pb(withdraw_submission {
                                   submission_id: "submission-own"
                                   withdrawn_on { year: 2023 month: 8 day: 1 }
                                 })pb")
                  .ok());
  EXPECT_TRUE(Execute(kNgo, R"pb(submit_grant_report {
                                   grant_id: "grant-ngo"
                                   submitted_on { year: 2023 month: 9 day: 1 }
                                   used_cents: 1000
                                 })pb")
                  .ok());
  EXPECT_EQ(Head(), head + 3);
}

TEST_F(CommandServiceTest, ErasingAPersonIsForAdminsOnly) {
  ASSERT_TRUE(Execute(kRecorder, R"pb(register_person {
                                        person_id: "person-1"
                                        personal_data { full_name: "Maija Meikäläinen" }
                                      })pb")
                  .ok());
  grpc::Status status =
      Execute(kRecorder, R"pb(erase_person { person_id: "person-1" legal_basis: "GDPR 17" })pb");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Head(), 1u);
  EXPECT_TRUE(
      Execute(kAdmin, R"pb(erase_person { person_id: "person-1" legal_basis: "GDPR 17" })pb").ok());
  EXPECT_EQ(Head(), 2u);
}

// ---------------------------------------------------------------- concurrency

TEST_F(CommandServiceTest, ConcurrentCommandsAllLandGapFree) {
  constexpr int kClients = 16;
  constexpr int kEach = 10;
  std::vector<std::thread> clients;
  std::vector<std::vector<uint64_t>> positions(kClients);
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      for (int i = 0; i < kEach; ++i) {
        std::string id = absl::StrCat("org-c", c, "-", i);
        v1::CommandResponse response;
        grpc::Status status = Register(kRecorder, NewAssociation(id, "r-" + id), &response);
        ASSERT_TRUE(status.ok()) << status.error_message();
        positions[c].push_back(response.first_position());
      }
    });
  }
  for (std::thread& client : clients) client.join();
  std::set<uint64_t> all;
  for (const auto& list : positions) all.insert(list.begin(), list.end());
  ASSERT_EQ(all.size(), static_cast<size_t>(kClients * kEach));
  EXPECT_EQ(*all.begin(), 1u);
  EXPECT_EQ(*all.rbegin(), static_cast<uint64_t>(kClients * kEach));
  EXPECT_EQ(Head(), static_cast<uint64_t>(kClients * kEach));
}

TEST_F(CommandServiceTest, AfterShutdownCommandsAreUnavailable) {
  service_->Shutdown();
  grpc::Status status = Register(kRecorder, NewAssociation("org-yhdistys", "r-1"));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(Head(), 0u);
}

}  // namespace
}  // namespace kumppani::api
