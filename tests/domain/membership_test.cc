// Membership calls and memberships.
#include "tests/domain/domain_fixture.h"

namespace kumppani::domain::testing {
namespace {

using absl::StatusCode;

class MembershipTest : public DomainTest {
 protected:
  MembershipTest() {
    RegisterOrg("org-u19", "ORGANISATION_KIND_PREPARATION_PROJECT");
    RegisterOrg("org-kumaja", "ORGANISATION_KIND_NETWORK");
    EstablishBody("body-dev", "org-u19", "year: 2018 month: 9 day: 1");
    AddSeat("body-dev", "chair", "POST_KIND_CHAIR");
    AddSeat("body-dev", "member-1");
    Ok(R"pb(add_seat { body_id: "body-dev" seat_id: "deputy-1" post: POST_KIND_DEPUTY deputy_of_seat_id: "member-1" })pb");
    RegisterPersonNamed("person-a", "Aino");
    RegisterPersonNamed("person-b", "Bertil");
    Ok(R"pb(open_membership_call { call_id: "call-dev" body_id: "body-dev"
            opens_on { year: 2018 month: 9 day: 1 } closes_on { year: 2018 month: 9 day: 30 }
            channels: CHANNEL_WEB_FORM criteria { fi: "Järjestötausta" authoritative: LANGUAGE_FI } seats_offered: 22 })pb");
  }
};

TEST_F(MembershipTest, CallLifecycle) {
  EXPECT_EQ(Effective("call-dev").size(), 1u);
  Fails(R"pb(open_membership_call { call_id: "call-x" body_id: "body-dev"
             opens_on { year: 2018 month: 9 day: 1 } closes_on { year: 2018 month: 8 day: 30 }
             channels: CHANNEL_WEB_FORM criteria { fi: "K" authoritative: LANGUAGE_FI } })pb",
        StatusCode::kInvalidArgument, {"open_membership_call.closes_on: must not be before opens_on (2018-09-01)"});
  Fails(R"pb(open_membership_call { call_id: "call-x" body_id: "body-dev"
             opens_on { year: 2018 month: 9 day: 1 } closes_on { year: 2018 month: 9 day: 30 }
             criteria { fi: "K" authoritative: LANGUAGE_FI } })pb",
        StatusCode::kInvalidArgument, {"open_membership_call.channels: must name at least one channel"});
  Fails(R"pb(open_membership_call { call_id: "call-x" body_id: "body-dev" seats_offered: -1
             opens_on { year: 2018 month: 9 day: 1 } closes_on { year: 2018 month: 9 day: 30 }
             channels: CHANNEL_EMAIL criteria { fi: "K" authoritative: LANGUAGE_FI } })pb",
        StatusCode::kInvalidArgument, {"open_membership_call.seats_offered: must not be negative"});
  Fails(R"pb(open_membership_call { call_id: "call-x" body_id: "body-none"
             opens_on { year: 2018 month: 9 day: 1 } closes_on { year: 2018 month: 9 day: 30 }
             channels: CHANNEL_EMAIL criteria { fi: "K" authoritative: LANGUAGE_FI } })pb",
        StatusCode::kNotFound, {"open_membership_call.body_id: body \"body-none\""});
  ExpectEvents(Ok(R"pb(apply_for_membership { call_id: "call-dev" application_id: "app-1" person_id: "person-a"
                        organisation_id: "org-kumaja" applied_on { year: 2018 month: 9 day: 10 } })pb"),
               {R"pb(membership_applied { call_id: "call-dev" application_id: "app-1" person_id: "person-a"
                     organisation_id: "org-kumaja" applied_on { year: 2018 month: 9 day: 10 } })pb"});
  Fails(R"pb(apply_for_membership { call_id: "call-dev" application_id: "app-1" person_id: "person-b"
             applied_on { year: 2018 month: 9 day: 10 } })pb",
        StatusCode::kAlreadyExists, {"apply_for_membership.application_id"});
  Fails(R"pb(apply_for_membership { call_id: "call-dev" application_id: "app-2" person_id: "person-b"
             applied_on { year: 2018 month: 10 day: 10 } })pb",
        StatusCode::kFailedPrecondition,
        {"apply_for_membership.applied_on: must be within the call's dates (2018-09-01..2018-09-30), got 2018-10-10"});
  Fails(R"pb(apply_for_membership { call_id: "call-dev" application_id: "app-2" person_id: "person-z"
             applied_on { year: 2018 month: 9 day: 10 } })pb",
        StatusCode::kNotFound, {"apply_for_membership.person_id: person \"person-z\" does not exist"});
  ExpectEvents(Ok(R"pb(nominate_member { call_id: "call-dev" nomination_id: "nom-1" nominating_organisation_id: "org-kumaja"
                        person_id: "person-b" seat_id: "member-1" nominated_on { year: 2018 month: 9 day: 12 } })pb"),
               {R"pb(member_nominated { call_id: "call-dev" nomination_id: "nom-1" nominating_organisation_id: "org-kumaja"
                     person_id: "person-b" seat_id: "member-1" nominated_on { year: 2018 month: 9 day: 12 } })pb"});
  Fails(R"pb(nominate_member { call_id: "call-dev" nomination_id: "nom-2" nominating_organisation_id: "org-kumaja"
             person_id: "person-b" seat_id: "nope" nominated_on { year: 2018 month: 9 day: 12 } })pb",
        StatusCode::kNotFound, {"nominate_member.seat_id"});
  Fails(R"pb(nominate_member { call_id: "call-dev" nomination_id: "nom-2" nominating_organisation_id: "org-none"
             person_id: "person-b" nominated_on { year: 2018 month: 9 day: 12 } })pb",
        StatusCode::kNotFound, {"nominate_member.nominating_organisation_id"});
  Fails(R"pb(close_membership_call { call_id: "call-dev" closed_on { year: 2018 month: 9 day: 30 } applications_received: 1 })pb",
        StatusCode::kFailedPrecondition,
        {"close_membership_call.applications_received: must not be fewer than the applications and nominations recorded (2), got 1"});
  ExpectEvents(Ok(R"pb(close_membership_call { call_id: "call-dev" closed_on { year: 2018 month: 9 day: 30 } applications_received: 97 })pb"),
               {R"pb(membership_call_closed { call_id: "call-dev" closed_on { year: 2018 month: 9 day: 30 } applications_received: 97 })pb"});
  Fails(R"pb(close_membership_call { call_id: "call-dev" closed_on { year: 2018 month: 10 day: 1 } })pb",
        StatusCode::kFailedPrecondition, {"close_membership_call.call_id: a call is closed once"});
  Fails(R"pb(apply_for_membership { call_id: "call-dev" application_id: "app-3" person_id: "person-b"
             applied_on { year: 2018 month: 9 day: 20 } })pb",
        StatusCode::kFailedPrecondition, {"membership call \"call-dev\" is closed (closed 2018-09-30)"});
  Fails(R"pb(close_membership_call { call_id: "call-none" closed_on { year: 2018 month: 10 day: 1 } })pb",
        StatusCode::kNotFound, {"close_membership_call.call_id: membership call \"call-none\""});
}

