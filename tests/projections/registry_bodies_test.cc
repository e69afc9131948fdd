// The "bodies" read model on hand-made commands: a body's dated convener and
// mandate, its roster on dates inside a term and after a resignation, seat
// removal, dissolution, membership history by person, organisation and body,
// and an erased member whose memberships stay.
#include "ledger/projections/registry/body_queries.h"
#include "ledger/projections/registry/membership_queries.h"
#include "ledger/projections/registry/person_queries.h"
#include "tests/projections/registry_fixture.h"

namespace kumppani::projections::testing {
namespace {

std::vector<std::string> MembershipIds(const v1::MembershipList& list) {
  std::vector<std::string> ids;
  for (const v1::MembershipView& m : list.memberships()) ids.push_back(m.membership_id());
  return ids;
}

class BodiesTest : public RegistryTest {
 protected:
  BodiesTest() {
    RegisterOrg("org-region", "ORGANISATION_KIND_REGIONAL_COUNCIL");
    RegisterOrg("org-ngo");
    RegisterOrg("org-ngo2");
    for (const char* person : {"person-a", "person-b", "person-c", "person-d"}) {
      RegisterPerson(person, "Nimi");
    }
    EstablishBody("body-t", "org-region", "year: 2019 month: 1 day: 10");
    AddSeat("body-t", "chair", "POST_KIND_CHAIR");
    AddSeat("body-t", "member-1", "POST_KIND_MEMBER");
    AddSeat("body-t", "deputy-1", "POST_KIND_DEPUTY", R"pb(deputy_of_seat_id: "member-1")pb");
    AddSeat("body-t", "theme-1", "POST_KIND_THEME_SEAT",
            R"pb(theme { fi: "Mielenterveys" authoritative: LANGUAGE_FI })pb");
    AddSeat("body-t", "extra", "POST_KIND_MEMBER");
    Ok(R"pb(appoint_member {
              body_id: "body-t"
              membership_id: "m-chair"
              seat_id: "chair"
              person_id: "person-b"
              on_behalf_of_organisation_id: "org-ngo2"
              term { start { year: 2019 month: 2 day: 1 } }
            })pb");
    Ok(R"pb(appoint_member {
              body_id: "body-t"
              membership_id: "m-1"
              seat_id: "member-1"
              person_id: "person-a"
              on_behalf_of_organisation_id: "org-ngo"
              term {
                start { year: 2019 month: 2 day: 1 }
                end { year: 2020 month: 12 day: 31 }
              }
            })pb");
    Ok(R"pb(appoint_member {
              body_id: "body-t"
              membership_id: "m-dep"
              seat_id: "deputy-1"
              person_id: "person-c"
              on_behalf_of_organisation_id: "org-ngo"
              deputy_of_person_id: "person-a"
              term {
                start { year: 2019 month: 2 day: 1 }
                end { year: 2020 month: 12 day: 31 }
              }
            })pb");
    Ok(R"pb(amend_mandate {
              body_id: "body-t"
              mandate { fi: "Laajennettu" authoritative: LANGUAGE_FI }
              effective_on { year: 2019 month: 4 day: 1 }
            })pb");
    Ok(R"pb(change_convener {
              body_id: "body-t"
              convener_organisation_id: "org-ngo"
              effective_on { year: 2019 month: 5 day: 1 }
              reason { fi: "Vuorottelu" authoritative: LANGUAGE_FI }
            })pb");
    resigned_ = Ok(R"pb(resign_member {
                          body_id: "body-t"
                          membership_id: "m-1"
                          effective_on { year: 2019 month: 6 day: 30 }
                        })pb");
    Ok(R"pb(appoint_member {
              body_id: "body-t"
              membership_id: "m-2"
              seat_id: "member-1"
              person_id: "person-d"
              on_behalf_of_organisation_id: "org-ngo"
              term {
                start { year: 2019 month: 8 day: 1 }
                end { year: 2020 month: 12 day: 31 }
              }
            })pb");
    Ok(R"pb(remove_seat {
              body_id: "body-t"
              seat_id: "extra"
              effective_on { year: 2019 month: 9 day: 1 }
            })pb");
    Ok(R"pb(dismiss_member {
              body_id: "body-t"
              membership_id: "m-dep"
              effective_on { year: 2019 month: 9 day: 15 }
              reason { fi: "Esteellisyys" authoritative: LANGUAGE_FI }
            })pb");
  }

  v1::BodyRoster RosterOn(const std::optional<v1::Date>& as_of) {
    return Value(Roster(Bodies(), Persons(), "body-t", as_of));
  }

  domain::CommandResult resigned_;
};

