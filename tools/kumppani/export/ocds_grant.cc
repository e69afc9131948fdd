// A grant case as an OCDS-style case: the programme's funder is the buyer,
// the application the "tender" (one tenderer, the applicant), the award or
// rejection the award, the awarded grant the contract, instalments,
// returns and reclaims its transactions, usage-period extensions its
// amendments, reports its implementation documents and milestones.
#include "tools/kumppani/export/ocds_parts.h"

namespace kumppani::exports {
namespace {

namespace v1 = kumppani::v1;
using ocds::OrgRef;
using ocds::Value;

const v1::GrantProgrammeView* FindProgramme(const OcdsInput& input, const std::string& id) {
  for (const auto& programme : input.programmes) {
    if (programme.programme_id() == id) return &programme;
  }
  return nullptr;
}

struct GrantContext {
  const v1::GrantView& grant;
  const OcdsInput& input;
  std::string funder_id;  // "" when the programme is unknown
  std::string title;      // the purpose
};

Json Period(const v1::Date& start, const v1::Date& end) {
  Json period = Json::Object();
  period.SetIfPresent("startDate", HelsinkiMidnight(start));
  period.SetIfPresent("endDate", HelsinkiEndOfDay(end));
  return period;
}

Json Tender(const GrantContext& c, const std::string& status) {
  const v1::GrantProgrammeView* programme = FindProgramme(c.input, c.grant.programme_id());
  Json tender = Json::Object();
  tender.Set("id", c.grant.grant_id());
  tender.Set("title", c.title);
  tender.Set("description", "Application to grant programme " + c.grant.programme_id() +
                                (programme ? " (" + Text(programme->title()) + ")" : ""));
  tender.Set("status", status);
  tender.Set("value", Value(c.grant.amounts().applied_cents()));
  if (programme && programme->has_application_period()) {
    tender.Set("tenderPeriod", Period(programme->application_period().start(),
                                      programme->application_period().end()));
  }
  tender.Set("numberOfTenderers", 1);
  tender.Set("tenderers", Json::Array().Push(OrgRef(c.input, c.grant.applicant_organisation_id())));
  return tender;
}

Json Planning(const GrantContext& c) {
  const v1::GrantProgrammeView* programme = FindProgramme(c.input, c.grant.programme_id());
  if (programme == nullptr) return Json::Object();
  return Json::Object().Set("budget", Json::Object()
                                          .Set("id", programme->programme_id())
                                          .Set("description", Text(programme->title()))
                                          .Set("amount", Value(programme->budget_cents())));
}

bool Awarded(const v1::GrantView& grant) {
  return grant.decision().outcome() == v1::GRANT_DECISION_OUTCOME_AWARDED;
}

Json Award(const GrantContext& c) {
  const v1::GrantDecision& decision = c.grant.decision();
  Json award = Json::Object();
  award.Set("id", c.grant.grant_id());
  award.Set("title", c.title);
  const std::string text = Awarded(c.grant) ? Text(decision.conditions()) : Text(decision.reason());
  award.SetIfPresent("description", text);
  award.Set("status", Awarded(c.grant) ? "active" : "unsuccessful");
  award.Set("date", HelsinkiMidnight(decision.decided_on()));
  if (Awarded(c.grant)) {
    award.Set("value", Value(decision.awarded_cents()));
    award.Set("suppliers",
              Json::Array().Push(OrgRef(c.input, c.grant.applicant_organisation_id())));
    award.Set("contractPeriod",
              Period(decision.usage_period().start(), decision.usage_period().end()));
  }
  return award;
}

// The contract's frame: {id, awardID} (both the grant id).
Json ContractFrame(const GrantContext& c) {
  return Json::Object().Set("id", c.grant.grant_id()).Set("awardID", c.grant.grant_id());
}

Json Transaction(const GrantContext& c, const std::string& id, const v1::Date& date, int64_t cents,
                 bool to_recipient) {
  const Json funder = OrgRef(c.input, c.funder_id);
  const Json recipient = OrgRef(c.input, c.grant.applicant_organisation_id());
  Json transaction = Json::Object();
  transaction.Set("id", id);
  transaction.Set("date", HelsinkiMidnight(date));
  transaction.Set("value", Value(cents));
  if (!c.funder_id.empty() || !to_recipient) {
    transaction.Set("payer", to_recipient ? funder : recipient);
  }
  if (!c.funder_id.empty() || to_recipient) {
    transaction.Set("payee", to_recipient ? recipient : funder);
  }
  return transaction;
}

Json ExtensionAmendment(const v1::GrantUsageExtension& extension, int number) {
  Json amendment = Json::Object();
  amendment.Set("id", "extension-" + std::to_string(number));
  amendment.Set("date", HelsinkiMidnight(extension.effective_on()));
  amendment.Set("description", "Usage period extended from " +
                                   DateText(extension.previous_usage_ends_on()) + " to " +
                                   DateText(extension.usage_ends_on()));
  return amendment;
}

Json ReclaimAmendment(const v1::GrantReclaim& reclaim, int number) {
  Json amendment = Json::Object();
  amendment.Set("id", "reclaim-" + std::to_string(number));
  amendment.Set("date", HelsinkiMidnight(reclaim.reclaimed_on()));
  amendment.SetIfPresent("rationale", Text(reclaim.reason()));
  amendment.Set("description", "Reclaimed " + Json::Euros(reclaim.amount_cents()).text() + " EUR");
  return amendment;
}

Json ReportDocument(const v1::GrantReport& report, int number) {
  Json document = Json::Object();
  document.Set("id", "report-" + std::to_string(number));
  document.Set("documentType", "physicalProgressReport");
  const std::string title = Text(report.document().title());
  document.Set("title", title.empty() ? "Report on the use of the grant" : title);
  std::string description = "Reports " + Json::Euros(report.used_cents()).text() + " EUR used";
  if (report.has_document()) description += "; SHA-256 " + report.document().sha256();
  document.Set("description", description);
  document.SetIfPresent("url", report.document().uri());
  document.Set("datePublished", HelsinkiMidnight(report.submitted_on()));
  return document;
}

Json AcceptanceMilestone(const v1::GrantReport& report, int number) {
  return Json::Object()
      .Set("id", "report-" + std::to_string(number) + "-accepted")
      .Set("title", "Report accepted")
      .Set("type", "reporting")
      .Set("status", "met")
      .Set("dateMet", HelsinkiMidnight(report.accepted_on()));
}

}  // namespace

OcdsCase GrantCase(const v1::GrantView& grant, const OcdsInput& input) {
  const v1::GrantProgrammeView* programme = FindProgramme(input, grant.programme_id());
  const GrantContext c{grant, input, programme ? programme->funder_organisation_id() : "",
                       Text(grant.purpose()).empty() ? grant.grant_id() : Text(grant.purpose())};
  const std::string& applicant = grant.applicant_organisation_id();
  ocds::ReleaseList releases(kOcidPrefix + grant.grant_id());

  ocds::Parties all_parties;
  all_parties.Add(c.funder_id, "buyer");
  all_parties.Add(c.funder_id, "funder");
  all_parties.Add(applicant, "tenderer");

  // Applied for.
  {
    Json& release = releases.Add("application", HelsinkiMidnight(grant.applied_on()),
                                 HelsinkiMidnightSeconds(grant.applied_on()), {"tender"});
    release.Set("parties", all_parties.ToJson(input));
    if (!c.funder_id.empty()) release.Set("buyer", OrgRef(input, c.funder_id));
    release.SetIfPresent("planning", Planning(c));
    release.Set("tender", Tender(c, "active"));
    release.SetIfPresent("language", LanguageCode(grant.purpose().authoritative()));
  }
  // Decided: an award (with its contract) or a rejection.
  const bool decided =
      grant.has_decision() && grant.decision().outcome() != v1::GRANT_DECISION_OUTCOME_UNSPECIFIED;
  if (decided) {
    const v1::Date& day = grant.decision().decided_on();
    Json& release = releases.Add(Awarded(grant) ? "award" : "rejection", HelsinkiMidnight(day),
                                 HelsinkiMidnightSeconds(day),
                                 Awarded(grant) ? std::vector<std::string>{"award", "contract"}
                                                : std::vector<std::string>{"award"});
    if (Awarded(grant)) {
      ocds::Parties parties;
      parties.Add(applicant, "tenderer");
      parties.Add(applicant, "supplier");
      release.Set("parties", parties.ToJson(input));
    }
    release.Set("tender", Json::Object().Set("id", grant.grant_id()).Set("status", "complete"));
    release.Set("awards", Json::Array().Push(Award(c)));
    if (Awarded(grant)) {
      Json contract = ContractFrame(c);
      contract.Set("title", c.title);
      contract.Set("status", "active");
      contract.Set("dateSigned", HelsinkiMidnight(day));
      contract.Set("value", Value(grant.decision().awarded_cents()));
      contract.Set("period", Period(grant.decision().usage_period().start(),
                                    grant.decision().usage_period().end()));
      release.Set("contracts", Json::Array().Push(std::move(contract)));
    }
  }
  if (decided && Awarded(grant)) all_parties.Add(applicant, "supplier");
  // Instalments, returns and reclaims: the contract's transactions.
  const auto add_transaction_release = [&](const std::string& id, const v1::Date& day,
                                           int64_t cents, bool to_recipient, const std::string& tag,
                                           Json amendment) {
    Json contract = ContractFrame(c);
    Json implementation = Json::Object().Set(
        "transactions", Json::Array().Push(Transaction(c, id, day, cents, to_recipient)));
    contract.Set("implementation", std::move(implementation));
    if (amendment.kind() == Json::Kind::kObject) {
      contract.Set("amendments", Json::Array().Push(std::move(amendment)));
    }
    Json& release = releases.Add(id, HelsinkiMidnight(day), HelsinkiMidnightSeconds(day), {tag});
    release.Set("contracts", Json::Array().Push(std::move(contract)));
  };
  for (const auto& payment : grant.payments()) {
    add_transaction_release("instalment-" + std::to_string(payment.instalment()), payment.paid_on(),
                            payment.amount_cents(), true, "implementation", Json());
  }
  for (int i = 0; i < grant.returns_size(); ++i) {
    add_transaction_release("return-" + std::to_string(i + 1), grant.returns(i).returned_on(),
                            grant.returns(i).amount_cents(), false, "implementationUpdate", Json());
  }
  for (int i = 0; i < grant.reclaims_size(); ++i) {
    add_transaction_release("reclaim-" + std::to_string(i + 1), grant.reclaims(i).reclaimed_on(),
                            grant.reclaims(i).amount_cents(), false, "implementationUpdate",
                            ReclaimAmendment(grant.reclaims(i), i + 1));
  }
  // Usage period extensions.
  for (int i = 0; i < grant.extensions_size(); ++i) {
    const auto& extension = grant.extensions(i);
    Json contract = ContractFrame(c);
    contract.Set("period",
                 Json::Object().Set("endDate", HelsinkiEndOfDay(extension.usage_ends_on())));
    contract.Set("amendments", Json::Array().Push(ExtensionAmendment(extension, i + 1)));
    Json& release = releases.Add(
        "extension-" + std::to_string(i + 1), HelsinkiMidnight(extension.effective_on()),
        HelsinkiMidnightSeconds(extension.effective_on()), {"contractAmendment"});
    release.Set("contracts", Json::Array().Push(std::move(contract)));
  }
  // Reports and their acceptance.
  for (int i = 0; i < grant.reports_size(); ++i) {
    const auto& report = grant.reports(i);
    {
      Json contract = ContractFrame(c);
      contract.Set(
          "implementation",
          Json::Object().Set("documents", Json::Array().Push(ReportDocument(report, i + 1))));
      Json& release =
          releases.Add("report-" + std::to_string(i + 1), HelsinkiMidnight(report.submitted_on()),
                       HelsinkiMidnightSeconds(report.submitted_on()), {"implementationUpdate"});
      release.Set("contracts", Json::Array().Push(std::move(contract)));
    }
    if (IsSet(report.accepted_on())) {
      Json contract = ContractFrame(c);
      contract.Set(
          "implementation",
          Json::Object().Set("milestones", Json::Array().Push(AcceptanceMilestone(report, i + 1))));
      Json& release = releases.Add(
          "report-" + std::to_string(i + 1) + "-accepted", HelsinkiMidnight(report.accepted_on()),
          HelsinkiMidnightSeconds(report.accepted_on()), {"implementationUpdate"});
      release.Set("contracts", Json::Array().Push(std::move(contract)));
    }
  }

  // The compiled release: the grant as the view shows it.
  OcdsCase result;
  result.ocid = releases.ocid();
  result.releases = releases.Sorted();
  Json compiled = ocds::CompiledFrame(result.ocid, releases.LatestDate());
  compiled.Set("parties", all_parties.ToJson(input));
  if (!c.funder_id.empty()) compiled.Set("buyer", OrgRef(input, c.funder_id));
  compiled.SetIfPresent("planning", Planning(c));
  compiled.Set("tender", Tender(c, decided ? "complete" : "active"));
  if (decided) {
    compiled.Set("awards", Json::Array().Push(Award(c)));
  }
  if (decided && Awarded(grant)) {
    Json contract = ContractFrame(c);
    contract.Set("title", c.title);
    contract.Set("status", "active");
    contract.Set("dateSigned", HelsinkiMidnight(grant.decision().decided_on()));
    contract.Set("value", Value(grant.decision().awarded_cents()));
    contract.Set("period",
                 Period(grant.decision().usage_period().start(),
                        IsSet(grant.usage_ends_on()) ? grant.usage_ends_on()
                                                     : grant.decision().usage_period().end()));
    Json transactions = Json::Array();
    for (const auto& payment : grant.payments()) {
      transactions.Push(Transaction(c, "instalment-" + std::to_string(payment.instalment()),
                                    payment.paid_on(), payment.amount_cents(), true));
    }
    for (int i = 0; i < grant.returns_size(); ++i) {
      transactions.Push(Transaction(c, "return-" + std::to_string(i + 1),
                                    grant.returns(i).returned_on(), grant.returns(i).amount_cents(),
                                    false));
    }
    for (int i = 0; i < grant.reclaims_size(); ++i) {
      transactions.Push(Transaction(c, "reclaim-" + std::to_string(i + 1),
                                    grant.reclaims(i).reclaimed_on(),
                                    grant.reclaims(i).amount_cents(), false));
    }
    Json documents = Json::Array();
    Json milestones = Json::Array();
    for (int i = 0; i < grant.reports_size(); ++i) {
      documents.Push(ReportDocument(grant.reports(i), i + 1));
      if (IsSet(grant.reports(i).accepted_on())) {
        milestones.Push(AcceptanceMilestone(grant.reports(i), i + 1));
      }
    }
    Json implementation = Json::Object();
    implementation.SetIfPresent("transactions", std::move(transactions));
    implementation.SetIfPresent("milestones", std::move(milestones));
    implementation.SetIfPresent("documents", std::move(documents));
    contract.SetIfPresent("implementation", std::move(implementation));
    Json amendments = Json::Array();
    for (int i = 0; i < grant.extensions_size(); ++i) {
      amendments.Push(ExtensionAmendment(grant.extensions(i), i + 1));
    }
    for (int i = 0; i < grant.reclaims_size(); ++i) {
      amendments.Push(ReclaimAmendment(grant.reclaims(i), i + 1));
    }
    contract.SetIfPresent("amendments", std::move(amendments));
    compiled.Set("contracts", Json::Array().Push(std::move(contract)));
  }
  compiled.SetIfPresent("language", LanguageCode(grant.purpose().authoritative()));
  result.compiled_release = std::move(compiled);
  return result;
}

}  // namespace kumppani::exports