TEST_F(MembershipTest, AppointHappyPath) {
  Ok(R"pb(apply_for_membership { call_id: "call-dev" application_id: "app-1" person_id: "person-a"
          applied_on { year: 2018 month: 9 day: 10 } })pb");
  ExpectEvents(Ok(R"pb(appoint_member { body_id: "body-dev" membership_id: "m-a" seat_id: "member-1" person_id: "person-a"
                        on_behalf_of_organisation_id: "org-kumaja"
                        term { start { year: 2018 month: 10 day: 1 } end { year: 2019 month: 12 day: 31 } }
                        call_id: "call-dev" application_id: "app-1" })pb"),
               {R"pb(member_appointed { body_id: "body-dev" membership_id: "m-a" seat_id: "member-1" post: POST_KIND_MEMBER
                     person_id: "person-a" on_behalf_of_organisation_id: "org-kumaja"
                     term { start { year: 2018 month: 10 day: 1 } end { year: 2019 month: 12 day: 31 } }
                     call_id: "call-dev" application_id: "app-1" })pb"});
  ExpectEvents(Ok(R"pb(appoint_member { body_id: "body-dev" membership_id: "m-b" seat_id: "deputy-1" person_id: "person-b"
                        deputy_of_person_id: "person-a" term { start { year: 2018 month: 10 day: 1 } } })pb"),
               {R"pb(member_appointed { body_id: "body-dev" membership_id: "m-b" seat_id: "deputy-1" post: POST_KIND_DEPUTY
                     person_id: "person-b" deputy_of_person_id: "person-a" term { start { year: 2018 month: 10 day: 1 } } })pb"});
}

