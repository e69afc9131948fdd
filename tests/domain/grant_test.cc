// Grant programmes and grants: money never exceeds what the rules allow.
#include "tests/domain/domain_fixture.h"

namespace kumppani::domain::testing {
namespace {

using absl::StatusCode;

class GrantTest : public DomainTest {
 protected:
  GrantTest() {
    RegisterOrg("org-stm", "ORGANISATION_KIND_STATE_AGENCY");
    RegisterOrg("org-vantaa-kerava-hva", "ORGANISATION_KIND_WELLBEING_SERVICES_COUNTY");
    Ok(R"pb(open_grant_programme { programme_id: "programme-stm-valmistelu" funder_organisation_id: "org-stm"
            title { fi: "Alueellisen valmistelun valtionavustus" authoritative: LANGUAGE_FI }
            budget_cents: 100000000 rules { fi: "Säännöt" authoritative: LANGUAGE_FI }
            opens_on { year: 2021 month: 7 day: 1 } application_deadline { year: 2021 month: 9 day: 30 } })pb");
    Ok(R"pb(apply_for_grant { grant_id: "grant-vk" programme_id: "programme-stm-valmistelu"
            applicant_organisation_id: "org-vantaa-kerava-hva" amount_applied_cents: 5000000
            purpose { fi: "Valmistelu" authoritative: LANGUAGE_FI } applied_on { year: 2021 month: 9 day: 1 } })pb");
  }
  void Award() {
    Ok(R"pb(award_grant { grant_id: "grant-vk" amount_cents: 4000000 awarded_on { year: 2021 month: 10 day: 15 }
            usage_period { start { year: 2021 month: 11 day: 1 } end { year: 2022 month: 12 day: 31 } } })pb");
  }
};

TEST_F(GrantTest, ProgrammeAndApplication) {
  EXPECT_EQ(Effective("grant-vk").size(), 1u);
  Fails(R"pb(open_grant_programme { programme_id: "programme-x" funder_organisation_id: "org-stm"
             title { fi: "T" authoritative: LANGUAGE_FI } budget_cents: 0 rules { fi: "R" authoritative: LANGUAGE_FI }
             opens_on { year: 2021 month: 7 day: 1 } application_deadline { year: 2021 month: 9 day: 30 } })pb",
        StatusCode::kInvalidArgument, {"open_grant_programme.budget_cents: must be a positive number of euro cents, got 0"});
  Fails(R"pb(open_grant_programme { programme_id: "programme-x" funder_organisation_id: "org-stm"
             title { fi: "T" authoritative: LANGUAGE_FI } budget_cents: 10 rules { fi: "R" authoritative: LANGUAGE_FI }
             opens_on { year: 2021 month: 7 day: 1 } application_deadline { year: 2021 month: 6 day: 30 } })pb",
        StatusCode::kInvalidArgument, {"open_grant_programme.application_deadline: must not be before opens_on"});
  Fails(R"pb(open_grant_programme { programme_id: "programme-x" funder_organisation_id: "org-none"
             title { fi: "T" authoritative: LANGUAGE_FI } budget_cents: 10 rules { fi: "R" authoritative: LANGUAGE_FI }
             opens_on { year: 2021 month: 7 day: 1 } application_deadline { year: 2021 month: 9 day: 30 } })pb",
        StatusCode::kNotFound, {"open_grant_programme.funder_organisation_id"});
  const std::string apply = R"pb(grant_id: "grant-2" programme_id: "programme-stm-valmistelu"
      applicant_organisation_id: "org-vantaa-kerava-hva" purpose { fi: "P" authoritative: LANGUAGE_FI } )pb";
  Fails("apply_for_grant { " + apply + "amount_applied_cents: -5 applied_on { year: 2021 month: 9 day: 1 } }",
        StatusCode::kInvalidArgument, {"apply_for_grant.amount_applied_cents: must be a positive number"});
  Fails("apply_for_grant { " + apply + "amount_applied_cents: 5 applied_on { year: 2021 month: 10 day: 1 } }",
        StatusCode::kFailedPrecondition,
        {"apply_for_grant.applied_on: must be within the programme's application period (2021-07-01..2021-09-30), got 2021-10-01"});
  Fails("apply_for_grant { " + apply + "amount_applied_cents: 100000001 applied_on { year: 2021 month: 9 day: 1 } }",
        StatusCode::kFailedPrecondition,
        {"apply_for_grant.amount_applied_cents: must not exceed the programme's budget (100000000 cents (1000000.00 EUR))"});
  Fails("apply_for_grant { grant_id: \"grant-2\" programme_id: \"programme-none\" applicant_organisation_id: \"org-stm\" "
        "purpose { fi: \"P\" authoritative: LANGUAGE_FI } amount_applied_cents: 5 applied_on { year: 2021 month: 9 day: 1 } }",
        StatusCode::kNotFound, {"apply_for_grant.programme_id: grant programme \"programme-none\""});
  Fails("apply_for_grant { grant_id: \"grant-vk\" programme_id: \"programme-stm-valmistelu\" applicant_organisation_id: \"org-stm\" "
        "purpose { fi: \"P\" authoritative: LANGUAGE_FI } amount_applied_cents: 5 applied_on { year: 2021 month: 9 day: 1 } }",
        StatusCode::kAlreadyExists, {"apply_for_grant.grant_id: grant \"grant-vk\" already exists"});
}

