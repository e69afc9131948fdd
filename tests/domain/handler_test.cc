// The command handler itself: envelopes, idempotent retries, concurrency,
// corrections and retractions.
#include <atomic>
#include <thread>

#include "google/protobuf/util/time_util.h"
#include "ledger/domain/dates.h"
#include "tests/domain/domain_fixture.h"

namespace kumppani::domain::testing {
namespace {

using absl::StatusCode;

class HandlerTest : public DomainTest {};

TEST_F(HandlerTest, EnvelopeCarriesTypeActorEffectiveDateAndDerivedIds) {
  RegisterOrg("org-a");
  EstablishBody("body-a", "org-a", "year: 2022 month: 8 day: 8");
  auto stored = store_->ReadStream("body-a", StreamVersion(1), store::Direction::kForward, 10);
  ASSERT_TRUE(stored.ok());
  const v1::EventEnvelope& e = stored->at(0);
  EXPECT_EQ(e.event_type(), "BodyEstablished");
  EXPECT_EQ(e.content_type(), "application/x-protobuf");
  EXPECT_EQ(e.schema_version(), 1u);
  EXPECT_EQ(e.metadata().actor(), "tester");
  EXPECT_EQ(e.metadata().correlation_id().size(), 16u);
  EXPECT_EQ(e.effective_at().seconds(), 1659906000);  // 2022-08-08 00:00 EEST
  EXPECT_EQ(e.event_id(), std::string(CommandHandler::DeriveEventId("req-2", 0).bytes()));
  EXPECT_EQ(CommandHandler::DeriveEventId("req-2", 0).ToString()[14], '8');  // UUID version 8
}

TEST_F(HandlerTest, SameRequestIdIsAnExactRetry) {
  RegisterOrg("org-a");
  const std::string command = R"pb(request_id: "retry-1" register_organisation { organisation_id: "org-b"
      kind: ORGANISATION_KIND_NETWORK name { fi: "B" authoritative: LANGUAGE_FI } })pb";
  CommandResult first = Ok(command);
  CommandResult again = Ok(command);
  EXPECT_FALSE(first.replayed);
  EXPECT_TRUE(again.replayed);
  EXPECT_EQ(again.first_position, first.first_position);
  EXPECT_EQ(again.event_ids, first.event_ids);
  EXPECT_EQ(store_->HeadPosition(), first.last_position);
  // A person's registration too, although its ciphertext differs per attempt.
  const std::string person = R"pb(request_id: "retry-2" register_person { person_id: "person-r"
      personal_data { full_name: "R" } })pb";
  CommandResult p1 = Ok(person);
  CommandResult p2 = Ok(person);
  EXPECT_TRUE(p2.replayed);
  EXPECT_EQ(p2.events[0].person_registered().encrypted_personal_data(),
            p1.events[0].person_registered().encrypted_personal_data());
  // The same request id for another command is refused.
  Fails(R"pb(request_id: "retry-1" register_organisation { organisation_id: "org-b"
             kind: ORGANISATION_KIND_NETWORK name { fi: "Other" authoritative: LANGUAGE_FI } })pb",
        StatusCode::kAlreadyExists, {"request_id: \"retry-1\" was already used for another command"});
  Fails(R"pb(request_id: "retry-1" register_organisation { organisation_id: "org-c"
             kind: ORGANISATION_KIND_NETWORK name { fi: "C" authoritative: LANGUAGE_FI } })pb",
        StatusCode::kAlreadyExists, {"request_id: \"retry-1\" was already used for another command"});
}

TEST_F(HandlerTest, RejectsEmptyAndMalformedCommands) {
  Fails("", StatusCode::kInvalidArgument, {"command: must be set"});
  Fails(R"pb(register_organisation { kind: ORGANISATION_KIND_NETWORK })pb", StatusCode::kInvalidArgument,
        {"register_organisation.organisation_id: is required"});
  Fails(R"pb(register_organisation { organisation_id: "Org-A" })pb", StatusCode::kInvalidArgument,
        {"register_organisation.organisation_id: must be a lower-case category"});
  v1::Command command = ParseText<v1::Command>(R"pb(register_organisation { organisation_id: "org-a" })pb");
  EXPECT_EQ(handler_->Execute(command, "").status().message(), "actor: is required");
}

