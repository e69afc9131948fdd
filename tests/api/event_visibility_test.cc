// Event visibility: person streams, and private persons' submissions and
// their corrections, by role.
#include "api/event_visibility.h"

#include "gtest/gtest.h"
#include "kumppani/v1/events.pb.h"
#include "tests/testing/events.h"

namespace kumppani::api {
namespace {

using ::kumppani::testing::MakeEvent;

store::EventEnvelope InStream(store::EventEnvelope event, const std::string& stream) {
  event.set_stream_id(stream);
  return event;
}

store::EventEnvelope Received(const std::string& person, const std::string& organisation) {
  v1::SubmissionReceived received;
  received.set_submission_id("submission-1");
  received.set_submitter_person_id(person);
  received.set_submitter_organisation_id(organisation);
  return InStream(MakeEvent("SubmissionReceived", received.SerializeAsString()), "submission-1");
}

store::EventEnvelope Correction(const store::EventEnvelope& of) {
  v1::SubmissionReceived replacement;
  EXPECT_TRUE(replacement.ParseFromString(of.payload()));
  v1::EventCorrected corrected;
  corrected.set_target_event_type("SubmissionReceived");
  corrected.mutable_replacement()->PackFrom(replacement);
  return InStream(MakeEvent("EventCorrected", corrected.SerializeAsString()), "submission-1");
}

const Principal kPublic = {Role::kPublic, "", "p"};
const Principal kNgo = {Role::kNgo, "org-a", "n"};
const Principal kAuditor = {Role::kAuditor, "", "a"};

TEST(EventVisibilityTest, PersonStreamsAreHiddenFromPublicOnly) {
  store::EventEnvelope event = InStream(MakeEvent("PersonRegistered", "x"), "person-1");
  EXPECT_FALSE(CanSeeEvent(kPublic, event));
  EXPECT_TRUE(CanSeeEvent(kNgo, event));
  EXPECT_TRUE(CanSeeEvent(kAuditor, event));
}

TEST(EventVisibilityTest, APrivatePersonsStatementAndItsCorrectionAreWithheld) {
  store::EventEnvelope by_person = Received("person-1", "");
  EXPECT_TRUE(RevealsPrivateParticipation(by_person));
  EXPECT_TRUE(RevealsPrivateParticipation(Correction(by_person)));
  EXPECT_FALSE(CanSeeEvent(kPublic, by_person));
  EXPECT_FALSE(CanSeeEvent(kNgo, Correction(by_person)));
  EXPECT_TRUE(CanSeeEvent(kAuditor, by_person));

  store::EventEnvelope by_organisation = Received("", "org-a");
  EXPECT_FALSE(RevealsPrivateParticipation(by_organisation));
  EXPECT_FALSE(RevealsPrivateParticipation(Correction(by_organisation)));
  EXPECT_TRUE(CanSeeEvent(kPublic, by_organisation));
}

TEST(EventVisibilityTest, UnparsablePayloadsInSubmissionStreamsAreWithheld) {
  store::EventEnvelope garbage =
      InStream(MakeEvent("SubmissionReceived", "\xff\xff"), "submission-1");
  EXPECT_TRUE(RevealsPrivateParticipation(garbage));
  // Other types and streams are not looked into.
  EXPECT_FALSE(RevealsPrivateParticipation(
      InStream(MakeEvent("SubmissionWithdrawn", "\xff"), "submission-1")));
  EXPECT_FALSE(
      RevealsPrivateParticipation(InStream(MakeEvent("SubmissionReceived", "\xff\xff"), "org-1")));
}

}  // namespace
}  // namespace kumppani::api