TEST_F(GrantTest, AwardOrReject) {
  Fails(R"pb(award_grant { grant_id: "grant-vk" amount_cents: 5000001 awarded_on { year: 2021 month: 10 day: 15 }
             usage_period { start { year: 2021 month: 11 day: 1 } end { year: 2022 month: 12 day: 31 } } })pb",
        StatusCode::kFailedPrecondition, {"award_grant.amount_cents: an award must not exceed the amount applied for"});
  Fails(R"pb(award_grant { grant_id: "grant-vk" amount_cents: 5000 awarded_on { year: 2021 month: 10 day: 15 }
             usage_period { start { year: 2021 month: 11 day: 1 } } })pb",
        StatusCode::kInvalidArgument, {"award_grant.usage_period.end: is required"});
  Fails(R"pb(award_grant { grant_id: "grant-vk" amount_cents: 5000 awarded_on { year: 2021 month: 8 day: 15 }
             usage_period { start { year: 2021 month: 11 day: 1 } end { year: 2022 month: 12 day: 31 } } })pb",
        StatusCode::kFailedPrecondition, {"award_grant.awarded_on: must not be before the application (2021-09-01)"});
  Fails(R"pb(award_grant { grant_id: "grant-vk" amount_cents: 5000 awarded_on { year: 2021 month: 10 day: 15 } decision_id: "decision-no"
             usage_period { start { year: 2021 month: 11 day: 1 } end { year: 2022 month: 12 day: 31 } } })pb",
        StatusCode::kNotFound, {"award_grant.decision_id"});
  CommandResult awarded = Ok(R"pb(award_grant { grant_id: "grant-vk" amount_cents: 4000000 awarded_on { year: 2021 month: 10 day: 15 }
      conditions { fi: "Ehdot" authoritative: LANGUAGE_FI }
      usage_period { start { year: 2021 month: 11 day: 1 } end { year: 2022 month: 12 day: 31 } } })pb");
  ExpectEvents(awarded, {R"pb(grant_awarded { grant_id: "grant-vk" amount_cents: 4000000 awarded_on { year: 2021 month: 10 day: 15 }
      conditions { fi: "Ehdot" authoritative: LANGUAGE_FI }
      usage_period { start { year: 2021 month: 11 day: 1 } end { year: 2022 month: 12 day: 31 } } })pb"});
  Fails(R"pb(reject_grant { grant_id: "grant-vk" rejected_on { year: 2021 month: 10 day: 16 } })pb",
        StatusCode::kFailedPrecondition,
        {"reject_grant.grant_id: only an undecided application can be rejected; grant \"grant-vk\" is awarded"});
  Ok(R"pb(apply_for_grant { grant_id: "grant-2" programme_id: "programme-stm-valmistelu" applicant_organisation_id: "org-stm"
          amount_applied_cents: 10 purpose { fi: "P" authoritative: LANGUAGE_FI } applied_on { year: 2021 month: 9 day: 1 } })pb");
  ExpectEvents(Ok(R"pb(reject_grant { grant_id: "grant-2" rejected_on { year: 2021 month: 10 day: 16 } })pb"),
               {R"pb(grant_rejected { grant_id: "grant-2" rejected_on { year: 2021 month: 10 day: 16 } })pb"});
  Fails(R"pb(pay_grant { grant_id: "grant-2" amount_cents: 5 paid_on { year: 2021 month: 11 day: 1 } })pb",
        StatusCode::kFailedPrecondition, {"pay_grant.grant_id: only an awarded grant can be paid; grant \"grant-2\" is rejected"});
  Fails(R"pb(reject_grant { grant_id: "grant-none" rejected_on { year: 2021 month: 10 day: 16 } })pb",
        StatusCode::kNotFound, {"reject_grant.grant_id: grant \"grant-none\""});
}

