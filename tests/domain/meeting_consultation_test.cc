// Meetings, consultations and submissions (including lateness).
#include "tests/domain/domain_fixture.h"

namespace kumppani::domain::testing {
namespace {

using absl::StatusCode;

constexpr char kHash[] = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

class MeetingTest : public DomainTest {
 protected:
  MeetingTest() {
    RegisterOrg("org-ks2021", "ORGANISATION_KIND_PREPARATION_PROJECT");
    RegisterOrg("org-kumaja", "ORGANISATION_KIND_NETWORK");
    EstablishBody("body-kp", "org-ks2021", "year: 2019 month: 3 day: 1");
    RegisterPersonNamed("person-a", "Aino");
  }
};

TEST_F(MeetingTest, RecordAndApprove) {
  ExpectEvents(Ok(R"pb(record_meeting { meeting_id: "meeting-kp-2019-03-22" body_id: "body-kp"
                        held_on { year: 2019 month: 3 day: 22 } place: "Jyväskylä"
                        title { fi: "Kumppanuuspöydän kokous" authoritative: LANGUAGE_FI }
                        agenda { section: "§ 1" title { fi: "Jatko" authoritative: LANGUAGE_FI } }
                        attendance { person_id: "person-a" organisation_id: "org-kumaja" post: POST_KIND_CHAIR }
                        participant_count: 14 })pb"),
               {R"pb(meeting_held { meeting_id: "meeting-kp-2019-03-22" body_id: "body-kp"
                     held_on { year: 2019 month: 3 day: 22 } place: "Jyväskylä"
                     title { fi: "Kumppanuuspöydän kokous" authoritative: LANGUAGE_FI }
                     agenda { section: "§ 1" title { fi: "Jatko" authoritative: LANGUAGE_FI } }
                     attendance { person_id: "person-a" organisation_id: "org-kumaja" post: POST_KIND_CHAIR }
                     participant_count: 14 })pb"});
  ExpectEvents(Ok(std::string(R"pb(approve_minutes { meeting_id: "meeting-kp-2019-03-22"
                        approved_on { year: 2019 month: 4 day: 5 } minutes { sha256: ")pb") + kHash + "\" } }"),
               {std::string(R"pb(minutes_approved { meeting_id: "meeting-kp-2019-03-22"
                     approved_on { year: 2019 month: 4 day: 5 } minutes { sha256: ")pb") + kHash + "\" } }"});
  Fails(std::string(R"pb(approve_minutes { meeting_id: "meeting-kp-2019-03-22"
             approved_on { year: 2019 month: 4 day: 6 } minutes { sha256: ")pb") + kHash + "\" } }",
        StatusCode::kFailedPrecondition, {"approve_minutes.meeting_id: minutes are approved once"});
}

TEST_F(MeetingTest, Rejections) {
  const std::string title = " title { fi: \"K\" authoritative: LANGUAGE_FI } ";
  Fails("record_meeting { meeting_id: \"meeting-1\" held_on { year: 2019 month: 3 day: 22 }" + title + "}",
        StatusCode::kInvalidArgument, {"record_meeting.body_id: is required unless convener_organisation_ids"});
  Fails("record_meeting { meeting_id: \"meeting-1\" body_id: \"body-kp\" held_on { year: 2030 month: 1 day: 1 }" + title + "}",
        StatusCode::kInvalidArgument, {"record_meeting.held_on: must not be in the future (today is 2024-01-01), got 2030-01-01"});
  Fails("record_meeting { meeting_id: \"meeting-1\" body_id: \"body-kp\" held_on { year: 2019 month: 1 day: 1 }" + title + "}",
        StatusCode::kFailedPrecondition, {"record_meeting.held_on: must not be before the body's establishment (2019-03-01)"});
  Fails("record_meeting { meeting_id: \"meeting-1\" body_id: \"body-kp\" held_on { year: 2019 month: 4 day: 1 }" + title +
            "agenda { section: \"§ 1\" title { fi: \"A\" authoritative: LANGUAGE_FI } } "
            "agenda { section: \"§ 1\" title { fi: \"B\" authoritative: LANGUAGE_FI } } }",
        StatusCode::kInvalidArgument, {"record_meeting.agenda[1].section: must be unique within the meeting"});
  Fails("record_meeting { meeting_id: \"meeting-1\" body_id: \"body-kp\" held_on { year: 2019 month: 4 day: 1 }" + title +
            "attendance { post: POST_KIND_MEMBER } }",
        StatusCode::kInvalidArgument, {"record_meeting.attendance[0]: must name a person_id or an organisation_id"});
  Fails("record_meeting { meeting_id: \"meeting-1\" body_id: \"body-kp\" held_on { year: 2019 month: 4 day: 1 }" + title +
            "attendance { person_id: \"person-z\" } }",
        StatusCode::kNotFound, {"record_meeting.attendance[0].person_id: person \"person-z\" does not exist"});
  Fails("record_meeting { meeting_id: \"meeting-1\" convener_organisation_ids: \"org-z\" held_on { year: 2019 month: 4 day: 1 }" + title + "}",
        StatusCode::kNotFound, {"record_meeting.convener_organisation_ids[0]: organisation \"org-z\""});
  Fails("record_meeting { meeting_id: \"meeting-1\" body_id: \"body-z\" held_on { year: 2019 month: 4 day: 1 }" + title + "}",
        StatusCode::kNotFound, {"record_meeting.body_id: body \"body-z\""});
  Ok("record_meeting { meeting_id: \"meeting-1\" convener_organisation_ids: \"org-kumaja\" held_on { year: 2019 month: 4 day: 1 }" + title + "}");
  Fails("record_meeting { meeting_id: \"meeting-1\" convener_organisation_ids: \"org-kumaja\" held_on { year: 2019 month: 4 day: 1 }" + title + "}",
        StatusCode::kAlreadyExists, {"meeting \"meeting-1\" already exists"});
  Ok(R"pb(dissolve_body { body_id: "body-kp" effective_on { year: 2020 month: 1 day: 1 } })pb");
  Fails("record_meeting { meeting_id: \"meeting-2\" body_id: \"body-kp\" held_on { year: 2020 month: 2 day: 1 }" + title + "}",
        StatusCode::kFailedPrecondition, {"record_meeting.held_on: a dissolved body holds no meetings"});
  Fails(R"pb(approve_minutes { meeting_id: "meeting-1" approved_on { year: 2019 month: 4 day: 6 } minutes { sha256: "ABC" } })pb",
        StatusCode::kInvalidArgument, {"approve_minutes.minutes.sha256: must be 64 lower-case hexadecimal digits"});
  Fails(std::string(R"pb(approve_minutes { meeting_id: "meeting-1" approved_on { year: 2019 month: 3 day: 6 } minutes { sha256: ")pb") + kHash + "\" } }",
        StatusCode::kFailedPrecondition, {"approve_minutes.approved_on: must not be before the meeting (2019-04-01)"});
  Fails(std::string(R"pb(approve_minutes { meeting_id: "meeting-9" approved_on { year: 2019 month: 5 day: 6 } minutes { sha256: ")pb") + kHash + "\" } }",
        StatusCode::kNotFound, {"approve_minutes.meeting_id: meeting \"meeting-9\""});
}

class ConsultationTest : public MeetingTest {
 protected:
  ConsultationTest() {
    RegisterOrg("org-kyt");
    Ok(std::string(R"pb(open_consultation { consultation_id: "consultation-ks-js-v3" organiser_organisation_id: "org-ks2021"
            subject { fi: "Järjestämissuunnitelma, versio 3" authoritative: LANGUAGE_FI }
            subject_document { version: "3" sha256: ")pb") + kHash + R"pb(" }
            method: CONSULTATION_METHOD_COMMENT_ROUND channels: CHANNEL_OTAKANTAA channels: CHANNEL_LAUSUNTOPALVELU
            invited_organisation_ids: "org-kyt"
            opens_on { year: 2018 month: 12 day: 5 } deadline { year: 2019 month: 2 day: 15 } })pb");
  }
  // A submission received at `seconds` (Unix time) through otakantaa.fi.
  absl::StatusOr<CommandResult> Submit(const std::string& id, int64_t seconds,
                                       const std::string& consultation = "consultation-ks-js-v3") {
    return Run(absl::StrCat("receive_submission { submission_id: \"", id, "\" consultation_id: \"", consultation,
                            "\" submitter_organisation_id: \"org-kyt\" channel: CHANNEL_OTAKANTAA "
                            "received_at { seconds: ", seconds, " } text: \"Hyvä\" language: LANGUAGE_FI }"));
  }
};

// 2019-02-15 23:59:59 and 2019-02-16 00:00:00 Finnish time.
constexpr int64_t kLastSecondOfDeadline = 1550267999;
constexpr int64_t kFirstLateSecond = 1550268000;

TEST_F(ConsultationTest, SubmissionOnTimeAndLate) {
  absl::StatusOr<CommandResult> on_time = Submit("submission-1", kLastSecondOfDeadline);
  ASSERT_TRUE(on_time.ok()) << on_time.status();
  ExpectEvents(*on_time, {R"pb(submission_received { submission_id: "submission-1" consultation_id: "consultation-ks-js-v3"
                             submitter_organisation_id: "org-kyt" channel: CHANNEL_OTAKANTAA
                             received_at { seconds: 1550267999 } late: false text: "Hyvä" language: LANGUAGE_FI })pb"});
  absl::Status late = Submit("submission-2", kFirstLateSecond).status();
  EXPECT_EQ(late.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(late.message(),
            "consultation \"consultation-ks-js-v3\" had its deadline on 2019-02-15 and "
            "receive_submission.received_at is 2019-02-16; late submissions are not allowed");
  Ok(R"pb(close_consultation { consultation_id: "consultation-ks-js-v3" closed_on { year: 2019 month: 2 day: 15 } })pb");
  absl::Status closed = Submit("submission-3", kFirstLateSecond + 86400).status();
  EXPECT_EQ(closed.message(),
            "consultation \"consultation-ks-js-v3\" is closed (closed 2019-02-15); late submissions are not allowed");
  // Backfilling a submission that arrived on time is fine after closing.
  EXPECT_TRUE(Submit("submission-4", kLastSecondOfDeadline - 3600).ok());
}

TEST_F(ConsultationTest, LateAllowedIsFlagged) {
  Ok(R"pb(open_consultation { consultation_id: "consultation-late" organiser_organisation_id: "org-ks2021"
          subject { fi: "S" authoritative: LANGUAGE_FI } method: CONSULTATION_METHOD_STATEMENT_REQUEST
          channels: CHANNEL_OTAKANTAA late_submissions_allowed: true
          opens_on { year: 2018 month: 12 day: 5 } deadline { year: 2019 month: 2 day: 15 } })pb");
  absl::StatusOr<CommandResult> r = Submit("submission-late", kFirstLateSecond, "consultation-late");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(r->events[0].submission_received().late());
}

TEST_F(ConsultationTest, SubmissionRejections) {
  Fails(R"pb(receive_submission { submission_id: "submission-x" consultation_id: "consultation-ks-js-v3"
             channel: CHANNEL_OTAKANTAA received_at { seconds: 1549000000 } text: "t" language: LANGUAGE_FI })pb",
        StatusCode::kInvalidArgument, {"exactly one of submitter_organisation_id and submitter_person_id"});
  Fails(R"pb(receive_submission { submission_id: "submission-x" consultation_id: "consultation-ks-js-v3"
             submitter_organisation_id: "org-kyt" received_at { seconds: 1549000000 } text: "t" language: LANGUAGE_FI })pb",
        StatusCode::kInvalidArgument, {"receive_submission.channel: is required"});
  Fails(R"pb(receive_submission { submission_id: "submission-x" consultation_id: "consultation-ks-js-v3"
             submitter_organisation_id: "org-kyt" channel: CHANNEL_OTAKANTAA text: "t" language: LANGUAGE_FI })pb",
        StatusCode::kInvalidArgument, {"receive_submission.received_at: is required"});
  Fails(R"pb(receive_submission { submission_id: "submission-x" consultation_id: "consultation-ks-js-v3"
             submitter_organisation_id: "org-kyt" channel: CHANNEL_OTAKANTAA received_at { seconds: 1900000000 }
             text: "t" language: LANGUAGE_FI })pb",
        StatusCode::kInvalidArgument, {"receive_submission.received_at: must not be in the future"});
  Fails(R"pb(receive_submission { submission_id: "submission-x" consultation_id: "consultation-ks-js-v3"
             submitter_organisation_id: "org-kyt" channel: CHANNEL_OTAKANTAA received_at { seconds: 1549000000 }
             language: LANGUAGE_FI })pb",
        StatusCode::kInvalidArgument, {"receive_submission.text: a submission needs its text or a document"});
  Fails(R"pb(receive_submission { submission_id: "submission-x" consultation_id: "consultation-ks-js-v3"
             submitter_organisation_id: "org-kyt" channel: CHANNEL_OTAKANTAA received_at { seconds: 1549000000 } text: "t" })pb",
        StatusCode::kInvalidArgument, {"receive_submission.language: is required"});
  Fails(R"pb(receive_submission { submission_id: "submission-x" consultation_id: "consultation-none"
             submitter_organisation_id: "org-kyt" channel: CHANNEL_OTAKANTAA received_at { seconds: 1549000000 }
             text: "t" language: LANGUAGE_FI })pb",
        StatusCode::kNotFound, {"receive_submission.consultation_id: consultation \"consultation-none\" does not exist"});
  Fails(R"pb(receive_submission { submission_id: "submission-x" consultation_id: "consultation-ks-js-v3"
             submitter_organisation_id: "org-kyt" channel: CHANNEL_OTAKANTAA received_at { seconds: 1540000000 }
             text: "t" language: LANGUAGE_FI })pb",
        StatusCode::kFailedPrecondition,
        {"receive_submission.received_at: must not be before the consultation's opening (2018-12-05), got 2018-10-20"});
  Fails(R"pb(receive_submission { submission_id: "submission-x" consultation_id: "consultation-ks-js-v3"
             submitter_organisation_id: "org-kyt" channel: CHANNEL_EMAIL received_at { seconds: 1549000000 }
             text: "t" language: LANGUAGE_FI })pb",
        StatusCode::kFailedPrecondition,
        {"receive_submission.channel: must be one of the consultation's channels (CHANNEL_OTAKANTAA, "
         "CHANNEL_LAUSUNTOPALVELU), got CHANNEL_EMAIL"});
  Fails(R"pb(receive_submission { submission_id: "submission-x" consultation_id: "consultation-ks-js-v3"
             submitter_person_id: "person-z" channel: CHANNEL_OTAKANTAA received_at { seconds: 1549000000 }
             text: "t" language: LANGUAGE_FI })pb",
        StatusCode::kNotFound, {"receive_submission.submitter_person_id: person \"person-z\""});
  Ok(R"pb(erase_person { person_id: "person-a" })pb");
  Fails(R"pb(receive_submission { submission_id: "submission-x" consultation_id: "consultation-ks-js-v3"
             submitter_person_id: "person-a" channel: CHANNEL_OTAKANTAA received_at { seconds: 1549000000 }
             text: "t" language: LANGUAGE_FI })pb",
        StatusCode::kFailedPrecondition, {"must not be an erased person"});
  ASSERT_TRUE(Submit("submission-1", 1549000000).ok());
  EXPECT_EQ(Submit("submission-1", 1549000000).status().code(), StatusCode::kAlreadyExists);
  ExpectEvents(Ok(R"pb(withdraw_submission { submission_id: "submission-1" withdrawn_on { year: 2019 month: 2 day: 10 } })pb"),
               {R"pb(submission_withdrawn { submission_id: "submission-1" withdrawn_on { year: 2019 month: 2 day: 10 } })pb"});
  Fails(R"pb(withdraw_submission { submission_id: "submission-1" withdrawn_on { year: 2019 month: 2 day: 11 } })pb",
        StatusCode::kFailedPrecondition, {"withdraw_submission.submission_id: a submission is withdrawn once"});
  Fails(R"pb(withdraw_submission { submission_id: "submission-9" withdrawn_on { year: 2019 month: 2 day: 11 } })pb",
        StatusCode::kNotFound, {"withdraw_submission.submission_id: submission \"submission-9\""});
  ASSERT_TRUE(Submit("submission-2", 1549000000).ok());
  Fails(R"pb(withdraw_submission { submission_id: "submission-2" withdrawn_on { year: 2019 month: 1 day: 1 } })pb",
        StatusCode::kFailedPrecondition, {"withdraw_submission.withdrawn_on: must not be before the submission's receipt"});
}