// proto3 enums are open: numbers outside an enum parse, and were recorded
// (found by tests/reliability/hostile_input_test.py).
TEST_F(HandlerTest, RejectsEnumNumbersOutsideTheirEnumAtAnyDepth) {
  RegisterOrg("org-a");
  Fails(R"pb(register_organisation {
               organisation_id: "org-b"
               kind: 4242
               name { fi: "B" authoritative: LANGUAGE_FI }
             })pb",
        StatusCode::kInvalidArgument,
        {"register_organisation.kind: 4242 is not a valid OrganisationKind"});
  Fails(R"pb(register_organisation {
               organisation_id: "org-b"
               kind: -1
               name { fi: "B" authoritative: LANGUAGE_FI }
             })pb",
        StatusCode::kInvalidArgument,
        {"register_organisation.kind: -1 is not a valid OrganisationKind"});
  Fails(R"pb(register_organisation {
               organisation_id: "org-b"
               kind: ORGANISATION_KIND_NETWORK
               name { fi: "B" authoritative: LANGUAGE_FI }
               identifiers { scheme: IDENTIFIER_SCHEME_OTHER value: "1" }
               identifiers { scheme: 77 value: "2" }
             })pb",
        StatusCode::kInvalidArgument,
        {"register_organisation.identifiers[1].scheme: 77 is not a valid IdentifierScheme"});
  EstablishBody("body-a", "org-a");
  Fails(R"pb(add_seat { body_id: "body-a" seat_id: "s1" post: 99 })pb",
        StatusCode::kInvalidArgument, {"add_seat.post: 99 is not a valid PostKind"});
  Fails(R"pb(open_consultation {
               consultation_id: "consultation-a"
               organiser_organisation_id: "org-a"
               subject { fi: "S" authoritative: LANGUAGE_FI }
               method: CONSULTATION_METHOD_SURVEY
               channels: CHANNEL_SURVEY
               channels: 1000
               opens_on { year: 2022 month: 1 day: 1 }
               deadline { year: 2022 month: 2 day: 1 }
             })pb",
        StatusCode::kInvalidArgument,
        {"open_consultation.channels[1]: 1000 is not a valid Channel"});
  // The same commands with known values are recorded.
  AddSeat("body-a", "s1");
}

