// The grants read models on a hand-made scenario (grants_fixture.h): a grant
// as of any day, totals per organisation, year, programme and region, a
// retraction seen only from known_at on, argument errors and overflow.
#include "tests/projections/grants_fixture.h"

namespace kumppani::projections::testing {
namespace {

using absl::StatusCode;
using ::testing::HasSubstr;

constexpr char kA1Header[] = R"pb(
  grant_id: "grant-a1"
  programme_id: "programme-ph-avustus"
  applicant_organisation_id: "org-a"
  purpose { fi: "Toiminta" authoritative: LANGUAGE_FI }
  applied_on { year: 2021 month: 2 day: 1 }
  year: 2021
)pb";
constexpr char kA1Award[] = R"pb(
  decision {
    outcome: GRANT_DECISION_OUTCOME_AWARDED
    decided_on { year: 2021 month: 4 day: 15 }
    awarded_cents: 800000
    conditions { fi: "Ehdot" authoritative: LANGUAGE_FI }
    usage_period {
      start { year: 2021 month: 5 day: 1 }
      end { year: 2021 month: 12 day: 31 }
    }
  }
)pb";
constexpr char kA1Payment1[] = R"pb(
  payments {
    instalment: 1
    amount_cents: 500000
    paid_on { year: 2021 month: 5 day: 10 }
  })pb";
constexpr char kA1Payment2[] = R"pb(
  payments {
    instalment: 2
    amount_cents: 300000
    paid_on { year: 2021 month: 9 day: 1 }
  })pb";

class GrantsHandMadeTest : public GrantsTest {
 protected:
  GrantsHandMadeTest() { RecordScenario(); }
};

TEST_F(GrantsHandMadeTest, GrantBetweenTheTwoPaymentsAndAfter) {
  absl::StatusOr<v1::GrantView> between = Get("grant-a1", D(2021, 6, 30));
  ASSERT_TRUE(between.ok()) << between.status();
  ExpectProto(*between, std::string(kA1Header) + kA1Award + kA1Payment1 + R"pb(
    stage: GRANT_STAGE_PAID
    usage_ends_on { year: 2021 month: 12 day: 31 }
    amounts {
      applied_cents: 1000000
      awarded_cents: 800000
      paid_cents: 500000
      outstanding_cents: 500000
    }
    as_of { year: 2021 month: 6 day: 30 })pb");

  // On the day of the second payment it counts.
  absl::StatusOr<v1::GrantView> after = Get("grant-a1", D(2021, 9, 1));
  ASSERT_TRUE(after.ok()) << after.status();
  ExpectProto(*after, std::string(kA1Header) + kA1Award + kA1Payment1 + kA1Payment2 + R"pb(
    stage: GRANT_STAGE_PAID
    usage_ends_on { year: 2021 month: 12 day: 31 }
    amounts {
      applied_cents: 1000000
      awarded_cents: 800000
      paid_cents: 800000
      outstanding_cents: 800000
    }
    as_of { year: 2021 month: 9 day: 1 })pb");
}