TEST_F(MembershipTest, AppointRejections) {
  Fails(R"pb(appoint_member { body_id: "body-dev" membership_id: "m" seat_id: "member-1" person_id: "person-a"
             term { start { year: 2019 month: 1 day: 1 } end { year: 2018 month: 12 day: 31 } } })pb",
        StatusCode::kInvalidArgument, {"appoint_member.term.end: must not be before appoint_member.term.start (2019-01-01)"});
  Fails(R"pb(appoint_member { body_id: "body-dev" membership_id: "m" seat_id: "member-1" person_id: "person-a" })pb",
        StatusCode::kInvalidArgument, {"appoint_member.term.start: is required"});
  Fails(R"pb(appoint_member { body_id: "body-dev" membership_id: "m" seat_id: "member-1" person_id: "person-a"
             application_id: "app-1" term { start { year: 2019 month: 1 day: 1 } } })pb",
        StatusCode::kInvalidArgument, {"appoint_member.application_id: requires call_id"});
  Fails(R"pb(appoint_member { body_id: "body-none" membership_id: "m" seat_id: "member-1" person_id: "person-a"
             term { start { year: 2019 month: 1 day: 1 } } })pb",
        StatusCode::kNotFound, {"appoint_member.body_id: body \"body-none\" does not exist"});
  Fails(R"pb(appoint_member { body_id: "body-dev" membership_id: "m" seat_id: "seat-9" person_id: "person-a"
             term { start { year: 2019 month: 1 day: 1 } } })pb",
        StatusCode::kNotFound, {"appoint_member.seat_id: seat of \"body-dev\" \"seat-9\" does not exist"});
  Fails(R"pb(appoint_member { body_id: "body-dev" membership_id: "m" seat_id: "member-1" person_id: "person-a"
             term { start { year: 2018 month: 1 day: 1 } } })pb",
        StatusCode::kFailedPrecondition,
        {"appoint_member.term.start: must not be before the body's establishment (2018-09-01), got 2018-01-01"});
  Fails(R"pb(appoint_member { body_id: "body-dev" membership_id: "m" seat_id: "member-1" person_id: "person-none"
             term { start { year: 2019 month: 1 day: 1 } } })pb",
        StatusCode::kNotFound, {"appoint_member.person_id: person \"person-none\" does not exist"});
  Fails(R"pb(appoint_member { body_id: "body-dev" membership_id: "m" seat_id: "member-1" person_id: "person-a"
             on_behalf_of_organisation_id: "org-none" term { start { year: 2019 month: 1 day: 1 } } })pb",
        StatusCode::kNotFound, {"appoint_member.on_behalf_of_organisation_id"});
  Fails(R"pb(appoint_member { body_id: "body-dev" membership_id: "m" seat_id: "member-1" person_id: "person-a"
             appointing_decision_id: "decision-none" term { start { year: 2019 month: 1 day: 1 } } })pb",
        StatusCode::kNotFound, {"appoint_member.appointing_decision_id: decision \"decision-none\""});
  Fails(R"pb(appoint_member { body_id: "body-dev" membership_id: "m" seat_id: "member-1" person_id: "person-a"
             deputy_of_person_id: "person-b" term { start { year: 2019 month: 1 day: 1 } } })pb",
        StatusCode::kInvalidArgument, {"appoint_member.deputy_of_person_id: is only for deputy seats"});
  Fails(R"pb(appoint_member { body_id: "body-dev" membership_id: "m" seat_id: "deputy-1" person_id: "person-a"
             deputy_of_person_id: "person-b" term { start { year: 2019 month: 1 day: 1 } } })pb",
        StatusCode::kFailedPrecondition, {"appoint_member.deputy_of_person_id: must hold an active seat in \"body-dev\""});
  Fails(R"pb(appoint_member { body_id: "body-dev" membership_id: "m" seat_id: "member-1" person_id: "person-a"
             call_id: "call-dev" application_id: "app-9" term { start { year: 2019 month: 1 day: 1 } } })pb",
        StatusCode::kNotFound, {"appoint_member.application_id"});
  // A filled seat.
  Ok(R"pb(appoint_member { body_id: "body-dev" membership_id: "m-a" seat_id: "member-1" person_id: "person-a"
          term { start { year: 2019 month: 1 day: 1 } } })pb");
  Fails(R"pb(appoint_member { body_id: "body-dev" membership_id: "m-b" seat_id: "member-1" person_id: "person-b"
             term { start { year: 2019 month: 1 day: 1 } } })pb",
        StatusCode::kFailedPrecondition,
        {"appoint_member.seat_id: a seat has one holder at a time; \"member-1\" is filled by person-a "
         "(membership \"m-a\", term from 2019-01-01)"});
  Fails(R"pb(appoint_member { body_id: "body-dev" membership_id: "m-a" seat_id: "chair" person_id: "person-b"
             term { start { year: 2019 month: 1 day: 1 } } })pb",
        StatusCode::kAlreadyExists, {"appoint_member.membership_id"});
  Fails(R"pb(appoint_member { body_id: "body-dev" membership_id: "m-c" seat_id: "chair" person_id: "person-a"
             term { start { year: 2019 month: 1 day: 1 } } })pb",
        StatusCode::kFailedPrecondition, {"appoint_member.person_id: a person holds one seat per body"});
  // An erased person cannot be appointed.
  Ok(R"pb(erase_person { person_id: "person-b" })pb");
  Fails(R"pb(appoint_member { body_id: "body-dev" membership_id: "m-c" seat_id: "chair" person_id: "person-b"
             term { start { year: 2019 month: 1 day: 1 } } })pb",
        StatusCode::kFailedPrecondition,
        {"appoint_member.person_id: must not be an erased person; \"person-b\" is erased"});
  // A dissolved body takes no appointments.
  Ok(R"pb(dissolve_body { body_id: "body-dev" effective_on { year: 2019 month: 12 day: 31 } })pb");
  Fails(R"pb(appoint_member { body_id: "body-dev" membership_id: "m-d" seat_id: "chair" person_id: "person-a"
             term { start { year: 2019 month: 6 day: 1 } } })pb",
        StatusCode::kFailedPrecondition,
        {"appoint_member.body_id: must not be a dissolved body; \"body-dev\" is dissolved since 2019-12-31"});
}

