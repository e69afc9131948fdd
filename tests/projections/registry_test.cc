// Registry read models on hand-made commands: organisations (dated names,
// status, identifiers, lineage), persons (erasure), calls, meetings, known_at,
// corrections and rebuild determinism.
#include "ledger/projections/registry/call_queries.h"
#include "ledger/projections/registry/meeting_queries.h"
#include "ledger/projections/registry/organisation_queries.h"
#include "ledger/projections/registry/person_queries.h"
#include "tests/projections/registry_fixture.h"

namespace kumppani::projections::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

v1::OrganisationIdentifier Identifier(v1::IdentifierScheme scheme, const std::string& value) {
  v1::OrganisationIdentifier identifier;
  identifier.set_scheme(scheme);
  identifier.set_value(value);
  return identifier;
}

class OrganisationsTest : public RegistryTest {
 protected:
  OrganisationsTest() {
    RegisterOrg("org-a", "ORGANISATION_KIND_ASSOCIATION",
                R"pb(founded_on { year: 2010 month: 5 day: 1 }
                     identifiers { scheme: IDENTIFIER_SCHEME_BUSINESS_ID value: "1234567-1" }
                     identifiers {
                       scheme: IDENTIFIER_SCHEME_ASSOCIATION_REGISTER_NUMBER
                       value: "212.345"
                     })pb");
    renamed_ = Ok(R"pb(rename_organisation {
                         organisation_id: "org-a"
                         name { fi: "Uusi nimi ry" sv: "Nytt namn rf" authoritative: LANGUAGE_FI }
                         effective_on { year: 2020 month: 1 day: 1 }
                       })pb");
  }
  domain::CommandResult renamed_;
};

TEST_F(OrganisationsTest, NameInForceOnAsOf) {
  ExpectProto(
      Value(GetOrganisation(Organisations(), "org-a", D(2019, 12, 31))),
      R"pb(organisation_id: "org-a"
           kind: ORGANISATION_KIND_ASSOCIATION
           name { fi: "org-a" authoritative: LANGUAGE_FI }
           name_history { name { fi: "org-a" authoritative: LANGUAGE_FI } }
           identifiers { scheme: IDENTIFIER_SCHEME_BUSINESS_ID value: "1234567-1" }
           identifiers { scheme: IDENTIFIER_SCHEME_ASSOCIATION_REGISTER_NUMBER value: "212.345" }
           founded_on { year: 2010 month: 5 day: 1 }
           status: ORGANISATION_STATUS_ACTIVE
           as_of { year: 2019 month: 12 day: 31 })pb");
  v1::OrganisationView on_the_day = Value(GetOrganisation(Organisations(), "org-a", D(2020, 1, 1)));
  ExpectProto(on_the_day.name(),
              R"pb(fi: "Uusi nimi ry" sv: "Nytt namn rf" authoritative: LANGUAGE_FI)pb");
  ASSERT_EQ(on_the_day.name_history_size(), 2);
  ExpectProto(on_the_day.name_history(1),
              R"pb(name { fi: "Uusi nimi ry" sv: "Nytt namn rf" authoritative: LANGUAGE_FI }
                   effective_on { year: 2020 month: 1 day: 1 })pb");
  // Without as_of: everything known, the latest name.
  v1::OrganisationView now = Value(GetOrganisation(Organisations(), "org-a"));
  EXPECT_EQ(now.name().fi(), "Uusi nimi ry");
  EXPECT_FALSE(now.has_as_of());
  // Before founding: the registered name, NOT_YET_FOUNDED.
  v1::OrganisationView before = Value(GetOrganisation(Organisations(), "org-a", D(2009, 1, 1)));
  EXPECT_EQ(before.status(), v1::ORGANISATION_STATUS_NOT_YET_FOUNDED);
  EXPECT_EQ(before.name().fi(), "org-a");
}

TEST_F(OrganisationsTest, BackdatedRenameSortsByEffectiveDay) {
  // Recorded later, in force earlier: the 2020 name stays the latest.
  Ok(R"pb(rename_organisation {
            organisation_id: "org-a"
            name { fi: "Välinimi ry" authoritative: LANGUAGE_FI }
            effective_on { year: 2015 month: 3 day: 1 }
          })pb");
  v1::OrganisationView now = Value(GetOrganisation(Organisations(), "org-a"));
  EXPECT_EQ(now.name().fi(), "Uusi nimi ry");
  ASSERT_EQ(now.name_history_size(), 3);
  EXPECT_EQ(now.name_history(1).name().fi(), "Välinimi ry");
  EXPECT_EQ(Value(GetOrganisation(Organisations(), "org-a", D(2016, 1, 1))).name().fi(),
            "Välinimi ry");
}