TEST_F(BodiesTest, RosterInsideATerm) {
  ExpectProto(RosterOn(D(2019, 6, 1)), R"pb(
    body_id: "body-t"
    as_of { year: 2019 month: 6 day: 1 }
    status: BODY_STATUS_ACTIVE
    convener_organisation_id: "org-ngo"
    seats {
      seat { seat_id: "chair" post: POST_KIND_CHAIR }
      holders {
        body_id: "body-t"
        membership_id: "m-chair"
        seat_id: "chair"
        post: POST_KIND_CHAIR
        person_id: "person-b"
        on_behalf_of_organisation_id: "org-ngo2"
        term { start { year: 2019 month: 2 day: 1 } }
      }
    }
    seats {
      seat { seat_id: "deputy-1" post: POST_KIND_DEPUTY deputy_of_seat_id: "member-1" }
      holders {
        body_id: "body-t"
        membership_id: "m-dep"
        seat_id: "deputy-1"
        post: POST_KIND_DEPUTY
        person_id: "person-c"
        on_behalf_of_organisation_id: "org-ngo"
        deputy_of_person_id: "person-a"
        term {
          start { year: 2019 month: 2 day: 1 }
          end { year: 2020 month: 12 day: 31 }
        }
      }
    }
    seats {
      seat { seat_id: "extra" post: POST_KIND_MEMBER }
      vacant: true
    }
    seats {
      seat { seat_id: "member-1" post: POST_KIND_MEMBER }
      holders {
        body_id: "body-t"
        membership_id: "m-1"
        seat_id: "member-1"
        post: POST_KIND_MEMBER
        person_id: "person-a"
        on_behalf_of_organisation_id: "org-ngo"
        term {
          start { year: 2019 month: 2 day: 1 }
          end { year: 2020 month: 12 day: 31 }
        }
      }
    }
    seats {
      seat {
        seat_id: "theme-1"
        post: POST_KIND_THEME_SEAT
        theme { fi: "Mielenterveys" authoritative: LANGUAGE_FI }
      }
      vacant: true
    }
    vacancies: 2)pb");
}

TEST_F(BodiesTest, RosterAfterAResignationAndOtherChanges) {
  auto holder = [](const v1::BodyRoster& roster, const std::string& seat) -> std::string {
    for (const v1::RosterSeat& s : roster.seats()) {
      if (s.seat().seat_id() == seat) return s.vacant() ? "vacant" : s.holders(0).membership_id();
    }
    return "no seat";
  };
  // The resignation's last day still counts; the day after, the seat is vacant.
  EXPECT_EQ(holder(RosterOn(D(2019, 6, 30)), "member-1"), "m-1");
  v1::BodyRoster july = RosterOn(D(2019, 7, 1));
  EXPECT_EQ(holder(july, "member-1"), "vacant");
  EXPECT_EQ(july.vacancies(), 3);
  EXPECT_EQ(holder(RosterOn(D(2019, 8, 1)), "member-1"), "m-2");
  // The removed seat is gone from its removal day; the dismissal's last day counts.
  v1::BodyRoster september = RosterOn(D(2019, 9, 15));
  EXPECT_EQ(holder(september, "extra"), "no seat");
  EXPECT_EQ(holder(september, "deputy-1"), "m-dep");
  EXPECT_EQ(holder(RosterOn(D(2019, 9, 16)), "deputy-1"), "vacant");
  // Before the first term: established, every seat vacant, the first convener.
  v1::BodyRoster january = RosterOn(D(2019, 1, 20));
  EXPECT_EQ(january.vacancies(), 5);
  EXPECT_EQ(january.convener_organisation_id(), "org-region");
  // Before establishment: nothing.
  ExpectProto(RosterOn(D(2019, 1, 9)), R"pb(body_id: "body-t"
                                            as_of { year: 2019 month: 1 day: 9 }
                                            status: BODY_STATUS_NOT_YET_ESTABLISHED)pb");
  // Without as_of: memberships not ended, seats not removed.
  v1::BodyRoster now = RosterOn(std::nullopt);
  EXPECT_EQ(now.seats_size(), 4);
  EXPECT_EQ(holder(now, "member-1"), "m-2");
  EXPECT_EQ(holder(now, "deputy-1"), "vacant");
  EXPECT_EQ(holder(now, "chair"), "m-chair");
  // As known before the resignation was recorded, m-1 held the seat in July.
  EXPECT_EQ(holder(Value(Roster(Bodies(Position(resigned_.first_position.value() - 1)),
                                Persons(Position(resigned_.first_position.value() - 1)), "body-t",
                                D(2019, 7, 1))),
                   "member-1"),
            "m-1");
}

