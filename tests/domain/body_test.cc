// Body lifecycle and seat commands.
#include "tests/domain/domain_fixture.h"

namespace kumppani::domain::testing {
namespace {

using absl::StatusCode;

class BodyTest : public DomainTest {
 protected:
  BodyTest() {
    RegisterOrg("org-ks2021", "ORGANISATION_KIND_PREPARATION_PROJECT");
    RegisterOrg("org-ks-liitto", "ORGANISATION_KIND_REGIONAL_COUNCIL");
  }
};

TEST_F(BodyTest, Establish) {
  CommandResult r = Ok(R"pb(establish_body {
    body_id: "body-ks-kumppanuuspoyta" kind: BODY_KIND_PARTNERSHIP_TABLE
    name { fi: "Järjestöjen ja maakunnan kumppanuuspöytä" authoritative: LANGUAGE_FI }
    parent_organisation_id: "org-ks2021"
    mandate { fi: "Luottamus ja vuorovaikutus" authoritative: LANGUAGE_FI }
    established_on { year: 2019 month: 3 day: 1 } })pb");
  ExpectEvents(r, {R"pb(body_established {
    body_id: "body-ks-kumppanuuspoyta" kind: BODY_KIND_PARTNERSHIP_TABLE
    name { fi: "Järjestöjen ja maakunnan kumppanuuspöytä" authoritative: LANGUAGE_FI }
    parent_organisation_id: "org-ks2021" convener_organisation_id: "org-ks2021"
    mandate { fi: "Luottamus ja vuorovaikutus" authoritative: LANGUAGE_FI }
    established_on { year: 2019 month: 3 day: 1 } })pb"});
}

TEST_F(BodyTest, EstablishRejections) {
  const std::string tail = R"pb( name { fi: "B" authoritative: LANGUAGE_FI }
      mandate { fi: "M" authoritative: LANGUAGE_FI } established_on { year: 2019 month: 3 day: 1 })pb";
  Fails("establish_body { body_id: \"body-a\" parent_organisation_id: \"org-ks2021\"" + tail + " }",
        StatusCode::kInvalidArgument, {"establish_body.kind: is required"});
  Fails(R"pb(establish_body { body_id: "body-a" kind: BODY_KIND_COMMITTEE parent_organisation_id: "org-ks2021"
             name { fi: "B" authoritative: LANGUAGE_FI } established_on { year: 2019 month: 3 day: 1 } })pb",
        StatusCode::kInvalidArgument, {"establish_body.mandate: is required"});
  Fails("establish_body { body_id: \"body-a\" kind: BODY_KIND_COMMITTEE parent_organisation_id: \"org-x\"" + tail + " }",
        StatusCode::kNotFound, {"establish_body.parent_organisation_id: organisation \"org-x\" does not exist"});
  Fails("establish_body { body_id: \"body-a\" kind: BODY_KIND_COMMITTEE parent_organisation_id: \"org-ks2021\" "
        "convener_organisation_id: \"org-y\"" + tail + " }",
        StatusCode::kNotFound, {"establish_body.convener_organisation_id: organisation \"org-y\""});
  Fails("establish_body { body_id: \"body-a\" kind: BODY_KIND_COMMITTEE parent_organisation_id: \"org-ks2021\" "
        "establishing_decision_id: \"decision-none\"" + tail + " }",
        StatusCode::kNotFound, {"establish_body.establishing_decision_id: decision \"decision-none\""});
  Ok(R"pb(dissolve_organisation { organisation_id: "org-ks-liitto" effective_on { year: 2020 month: 1 day: 1 } })pb");
  Fails("establish_body { body_id: \"body-a\" kind: BODY_KIND_COMMITTEE parent_organisation_id: \"org-ks-liitto\"" + tail + " }",
        StatusCode::kFailedPrecondition, {"establish_body.parent_organisation_id: must be an active organisation"});
  EstablishBody("body-a", "org-ks2021");
  Fails("establish_body { body_id: \"body-a\" kind: BODY_KIND_COMMITTEE parent_organisation_id: \"org-ks2021\"" + tail + " }",
        StatusCode::kAlreadyExists, {"body \"body-a\" already exists"});
}