TEST_F(OrganisationsTest, KnownAtBeforeAndAfterTheRename) {
  Position before = Position(renamed_.first_position.value() - 1);
  // Same as_of, different knowledge: the ledger did not know of the rename.
  EXPECT_EQ(Value(GetOrganisation(Organisations(before), "org-a", D(2021, 1, 1))).name().fi(),
            "org-a");
  EXPECT_EQ(Value(GetOrganisation(Organisations(renamed_.last_position), "org-a", D(2021, 1, 1)))
                .name()
                .fi(),
            "Uusi nimi ry");
  // Before the registration the organisation is unknown.
  absl::StatusOr<v1::OrganisationView> unknown =
      GetOrganisation(Organisations(Position(0)), "org-a");
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kNotFound);
}

TEST_F(OrganisationsTest, FindByIdentifier) {
  auto ids = [](const v1::OrganisationList& list) {
    std::vector<std::string> out;
    for (const auto& o : list.organisations()) out.push_back(o.organisation_id());
    return out;
  };
  RegisterOrg("org-b", "ORGANISATION_KIND_FOUNDATION",
              R"pb(identifiers { scheme: IDENTIFIER_SCHEME_BUSINESS_ID value: "2345671-3" })pb");
  EXPECT_EQ(ids(Value(FindOrganisationByIdentifier(
                Organisations(), Identifier(v1::IDENTIFIER_SCHEME_BUSINESS_ID, "1234567-1")))),
            std::vector<std::string>{"org-a"});
  // Register numbers match with or without the thousands dot; any scheme.
  EXPECT_EQ(ids(Value(FindOrganisationByIdentifier(
                Organisations(),
                Identifier(v1::IDENTIFIER_SCHEME_ASSOCIATION_REGISTER_NUMBER, "212345")))),
            std::vector<std::string>{"org-a"});
  EXPECT_EQ(ids(Value(FindOrganisationByIdentifier(
                Organisations(), Identifier(v1::IDENTIFIER_SCHEME_UNSPECIFIED, "2345671-3")))),
            std::vector<std::string>{"org-b"});
  // The result is as of the date asked.
  v1::OrganisationList old = Value(FindOrganisationByIdentifier(
      Organisations(), Identifier(v1::IDENTIFIER_SCHEME_BUSINESS_ID, "1234567-1"), D(2019, 1, 1)));
  ASSERT_EQ(old.organisations_size(), 1);
  EXPECT_EQ(old.organisations(0).name().fi(), "org-a");

  absl::StatusOr<v1::OrganisationList> none = FindOrganisationByIdentifier(
      Organisations(), Identifier(v1::IDENTIFIER_SCHEME_BUSINESS_ID, "1234567"));
  EXPECT_EQ(none.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(std::string(none.status().message()),
            "identifier.value: no organisation has identifier \"1234567\"");
  absl::StatusOr<v1::OrganisationList> empty = FindOrganisationByIdentifier(
      Organisations(), Identifier(v1::IDENTIFIER_SCHEME_BUSINESS_ID, ""));
  EXPECT_EQ(empty.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(std::string(empty.status().message()), "identifier.value: is required");
}

TEST_F(OrganisationsTest, Errors) {
  absl::StatusOr<v1::OrganisationView> missing = GetOrganisation(Organisations(), "org-none");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(std::string(missing.status().message()),
            "organisation_id: organisation \"org-none\" does not exist");
  absl::StatusOr<v1::OrganisationView> malformed = GetOrganisation(Organisations(), "body-a");
  EXPECT_EQ(malformed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(malformed.status().message()), HasSubstr("organisation_id"));
  absl::StatusOr<v1::OrganisationView> bad_date =
      GetOrganisation(Organisations(), "org-a", D(2020, 13, 1));
  EXPECT_EQ(bad_date.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(bad_date.status().message()), HasSubstr("as_of"));
}

TEST_F(OrganisationsTest, CorrectedRenameIsRefolded) {
  std::string target = renamed_.event_ids[0].ToString();
  // The text is split around the id, so it is not a text proto for
  // clang-format (which would reflow it).
  const std::string head = "correct_event { stream_id: \"org-a\" target_event_id: \"";
  const std::string tail =
      "\" replacement { [type.googleapis.com/kumppani.v1.OrganisationRenamed] {"
      " organisation_id: \"org-a\""
      " name { fi: \"Korjattu nimi ry\" authoritative: LANGUAGE_FI }"
      " effective_on { year: 2021 month: 1 day: 1 } } }"
      " reason { fi: \"Väärä päivä\" authoritative: LANGUAGE_FI } }";
  Ok(head + target + tail);
  EXPECT_EQ(Value(GetOrganisation(Organisations(), "org-a", D(2020, 6, 1))).name().fi(), "org-a");
  EXPECT_EQ(Value(GetOrganisation(Organisations(), "org-a", D(2021, 1, 1))).name().fi(),
            "Korjattu nimi ry");
  EXPECT_EQ(Value(GetOrganisation(Organisations(), "org-a")).name_history_size(), 2);
  // What was known before the correction stays readable.
  EXPECT_EQ(Value(GetOrganisation(Organisations(renamed_.last_position), "org-a", D(2020, 6, 1)))
                .name()
                .fi(),
            "Uusi nimi ry");
}

class LineageTest : public RegistryTest {
 protected:
  LineageTest() {
    RegisterOrg("org-region", "ORGANISATION_KIND_REGIONAL_COUNCIL");
    RegisterOrg("org-project", "ORGANISATION_KIND_PREPARATION_PROJECT",
                R"pb(parent_organisation_id: "org-region")pb");
    RegisterOrg("org-county", "ORGANISATION_KIND_WELLBEING_SERVICES_COUNTY");
    RegisterOrg("org-small", "ORGANISATION_KIND_ASSOCIATION");
    RegisterOrg("org-big", "ORGANISATION_KIND_ASSOCIATION");
    Ok(R"pb(merge_organisation {
              organisation_id: "org-small"
              into_organisation_id: "org-project"
              effective_on { year: 2019 month: 3 day: 1 }
            })pb");
    Ok(R"pb(dissolve_organisation {
              organisation_id: "org-project"
              effective_on { year: 2019 month: 6 day: 30 }
              reason { fi: "Valmistelu ajettiin alas" authoritative: LANGUAGE_FI }
            })pb");
    Ok(R"pb(record_succession {
              organisation_id: "org-project"
              successor_organisation_id: "org-county"
              effective_on { year: 2023 month: 1 day: 1 }
            })pb");
    Ok(R"pb(merge_organisation {
              organisation_id: "org-county"
              into_organisation_id: "org-big"
              effective_on { year: 2023 month: 12 day: 1 }
            })pb");
  }
};