TEST_F(BodiesTest, BodyWithDatedConvenerMandateAndSeats) {
  ExpectProto(Value(GetBody(Bodies(), "body-t", D(2019, 3, 31))), R"pb(
    body_id: "body-t"
    kind: BODY_KIND_PARTNERSHIP_TABLE
    name { fi: "Pöytä" authoritative: LANGUAGE_FI }
    parent_organisation_id: "org-region"
    established_on { year: 2019 month: 1 day: 10 }
    status: BODY_STATUS_ACTIVE
    convener_organisation_id: "org-region"
    convener_history {
      organisation_id: "org-region"
      effective_on { year: 2019 month: 1 day: 10 }
    }
    mandate { fi: "Alkuperäinen" authoritative: LANGUAGE_FI }
    mandate_history {
      mandate { fi: "Alkuperäinen" authoritative: LANGUAGE_FI }
      effective_on { year: 2019 month: 1 day: 10 }
    }
    seats { seat_id: "chair" post: POST_KIND_CHAIR }
    seats { seat_id: "deputy-1" post: POST_KIND_DEPUTY deputy_of_seat_id: "member-1" }
    seats { seat_id: "extra" post: POST_KIND_MEMBER }
    seats { seat_id: "member-1" post: POST_KIND_MEMBER }
    seats {
      seat_id: "theme-1"
      post: POST_KIND_THEME_SEAT
      theme { fi: "Mielenterveys" authoritative: LANGUAGE_FI }
    }
    as_of { year: 2019 month: 3 day: 31 })pb");
  v1::BodyView now = Value(GetBody(Bodies(), "body-t"));
  EXPECT_EQ(now.convener_organisation_id(), "org-ngo");
  ASSERT_EQ(now.convener_history_size(), 2);
  ExpectProto(now.convener_history(1),
              R"pb(organisation_id: "org-ngo"
                   effective_on { year: 2019 month: 5 day: 1 }
                   reason { fi: "Vuorottelu" authoritative: LANGUAGE_FI })pb");
  EXPECT_EQ(now.mandate().fi(), "Laajennettu");
  EXPECT_EQ(now.mandate_history_size(), 2);
  ASSERT_EQ(now.seats_size(), 5);
  ExpectProto(now.seats(2), R"pb(seat_id: "extra"
                                 post: POST_KIND_MEMBER
                                 removed_on { year: 2019 month: 9 day: 1 })pb");
  EXPECT_FALSE(Value(GetBody(Bodies(), "body-t", D(2019, 8, 31))).seats(2).has_removed_on());
  EXPECT_EQ(Value(GetBody(Bodies(), "body-t", D(2019, 4, 1))).mandate().fi(), "Laajennettu");

  absl::StatusOr<v1::BodyView> missing = GetBody(Bodies(), "body-none");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(std::string(missing.status().message()), "body_id: body \"body-none\" does not exist");
}

TEST_F(BodiesTest, DissolutionEndsTermsAndTheRoster) {
  Ok(R"pb(dissolve_body {
            body_id: "body-t"
            effective_on { year: 2020 month: 6 day: 30 }
            reason { fi: "Tehtävä päättyi" authoritative: LANGUAGE_FI }
          })pb");
  v1::BodyRoster last_day_before = RosterOn(D(2020, 6, 29));
  EXPECT_EQ(last_day_before.status(), v1::BODY_STATUS_ACTIVE);
  ASSERT_EQ(last_day_before.seats_size(), 4);
  // The ends recorded after the date are not shown as of it.
  EXPECT_EQ(last_day_before.seats(0).holders(0).end(), v1::MEMBERSHIP_END_UNSPECIFIED);
  ExpectProto(RosterOn(D(2020, 6, 30)), R"pb(body_id: "body-t"
                                             as_of { year: 2020 month: 6 day: 30 }
                                             status: BODY_STATUS_DISSOLVED
                                             convener_organisation_id: "org-ngo")pb");
  v1::BodyView body = Value(GetBody(Bodies(), "body-t"));
  EXPECT_EQ(body.status(), v1::BODY_STATUS_DISSOLVED);
  ExpectProto(body.dissolved_on(), "year: 2020 month: 6 day: 30");
  EXPECT_EQ(Value(GetBody(Bodies(), "body-t", D(2020, 6, 29))).status(), v1::BODY_STATUS_ACTIVE);
  MembershipFilter filter;
  filter.person_id = "person-b";
  v1::MembershipList chair = Value(MembershipHistory(*engine_, filter, PageRequest{}));
  ASSERT_EQ(chair.memberships_size(), 1);
  EXPECT_EQ(chair.memberships(0).end(), v1::MEMBERSHIP_END_TERM_ENDED);
  ExpectProto(chair.memberships(0).ended_on(), "year: 2020 month: 6 day: 30");
}

