// A consultation as an OCDS-style case: the consultation is the "tender",
// the organiser the buyer, the body it consults for the procuring entity,
// invited organisations interested parties, organisations that gave views
// tenderers.
#include <algorithm>

#include "tools/kumppani/export/ocds_parts.h"

namespace kumppani::exports {
namespace {

namespace v1 = kumppani::v1;
using ocds::OrgRef;

std::string TenderStatus(v1::ConsultationStatus status) {
  switch (status) {
    case v1::CONSULTATION_STATUS_NOT_YET_OPEN:
      return "planned";
    case v1::CONSULTATION_STATUS_OPEN:
    case v1::CONSULTATION_STATUS_PAST_DEADLINE:
      return "active";
    case v1::CONSULTATION_STATUS_CLOSED:
      return "complete";
    default:
      return "";
  }
}

std::string Channels(const v1::ConsultationView& consultation) {
  std::string channels;
  for (int channel : consultation.channels()) {
    if (!channels.empty()) channels += ", ";
    channels += EnumSlug(*v1::Channel_descriptor(), channel);
  }
  return channels;
}

// A DocumentRef as an OCDS document; the SHA-256 that pins it goes into the
// description.
Json Document(const std::string& id, const std::string& type, const v1::DocumentRef& document,
              const std::string& fallback_title) {
  Json json = Json::Object();
  json.Set("id", id);
  json.Set("documentType", type);
  const std::string title = Text(document.title());
  json.Set("title", title.empty() ? fallback_title : title);
  std::string description = "SHA-256 " + document.sha256();
  if (!document.version().empty()) description += ", version " + document.version();
  json.Set("description", description);
  json.SetIfPresent("url", document.uri());
  return json;
}

const v1::BodyView* FindBody(const OcdsInput& input, const std::string& body_id) {
  for (const auto& body : input.bodies) {
    if (body.body_id() == body_id) return &body;
  }
  return nullptr;
}

// The body as a party: it is not an organisation of the registry, so it has
// no identifier.
Json BodyParty(const OcdsInput& input, const std::string& body_id) {
  const v1::BodyView* body = FindBody(input, body_id);
  return Json::Object()
      .Set("id", body_id)
      .Set("name", body ? Text(body->name()) : body_id)
      .Set("roles", Json::Array().Push("procuringEntity"));
}

Json BodyRef(const OcdsInput& input, const std::string& body_id) {
  const v1::BodyView* body = FindBody(input, body_id);
  return Json::Object().Set("id", body_id).Set("name", body ? Text(body->name()) : body_id);
}

// The organisations a submission speaks for: its submitter (when an
// organisation) and those on whose behalf it was given.
std::vector<std::string> SubmittingOrganisations(const v1::SubmissionSummary& submission) {
  std::vector<std::string> ids;
  if (!submission.submitter_organisation_id().empty()) {
    ids.push_back(submission.submitter_organisation_id());
  }
  for (const auto& id : submission.on_behalf_of_organisation_ids()) {
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  }
  return ids;
}

std::string Description(const v1::ConsultationView& consultation) {
  std::string description = "Consultation (" +
                            EnumSlug(*v1::ConsultationMethod_descriptor(), consultation.method()) +
                            ")";
  if (const std::string channels = Channels(consultation); !channels.empty()) {
    description += "; views through " + channels;
  }
  if (consultation.invited_organisation_ids_size() > 0) {
    description +=
        "; invited organisations: " + std::to_string(consultation.invited_organisation_ids_size());
  }
  return description + ".";
}

// The tender as the consultation was opened.
Json OpeningTender(const v1::ConsultationView& consultation, const OcdsInput& input) {
  Json tender = Json::Object();
  tender.Set("id", consultation.consultation_id());
  tender.Set("title", Text(consultation.subject()));
  tender.Set("description", Description(consultation));
  tender.Set("status", "active");
  if (!consultation.body_id().empty()) {
    tender.Set("procuringEntity", BodyRef(input, consultation.body_id()));
  }
  tender.Set("procurementMethodDetails",
             EnumSlug(*v1::ConsultationMethod_descriptor(), consultation.method()));
  tender.SetIfPresent("submissionMethodDetails", Channels(consultation));
  tender.Set("tenderPeriod",
             Json::Object()
                 .Set("startDate", HelsinkiMidnight(consultation.opens_on()))
                 .Set("endDate", HelsinkiEndOfDay(consultation.original_deadline())));
  if (consultation.has_subject_document()) {
    tender.Set("documents", Json::Array().Push(Document("subject-document", "tenderNotice",
                                                        consultation.subject_document(),
                                                        Text(consultation.subject()))));
  }
  return tender;
}

int ResponsesCounted(const v1::ConsultationView& consultation) {
  if (IsSet(consultation.closed_on()) && consultation.responses_received() > 0) {
    return consultation.responses_received();
  }
  int count = 0;
  for (const auto& submission : consultation.submissions()) {
    if (!submission.withdrawn()) ++count;
  }
  return count;
}

Json Amendment(const v1::DeadlineChange& change, int number) {
  Json amendment = Json::Object();
  amendment.Set("id", "deadline-extension-" + std::to_string(number));
  amendment.Set("date", HelsinkiMidnight(change.extended_on()));
  amendment.SetIfPresent("rationale", Text(change.reason()));
  amendment.Set("description", "Deadline extended from " + DateText(change.previous_deadline()) +
                                   " to " + DateText(change.deadline()));
  return amendment;
}

Json SummaryDocument(const v1::ConsultationView& consultation) {
  Json document =
      consultation.has_summary_document()
          ? Document("summary", "evaluationReports", consultation.summary_document(), "Summary")
          : Json::Object()
                .Set("id", "summary")
                .Set("documentType", "evaluationReports")
                .Set("title", "Summary");
  document.Set("description", Text(consultation.summary()));
  document.Set("datePublished", HelsinkiMidnight(consultation.summary_published_on()));
  return document;
}

}  // namespace

OcdsCase ConsultationCase(const v1::ConsultationView& consultation, const OcdsInput& input) {
  const std::string& id = consultation.consultation_id();
  ocds::ReleaseList releases(kOcidPrefix + id);

  // Opened.
  {
    ocds::Parties parties;
    parties.Add(consultation.organiser_organisation_id(), "buyer");
    for (const auto& invited : consultation.invited_organisation_ids()) {
      parties.Add(invited, "interestedParty");
    }
    Json party_array = parties.ToJson(input);
    if (!consultation.body_id().empty()) party_array.Push(BodyParty(input, consultation.body_id()));
    Json& release = releases.Add("opened", HelsinkiMidnight(consultation.opens_on()),
                                 HelsinkiMidnightSeconds(consultation.opens_on()), {"tender"});
    release.Set("parties", std::move(party_array));
    release.Set("buyer", OrgRef(input, consultation.organiser_organisation_id()));
    release.Set("tender", OpeningTender(consultation, input));
    release.SetIfPresent("language", LanguageCode(consultation.subject().authoritative()));
  }
  // Deadline extensions.
  for (int i = 0; i < consultation.deadline_history_size(); ++i) {
    const auto& change = consultation.deadline_history(i);
    Json& release = releases.Add(
        "deadline-extension-" + std::to_string(i + 1), HelsinkiMidnight(change.extended_on()),
        HelsinkiMidnightSeconds(change.extended_on()), {"tenderAmendment"});
    release.Set(
        "tender",
        Json::Object()
            .Set("id", id)
            .Set("tenderPeriod", Json::Object().Set("endDate", HelsinkiEndOfDay(change.deadline())))
            .Set("amendments", Json::Array().Push(Amendment(change, i + 1))));
  }
  // Views given by organisations (a private person's are only counted).
  for (const auto& submission : consultation.submissions()) {
    const std::vector<std::string> organisations = SubmittingOrganisations(submission);
    if (organisations.empty()) continue;
    ocds::Parties parties;
    Json tenderers = Json::Array();
    for (const auto& organisation : organisations) {
      // The roles so far, so that a release merged over the opening one
      // keeps "interestedParty".
      const auto& invited = consultation.invited_organisation_ids();
      if (std::find(invited.begin(), invited.end(), organisation) != invited.end()) {
        parties.Add(organisation, "interestedParty");
      }
      parties.Add(organisation, "tenderer");
      tenderers.Push(OrgRef(input, organisation));
    }
    Json& release =
        releases.Add(submission.submission_id(), TimestampText(submission.received_at()),
                     submission.received_at().seconds(), {"tenderUpdate"});
    release.Set("parties", parties.ToJson(input));
    release.Set("tender", Json::Object().Set("id", id).Set("tenderers", std::move(tenderers)));
  }
  // Closed.
  if (IsSet(consultation.closed_on())) {
    Json& release =
        releases.Add("closed", HelsinkiMidnight(consultation.closed_on()),
                     HelsinkiMidnightSeconds(consultation.closed_on()), {"tenderUpdate"});
    release.Set("tender", Json::Object()
                              .Set("id", id)
                              .Set("status", "complete")
                              .Set("numberOfTenderers", ResponsesCounted(consultation)));
  }
  // Summary published.
  if (consultation.summary_published()) {
    Json& release = releases.Add("summary", HelsinkiMidnight(consultation.summary_published_on()),
                                 HelsinkiMidnightSeconds(consultation.summary_published_on()),
                                 {"tenderUpdate"});
    release.Set("tender", Json::Object().Set("id", id).Set(
                              "documents", Json::Array().Push(SummaryDocument(consultation))));
  }

  // The compiled release: the consultation as the view shows it.
  OcdsCase result;
  result.ocid = releases.ocid();
  result.releases = releases.Sorted();
  Json compiled = ocds::CompiledFrame(result.ocid, releases.LatestDate());
  ocds::Parties parties;
  parties.Add(consultation.organiser_organisation_id(), "buyer");
  for (const auto& invited : consultation.invited_organisation_ids()) {
    parties.Add(invited, "interestedParty");
  }
  Json tenderers = Json::Array();
  std::vector<std::string> seen;
  for (const auto& submission : consultation.submissions()) {
    if (submission.withdrawn()) continue;
    for (const auto& organisation : SubmittingOrganisations(submission)) {
      parties.Add(organisation, "tenderer");
      if (std::find(seen.begin(), seen.end(), organisation) == seen.end()) {
        seen.push_back(organisation);
        tenderers.Push(OrgRef(input, organisation));
      }
    }
  }
  Json party_array = parties.ToJson(input);
  if (!consultation.body_id().empty()) party_array.Push(BodyParty(input, consultation.body_id()));
  compiled.Set("parties", std::move(party_array));
  compiled.Set("buyer", OrgRef(input, consultation.organiser_organisation_id()));
  Json tender = OpeningTender(consultation, input);
  tender.SetIfPresent("status", TenderStatus(consultation.status()));
  tender.Set("tenderPeriod", Json::Object()
                                 .Set("startDate", HelsinkiMidnight(consultation.opens_on()))
                                 .Set("endDate", HelsinkiEndOfDay(consultation.deadline())));
  tender.Set("numberOfTenderers", ResponsesCounted(consultation));
  tender.SetIfPresent("tenderers", std::move(tenderers));
  if (consultation.summary_published()) {
    Json documents = tender.Find("documents") ? *tender.Find("documents") : Json::Array();
    documents.Push(SummaryDocument(consultation));
    tender.Set("documents", std::move(documents));
  }
  Json amendments = Json::Array();
  for (int i = 0; i < consultation.deadline_history_size(); ++i) {
    amendments.Push(Amendment(consultation.deadline_history(i), i + 1));
  }
  tender.SetIfPresent("amendments", std::move(amendments));
  compiled.Set("tender", std::move(tender));
  compiled.SetIfPresent("language", LanguageCode(consultation.subject().authoritative()));
  result.compiled_release = std::move(compiled);
  return result;
}

}  // namespace kumppani::exports