TEST_F(LineageTest, PredecessorsAndSuccessorsTransitively) {
  ExpectProto(Value(Lineage(Organisations(), "org-county")),
              R"pb(organisation_id: "org-county"
                   predecessors {
                     from_organisation_id: "org-project"
                     to_organisation_id: "org-county"
                     relation: ORGANISATION_CHANGE_KIND_SUCCEEDED
                     effective_on { year: 2023 month: 1 day: 1 }
                     distance: 1
                   }
                   predecessors {
                     from_organisation_id: "org-small"
                     to_organisation_id: "org-project"
                     relation: ORGANISATION_CHANGE_KIND_MERGED
                     effective_on { year: 2019 month: 3 day: 1 }
                     distance: 2
                   }
                   successors {
                     from_organisation_id: "org-county"
                     to_organisation_id: "org-big"
                     relation: ORGANISATION_CHANGE_KIND_MERGED
                     effective_on { year: 2023 month: 12 day: 1 }
                     distance: 1
                   })pb");
  ExpectProto(Value(Lineage(Organisations(), "org-small")),
              R"pb(organisation_id: "org-small"
                   successors {
                     from_organisation_id: "org-small"
                     to_organisation_id: "org-project"
                     relation: ORGANISATION_CHANGE_KIND_MERGED
                     effective_on { year: 2019 month: 3 day: 1 }
                     distance: 1
                   }
                   successors {
                     from_organisation_id: "org-project"
                     to_organisation_id: "org-county"
                     relation: ORGANISATION_CHANGE_KIND_SUCCEEDED
                     effective_on { year: 2023 month: 1 day: 1 }
                     distance: 2
                   }
                   successors {
                     from_organisation_id: "org-county"
                     to_organisation_id: "org-big"
                     relation: ORGANISATION_CHANGE_KIND_MERGED
                     effective_on { year: 2023 month: 12 day: 1 }
                     distance: 3
                   })pb");
  // As of 2022 the county had no predecessor yet.
  ExpectProto(Value(Lineage(Organisations(), "org-county", D(2022, 12, 31))),
              R"pb(organisation_id: "org-county")pb");
}