TEST_F(BodyTest, ConvenerMandateContinueDissolve) {
  EstablishBody("body-kp", "org-ks2021", "year: 2019 month: 3 day: 1");
  ExpectEvents(Ok(R"pb(change_convener { body_id: "body-kp" convener_organisation_id: "org-ks-liitto"
                        effective_on { year: 2019 month: 3 day: 22 } })pb"),
               {R"pb(body_convener_changed { body_id: "body-kp" convener_organisation_id: "org-ks-liitto"
                     previous_convener_organisation_id: "org-ks2021"
                     effective_on { year: 2019 month: 3 day: 22 } })pb"});
  Fails(R"pb(change_convener { body_id: "body-kp" convener_organisation_id: "org-ks-liitto"
             effective_on { year: 2019 month: 4 day: 1 } })pb",
        StatusCode::kFailedPrecondition,
        {"change_convener.convener_organisation_id: must differ from the current convener \"org-ks-liitto\""});
  Fails(R"pb(change_convener { body_id: "body-kp" convener_organisation_id: "org-ks2021"
             effective_on { year: 2019 month: 1 day: 1 } })pb",
        StatusCode::kFailedPrecondition,
        {"change_convener.effective_on: must not be before the body's establishment (2019-03-01), got 2019-01-01"});
  Fails(R"pb(change_convener { body_id: "body-none" convener_organisation_id: "org-ks2021"
             effective_on { year: 2019 month: 4 day: 1 } })pb",
        StatusCode::kNotFound, {"change_convener.body_id: body \"body-none\" does not exist"});
  ExpectEvents(Ok(R"pb(amend_mandate { body_id: "body-kp" mandate { fi: "Viestintä" authoritative: LANGUAGE_FI }
                        effective_on { year: 2019 month: 3 day: 22 } })pb"),
               {R"pb(body_mandate_amended { body_id: "body-kp" mandate { fi: "Viestintä" authoritative: LANGUAGE_FI }
                     effective_on { year: 2019 month: 3 day: 22 } })pb"});
  Fails(R"pb(amend_mandate { body_id: "body-kp" effective_on { year: 2019 month: 3 day: 22 } })pb",
        StatusCode::kInvalidArgument, {"amend_mandate.mandate: is required"});
  Fails(R"pb(continue_body { body_id: "body-kp" effective_on { year: 2019 month: 3 day: 22 } })pb",
        StatusCode::kInvalidArgument, {"continue_body.reason: is required"});
  ExpectEvents(Ok(R"pb(continue_body { body_id: "body-kp" effective_on { year: 2019 month: 3 day: 22 }
                        reason { fi: "Jatketaan" authoritative: LANGUAGE_FI } })pb"),
               {R"pb(body_continued { body_id: "body-kp" effective_on { year: 2019 month: 3 day: 22 }
                     reason { fi: "Jatketaan" authoritative: LANGUAGE_FI } })pb"});
  EstablishBody("body-other", "org-ks2021");
  Ok(R"pb(record_meeting { meeting_id: "meeting-other" body_id: "body-other" held_on { year: 2019 month: 3 day: 22 }
          title { fi: "K" authoritative: LANGUAGE_FI } })pb");
  Fails(R"pb(continue_body { body_id: "body-kp" effective_on { year: 2019 month: 3 day: 22 } meeting_id: "meeting-other"
             reason { fi: "Jatketaan" authoritative: LANGUAGE_FI } })pb",
        StatusCode::kFailedPrecondition, {"continue_body.meeting_id: must be a meeting of \"body-kp\""});
  // Dissolving ends the active memberships in the same append.
  AddSeat("body-kp", "chair", "POST_KIND_CHAIR");
  RegisterPersonNamed("person-1", "A");
  Ok(R"pb(appoint_member { body_id: "body-kp" membership_id: "m1" seat_id: "chair" person_id: "person-1"
          term { start { year: 2019 month: 4 day: 1 } } })pb");
  CommandResult dissolved = Ok(R"pb(dissolve_body { body_id: "body-kp" effective_on { year: 2020 month: 12 day: 31 } })pb");
  ExpectEvents(dissolved,
               {R"pb(member_term_ended { body_id: "body-kp" membership_id: "m1" effective_on { year: 2020 month: 12 day: 31 } })pb",
                R"pb(body_dissolved { body_id: "body-kp" effective_on { year: 2020 month: 12 day: 31 } })pb"});
  EXPECT_EQ(dissolved.last_position.value(), dissolved.first_position.value() + 1);
  Fails(R"pb(dissolve_body { body_id: "body-kp" effective_on { year: 2021 month: 1 day: 1 } })pb",
        StatusCode::kFailedPrecondition,
        {"dissolve_body.body_id: must not be a dissolved body; \"body-kp\" is dissolved since 2020-12-31"});
  Fails(R"pb(amend_mandate { body_id: "body-kp" mandate { fi: "X" authoritative: LANGUAGE_FI }
             effective_on { year: 2021 month: 1 day: 1 } })pb",
        StatusCode::kFailedPrecondition, {"is dissolved since 2020-12-31"});
  Fails(R"pb(dissolve_body { body_id: "body-other" effective_on { year: 2018 month: 1 day: 1 } })pb",
        StatusCode::kFailedPrecondition, {"dissolve_body.effective_on: must not be before the body's establishment"});
}