TEST_F(HandlerTest, ConcurrentAppointmentsToOneSeatHaveOneWinner) {
  RegisterOrg("org-a");
  EstablishBody("body-a", "org-a");
  AddSeat("body-a", "chair", "POST_KIND_CHAIR");
  constexpr int kThreads = 8;
  for (int i = 0; i < kThreads; ++i) RegisterPersonNamed(absl::StrCat("person-", i), "P");
  std::atomic<int> won{0};
  std::atomic<int> refused{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      v1::Command c = ParseText<v1::Command>(absl::StrCat(
          "request_id: \"appoint-", i, "\" appoint_member { body_id: \"body-a\" membership_id: \"m-", i,
          "\" seat_id: \"chair\" person_id: \"person-", i, "\" term { start { year: 2019 month: 2 day: 1 } } }"));
      absl::StatusOr<CommandResult> r = handler_->Execute(c, "tester");
      if (r.ok()) {
        ++won;
      } else if (r.status().code() == StatusCode::kFailedPrecondition ||
                 r.status().code() == StatusCode::kAborted) {
        ++refused;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(won.load(), 1);
  EXPECT_EQ(refused.load(), kThreads - 1);
  int appointed = 0;
  for (const v1::Event& e : Effective("body-a")) appointed += e.has_member_appointed() ? 1 : 0;
  EXPECT_EQ(appointed, 1);
}

TEST_F(HandlerTest, CorrectionAndRetraction) {
  RegisterOrg("org-a");
  EstablishBody("body-a", "org-a");
  CommandResult meeting = Ok(R"pb(record_meeting { meeting_id: "meeting-1" body_id: "body-a"
      held_on { year: 2019 month: 3 day: 22 } title { fi: "Kokous" authoritative: LANGUAGE_FI } })pb");
  CommandResult seat = Ok(R"pb(add_seat { body_id: "body-a" seat_id: "chair" post: POST_KIND_CHAIR })pb");
  std::string meeting_id = meeting.event_ids[0].ToString();
  std::string seat_event = seat.event_ids[0].ToString();

  const std::string replacement =
      R"pb(replacement { [type.googleapis.com/kumppani.v1.MeetingHeld] { meeting_id: "meeting-1" body_id: "body-a"
           held_on { year: 2019 month: 3 day: 21 } title { fi: "Kokous" authoritative: LANGUAGE_FI } } })pb";
  CommandResult corrected = Ok("correct_event { stream_id: \"meeting-1\" target_event_id: \"" + meeting_id + "\" " +
                               replacement + " reason { fi: \"Väärä päivä\" authoritative: LANGUAGE_FI } }");
  ASSERT_EQ(corrected.events.size(), 1u);
  EXPECT_EQ(corrected.events[0].event_corrected().target_event_type(), "MeetingHeld");
  EXPECT_EQ(corrected.events[0].event_corrected().target_stream_version(), 1u);
  std::vector<v1::Event> effective = Effective("meeting-1");
  ASSERT_EQ(effective.size(), 1u);
  EXPECT_EQ(FormatDate(effective[0].meeting_held().held_on()), "2019-03-21");

  Fails("correct_event { stream_id: \"meeting-1\" target_event_id: \"" + meeting_id + "\" " + replacement + " }",
        StatusCode::kInvalidArgument, {"correct_event.reason: is required"});
  Fails("correct_event { stream_id: \"meeting-1\" target_event_id: \"not-a-uuid\" " + replacement +
            " reason { fi: \"x\" authoritative: LANGUAGE_FI } }",
        StatusCode::kInvalidArgument, {"correct_event.target_event_id: must be a UUID"});
  Fails("correct_event { stream_id: \"meeting-1\" target_event_id: \"" + seat_event + "\" " + replacement +
            " reason { fi: \"x\" authoritative: LANGUAGE_FI } }",
        StatusCode::kNotFound, {"correct_event.target_event_id: event in stream \"meeting-1\""});
  Fails("correct_event { stream_id: \"meeting-9\" target_event_id: \"" + seat_event + "\" " + replacement +
            " reason { fi: \"x\" authoritative: LANGUAGE_FI } }",
        StatusCode::kNotFound, {"correct_event.stream_id: stream \"meeting-9\" does not exist"});
  Fails("correct_event { stream_id: \"body-a\" target_event_id: \"" + seat_event + "\" " + replacement +
            " reason { fi: \"x\" authoritative: LANGUAGE_FI } }",
        StatusCode::kFailedPrecondition, {"correct_event.replacement: must have the corrected event's type SeatAdded, got MeetingHeld"});
  Fails("correct_event { stream_id: \"body-a\" target_event_id: \"" + seat_event + "\" "
        "replacement { [type.googleapis.com/kumppani.v1.SeatAdded] { body_id: \"body-b\" seat_id: \"chair\" post: POST_KIND_CHAIR } } "
        "reason { fi: \"x\" authoritative: LANGUAGE_FI } }",
        StatusCode::kFailedPrecondition, {"correct_event.replacement: must keep the aggregate id \"body-a\", got \"body-b\""});
  Fails("correct_event { stream_id: \"body-a\" target_event_id: \"" + seat_event + "\" "
        "replacement { [type.googleapis.com/kumppani.v1.LocalizedText] { fi: \"x\" } } "
        "reason { fi: \"x\" authoritative: LANGUAGE_FI } }",
        StatusCode::kInvalidArgument, {"correct_event.replacement: must be a domain event"});
  Fails("correct_event { stream_id: \"meeting-1\" target_event_id: \"" + corrected.event_ids[0].ToString() + "\" " +
            replacement + " reason { fi: \"x\" authoritative: LANGUAGE_FI } }",
        StatusCode::kFailedPrecondition, {"a correction or retraction is not itself corrected"});

  Fails("retract_event { stream_id: \"meeting-1\" target_event_id: \"" + meeting_id + "\" reason { fi: \"x\" authoritative: LANGUAGE_FI } }",
        StatusCode::kFailedPrecondition, {"retract_event.target_event_id: the event that created a stream cannot be retracted"});
  CommandResult retracted = Ok("retract_event { stream_id: \"body-a\" target_event_id: \"" + seat_event +
                               "\" reason { fi: \"Virheellinen\" authoritative: LANGUAGE_FI } }");
  EXPECT_EQ(retracted.events[0].event_retracted().target_event_type(), "SeatAdded");
  // The seat is gone from the body's state: appointing to it is NOT_FOUND.
  RegisterPersonNamed("person-1", "P");
  Fails(R"pb(appoint_member { body_id: "body-a" membership_id: "m" seat_id: "chair" person_id: "person-1"
             term { start { year: 2019 month: 2 day: 1 } } })pb",
        StatusCode::kNotFound, {"appoint_member.seat_id: seat of \"body-a\" \"chair\" does not exist"});
  Fails("retract_event { stream_id: \"body-a\" target_event_id: \"" + seat_event + "\" reason { fi: \"x\" authoritative: LANGUAGE_FI } }",
        StatusCode::kFailedPrecondition, {"a retracted event cannot be corrected or retracted again"});
  // History keeps everything: establishment, seat and retraction.
  EXPECT_EQ(*store_->CurrentVersion("body-a"), StreamVersion(3));
}

}  // namespace
}  // namespace kumppani::domain::testing