TEST_F(LineageTest, StatusHistoryOnDates) {
  v1::OrganisationView active =
      Value(GetOrganisation(Organisations(), "org-project", D(2019, 6, 29)));
  EXPECT_EQ(active.status(), v1::ORGANISATION_STATUS_ACTIVE);
  EXPECT_EQ(active.status_history_size(), 0);
  ExpectProto(Value(GetOrganisation(Organisations(), "org-project", D(2019, 6, 30))),
              R"pb(organisation_id: "org-project"
                   kind: ORGANISATION_KIND_PREPARATION_PROJECT
                   name { fi: "org-project" authoritative: LANGUAGE_FI }
                   name_history { name { fi: "org-project" authoritative: LANGUAGE_FI } }
                   parent_organisation_id: "org-region"
                   status: ORGANISATION_STATUS_DISSOLVED
                   status_since { year: 2019 month: 6 day: 30 }
                   status_history {
                     kind: ORGANISATION_CHANGE_KIND_DISSOLVED
                     effective_on { year: 2019 month: 6 day: 30 }
                     note { fi: "Valmistelu ajettiin alas" authoritative: LANGUAGE_FI }
                   }
                   as_of { year: 2019 month: 6 day: 30 })pb");
  v1::OrganisationView now = Value(GetOrganisation(Organisations(), "org-project"));
  EXPECT_EQ(now.status(), v1::ORGANISATION_STATUS_DISSOLVED);
  EXPECT_EQ(now.successor_organisation_id(), "org-county");
  ExpectProto(now.succeeded_on(), "year: 2023 month: 1 day: 1");
  v1::OrganisationView merged = Value(GetOrganisation(Organisations(), "org-county"));
  EXPECT_EQ(merged.status(), v1::ORGANISATION_STATUS_MERGED);
  EXPECT_EQ(merged.merged_into_organisation_id(), "org-big");
}

class PersonsTest : public RegistryTest {};

TEST_F(PersonsTest, ErasedPersonShowsAsErasedWithoutPersonalData) {
  domain::CommandResult registered = RegisterPerson("person-a", "Aino Ainutlaatuinen");
  ExpectProto(Value(GetPerson(Persons(), "person-a")), R"pb(person_id: "person-a"
                                                            display: "person-a")pb");
  Ok(R"pb(erase_person { person_id: "person-a" legal_basis: "GDPR 17(1)(b), pyyntö 2024-7" })pb");
  v1::PersonView erased = Value(GetPerson(Persons(), "person-a"));
  EXPECT_TRUE(erased.erased());
  EXPECT_EQ(erased.display(), "erased");
  EXPECT_EQ(erased.erasure_legal_basis(), "GDPR 17(1)(b), pyyntö 2024-7");
  EXPECT_EQ(erased.erased_at().seconds(), k2024Micros / 1000000);
  // Known at the registration: not erased.
  EXPECT_FALSE(Value(GetPerson(Persons(registered.last_position), "person-a")).erased());
  // No personal data anywhere in the read model, not even the ciphertext.
  std::string dump = Value(engine_->Dump(registry::kPersons, store_->HeadPosition()));
  EXPECT_THAT(dump, Not(HasSubstr("Aino")));
  EXPECT_THAT(dump, Not(HasSubstr("AES")));
  v1::PersonView row;
  ASSERT_TRUE(Value(Persons().GetMessage("person-a", "", &row)));
  EXPECT_EQ(row.ByteSizeLong(), erased.ByteSizeLong());

  absl::StatusOr<v1::PersonView> missing = GetPerson(Persons(), "person-none");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(std::string(missing.status().message()),
            "person_id: person \"person-none\" does not exist");
}

class CallsAndMeetingsTest : public RegistryTest {
 protected:
  CallsAndMeetingsTest() {
    RegisterOrg("org-u19", "ORGANISATION_KIND_PREPARATION_PROJECT");
    RegisterOrg("org-kumaja", "ORGANISATION_KIND_NETWORK");
    EstablishBody("body-dev", "org-u19", "year: 2018 month: 9 day: 1");
    AddSeat("body-dev", "member-1", "POST_KIND_MEMBER");
    RegisterPerson("person-a", "A");
    RegisterPerson("person-b", "B");
  }
};