TEST_F(GrantTest, PaymentsNeverExceedTheAwardAndReclaimsNeverExceedPaid) {
  Fails(R"pb(pay_grant { grant_id: "grant-vk" amount_cents: 5 paid_on { year: 2021 month: 11 day: 1 } })pb",
        StatusCode::kFailedPrecondition, {"only an awarded grant can be paid; grant \"grant-vk\" is applied for, not decided"});
  Award();
  ExpectEvents(Ok(R"pb(pay_grant { grant_id: "grant-vk" amount_cents: 2500000 paid_on { year: 2021 month: 11 day: 1 } })pb"),
               {R"pb(grant_paid { grant_id: "grant-vk" instalment: 1 amount_cents: 2500000 paid_on { year: 2021 month: 11 day: 1 } })pb"});
  Fails(R"pb(pay_grant { grant_id: "grant-vk" amount_cents: 1500001 paid_on { year: 2022 month: 3 day: 1 } })pb",
        StatusCode::kFailedPrecondition,
        {"pay_grant.amount_cents: payments must not exceed the award; awarded 4000000 cents (40000.00 EUR), paid so far "
         "2500000 cents (25000.00 EUR), this payment 1500001 cents (15000.01 EUR)"});
  Fails(R"pb(pay_grant { grant_id: "grant-vk" amount_cents: 1 paid_on { year: 2021 month: 10 day: 1 } })pb",
        StatusCode::kFailedPrecondition, {"pay_grant.paid_on: must not be before the award (2021-10-15)"});
  Fails(R"pb(pay_grant { grant_id: "grant-vk" amount_cents: 1 paid_on { year: 2030 month: 10 day: 1 } })pb",
        StatusCode::kInvalidArgument, {"pay_grant.paid_on: must not be in the future"});
  ExpectEvents(Ok(R"pb(pay_grant { grant_id: "grant-vk" amount_cents: 1500000 paid_on { year: 2022 month: 3 day: 1 } })pb"),
               {R"pb(grant_paid { grant_id: "grant-vk" instalment: 2 amount_cents: 1500000 paid_on { year: 2022 month: 3 day: 1 } })pb"});
  Fails(R"pb(pay_grant { grant_id: "grant-vk" amount_cents: 1 paid_on { year: 2022 month: 3 day: 2 } })pb",
        StatusCode::kFailedPrecondition, {"payments must not exceed the award"});
  // Extension, report, return, reclaim.
  Fails(R"pb(extend_grant_usage_period { grant_id: "grant-vk" usage_ends_on { year: 2022 month: 12 day: 31 } })pb",
        StatusCode::kFailedPrecondition,
        {"extend_grant_usage_period.usage_ends_on: an extension must end later than the current usage period (2022-12-31)"});
  ExpectEvents(Ok(R"pb(extend_grant_usage_period { grant_id: "grant-vk" usage_ends_on { year: 2023 month: 6 day: 30 } })pb"),
               {R"pb(grant_usage_period_extended { grant_id: "grant-vk" usage_ends_on { year: 2023 month: 6 day: 30 }
                     previous_usage_ends_on { year: 2022 month: 12 day: 31 } })pb"});
  Fails(R"pb(accept_grant_report { grant_id: "grant-vk" accepted_on { year: 2023 month: 9 day: 1 } })pb",
        StatusCode::kFailedPrecondition, {"accept_grant_report.grant_id: only a submitted, unaccepted report can be accepted; grant \"grant-vk\" has no report"});
  Fails(R"pb(submit_grant_report { grant_id: "grant-vk" submitted_on { year: 2023 month: 8 day: 1 } used_cents: 4000001 })pb",
        StatusCode::kFailedPrecondition, {"submit_grant_report.used_cents: must not exceed the amount paid (4000000 cents"});
  ExpectEvents(Ok(R"pb(submit_grant_report { grant_id: "grant-vk" submitted_on { year: 2023 month: 8 day: 1 } used_cents: 3000000 })pb"),
               {R"pb(grant_report_submitted { grant_id: "grant-vk" submitted_on { year: 2023 month: 8 day: 1 } used_cents: 3000000 })pb"});
  Fails(R"pb(accept_grant_report { grant_id: "grant-vk" accepted_on { year: 2023 month: 7 day: 1 } })pb",
        StatusCode::kFailedPrecondition, {"accept_grant_report.accepted_on: must not be before the report (2023-08-01)"});
  ExpectEvents(Ok(R"pb(accept_grant_report { grant_id: "grant-vk" accepted_on { year: 2023 month: 9 day: 1 } })pb"),
               {R"pb(grant_report_accepted { grant_id: "grant-vk" accepted_on { year: 2023 month: 9 day: 1 } })pb"});
  Fails(R"pb(submit_grant_report { grant_id: "grant-vk" submitted_on { year: 2023 month: 9 day: 2 } used_cents: 1 })pb",
        StatusCode::kFailedPrecondition, {"the report of grant \"grant-vk\" is already accepted"});
  ExpectEvents(Ok(R"pb(return_unused_grant { grant_id: "grant-vk" amount_cents: 600000 returned_on { year: 2023 month: 9 day: 15 } })pb"),
               {R"pb(grant_unused_returned { grant_id: "grant-vk" amount_cents: 600000 returned_on { year: 2023 month: 9 day: 15 } })pb"});
  Fails(R"pb(reclaim_grant { grant_id: "grant-vk" amount_cents: 3400001 reclaimed_on { year: 2023 month: 10 day: 1 }
             reason { fi: "Käyttämättä" authoritative: LANGUAGE_FI } })pb",
        StatusCode::kFailedPrecondition,
        {"reclaim_grant.amount_cents: a reclaim must not exceed what was paid and not yet returned or reclaimed "
         "(3400000 cents (34000.00 EUR)), got 3400001 cents (34000.01 EUR)"});
  Fails(R"pb(reclaim_grant { grant_id: "grant-vk" amount_cents: 400000 reclaimed_on { year: 2023 month: 10 day: 1 } })pb",
        StatusCode::kInvalidArgument, {"reclaim_grant.reason: is required"});
  ExpectEvents(Ok(R"pb(reclaim_grant { grant_id: "grant-vk" amount_cents: 400000 reclaimed_on { year: 2023 month: 10 day: 1 }
                        reason { fi: "Käyttämättä" authoritative: LANGUAGE_FI } })pb"),
               {R"pb(grant_reclaimed { grant_id: "grant-vk" amount_cents: 400000 reclaimed_on { year: 2023 month: 10 day: 1 }
                     reason { fi: "Käyttämättä" authoritative: LANGUAGE_FI } })pb"});
  Fails(R"pb(return_unused_grant { grant_id: "grant-vk" amount_cents: 3000001 returned_on { year: 2023 month: 10 day: 2 } })pb",
        StatusCode::kFailedPrecondition, {"return_unused_grant.amount_cents: a return must not exceed what was paid and not yet returned or reclaimed (3000000 cents"});
}

}  // namespace
}  // namespace kumppani::domain::testing
