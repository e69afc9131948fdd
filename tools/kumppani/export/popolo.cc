// Registry views to Popolo JSON.
#include "tools/kumppani/export/popolo.h"

#include <algorithm>
#include <set>

namespace kumppani::exports {
namespace {

namespace v1 = kumppani::v1;

std::string PostId(const std::string& body_id, const std::string& seat_id) {
  return body_id + "/" + seat_id;
}

// The translations of a name as Popolo other_names, noted by language.
void AddTranslations(const v1::LocalizedText& name, Json& other_names) {
  for (const auto& [language, text] : Translations(name)) {
    other_names.Push(
        Json::Object().Set("name", text).Set("note", "translation (" + language + ")"));
  }
}

Json Identifiers(const v1::OrganisationView& organisation) {
  Json identifiers = Json::Array();
  for (const auto& identifier : organisation.identifiers()) {
    std::string scheme;
    switch (identifier.scheme()) {
      case v1::IDENTIFIER_SCHEME_BUSINESS_ID:
        scheme = kFinnishTradeRegisterListCode;
        break;
      case v1::IDENTIFIER_SCHEME_ASSOCIATION_REGISTER_NUMBER:
        scheme = "FI-association-register";
        break;
      default:
        scheme = "other";
        break;
    }
    identifiers.Push(Json::Object().Set("identifier", identifier.value()).Set("scheme", scheme));
  }
  return identifiers;
}

Json Person(const std::string& person_id) { return Json::Object().Set("id", person_id); }

Json Post(const v1::BodyView& body, const v1::SeatView& seat) {
  Json post = Json::Object();
  post.Set("id", PostId(body.body_id(), seat.seat_id()));
  const std::string theme = Text(seat.theme());
  post.Set("label", theme.empty() ? seat.seat_id() : theme);
  post.SetIfPresent("role", EnumSlug(*v1::PostKind_descriptor(), seat.post()));
  post.Set("organization_id", body.body_id());
  post.SetIfPresent("start_date", DateText(body.established_on()));
  post.SetIfPresent("end_date", DateText(seat.removed_on()));
  return post;
}

Json Membership(const v1::MembershipView& membership) {
  Json json = Json::Object();
  json.Set("id", PostId(membership.body_id(), membership.membership_id()));
  json.SetIfPresent("role", EnumSlug(*v1::PostKind_descriptor(), membership.post()));
  json.Set("person_id", membership.person_id());
  json.Set("organization_id", membership.body_id());
  json.Set("post_id", PostId(membership.body_id(), membership.seat_id()));
  json.SetIfPresent("on_behalf_of_id", membership.on_behalf_of_organisation_id());
  json.SetIfPresent("start_date", DateText(membership.term().start()));
  // The day it ended when it did; else the end of the term as appointed.
  json.SetIfPresent("end_date", IsSet(membership.ended_on()) ? DateText(membership.ended_on())
                                                             : DateText(membership.term().end()));
  return json;
}

Json Event(const v1::MeetingView& meeting) {
  Json event = Json::Object();
  event.Set("id", meeting.meeting_id());
  event.SetIfPresent("name", Text(meeting.title()));
  event.Set("classification", meeting.body_id().empty() ? "open_event" : "meeting");
  event.SetIfPresent("start_date", DateText(meeting.held_on()));
  event.SetIfPresent("location", meeting.place());
  // Popolo names one organizer: the body that met, or the first convener
  // of an open event.
  if (!meeting.body_id().empty()) {
    event.Set("organization_id", meeting.body_id());
  } else if (meeting.convener_organisation_ids_size() > 0) {
    event.Set("organization_id", meeting.convener_organisation_ids(0));
  }
  Json attendees = Json::Array();
  std::set<std::string> seen;
  for (const auto& attendance : meeting.attendance()) {
    if (!attendance.person_id().empty() && seen.insert(attendance.person_id()).second) {
      attendees.Push(Person(attendance.person_id()));
    }
  }
  event.SetIfPresent("attendees", std::move(attendees));
  return event;
}

}  // namespace

std::vector<v1::MembershipView> MembershipsAsOf(const std::vector<v1::MembershipView>& memberships,
                                                const v1::Date& as_of) {
  if (!IsSet(as_of)) return memberships;
  std::vector<v1::MembershipView> out;
  for (const auto& membership : memberships) {
    if (CompareDates(membership.term().start(), as_of) > 0) continue;
    v1::MembershipView view = membership;
    if (IsSet(view.ended_on()) && CompareDates(view.ended_on(), as_of) > 0) {
      view.clear_ended_on();
      view.clear_end();
      view.clear_ending_decision_id();
      view.clear_end_reason();
    }
    out.push_back(std::move(view));
  }
  return out;
}

Json PopoloOrganization(const v1::OrganisationView& organisation) {
  Json json = Json::Object();
  json.Set("id", organisation.organisation_id());
  json.Set("name", Text(organisation.name()));
  json.SetIfPresent("classification",
                    EnumSlug(*v1::OrganisationKind_descriptor(), organisation.kind()));
  json.SetIfPresent("identifiers", Identifiers(organisation));
  Json other_names = Json::Array();
  // Former names: every name before the one in force, each until the day
  // before the next took effect.
  const auto& history = organisation.name_history();
  for (int i = 0; i + 1 < history.size(); ++i) {
    Json former = Json::Object().Set("name", Text(history[i].name()));
    former.SetIfPresent("start_date", DateText(history[i].effective_on()));
    if (IsSet(history[i + 1].effective_on())) {
      former.Set("end_date", DateText(DayBefore(history[i + 1].effective_on())));
    }
    former.Set("note", "former name");
    other_names.Push(std::move(former));
  }
  AddTranslations(organisation.name(), other_names);
  json.SetIfPresent("other_names", std::move(other_names));
  json.SetIfPresent("parent_id", organisation.parent_organisation_id());
  json.SetIfPresent("founding_date", DateText(organisation.founded_on()));
  if (organisation.status() == v1::ORGANISATION_STATUS_MERGED ||
      organisation.status() == v1::ORGANISATION_STATUS_DISSOLVED) {
    json.SetIfPresent("dissolution_date", DateText(organisation.status_since()));
  }
  return json;
}

Json PopoloBodyOrganization(const v1::BodyView& body) {
  Json json = Json::Object();
  json.Set("id", body.body_id());
  json.Set("name", Text(body.name()));
  json.SetIfPresent("classification", EnumSlug(*v1::BodyKind_descriptor(), body.kind()));
  Json other_names = Json::Array();
  AddTranslations(body.name(), other_names);
  json.SetIfPresent("other_names", std::move(other_names));
  json.SetIfPresent("parent_id", body.parent_organisation_id());
  json.SetIfPresent("founding_date", DateText(body.established_on()));
  json.SetIfPresent("dissolution_date", DateText(body.dissolved_on()));
  return json;
}

Json PopoloDocument(const PopoloInput& input, const ReadPoint& point) {
  // Organizations: organisations and bodies together, by id.
  std::vector<std::pair<std::string, Json>> organizations;
  for (const auto& organisation : input.organisations) {
    organizations.emplace_back(organisation.organisation_id(), PopoloOrganization(organisation));
  }
  for (const auto& body : input.bodies) {
    organizations.emplace_back(body.body_id(), PopoloBodyOrganization(body));
  }
  std::stable_sort(organizations.begin(), organizations.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });

  std::vector<const v1::BodyView*> bodies;
  for (const auto& body : input.bodies) bodies.push_back(&body);
  std::stable_sort(bodies.begin(), bodies.end(),
                   [](const auto* a, const auto* b) { return a->body_id() < b->body_id(); });
  Json posts = Json::Array();
  for (const auto* body : bodies) {
    for (const auto& seat : body->seats()) posts.Push(Post(*body, seat));
  }

  // Persons: every pseudonymous id that a membership or an attendance names.
  std::set<std::string> person_ids;
  Json memberships = Json::Array();
  for (const auto& membership : input.memberships) {
    memberships.Push(Membership(membership));
    if (!membership.person_id().empty()) person_ids.insert(membership.person_id());
  }
  Json events = Json::Array();
  for (const auto& meeting : input.meetings) {
    events.Push(Event(meeting));
    for (const auto& attendance : meeting.attendance()) {
      if (!attendance.person_id().empty()) person_ids.insert(attendance.person_id());
    }
  }
  Json persons = Json::Array();
  for (const auto& person_id : person_ids) persons.Push(Person(person_id));

  Json document = Json::Object();
  Json meta = Json::Object();
  meta.Set("format", "Popolo (https://www.popoloproject.com/specs/)");
  meta.Set("source", "Kumppani ledger");
  meta.Set("readPoint", ReadPointJson(point, "kumppani export popolo"));
  meta.Set("privacy",
           "Persons appear only by their pseudonymous ledger ids; the ledger's registry views "
           "carry no names or contact data.");
  document.Set("meta", std::move(meta));
  document.Set("persons", std::move(persons));
  Json organization_array = Json::Array();
  for (auto& [id, organization] : organizations) organization_array.Push(std::move(organization));
  document.Set("organizations", std::move(organization_array));
  document.Set("posts", std::move(posts));
  document.Set("memberships", std::move(memberships));
  document.Set("events", std::move(events));
  return document;
}

}  // namespace kumppani::exports