TEST_F(CallsAndMeetingsTest, CallWithApplicationsAndNominations) {
  Ok(R"pb(open_membership_call {
            call_id: "call-dev"
            body_id: "body-dev"
            opens_on { year: 2018 month: 9 day: 1 }
            closes_on { year: 2018 month: 9 day: 30 }
            channels: CHANNEL_WEB_FORM
            criteria { fi: "Järjestötausta" authoritative: LANGUAGE_FI }
            seats_offered: 22
          })pb");
  Ok(R"pb(apply_for_membership {
            call_id: "call-dev"
            application_id: "app-1"
            person_id: "person-a"
            organisation_id: "org-kumaja"
            applied_on { year: 2018 month: 9 day: 10 }
          })pb");
  Ok(R"pb(nominate_member {
            call_id: "call-dev"
            nomination_id: "nom-1"
            nominating_organisation_id: "org-kumaja"
            person_id: "person-b"
            seat_id: "member-1"
            nominated_on { year: 2018 month: 9 day: 12 }
          })pb");
  Ok(R"pb(close_membership_call {
            call_id: "call-dev"
            closed_on { year: 2018 month: 9 day: 30 }
            applications_received: 97
          })pb");
  const std::string expected =
      R"pb(call_id: "call-dev"
           body_id: "body-dev"
           opens_on { year: 2018 month: 9 day: 1 }
           closes_on { year: 2018 month: 9 day: 30 }
           channels: CHANNEL_WEB_FORM
           criteria { fi: "Järjestötausta" authoritative: LANGUAGE_FI }
           seats_offered: 22
           closed: true
           closed_on { year: 2018 month: 9 day: 30 }
           applications_received: 97
           entries {
             entry_id: "app-1"
             kind: CALL_ENTRY_KIND_APPLICATION
             person_id: "person-a"
             organisation_id: "org-kumaja"
             entered_on { year: 2018 month: 9 day: 10 }
           }
           entries {
             entry_id: "nom-1"
             kind: CALL_ENTRY_KIND_NOMINATION
             person_id: "person-b"
             organisation_id: "org-kumaja"
             seat_id: "member-1"
             entered_on { year: 2018 month: 9 day: 12 }
           })pb";
  ExpectProto(Value(GetCall(Calls(), "call-dev")), expected);
  v1::CallList calls = Value(ListCalls(*engine_, "body-dev", PageRequest{}));
  ASSERT_EQ(calls.calls_size(), 1);
  ExpectProto(calls.calls(0), expected);
  EXPECT_EQ(calls.next_page_token(), "");
  EXPECT_EQ(Value(ListCalls(*engine_, "body-other", PageRequest{})).calls_size(), 0);
  EXPECT_EQ(GetCall(Calls(), "call-none").status().code(), absl::StatusCode::kNotFound);
}