TEST_F(GrantsHandMadeTest, GrantStagesOverTime) {
  absl::StatusOr<v1::GrantView> applied = Get("grant-a1", D(2021, 4, 14));
  ASSERT_TRUE(applied.ok()) << applied.status();
  ExpectProto(*applied, std::string(kA1Header) + R"pb(
    stage: GRANT_STAGE_APPLIED
    amounts { applied_cents: 1000000 }
    as_of { year: 2021 month: 4 day: 14 })pb");

  absl::StatusOr<v1::GrantView> awarded = Get("grant-a1", D(2021, 4, 15));
  ASSERT_TRUE(awarded.ok()) << awarded.status();
  EXPECT_EQ(awarded->stage(), v1::GRANT_STAGE_AWARDED);
  EXPECT_EQ(awarded->amounts().awarded_cents(), 800000);
  EXPECT_EQ(awarded->amounts().paid_cents(), 0);

  absl::StatusOr<v1::GrantView> reported = Get("grant-a1", D(2022, 1, 20));
  ASSERT_TRUE(reported.ok()) << reported.status();
  ExpectProto(*reported, std::string(kA1Header) + kA1Award + kA1Payment1 + kA1Payment2 + R"pb(
    stage: GRANT_STAGE_REPORTED
    usage_ends_on { year: 2021 month: 12 day: 31 }
    reports {
      submitted_on { year: 2022 month: 1 day: 15 }
      used_cents: 750000
    }
    returns {
      amount_cents: 50000
      returned_on { year: 2022 month: 1 day: 20 }
    }
    amounts {
      applied_cents: 1000000
      awarded_cents: 800000
      paid_cents: 800000
      returned_cents: 50000
      outstanding_cents: 750000
    }
    as_of { year: 2022 month: 1 day: 20 })pb");

  absl::StatusOr<v1::GrantView> accepted = Get("grant-a1", D(2022, 2, 1));
  ASSERT_TRUE(accepted.ok()) << accepted.status();
  EXPECT_EQ(accepted->stage(), v1::GRANT_STAGE_REPORT_ACCEPTED);
  ExpectProto(accepted->reports(0), R"pb(submitted_on { year: 2022 month: 1 day: 15 }
                                         used_cents: 750000
                                         accepted_on { year: 2022 month: 2 day: 1 })pb");

  // The extension carries no date; it is in force from its recording day,
  // the test clock's 2024-01-01.
  absl::StatusOr<v1::GrantView> before_extension = Get("grant-a1", D(2023, 12, 31));
  ASSERT_TRUE(before_extension.ok()) << before_extension.status();
  EXPECT_EQ(before_extension->extensions_size(), 0);
  ExpectProto(before_extension->usage_ends_on(), "year: 2021 month: 12 day: 31");
  ExpectProto(before_extension->amounts(), R"pb(applied_cents: 1000000
                                                awarded_cents: 800000
                                                paid_cents: 800000
                                                returned_cents: 50000
                                                reclaimed_cents: 100000
                                                outstanding_cents: 650000)pb");

  absl::StatusOr<v1::GrantView> now = Get("grant-a1");
  ASSERT_TRUE(now.ok()) << now.status();
  ExpectProto(*now, std::string(kA1Header) + kA1Award + kA1Payment1 + kA1Payment2 + R"pb(
    stage: GRANT_STAGE_REPORT_ACCEPTED
    usage_ends_on { year: 2022 month: 6 day: 30 }
    extensions {
      usage_ends_on { year: 2022 month: 6 day: 30 }
      previous_usage_ends_on { year: 2021 month: 12 day: 31 }
      effective_on { year: 2024 month: 1 day: 1 }
    }
    reports {
      submitted_on { year: 2022 month: 1 day: 15 }
      used_cents: 750000
      accepted_on { year: 2022 month: 2 day: 1 }
    }
    returns {
      amount_cents: 50000
      returned_on { year: 2022 month: 1 day: 20 }
    }
    reclaims {
      amount_cents: 100000
      reclaimed_on { year: 2022 month: 3 day: 1 }
      reason { fi: "Käyttämättä" authoritative: LANGUAGE_FI }
    }
    amounts {
      applied_cents: 1000000
      awarded_cents: 800000
      paid_cents: 800000
      returned_cents: 50000
      reclaimed_cents: 100000
      outstanding_cents: 650000
    })pb");
}

