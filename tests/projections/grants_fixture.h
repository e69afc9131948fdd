// Test fixture for the grants read models: the grants area's projections on
// a real store, a hand-made grant scenario, and helpers to query and compare
// results exactly.
//
// The scenario (amounts in cents):
//   programme-ph-avustus   funder org-ph-hva, 2021-01-01..2021-03-31
//   programme-stm-kehitys  funder org-stm,    2022-01-01..2022-03-31
//   grant-a1  org-a → ph, applied 1,000,000 on 2021-02-01; awarded 800,000
//             on 2021-04-15 (use 2021-05-01..2021-12-31); paid 500,000 on
//             2021-05-10 and 300,000 on 2021-09-01; report 2022-01-15 (used
//             750,000); returned 50,000 on 2022-01-20; accepted 2022-02-01;
//             reclaimed 100,000 on 2022-03-01; use extended to 2022-06-30
//             (recorded 2024-01-01, the test clock)
//   grant-a2  org-a → stm, applied 2,000,000 on 2022-02-01; rejected 2022-04-01
//   grant-b1  org-b → ph, applied 3,000,000 on 2021-03-01; awarded 3,000,000
//             on 2021-04-15; paid 3,000,000 on 2021-05-10
//   grant-b2  org-b → stm, applied 500,000 on 2022-03-01; undecided
#ifndef KUMPPANI_TESTS_PROJECTIONS_GRANTS_FIXTURE_H_
#define KUMPPANI_TESTS_PROJECTIONS_GRANTS_FIXTURE_H_

#include <optional>
#include <string>

#include "google/protobuf/util/message_differencer.h"
#include "kumppani/v1/grants_views.pb.h"
#include "ledger/projections/grants/grant_projections.h"
#include "ledger/projections/grants/grant_queries.h"
#include "ledger/projections/grants/grant_rows.h"
#include "ledger/projections/grants/grant_totals_queries.h"
#include "tests/projections/projection_fixture.h"

namespace kumppani::projections::testing {

class GrantsTest : public ProjectionTest {
 protected:
  GrantsTest() : ProjectionTest(GrantProjections) {}

  static v1::Date D(int year, int month, int day) {
    v1::Date date;
    date.set_year(year);
    date.set_month(month);
    date.set_day(day);
    return date;
  }