TEST_F(ConsultationTest, Lifecycle) {
  Fails(R"pb(open_consultation { consultation_id: "consultation-x" organiser_organisation_id: "org-ks2021"
             subject { fi: "S" authoritative: LANGUAGE_FI } channels: CHANNEL_OTAKANTAA
             opens_on { year: 2019 month: 1 day: 1 } deadline { year: 2019 month: 2 day: 1 } })pb",
        StatusCode::kInvalidArgument, {"open_consultation.method: is required"});
  Fails(R"pb(open_consultation { consultation_id: "consultation-x" organiser_organisation_id: "org-ks2021"
             subject { fi: "S" authoritative: LANGUAGE_FI } method: CONSULTATION_METHOD_SURVEY channels: CHANNEL_SURVEY
             opens_on { year: 2019 month: 3 day: 1 } deadline { year: 2019 month: 2 day: 1 } })pb",
        StatusCode::kInvalidArgument, {"open_consultation.deadline: must not be before opens_on (2019-03-01)"});
  Fails(R"pb(open_consultation { consultation_id: "consultation-x" organiser_organisation_id: "org-ks2021"
             subject { fi: "S" authoritative: LANGUAGE_FI } method: CONSULTATION_METHOD_SURVEY channels: CHANNEL_SURVEY
             invited_organisation_ids: "org-kyt" invited_organisation_ids: "org-kyt"
             opens_on { year: 2019 month: 1 day: 1 } deadline { year: 2019 month: 2 day: 1 } })pb",
        StatusCode::kInvalidArgument, {"open_consultation.invited_organisation_ids[1]: duplicates \"org-kyt\""});
  Fails(R"pb(open_consultation { consultation_id: "consultation-x" organiser_organisation_id: "org-none"
             subject { fi: "S" authoritative: LANGUAGE_FI } method: CONSULTATION_METHOD_SURVEY channels: CHANNEL_SURVEY
             opens_on { year: 2019 month: 1 day: 1 } deadline { year: 2019 month: 2 day: 1 } })pb",
        StatusCode::kNotFound, {"open_consultation.organiser_organisation_id"});
  ExpectEvents(Ok(R"pb(extend_consultation_deadline { consultation_id: "consultation-ks-js-v3" deadline { year: 2019 month: 2 day: 28 } })pb"),
               {R"pb(consultation_deadline_extended { consultation_id: "consultation-ks-js-v3"
                     deadline { year: 2019 month: 2 day: 28 } previous_deadline { year: 2019 month: 2 day: 15 } })pb"});
  Fails(R"pb(extend_consultation_deadline { consultation_id: "consultation-ks-js-v3" deadline { year: 2019 month: 2 day: 20 } })pb",
        StatusCode::kFailedPrecondition,
        {"extend_consultation_deadline.deadline: an extension must move the deadline later than the current one (2019-02-28)"});
  ASSERT_TRUE(Submit("submission-after-old-deadline", kFirstLateSecond).ok());
  Fails(R"pb(publish_consultation_summary { consultation_id: "consultation-ks-js-v3" published_on { year: 2019 month: 3 day: 1 }
             summary { fi: "Yhteenveto" authoritative: LANGUAGE_FI } })pb",
        StatusCode::kFailedPrecondition, {"a summary is published after closing; consultation \"consultation-ks-js-v3\" is open (deadline 2019-02-28)"});
  Fails(R"pb(close_consultation { consultation_id: "consultation-ks-js-v3" closed_on { year: 2018 month: 3 day: 1 } })pb",
        StatusCode::kFailedPrecondition, {"close_consultation.closed_on: must not be before the consultation's opening"});
  ExpectEvents(Ok(R"pb(close_consultation { consultation_id: "consultation-ks-js-v3" closed_on { year: 2019 month: 2 day: 28 } responses_received: 40 })pb"),
               {R"pb(consultation_closed { consultation_id: "consultation-ks-js-v3" closed_on { year: 2019 month: 2 day: 28 } responses_received: 40 })pb"});
  Fails(R"pb(close_consultation { consultation_id: "consultation-ks-js-v3" closed_on { year: 2019 month: 3 day: 1 } })pb",
        StatusCode::kFailedPrecondition, {"consultation \"consultation-ks-js-v3\" is closed (closed 2019-02-28)"});
  Fails(R"pb(extend_consultation_deadline { consultation_id: "consultation-ks-js-v3" deadline { year: 2019 month: 3 day: 20 } })pb",
        StatusCode::kFailedPrecondition, {"is closed (closed 2019-02-28)"});
  Fails(R"pb(publish_consultation_summary { consultation_id: "consultation-ks-js-v3" published_on { year: 2019 month: 2 day: 1 }
             summary { fi: "Yhteenveto" authoritative: LANGUAGE_FI } })pb",
        StatusCode::kFailedPrecondition, {"publish_consultation_summary.published_on: must not be before the consultation's closing"});
  ExpectEvents(Ok(R"pb(publish_consultation_summary { consultation_id: "consultation-ks-js-v3" published_on { year: 2019 month: 3 day: 15 }
                        summary { fi: "Yhteenveto" authoritative: LANGUAGE_FI } })pb"),
               {R"pb(consultation_summary_published { consultation_id: "consultation-ks-js-v3" published_on { year: 2019 month: 3 day: 15 }
                     summary { fi: "Yhteenveto" authoritative: LANGUAGE_FI } })pb"});
}

}  // namespace
}  // namespace kumppani::domain::testing