TEST_F(BodyTest, Seats) {
  EstablishBody("body-b", "org-ks2021");
  ExpectEvents(Ok(R"pb(add_seat { body_id: "body-b" seat_id: "member-1" post: POST_KIND_MEMBER })pb"),
               {R"pb(seat_added { body_id: "body-b" seat_id: "member-1" post: POST_KIND_MEMBER })pb"});
  ExpectEvents(Ok(R"pb(add_seat { body_id: "body-b" seat_id: "deputy-1" post: POST_KIND_DEPUTY deputy_of_seat_id: "member-1" })pb"),
               {R"pb(seat_added { body_id: "body-b" seat_id: "deputy-1" post: POST_KIND_DEPUTY deputy_of_seat_id: "member-1" })pb"});
  ExpectEvents(Ok(R"pb(add_seat { body_id: "body-b" seat_id: "theme-mh" post: POST_KIND_THEME_SEAT
                        theme { fi: "Mielenterveys" authoritative: LANGUAGE_FI } })pb"),
               {R"pb(seat_added { body_id: "body-b" seat_id: "theme-mh" post: POST_KIND_THEME_SEAT
                     theme { fi: "Mielenterveys" authoritative: LANGUAGE_FI } })pb"});
  Fails(R"pb(add_seat { body_id: "body-b" seat_id: "x" })pb", StatusCode::kInvalidArgument, {"add_seat.post: is required"});
  Fails(R"pb(add_seat { body_id: "body-b" seat_id: "a b" post: POST_KIND_MEMBER })pb", StatusCode::kInvalidArgument,
        {"add_seat.seat_id: must consist of [A-Za-z0-9._:~-]"});
  Fails(R"pb(add_seat { body_id: "body-b" seat_id: "t" post: POST_KIND_THEME_SEAT })pb", StatusCode::kInvalidArgument,
        {"add_seat.theme: is required"});
  Fails(R"pb(add_seat { body_id: "body-b" seat_id: "t" post: POST_KIND_MEMBER theme { fi: "x" authoritative: LANGUAGE_FI } })pb",
        StatusCode::kInvalidArgument, {"add_seat.theme: is only for POST_KIND_THEME_SEAT"});
  Fails(R"pb(add_seat { body_id: "body-b" seat_id: "d" post: POST_KIND_DEPUTY })pb", StatusCode::kInvalidArgument,
        {"add_seat.deputy_of_seat_id: is required for POST_KIND_DEPUTY"});
  Fails(R"pb(add_seat { body_id: "body-b" seat_id: "d" post: POST_KIND_MEMBER deputy_of_seat_id: "member-1" })pb",
        StatusCode::kInvalidArgument, {"add_seat.deputy_of_seat_id: is only for POST_KIND_DEPUTY"});
  Fails(R"pb(add_seat { body_id: "body-b" seat_id: "d" post: POST_KIND_DEPUTY deputy_of_seat_id: "nope" })pb",
        StatusCode::kNotFound, {"add_seat.deputy_of_seat_id: seat of \"body-b\" \"nope\" does not exist"});
  Fails(R"pb(add_seat { body_id: "body-b" seat_id: "d" post: POST_KIND_DEPUTY deputy_of_seat_id: "deputy-1" })pb",
        StatusCode::kFailedPrecondition, {"must not be a deputy seat itself"});
  Fails(R"pb(add_seat { body_id: "body-b" seat_id: "member-1" post: POST_KIND_MEMBER })pb",
        StatusCode::kAlreadyExists, {"add_seat.seat_id: seat of \"body-b\" \"member-1\" already exists"});
  Fails(R"pb(remove_seat { body_id: "body-b" seat_id: "member-1" effective_on { year: 2020 month: 1 day: 1 } })pb",
        StatusCode::kFailedPrecondition, {"a seat with a deputy seat cannot be removed; \"deputy-1\""});
  Fails(R"pb(remove_seat { body_id: "body-b" seat_id: "nope" effective_on { year: 2020 month: 1 day: 1 } })pb",
        StatusCode::kNotFound, {"remove_seat.seat_id"});
  RegisterPersonNamed("person-1", "A");
  Ok(R"pb(appoint_member { body_id: "body-b" membership_id: "m1" seat_id: "theme-mh" person_id: "person-1"
          term { start { year: 2019 month: 4 day: 1 } } })pb");
  Fails(R"pb(remove_seat { body_id: "body-b" seat_id: "theme-mh" effective_on { year: 2020 month: 1 day: 1 } })pb",
        StatusCode::kFailedPrecondition, {"remove_seat.seat_id: only a vacant seat can be removed; \"theme-mh\" is held by person-1"});
  ExpectEvents(Ok(R"pb(remove_seat { body_id: "body-b" seat_id: "deputy-1" effective_on { year: 2020 month: 1 day: 1 } })pb"),
               {R"pb(seat_removed { body_id: "body-b" seat_id: "deputy-1" effective_on { year: 2020 month: 1 day: 1 } })pb"});
}

}  // namespace
}  // namespace kumppani::domain::testing