TEST_F(BodiesTest, MembershipHistoryByPersonOrganisationAndBody) {
  MembershipFilter by_person;
  by_person.person_id = "person-a";
  ExpectProto(Value(MembershipHistory(*engine_, by_person, PageRequest{})), R"pb(
    memberships {
      body_id: "body-t"
      membership_id: "m-1"
      seat_id: "member-1"
      post: POST_KIND_MEMBER
      person_id: "person-a"
      on_behalf_of_organisation_id: "org-ngo"
      term {
        start { year: 2019 month: 2 day: 1 }
        end { year: 2020 month: 12 day: 31 }
      }
      end: MEMBERSHIP_END_RESIGNED
      ended_on { year: 2019 month: 6 day: 30 }
    })pb");
  MembershipFilter by_organisation;
  by_organisation.organisation_id = "org-ngo";
  v1::MembershipList organisation =
      Value(MembershipHistory(*engine_, by_organisation, PageRequest{}));
  EXPECT_EQ(MembershipIds(organisation), (std::vector<std::string>{"m-1", "m-dep", "m-2"}));
  ExpectProto(organisation.memberships(1).end_reason(), R"pb(fi: "Esteellisyys"
                                                             authoritative: LANGUAGE_FI)pb");
  EXPECT_EQ(organisation.memberships(1).end(), v1::MEMBERSHIP_END_DISMISSED);
  MembershipFilter by_body;
  by_body.body_id = "body-t";
  EXPECT_EQ(MembershipIds(Value(MembershipHistory(*engine_, by_body, PageRequest{}))),
            (std::vector<std::string>{"m-1", "m-chair", "m-dep", "m-2"}));
  // Page by page: the same order, the last page without a token.
  std::vector<std::string> paged;
  std::string token;
  int pages = 0;
  do {
    v1::MembershipList page = Value(MembershipHistory(*engine_, by_body, PageRequest{3, token}));
    for (const std::string& id : MembershipIds(page)) paged.push_back(id);
    token = page.next_page_token();
    ++pages;
  } while (!token.empty() && pages < 10);
  EXPECT_EQ(pages, 2);
  EXPECT_EQ(paged, (std::vector<std::string>{"m-1", "m-chair", "m-dep", "m-2"}));

  MembershipFilter none;
  absl::StatusOr<v1::MembershipList> bad = MembershipHistory(*engine_, none, PageRequest{});
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(std::string(bad.status().message()),
            "filter: exactly one of person_id, organisation_id and body_id must be set, got 0");
  MembershipFilter two = by_person;
  two.body_id = "body-t";
  EXPECT_EQ(MembershipHistory(*engine_, two, PageRequest{}).status().code(),
            absl::StatusCode::kInvalidArgument);
  // Another listing's token is refused.
  absl::StatusOr<v1::MembershipList> foreign = MembershipHistory(
      *engine_, by_person,
      PageRequest{
          3, Value(MembershipHistory(*engine_, by_body, PageRequest{3, ""})).next_page_token()});
  EXPECT_EQ(foreign.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(BodiesTest, ErasedMemberShowsAsErasedAndTheMembershipStays) {
  Position before = store_->HeadPosition();
  Ok(R"pb(erase_person { person_id: "person-a" legal_basis: "GDPR 17" })pb");
  EXPECT_TRUE(Value(GetPerson(Persons(), "person-a")).erased());
  EXPECT_EQ(Value(GetPerson(Persons(), "person-a")).display(), "erased");
  MembershipFilter by_person;
  by_person.person_id = "person-a";
  v1::MembershipList history = Value(MembershipHistory(*engine_, by_person, PageRequest{}));
  ASSERT_EQ(history.memberships_size(), 1);
  EXPECT_EQ(history.memberships(0).membership_id(), "m-1");
  EXPECT_EQ(history.memberships(0).person_id(), "person-a");
  EXPECT_TRUE(history.memberships(0).person_erased());
  v1::BodyRoster roster = RosterOn(D(2019, 6, 1));
  ASSERT_EQ(roster.seats(3).seat().seat_id(), "member-1");
  EXPECT_TRUE(roster.seats(3).holders(0).person_erased());
  EXPECT_EQ(roster.seats(3).holders(0).person_id(), "person-a");
  EXPECT_FALSE(roster.seats(0).holders(0).person_erased());
  // As known before the erasure.
  v1::MembershipList earlier = Value(MembershipHistory(*engine_, by_person, PageRequest{}, before));
  EXPECT_FALSE(earlier.memberships(0).person_erased());
}

}  // namespace
}  // namespace kumppani::projections::testing