TEST_F(GrantsHandMadeTest, RejectedAndUndecidedGrants) {
  absl::StatusOr<v1::GrantView> rejected = Get("grant-a2");
  ASSERT_TRUE(rejected.ok()) << rejected.status();
  ExpectProto(*rejected, R"pb(
    grant_id: "grant-a2"
    programme_id: "programme-stm-kehitys"
    applicant_organisation_id: "org-a"
    purpose { fi: "Toiminta" authoritative: LANGUAGE_FI }
    applied_on { year: 2022 month: 2 day: 1 }
    year: 2022
    stage: GRANT_STAGE_REJECTED
    decision {
      outcome: GRANT_DECISION_OUTCOME_REJECTED
      decided_on { year: 2022 month: 4 day: 1 }
      reason { fi: "Ei rahaa" authoritative: LANGUAGE_FI }
    }
    amounts { applied_cents: 2000000 })pb");
  absl::StatusOr<v1::GrantView> undecided_then = Get("grant-a2", D(2022, 3, 31));
  ASSERT_TRUE(undecided_then.ok()) << undecided_then.status();
  EXPECT_EQ(undecided_then->stage(), v1::GRANT_STAGE_APPLIED);
  EXPECT_FALSE(undecided_then->has_decision());
  absl::StatusOr<v1::GrantView> undecided = Get("grant-b2");
  ASSERT_TRUE(undecided.ok()) << undecided.status();
  EXPECT_EQ(undecided->stage(), v1::GRANT_STAGE_APPLIED);
  ExpectProto(undecided->amounts(), "applied_cents: 500000");
}

TEST_F(GrantsHandMadeTest, GetGrantErrors) {
  absl::StatusOr<v1::GrantView> before = Get("grant-a1", D(2021, 1, 31));
  EXPECT_EQ(before.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(before.status().message(),
            "grant_id: grant \"grant-a1\" was applied for only on 2021-02-01, after as_of "
            "2021-01-31");
  absl::StatusOr<v1::GrantView> missing = Get("grant-none");
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(std::string(missing.status().message()), HasSubstr("grant \"grant-none\""));
  absl::StatusOr<v1::GrantView> malformed = Get("org-a");
  EXPECT_EQ(malformed.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(malformed.status().message()), HasSubstr("grant_id"));
  absl::StatusOr<v1::GrantView> bad_date = Get("grant-a1", D(2021, 2, 30));
  EXPECT_EQ(bad_date.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(bad_date.status().message()), HasSubstr("as_of"));
}

TEST_F(GrantsHandMadeTest, TotalsPerOrganisationNowAndBetweenPayments) {
  absl::StatusOr<v1::GrantTotals> now = Totals(v1::GRANT_GROUPING_ORGANISATION);
  ASSERT_TRUE(now.ok()) << now.status();
  ExpectProto(*now, absl::StrCat(R"pb(
                                   group_by: GRANT_GROUPING_ORGANISATION
                                   groups {
                                     key: "org-a"
                                     grant_count: 2
                                     awarded_count: 1
                                     rejected_count: 1
                                     amounts {
                                       applied_cents: 3000000
                                       awarded_cents: 800000
                                       paid_cents: 800000
                                       returned_cents: 50000
                                       reclaimed_cents: 100000
                                       outstanding_cents: 650000
                                     }
                                   }
                                   groups {
                                     key: "org-b"
                                     grant_count: 2
                                     awarded_count: 1
                                     amounts {
                                       applied_cents: 3500000
                                       awarded_cents: 3000000
                                       paid_cents: 3000000
                                       outstanding_cents: 3000000
                                     }
                                   }
                                   total {
                                     grant_count: 4
                                     awarded_count: 2
                                     rejected_count: 1
                                     amounts {
                                       applied_cents: 6500000
                                       awarded_cents: 3800000
                                       paid_cents: 3800000
                                       returned_cents: 50000
                                       reclaimed_cents: 100000
                                       outstanding_cents: 3650000
                                     }
                                   }
                                   read_position:)pb",
                                 Head().value()));

  absl::StatusOr<v1::GrantTotals> between =
      Totals(v1::GRANT_GROUPING_ORGANISATION, "", D(2021, 6, 30));
  ASSERT_TRUE(between.ok()) << between.status();
  ExpectProto(*between, absl::StrCat(R"pb(
                                       group_by: GRANT_GROUPING_ORGANISATION
                                       groups {
                                         key: "org-a"
                                         grant_count: 1
                                         awarded_count: 1
                                         amounts {
                                           applied_cents: 1000000
                                           awarded_cents: 800000
                                           paid_cents: 500000
                                           outstanding_cents: 500000
                                         }
                                       }
                                       groups {
                                         key: "org-b"
                                         grant_count: 1
                                         awarded_count: 1
                                         amounts {
                                           applied_cents: 3000000
                                           awarded_cents: 3000000
                                           paid_cents: 3000000
                                           outstanding_cents: 3000000
                                         }
                                       }
                                       total {
                                         grant_count: 2
                                         awarded_count: 2
                                         amounts {
                                           applied_cents: 4000000
                                           awarded_cents: 3800000
                                           paid_cents: 3500000
                                           outstanding_cents: 3500000
                                         }
                                       }
                                       as_of { year: 2021 month: 6 day: 30 }
                                       read_position:)pb",
                                     Head().value()));
}