TEST_F(CallsAndMeetingsTest, MeetingsOfABodyInDateOrder) {
  // Recorded out of order; an open event convened by organisations, too.
  Ok(R"pb(record_meeting {
            meeting_id: "meeting-2"
            body_id: "body-dev"
            held_on { year: 2019 month: 2 day: 1 }
            title { fi: "Toinen" authoritative: LANGUAGE_FI }
            place: "Teams"
            attendance { person_id: "person-a" post: POST_KIND_MEMBER }
            attendance { organisation_id: "org-kumaja" }
          })pb");
  Ok(R"pb(record_meeting {
            meeting_id: "meeting-1"
            body_id: "body-dev"
            held_on { year: 2018 month: 10 day: 1 }
            title { fi: "Ensimmäinen" authoritative: LANGUAGE_FI }
            participant_count: 25
          })pb");
  Ok(R"pb(record_meeting {
            meeting_id: "meeting-3"
            body_id: "body-dev"
            held_on { year: 2019 month: 5 day: 1 }
            title { fi: "Kolmas" authoritative: LANGUAGE_FI }
          })pb");
  Ok(R"pb(record_meeting {
            meeting_id: "meeting-open"
            convener_organisation_ids: "org-kumaja"
            held_on { year: 2019 month: 1 day: 15 }
            title { fi: "Avoin" authoritative: LANGUAGE_FI }
          })pb");
  Ok(R"pb(approve_minutes {
            meeting_id: "meeting-2"
            approved_on { year: 2019 month: 2 day: 15 }
            minutes { sha256: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" }
          })pb");
  auto ids = [](const v1::MeetingList& list) {
    std::vector<std::string> out;
    for (const auto& m : list.meetings()) out.push_back(m.meeting_id());
    return out;
  };
  MeetingFilter body;
  body.body_id = "body-dev";
  EXPECT_EQ(ids(Value(ListMeetings(*engine_, body, PageRequest{}))),
            (std::vector<std::string>{"meeting-1", "meeting-2", "meeting-3"}));
  MeetingFilter range = body;
  range.from = D(2018, 10, 2);
  range.to = D(2019, 5, 1);
  EXPECT_EQ(ids(Value(ListMeetings(*engine_, range, PageRequest{}))),
            (std::vector<std::string>{"meeting-2", "meeting-3"}));
  range.to = D(2019, 4, 30);
  EXPECT_EQ(ids(Value(ListMeetings(*engine_, range, PageRequest{}))),
            (std::vector<std::string>{"meeting-2"}));
  MeetingFilter all;
  EXPECT_EQ(ids(Value(ListMeetings(*engine_, all, PageRequest{}))),
            (std::vector<std::string>{"meeting-1", "meeting-open", "meeting-2", "meeting-3"}));
  // Two pages of two, in date order.
  v1::MeetingList first = Value(ListMeetings(*engine_, all, PageRequest{2, ""}));
  EXPECT_EQ(ids(first), (std::vector<std::string>{"meeting-1", "meeting-open"}));
  v1::MeetingList second =
      Value(ListMeetings(*engine_, all, PageRequest{2, first.next_page_token()}));
  EXPECT_EQ(ids(second), (std::vector<std::string>{"meeting-2", "meeting-3"}));
  EXPECT_EQ(second.next_page_token(), "");
  // A token of another listing is refused.
  absl::StatusOr<v1::MeetingList> wrong =
      ListMeetings(*engine_, body, PageRequest{2, first.next_page_token()});
  EXPECT_EQ(wrong.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(wrong.status().message()), HasSubstr("page_token"));
  MeetingFilter backwards = body;
  backwards.from = D(2019, 5, 1);
  backwards.to = D(2019, 4, 1);
  absl::StatusOr<v1::MeetingList> bad = ListMeetings(*engine_, backwards, PageRequest{});
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(std::string(bad.status().message()),
            "filter.to: must not be before filter.from (2019-05-01), got 2019-04-01");

  ExpectProto(
      Value(GetMeeting(Meetings(), "meeting-2")),
      R"pb(meeting_id: "meeting-2"
           body_id: "body-dev"
           held_on { year: 2019 month: 2 day: 1 }
           place: "Teams"
           title { fi: "Toinen" authoritative: LANGUAGE_FI }
           attendance { person_id: "person-a" post: POST_KIND_MEMBER }
           attendance { organisation_id: "org-kumaja" }
           attendance_count: 2
           minutes_approval {
             approved_on { year: 2019 month: 2 day: 15 }
             minutes { sha256: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" }
           })pb");
  v1::MeetingList listed = Value(ListMeetings(*engine_, range, PageRequest{}));
  ASSERT_EQ(listed.meetings_size(), 1);
  EXPECT_TRUE(listed.meetings(0).has_minutes_approval());
  EXPECT_FALSE(Value(GetMeeting(Meetings(), "meeting-3")).has_minutes_approval());
  EXPECT_EQ(Value(GetMeeting(Meetings(), "meeting-1")).attendance_count(), 25);
  absl::StatusOr<v1::MeetingView> missing = GetMeeting(Meetings(), "meeting-none");
  EXPECT_EQ(std::string(missing.status().message()),
            "meeting_id: meeting \"meeting-none\" does not exist");
}

TEST_F(CallsAndMeetingsTest, RebuildGivesIdenticalRows) {
  Ok(R"pb(record_meeting {
            meeting_id: "meeting-1"
            body_id: "body-dev"
            held_on { year: 2018 month: 10 day: 1 }
            title { fi: "Ensimmäinen" authoritative: LANGUAGE_FI }
          })pb");
  Ok(R"pb(change_convener {
            body_id: "body-dev"
            convener_organisation_id: "org-kumaja"
            effective_on { year: 2019 month: 1 day: 1 }
          })pb");
  for (std::string_view name : {registry::kOrganisations, registry::kPersons, registry::kBodies,
                                registry::kCalls, registry::kMeetings}) {
    EXPECT_TRUE(engine_->VerifyRebuild(name).ok()) << name;
  }
}

}  // namespace
}  // namespace kumppani::projections::testing
