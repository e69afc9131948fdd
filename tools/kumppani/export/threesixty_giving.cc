// Grants views to 360Giving JSON.
#include "tools/kumppani/export/threesixty_giving.h"

namespace kumppani::exports {
namespace {

namespace v1 = kumppani::v1;

const v1::OrganisationView* FindOrganisation(const GrantsInput& input, const std::string& id) {
  for (const auto& organisation : input.organisations) {
    if (organisation.organisation_id() == id) return &organisation;
  }
  return nullptr;
}

const v1::GrantProgrammeView* FindProgramme(const GrantsInput& input, const std::string& id) {
  for (const auto& programme : input.programmes) {
    if (programme.programme_id() == id) return &programme;
  }
  return nullptr;
}

// A 360Giving Organization: {id, name}; a funder's department is not kept.
Json Organization(const GrantsInput& input, const std::string& organisation_id) {
  const v1::OrganisationView* organisation = FindOrganisation(input, organisation_id);
  if (organisation == nullptr) {
    return Json::Object()
        .Set("id", std::string(k360GivingPrefix) + organisation_id)
        .Set("name", organisation_id);
  }
  Json json = Json::Object();
  json.Set("id", OrgIdentifier(*organisation));
  json.Set("name", Text(organisation->name()));
  return json;
}

std::string GrantIdentifier(const v1::GrantView& grant) {
  return k360GivingPrefix + grant.grant_id();
}

}  // namespace

bool IsAwarded(const v1::GrantView& grant) {
  return grant.has_decision() && grant.decision().outcome() == v1::GRANT_DECISION_OUTCOME_AWARDED;
}

Json ThreeSixtyGivingGrant(const v1::GrantView& grant, const GrantsInput& input,
                           const ReadPoint& point) {
  const v1::GrantDecision& decision = grant.decision();
  const v1::GrantProgrammeView* programme = FindProgramme(input, grant.programme_id());
  const std::string purpose = Text(grant.purpose());
  const std::string programme_title = programme ? Text(programme->title()) : "";

  Json json = Json::Object();
  json.Set("id", GrantIdentifier(grant));
  json.Set("title", purpose.empty() ? grant.grant_id() : purpose);
  // The purpose, the programme it was granted from, and the conditions.
  std::string description = purpose;
  if (!programme_title.empty()) {
    description += (description.empty() ? "" : " ") + ("(" + programme_title + ")");
  }
  if (const std::string conditions = Text(decision.conditions()); !conditions.empty()) {
    description += (description.empty() ? "" : ". ") + conditions;
  }
  json.Set("description", description.empty() ? grant.grant_id() : description);
  json.Set("currency", "EUR");
  json.Set("amountAppliedFor", Json::Euros(grant.amounts().applied_cents()));
  json.Set("amountAwarded", Json::Euros(decision.awarded_cents()));
  json.Set("amountDisbursed", Json::Euros(grant.amounts().paid_cents()));
  json.Set("awardDate", DateText(decision.decided_on()));
  if (decision.has_usage_period() && IsSet(decision.usage_period().start())) {
    Json period = Json::Object();
    period.Set("startDate", DateText(decision.usage_period().start()));
    period.SetIfPresent("endDate", DateText(decision.usage_period().end()));
    period.Set("description", "Usage period as awarded");
    json.Set("plannedDates", Json::Array().Push(std::move(period)));
  }
  if (IsSet(grant.usage_ends_on()) && grant.extensions_size() > 0 && decision.has_usage_period()) {
    Json period = Json::Object();
    period.Set("startDate", DateText(decision.usage_period().start()));
    period.Set("endDate", DateText(grant.usage_ends_on()));
    period.Set("description", "Usage period after extensions");
    json.Set("actualDates", Json::Array().Push(std::move(period)));
  }
  const Json recipient = Organization(input, grant.applicant_organisation_id());
  json.Set("recipientOrganization", Json::Array().Push(recipient));
  const std::string funder_id = programme ? programme->funder_organisation_id() : "";
  const Json funder = funder_id.empty() ? Json::Object()
                                              .Set("id", std::string(k360GivingPrefix) + "unknown")
                                              .Set("name", "unknown")
                                        : Organization(input, funder_id);
  json.Set("fundingOrganization", Json::Array().Push(funder));
  Json programme_json = Json::Object().Set("code", grant.programme_id());
  if (!programme_title.empty()) programme_json.Set("title", programme_title);
  json.Set("grantProgramme", Json::Array().Push(std::move(programme_json)));
  Json disbursements = Json::Array();
  for (const auto& payment : grant.payments()) {
    Json transaction = Json::Object();
    transaction.Set("id",
                    GrantIdentifier(grant) + "-instalment-" + std::to_string(payment.instalment()));
    transaction.Set("transactionDate", DateText(payment.paid_on()));
    transaction.Set("currency", "EUR");
    transaction.Set("value", Json::Euros(payment.amount_cents()));
    transaction.Set("provider", funder.Find("id")->text());
    transaction.Set("recipient", recipient.Find("id")->text());
    disbursements.Push(std::move(transaction));
  }
  json.SetIfPresent("disbursementTransaction", std::move(disbursements));
  json.SetIfPresent("dateModified", TimestampText(point.recorded_at));
  return json;
}

Json ThreeSixtyGivingPackage(const GrantsInput& input, const ReadPoint& point) {
  Json grants = Json::Array();
  for (const auto& grant : input.grants) {
    if (IsAwarded(grant)) grants.Push(ThreeSixtyGivingGrant(grant, input, point));
  }
  const std::string position = std::to_string(point.position);
  std::string description =
      "Grants awarded, as the Kumppani ledger knew them at log position " + position;
  if (IsSet(point.as_of)) description += ", as they stood on " + DateText(point.as_of);
  if (!point.region_organisation_id.empty()) {
    description += ", of the programmes of " + point.region_organisation_id;
  }
  description += ". Amounts in euro.";

  Json package = Json::Object();
  package.Set("grants", std::move(grants));
  package.Set("version", "1.0");
  package.Set("title", "Kumppani grants at log position " + position);
  package.Set("description", description);
  package.Set("identifier",
              std::string(k360GivingPrefix) + "position-" + position +
                  (IsSet(point.as_of) ? "-as-of-" + DateText(point.as_of) : "") +
                  (point.region_organisation_id.empty() ? "" : "-" + point.region_organisation_id));
  package.SetIfPresent("issued", TimestampText(point.recorded_at));
  package.SetIfPresent("modified", TimestampText(point.recorded_at));
  package.Set("publisher", Json::Object().Set("name", "Kumppani ledger"));
  package.Set("kumppani", ReadPointJson(point, input.command));
  return package;
}

}  // namespace kumppani::exports