TEST_F(GrantsHandMadeTest, TotalsPerYearProgrammeAndRegion) {
  const std::string year_2021 = R"pb(
    grant_count: 2
    awarded_count: 2
    amounts {
      applied_cents: 4000000
      awarded_cents: 3800000
      paid_cents: 3800000
      returned_cents: 50000
      reclaimed_cents: 100000
      outstanding_cents: 3650000
    })pb";
  const std::string year_2022 = R"pb(
    grant_count: 2
    rejected_count: 1
    amounts { applied_cents: 2500000 })pb";
  absl::StatusOr<v1::GrantTotals> per_year = Totals(v1::GRANT_GROUPING_YEAR);
  ASSERT_TRUE(per_year.ok()) << per_year.status();
  ASSERT_EQ(per_year->groups_size(), 2);
  ExpectProto(per_year->groups(0), "key: \"2021\" " + year_2021);
  ExpectProto(per_year->groups(1), "key: \"2022\" " + year_2022);

  // Each programme here is one year's, and its region is its funder.
  absl::StatusOr<v1::GrantTotals> per_programme = Totals(v1::GRANT_GROUPING_PROGRAMME);
  ASSERT_TRUE(per_programme.ok()) << per_programme.status();
  ASSERT_EQ(per_programme->groups_size(), 2);
  ExpectProto(per_programme->groups(0), "key: \"programme-ph-avustus\" " + year_2021);
  ExpectProto(per_programme->groups(1), "key: \"programme-stm-kehitys\" " + year_2022);
  absl::StatusOr<v1::GrantTotals> per_region = Totals(v1::GRANT_GROUPING_REGION);
  ASSERT_TRUE(per_region.ok()) << per_region.status();
  ASSERT_EQ(per_region->groups_size(), 2);
  ExpectProto(per_region->groups(0), "key: \"org-ph-hva\" " + year_2021);
  ExpectProto(per_region->groups(1), "key: \"org-stm\" " + year_2022);

  // Filters: one organisation per year; one region per organisation.
  absl::StatusOr<v1::GrantTotals> org_a =
      Totals(v1::GRANT_GROUPING_YEAR, "recipient_organisation_id: \"org-a\"");
  ASSERT_TRUE(org_a.ok()) << org_a.status();
  ASSERT_EQ(org_a->groups_size(), 2);
  ExpectProto(org_a->groups(0), R"pb(key: "2021"
                                     grant_count: 1
                                     awarded_count: 1
                                     amounts {
                                       applied_cents: 1000000
                                       awarded_cents: 800000
                                       paid_cents: 800000
                                       returned_cents: 50000
                                       reclaimed_cents: 100000
                                       outstanding_cents: 650000
                                     })pb");
  ExpectProto(org_a->groups(1), R"pb(key: "2022"
                                     grant_count: 1
                                     rejected_count: 1
                                     amounts { applied_cents: 2000000 })pb");
  absl::StatusOr<v1::GrantTotals> stm =
      Totals(v1::GRANT_GROUPING_ORGANISATION, "region_organisation_id: \"org-stm\"");
  ASSERT_TRUE(stm.ok()) << stm.status();
  ASSERT_EQ(stm->groups_size(), 2);
  ExpectProto(stm->groups(0), R"pb(key: "org-a"
                                   grant_count: 1
                                   rejected_count: 1
                                   amounts { applied_cents: 2000000 })pb");
  ExpectProto(stm->groups(1), R"pb(key: "org-b"
                                   grant_count: 1
                                   amounts { applied_cents: 500000 })pb");
  absl::StatusOr<v1::GrantTotals> combined =
      Totals(v1::GRANT_GROUPING_PROGRAMME, "recipient_organisation_id: \"org-b\" year: 2021");
  ASSERT_TRUE(combined.ok()) << combined.status();
  ASSERT_EQ(combined->groups_size(), 1);
  ExpectProto(combined->groups(0), R"pb(key: "programme-ph-avustus"
                                        grant_count: 1
                                        awarded_count: 1
                                        amounts {
                                          applied_cents: 3000000
                                          awarded_cents: 3000000
                                          paid_cents: 3000000
                                          outstanding_cents: 3000000
                                        })pb");
  absl::StatusOr<v1::GrantTotals> none = Totals(v1::GRANT_GROUPING_YEAR, "year: 2020");
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_EQ(none->groups_size(), 0);
  EXPECT_EQ(none->total().grant_count(), 0);
}

