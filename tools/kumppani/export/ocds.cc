// OCDS parties, values and release lists, and the release and record
// packages.
#include <algorithm>

#include "tools/kumppani/export/ocds_parts.h"

namespace kumppani::exports {
namespace ocds {
namespace {

const kumppani::v1::OrganisationView* FindOrganisation(const OcdsInput& input,
                                                       const std::string& id) {
  for (const auto& organisation : input.organisations) {
    if (organisation.organisation_id() == id) return &organisation;
  }
  return nullptr;
}

}  // namespace

std::string OrganisationName(const OcdsInput& input, const std::string& organisation_id) {
  const auto* organisation = FindOrganisation(input, organisation_id);
  return organisation ? Text(organisation->name()) : organisation_id;
}

Json OrgRef(const OcdsInput& input, const std::string& organisation_id) {
  return Json::Object()
      .Set("id", organisation_id)
      .Set("name", OrganisationName(input, organisation_id));
}

Json Party(const OcdsInput& input, const std::string& organisation_id,
           const std::vector<std::string>& roles) {
  Json party = Json::Object();
  party.Set("id", organisation_id);
  party.Set("name", OrganisationName(input, organisation_id));
  if (const auto* organisation = FindOrganisation(input, organisation_id)) {
    Json additional = Json::Array();
    for (const auto& identifier : organisation->identifiers()) {
      Json json = Json::Object();
      if (identifier.scheme() == kumppani::v1::IDENTIFIER_SCHEME_BUSINESS_ID &&
          !party.Find("identifier")) {
        party.Set("identifier", json.Set("scheme", kFinnishTradeRegisterListCode)
                                    .Set("id", identifier.value())
                                    .Set("legalName", Text(organisation->name())));
        continue;
      }
      json.Set("scheme",
               identifier.scheme() == kumppani::v1::IDENTIFIER_SCHEME_ASSOCIATION_REGISTER_NUMBER
                   ? "FI-association-register"
                   : "other");
      json.Set("id", identifier.value());
      additional.Push(std::move(json));
    }
    party.SetIfPresent("additionalIdentifiers", std::move(additional));
  }
  Json role_array = Json::Array();
  for (const auto& role : roles) role_array.Push(role);
  party.Set("roles", std::move(role_array));
  return party;
}

Json Value(int64_t cents) {
  return Json::Object().Set("amount", Json::Euros(cents)).Set("currency", "EUR");
}

void Parties::Add(const std::string& organisation_id, const std::string& role) {
  if (organisation_id.empty()) return;
  for (size_t i = 0; i < ids_.size(); ++i) {
    if (ids_[i] == organisation_id) {
      if (std::find(roles_[i].begin(), roles_[i].end(), role) == roles_[i].end()) {
        roles_[i].push_back(role);
      }
      return;
    }
  }
  ids_.push_back(organisation_id);
  roles_.push_back({role});
}

Json Parties::ToJson(const OcdsInput& input) const {
  Json parties = Json::Array();
  for (size_t i = 0; i < ids_.size(); ++i) parties.Push(Party(input, ids_[i], roles_[i]));
  return parties;
}

Json& ReleaseList::Add(const std::string& suffix, const std::string& date, int64_t instant,
                       std::vector<std::string> tags) {
  Json release = Json::Object();
  release.Set("ocid", ocid_);
  release.Set("id", ocid_ + "-" + suffix);
  release.Set("date", date);
  Json tag_array = Json::Array();
  for (auto& tag : tags) tag_array.Push(std::move(tag));
  release.Set("tag", std::move(tag_array));
  release.Set("initiationType", "tender");
  entries_.push_back({instant, entries_.size(), date, std::move(release)});
  return entries_.back().release;
}

std::vector<Json> ReleaseList::Sorted() const {
  std::vector<const Entry*> order;
  for (const auto& entry : entries_) order.push_back(&entry);
  std::stable_sort(order.begin(), order.end(), [](const Entry* a, const Entry* b) {
    return a->instant != b->instant ? a->instant < b->instant : a->order < b->order;
  });
  std::vector<Json> releases;
  for (const auto* entry : order) releases.push_back(entry->release);
  return releases;
}

std::string ReleaseList::LatestDate() const {
  const Entry* latest = nullptr;
  for (const auto& entry : entries_) {
    if (latest == nullptr || entry.instant >= latest->instant) latest = &entry;
  }
  return latest ? latest->date : "";
}

Json CompiledFrame(const std::string& ocid, const std::string& date) {
  return Json::Object()
      .Set("ocid", ocid)
      .Set("id", ocid + "-" + date)
      .Set("date", date)
      .Set("tag", Json::Array().Push("compiled"))
      .Set("initiationType", "tender");
}

}  // namespace ocds

std::vector<OcdsCase> OcdsCases(const OcdsInput& input) {
  std::vector<OcdsCase> cases;
  for (const auto& consultation : input.consultations) {
    cases.push_back(ConsultationCase(consultation, input));
  }
  for (const auto& grant : input.grants) cases.push_back(GrantCase(grant, input));
  return cases;
}

namespace {

// The package's URI: a URN naming the read point (the export is made on
// demand, so there is no URL to dereference).
std::string PackageUri(const std::string& kind, const ReadPoint& point) {
  std::string uri =
      "urn:kumppani:export:ocds:" + kind + ":position:" + std::to_string(point.position);
  if (IsSet(point.as_of)) uri += ":as-of:" + DateText(point.as_of);
  if (!point.region_organisation_id.empty()) uri += ":region:" + point.region_organisation_id;
  return uri;
}

Json PackageFrame(const std::string& kind, const OcdsInput& input, const ReadPoint& point) {
  Json package = Json::Object();
  package.Set("uri", PackageUri(kind, point));
  package.Set("version", "1.1");
  package.SetIfPresent("publishedDate", TimestampText(point.recorded_at));
  package.Set("publisher", Json::Object().Set("name", "Kumppani ledger"));
  Json kumppani = ReadPointJson(point, input.command);
  kumppani.Set("note",
               "OCDS-style: consultations and grants are not procurement; the OCDS process model "
               "is borrowed (docs/exports.md). Persons never appear.");
  package.Set("kumppani", std::move(kumppani));
  return package;
}

}  // namespace

Json OcdsReleasePackage(const OcdsInput& input, const ReadPoint& point) {
  Json releases = Json::Array();
  for (auto& ocds_case : OcdsCases(input)) {
    for (auto& release : ocds_case.releases) releases.Push(std::move(release));
  }
  Json package = PackageFrame("release-package", input, point);
  package.Set("releases", std::move(releases));
  return package;
}

Json OcdsRecordPackage(const OcdsInput& input, const ReadPoint& point) {
  Json records = Json::Array();
  for (auto& ocds_case : OcdsCases(input)) {
    Json releases = Json::Array();
    for (auto& release : ocds_case.releases) releases.Push(std::move(release));
    records.Push(Json::Object()
                     .Set("ocid", ocds_case.ocid)
                     .Set("releases", std::move(releases))
                     .Set("compiledRelease", std::move(ocds_case.compiled_release)));
  }
  Json package = PackageFrame("record-package", input, point);
  package.Set("records", std::move(records));
  return package;
}

}  // namespace kumppani::exports
