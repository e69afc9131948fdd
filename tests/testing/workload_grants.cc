// The workload's grants (see workload_world.h): programmes opened by the
// national funder or a county, applications, awards and rejections,
// payments in instalments, extended usage periods, reports, and unused
// money returned or reclaimed.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "tests/testing/workload_world.h"

namespace kumppani::testing {

using workload_internal::EraseValue;
using workload_internal::Fi;
using workload_internal::Scan;
using workload_internal::ToDate;
using workload_internal::kThemesFi;

bool Workload::World::OpenProgramme() {
  int r = RandomRegion();
  bool national = rng_.Percent(40);
  Programme programme;
  programme.id = NextId("programme");
  programme.region = national ? -1 : r;
  programme.opens = today_;
  programme.deadline = today_ + rng_.Between(30, 90);
  programme.budget = static_cast<int64_t>(rng_.Between(50, 2000)) * 1000 * 100;
  v1::OpenGrantProgramme* c = cmd_.mutable_open_grant_programme();
  c->set_programme_id(programme.id);
  c->set_funder_organisation_id(orgs_[national ? national_funder_ : regions_[r].county].id);
  *c->mutable_title() = Fi(absl::StrCat("Järjestöavustukset ", today_.year()));
  c->set_budget_cents(programme.budget);
  *c->mutable_rules() = Fi("Avustus myönnetään yleishyödylliseen sosiaali- ja terveysalan toimintaan.");
  *c->mutable_opens_on() = ToDate(programme.opens);
  *c->mutable_application_deadline() = ToDate(programme.deadline);
  live_programmes_.push_back(static_cast<int>(programmes_.size()));
  programmes_.push_back(std::move(programme));
  return true;
}

bool Workload::World::ApplyForGrant() {
  // Programmes past their deadline take no more applications.
  live_programmes_.erase(std::remove_if(live_programmes_.begin(), live_programmes_.end(),
                                        [&](int p) { return programmes_[p].deadline < today_; }),
                         live_programmes_.end());
  if (live_programmes_.empty()) return false;
  const Programme& programme = programmes_[rng_.Pick(live_programmes_)];
  int region = programme.region >= 0 ? programme.region : RandomRegion();
  int applicant = ActiveNgo(region);
  if (applicant < 0) return false;
  Grant grant;
  grant.id = NextId("grant");
  grant.applied = today_;
  grant.region = region;
  grant.applied_cents = std::min<int64_t>(programme.budget, static_cast<int64_t>(rng_.Between(5, 200)) * 1000 * 100);
  v1::ApplyForGrant* c = cmd_.mutable_apply_for_grant();
  c->set_grant_id(grant.id);
  c->set_programme_id(programme.id);
  c->set_applicant_organisation_id(orgs_[applicant].id);
  c->set_amount_applied_cents(grant.applied_cents);
  *c->mutable_purpose() = Fi(absl::StrCat("Vertaistukitoiminta: ", rng_.Pick(kThemesFi)));
  *c->mutable_applied_on() = ToDate(today_);
  live_grants_.push_back(static_cast<int>(grants_.size()));
  grants_.push_back(std::move(grant));
  return true;
}

bool Workload::World::DecideGrant(bool award) {
  int g = Scan(rng_, live_grants_, [&](int i) { return grants_[i].stage == Grant::Stage::kApplied; });
  if (g < 0) return false;
  Grant& grant = grants_[g];
  std::optional<std::string> decision;
  if (rng_.Percent(40)) decision = RegionDecision(grant.region);
  if (award) {
    grant.award = std::max<int64_t>(1, grant.applied_cents * rng_.Between(60, 100) / 100);
    grant.usage_end = today_ + 365;
    v1::AwardGrant* c = cmd_.mutable_award_grant();
    c->set_grant_id(grant.id);
    c->set_amount_cents(grant.award);
    if (rng_.Percent(30)) *c->mutable_conditions() = Fi("Käyttö raportoidaan vuosittain.");
    if (decision.has_value()) c->set_decision_id(*decision);
    *c->mutable_awarded_on() = ToDate(today_);
    *c->mutable_usage_period()->mutable_start() = ToDate(today_);
    *c->mutable_usage_period()->mutable_end() = ToDate(grant.usage_end);
    grant.stage = Grant::Stage::kAwarded;
    ++grant.events;
  } else {
    v1::RejectGrant* c = cmd_.mutable_reject_grant();
    c->set_grant_id(grant.id);
    if (decision.has_value()) c->set_decision_id(*decision);
    *c->mutable_rejected_on() = ToDate(today_);
    if (rng_.Percent(60)) *c->mutable_reason() = Fi("Määräraha ei riitä kaikkiin hakemuksiin.");
    EraseValue(live_grants_, g);
  }
  return true;
}

bool Workload::World::PayGrant() {
  int g = Scan(rng_, live_grants_, [&](int i) {
    return grants_[i].stage == Grant::Stage::kAwarded && grants_[i].paid < grants_[i].award;
  });
  if (g < 0) return false;
  Grant& grant = grants_[g];
  int64_t remaining = grant.award - grant.paid;
  int64_t amount = grant.instalments == 0 ? grant.award * rng_.Between(40, 70) / 100
                   : rng_.Percent(30)     ? remaining / 2
                                          : remaining;
  amount = std::clamp<int64_t>(amount, 1, remaining);
  v1::PayGrant* c = cmd_.mutable_pay_grant();
  c->set_grant_id(grant.id);
  c->set_amount_cents(amount);
  *c->mutable_paid_on() = ToDate(today_);
  grant.paid += amount;
  ++grant.instalments;
  ++grant.events;
  return true;
}

bool Workload::World::ExtendUsage() {
  int g = Scan(rng_, live_grants_, [&](int i) {
    return grants_[i].stage == Grant::Stage::kAwarded && grants_[i].extensions < 2;
  });
  if (g < 0) return false;
  Grant& grant = grants_[g];
  grant.usage_end += rng_.Between(90, 180);
  ++grant.extensions;
  v1::ExtendGrantUsagePeriod* c = cmd_.mutable_extend_grant_usage_period();
  c->set_grant_id(grant.id);
  *c->mutable_usage_ends_on() = ToDate(grant.usage_end);
  if (rng_.Percent(30)) {
    if (std::optional<std::string> decision = RegionDecision(grant.region)) c->set_decision_id(*decision);
  }
  ++grant.events;
  return true;
}

bool Workload::World::SubmitReport() {
  int g = Scan(rng_, live_grants_, [&](int i) {
    const Grant& x = grants_[i];
    return x.stage == Grant::Stage::kAwarded && x.paid > 0 && !x.report_submitted;
  });
  if (g < 0) return false;
  Grant& grant = grants_[g];
  grant.used = grant.paid * rng_.Between(70, 100) / 100;
  v1::SubmitGrantReport* c = cmd_.mutable_submit_grant_report();
  c->set_grant_id(grant.id);
  *c->mutable_submitted_on() = ToDate(today_);
  c->set_used_cents(grant.used);
  if (rng_.Percent(80)) {
    c->mutable_report()->set_uri(absl::StrCat("https://example.fi/selvitykset/", grant.id, ".pdf"));
    c->mutable_report()->set_sha256(Sha256Hex());
  }
  grant.report_submitted = true;
  grant.report_day = today_;
  ++grant.events;
  return true;
}

bool Workload::World::AcceptReport() {
  int g = Scan(rng_, live_grants_, [&](int i) {
    return grants_[i].report_submitted && !grants_[i].report_accepted;
  });
  if (g < 0) return false;
  Grant& grant = grants_[g];
  v1::AcceptGrantReport* c = cmd_.mutable_accept_grant_report();
  c->set_grant_id(grant.id);
  *c->mutable_accepted_on() = ToDate(today_);
  grant.report_accepted = true;
  ++grant.events;
  // Half of the grants end here; the others still return or are reclaimed.
  if (rng_.Percent(50)) EraseValue(live_grants_, g);
  return true;
}

bool Workload::World::ReturnOrReclaim(bool reclaim) {
  int g = Scan(rng_, live_grants_, [&](int i) {
    return grants_[i].stage == Grant::Stage::kAwarded && grants_[i].paid > grants_[i].settled;
  });
  if (g < 0) return false;
  Grant& grant = grants_[g];
  int64_t outstanding = grant.paid - grant.settled;
  int64_t amount = reclaim ? outstanding * rng_.Between(10, 100) / 100
                   : grant.report_submitted ? grant.paid - grant.used
                                            : outstanding * rng_.Between(10, 50) / 100;
  amount = std::clamp<int64_t>(amount, 1, outstanding);
  if (reclaim) {
    v1::ReclaimGrant* c = cmd_.mutable_reclaim_grant();
    c->set_grant_id(grant.id);
    c->set_amount_cents(amount);
    if (rng_.Percent(50)) {
      if (std::optional<std::string> decision = RegionDecision(grant.region)) c->set_decision_id(*decision);
    }
    *c->mutable_reclaimed_on() = ToDate(today_);
    *c->mutable_reason() = Fi("Avustusta ei käytetty myönnettyyn tarkoitukseen.");
  } else {
    v1::ReturnUnusedGrant* c = cmd_.mutable_return_unused_grant();
    c->set_grant_id(grant.id);
    c->set_amount_cents(amount);
    *c->mutable_returned_on() = ToDate(today_);
  }
  grant.settled += amount;
  if (++grant.events >= 12 || grant.report_accepted) EraseValue(live_grants_, g);
  return true;
}

}  // namespace kumppani::testing