TEST_F(GrantsHandMadeTest, RetractedPaymentChangesTotalsFromTheRetractionOn) {
  const Position before = Head();
  Ok("retract_event { stream_id: \"grant-a1\" target_event_id: \"" +
     second_payment_.event_ids.at(0).ToString() +
     "\" reason { fi: \"Kirjausvirhe\" authoritative: LANGUAGE_FI } }");
  const Position after = Head();
  ASSERT_EQ(after.value(), before.value() + 1);

  const std::string org_a_before = R"pb(
    key: "org-a"
    grant_count: 2
    awarded_count: 1
    rejected_count: 1
    amounts {
      applied_cents: 3000000
      awarded_cents: 800000
      paid_cents: 800000
      returned_cents: 50000
      reclaimed_cents: 100000
      outstanding_cents: 650000
    })pb";
  absl::StatusOr<v1::GrantTotals> old =
      Totals(v1::GRANT_GROUPING_ORGANISATION, "", std::nullopt, before);
  ASSERT_TRUE(old.ok()) << old.status();
  EXPECT_EQ(old->read_position(), before.value());
  ExpectProto(old->groups(0), org_a_before);
  EXPECT_EQ(old->total().amounts().paid_cents(), 3800000);

  absl::StatusOr<v1::GrantTotals> now = Totals(v1::GRANT_GROUPING_ORGANISATION);
  ASSERT_TRUE(now.ok()) << now.status();
  EXPECT_EQ(now->read_position(), after.value());
  ExpectProto(now->groups(0), R"pb(
    key: "org-a"
    grant_count: 2
    awarded_count: 1
    rejected_count: 1
    amounts {
      applied_cents: 3000000
      awarded_cents: 800000
      paid_cents: 500000
      returned_cents: 50000
      reclaimed_cents: 100000
      outstanding_cents: 350000
    })pb");
  ExpectProto(now->total().amounts(), R"pb(applied_cents: 6500000
                                           awarded_cents: 3800000
                                           paid_cents: 3500000
                                           returned_cents: 50000
                                           reclaimed_cents: 100000
                                           outstanding_cents: 3350000)pb");

  // The grant itself, as known before and after.
  absl::StatusOr<v1::GrantView> known_before = Get("grant-a1", D(2021, 9, 1), before);
  ASSERT_TRUE(known_before.ok()) << known_before.status();
  EXPECT_EQ(known_before->payments_size(), 2);
  absl::StatusOr<v1::GrantView> known_after = Get("grant-a1", D(2021, 9, 1));
  ASSERT_TRUE(known_after.ok()) << known_after.status();
  ASSERT_EQ(known_after->payments_size(), 1);
  ExpectProto(known_after->payments(0), R"pb(instalment: 1
                                             amount_cents: 500000
                                             paid_on { year: 2021 month: 5 day: 10 })pb");
  EXPECT_EQ(known_after->amounts().outstanding_cents(), 500000);

  // The live rows after the retraction are those of a rebuild from scratch.
  EXPECT_TRUE(engine_->VerifyRebuild(grants::kGrantsProjection).ok());
  EXPECT_TRUE(engine_->VerifyRebuild(grants::kProgrammesProjection).ok());
}