  template <typename Message>
  static Message Parse(const std::string& text) {
    Message message;
    EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &message)) << text;
    return message;
  }

  // Expects `actual` to equal the message written as `expected` text.
  template <typename Message>
  static void ExpectProto(const Message& actual, const std::string& expected) {
    Message want = Parse<Message>(expected);
    std::string diff;
    google::protobuf::util::MessageDifferencer differencer;
    differencer.ReportDifferencesToString(&diff);
    EXPECT_TRUE(differencer.Compare(want, actual)) << diff << "\nactual: " << actual.DebugString();
  }

  Position Head() { return View(grants::kGrantsProjection).position(); }

  void RegisterOrg(const std::string& id, const std::string& kind) {
    Ok("register_organisation { organisation_id: \"" + id + "\" kind: " + kind + " name { fi: \"" +
       id + "\" authoritative: LANGUAGE_FI } }");
  }

  void OpenProgramme(const std::string& id, const std::string& funder, int year,
                     int64_t budget_cents) {
    Ok(absl::StrCat(
        "open_grant_programme { programme_id: \"", id, "\" funder_organisation_id: \"", funder,
        "\" title { fi: \"", id, "\" authoritative: LANGUAGE_FI } budget_cents: ", budget_cents,
        " rules { fi: \"Säännöt\" authoritative: LANGUAGE_FI } opens_on { year: ", year,
        " month: 1 day: 1 } application_deadline { year: ", year, " month: 3 day: 31 } }"));
  }

  void Apply(const std::string& grant, const std::string& programme, const std::string& org,
             int64_t cents, const v1::Date& on) {
    Ok(absl::StrCat("apply_for_grant { grant_id: \"", grant, "\" programme_id: \"", programme,
                    "\" applicant_organisation_id: \"", org, "\" amount_applied_cents: ", cents,
                    " purpose { fi: \"Toiminta\" authoritative: LANGUAGE_FI } applied_on { ",
                    DateText(on), " } }"));
  }

  domain::CommandResult Pay(const std::string& grant, int64_t cents, const v1::Date& on) {
    return Ok(absl::StrCat("pay_grant { grant_id: \"", grant, "\" amount_cents: ", cents,
                           " paid_on { ", DateText(on), " } }"));
  }

  static std::string DateText(const v1::Date& date) {
    return absl::StrCat("year: ", date.year(), " month: ", date.month(), " day: ", date.day());
  }

  // Records the scenario of the file comment; remembers the second payment
  // of grant-a1 and the position after it.
  void RecordScenario() {
    RegisterOrg("org-stm", "ORGANISATION_KIND_STATE_AGENCY");
    RegisterOrg("org-ph-hva", "ORGANISATION_KIND_WELLBEING_SERVICES_COUNTY");
    RegisterOrg("org-a", "ORGANISATION_KIND_ASSOCIATION");
    RegisterOrg("org-b", "ORGANISATION_KIND_FOUNDATION");
    OpenProgramme("programme-ph-avustus", "org-ph-hva", 2021, 100000000);
    OpenProgramme("programme-stm-kehitys", "org-stm", 2022, 100000000);

    Apply("grant-a1", "programme-ph-avustus", "org-a", 1000000, D(2021, 2, 1));
    Apply("grant-b1", "programme-ph-avustus", "org-b", 3000000, D(2021, 3, 1));
    Ok(R"pb(award_grant {
              grant_id: "grant-a1"
              amount_cents: 800000
              awarded_on { year: 2021 month: 4 day: 15 }
              conditions { fi: "Ehdot" authoritative: LANGUAGE_FI }
              usage_period {
                start { year: 2021 month: 5 day: 1 }
                end { year: 2021 month: 12 day: 31 }
              }
            })pb");
    Ok(R"pb(award_grant {
              grant_id: "grant-b1"
              amount_cents: 3000000
              awarded_on { year: 2021 month: 4 day: 15 }
              usage_period {
                start { year: 2021 month: 5 day: 1 }
                end { year: 2021 month: 12 day: 31 }
              }
            })pb");
    Pay("grant-a1", 500000, D(2021, 5, 10));
    Pay("grant-b1", 3000000, D(2021, 5, 10));
    second_payment_ = Pay("grant-a1", 300000, D(2021, 9, 1));
    Ok(R"pb(submit_grant_report {
              grant_id: "grant-a1"
              submitted_on { year: 2022 month: 1 day: 15 }
              used_cents: 750000
            })pb");
    Ok(R"pb(return_unused_grant {
              grant_id: "grant-a1"
              amount_cents: 50000
              returned_on { year: 2022 month: 1 day: 20 }
            })pb");
    Ok(R"pb(accept_grant_report {
              grant_id: "grant-a1"
              accepted_on { year: 2022 month: 2 day: 1 }
            })pb");
    Ok(R"pb(reclaim_grant {
              grant_id: "grant-a1"
              amount_cents: 100000
              reclaimed_on { year: 2022 month: 3 day: 1 }
              reason { fi: "Käyttämättä" authoritative: LANGUAGE_FI }
            })pb");
    Ok(R"pb(extend_grant_usage_period {
              grant_id: "grant-a1"
              usage_ends_on { year: 2022 month: 6 day: 30 }
            })pb");

    Apply("grant-a2", "programme-stm-kehitys", "org-a", 2000000, D(2022, 2, 1));
    Ok(R"pb(reject_grant {
              grant_id: "grant-a2"
              rejected_on { year: 2022 month: 4 day: 1 }
              reason { fi: "Ei rahaa" authoritative: LANGUAGE_FI }
            })pb");
    Apply("grant-b2", "programme-stm-kehitys", "org-b", 500000, D(2022, 3, 1));
  }

  absl::StatusOr<v1::GrantView> Get(const std::string& id,
                                    const std::optional<v1::Date>& as_of = std::nullopt,
                                    std::optional<Position> known_at = std::nullopt) {
    return GetGrant(View(grants::kGrantsProjection, known_at), id, as_of);
  }

  absl::StatusOr<v1::GrantTotals> Totals(v1::GrantGrouping group_by, const std::string& filter = "",
                                         const std::optional<v1::Date>& as_of = std::nullopt,
                                         std::optional<Position> known_at = std::nullopt) {
    if (!known_at.has_value()) known_at = Head();
    return GrantTotals(View(grants::kGrantsProjection, known_at),
                       View(grants::kProgrammesProjection, known_at), group_by,
                       Parse<v1::GrantFilter>(filter), as_of);
  }

  domain::CommandResult second_payment_;
};

}  // namespace kumppani::projections::testing

#endif  // KUMPPANI_TESTS_PROJECTIONS_GRANTS_FIXTURE_H_