TEST_F(MembershipTest, EndingMemberships) {
  Ok(R"pb(appoint_member { body_id: "body-dev" membership_id: "m-a" seat_id: "member-1" person_id: "person-a"
          term { start { year: 2019 month: 1 day: 1 } } })pb");
  Ok(R"pb(appoint_member { body_id: "body-dev" membership_id: "m-b" seat_id: "chair" person_id: "person-b"
          term { start { year: 2019 month: 1 day: 1 } } })pb");
  Fails(R"pb(resign_member { body_id: "body-dev" membership_id: "m-a" effective_on { year: 2018 month: 12 day: 1 } })pb",
        StatusCode::kFailedPrecondition,
        {"resign_member.effective_on: must not be before the term's start (2019-01-01), got 2018-12-01"});
  Fails(R"pb(resign_member { body_id: "body-dev" membership_id: "m-z" effective_on { year: 2019 month: 12 day: 1 } })pb",
        StatusCode::kNotFound, {"resign_member.membership_id: membership in \"body-dev\" \"m-z\" does not exist"});
  ExpectEvents(Ok(R"pb(resign_member { body_id: "body-dev" membership_id: "m-a" effective_on { year: 2019 month: 6 day: 30 } })pb"),
               {R"pb(member_resigned { body_id: "body-dev" membership_id: "m-a" effective_on { year: 2019 month: 6 day: 30 } })pb"});
  Fails(R"pb(end_term { body_id: "body-dev" membership_id: "m-a" effective_on { year: 2019 month: 12 day: 31 } })pb",
        StatusCode::kFailedPrecondition,
        {"end_term.membership_id: must be an active membership; \"m-a\" ended on 2019-06-30 (resigned)"});
  // The seat is free again.
  Ok(R"pb(appoint_member { body_id: "body-dev" membership_id: "m-a2" seat_id: "member-1" person_id: "person-a"
          term { start { year: 2019 month: 7 day: 1 } } })pb");
  Fails(R"pb(dismiss_member { body_id: "body-dev" membership_id: "m-b" decision_id: "decision-x"
             effective_on { year: 2019 month: 12 day: 1 } })pb",
        StatusCode::kNotFound, {"dismiss_member.decision_id"});
  ExpectEvents(Ok(R"pb(dismiss_member { body_id: "body-dev" membership_id: "m-b" effective_on { year: 2019 month: 9 day: 1 }
                        reason { fi: "Syy" authoritative: LANGUAGE_FI } })pb"),
               {R"pb(member_dismissed { body_id: "body-dev" membership_id: "m-b" effective_on { year: 2019 month: 9 day: 1 }
                     reason { fi: "Syy" authoritative: LANGUAGE_FI } })pb"});
  ExpectEvents(Ok(R"pb(end_term { body_id: "body-dev" membership_id: "m-a2" effective_on { year: 2019 month: 12 day: 31 } })pb"),
               {R"pb(member_term_ended { body_id: "body-dev" membership_id: "m-a2" effective_on { year: 2019 month: 12 day: 31 } })pb"});
  Fails(R"pb(end_term { body_id: "body-dev" membership_id: "m-a2" })pb", StatusCode::kInvalidArgument,
        {"end_term.effective_on: is required"});
}

}  // namespace
}  // namespace kumppani::domain::testing