TEST_F(GrantsHandMadeTest, TotalsArgumentErrors) {
  absl::StatusOr<v1::GrantTotals> no_grouping = Totals(v1::GRANT_GROUPING_UNSPECIFIED);
  EXPECT_EQ(no_grouping.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(no_grouping.status().message(), "group_by: is required");
  absl::StatusOr<v1::GrantTotals> bad_year = Totals(v1::GRANT_GROUPING_YEAR, "year: 1800");
  EXPECT_EQ(bad_year.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad_year.status().message(),
            "filter.year: must be 1900..2200, or 0 for any year, got 1800");
  absl::StatusOr<v1::GrantTotals> bad_org =
      Totals(v1::GRANT_GROUPING_YEAR, "recipient_organisation_id: \"grant-a1\"");
  EXPECT_EQ(bad_org.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(bad_org.status().message()),
              HasSubstr("filter.recipient_organisation_id"));
  const Position head = Head();
  absl::StatusOr<v1::GrantTotals> mixed =
      GrantTotals(View(grants::kGrantsProjection, head),
                  View(grants::kProgrammesProjection, Position(head.value() - 1)),
                  v1::GRANT_GROUPING_YEAR, v1::GrantFilter(), std::nullopt);
  EXPECT_EQ(mixed.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(mixed.status().message()), HasSubstr("programmes:"));
}

class GrantsOverflowTest : public GrantsTest {};

TEST_F(GrantsOverflowTest, TotalsThatWouldOverflowNameTheGroup) {
  RegisterOrg("org-funder", "ORGANISATION_KIND_STATE_AGENCY");
  RegisterOrg("org-x", "ORGANISATION_KIND_ASSOCIATION");
  RegisterOrg("org-y", "ORGANISATION_KIND_ASSOCIATION");
  OpenProgramme("programme-big", "org-funder", 2021, 9000000000000000000);
  Apply("grant-x1", "programme-big", "org-x", 4000000000000000000, D(2021, 2, 1));
  Apply("grant-x2", "programme-big", "org-x", 4000000000000000000, D(2021, 2, 1));
  Apply("grant-y1", "programme-big", "org-y", 4000000000000000000, D(2021, 2, 1));

  // Per organisation every group fits, the grand total does not.
  absl::StatusOr<v1::GrantTotals> per_org = Totals(v1::GRANT_GROUPING_ORGANISATION);
  EXPECT_EQ(per_org.status().code(), StatusCode::kOutOfRange);
  EXPECT_EQ(per_org.status().message(),
            "the grand total: applied_cents overflows int64 (8000000000000000000 + "
            "4000000000000000000)");
  absl::StatusOr<v1::GrantTotals> per_year = Totals(v1::GRANT_GROUPING_YEAR);
  EXPECT_EQ(per_year.status().code(), StatusCode::kOutOfRange);
  EXPECT_EQ(per_year.status().message(),
            "group \"2021\": applied_cents overflows int64 (8000000000000000000 + "
            "4000000000000000000)");
  // A filter that keeps the sums in range.
  absl::StatusOr<v1::GrantTotals> org_x =
      Totals(v1::GRANT_GROUPING_YEAR, "recipient_organisation_id: \"org-x\"");
  ASSERT_TRUE(org_x.ok()) << org_x.status();
  EXPECT_EQ(org_x->total().amounts().applied_cents(), 8000000000000000000);
}

}  // namespace
}  // namespace kumppani::projections::testing
