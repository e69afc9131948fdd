// Organisation and person rules.
#include "ledger/domain/organisation.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/time_util.h"
#include "ledger/common/status_macros.h"
#include "ledger/domain/dates.h"
#include "ledger/domain/personal_data_cipher.h"
#include "ledger/domain/validation.h"
#include "ledger/domain/ytunnus.h"

namespace kumppani::domain {
namespace {

absl::Status ExistingActive(const OrganisationState& state, const std::string& id,
                            absl::string_view prefix) {
  std::string field = Field(prefix, "organisation_id");
  KUMPPANI_RETURN_IF_ERROR(ValidateAggregateId(id, "org", field));
  if (!state.exists) return NotFound(field, "organisation", id);
  if (!state.active()) {
    return Precondition(absl::StrCat(field, ": must be an active organisation; \"", id, "\" is ",
                                     state.Describe()));
  }
  return absl::OkStatus();
}

absl::Status ValidateIdentifiers(const google::protobuf::RepeatedPtrField<v1::OrganisationIdentifier>& ids,
                                 absl::string_view prefix) {
  std::set<std::pair<int, std::string>> seen;
  for (int i = 0; i < ids.size(); ++i) {
    const v1::OrganisationIdentifier& id = ids[i];
    std::string field = absl::StrCat(prefix, ".identifiers[", i, "]");
    switch (id.scheme()) {
      case v1::IDENTIFIER_SCHEME_BUSINESS_ID:
        KUMPPANI_RETURN_IF_ERROR(ValidateBusinessId(id.value(), Field(field, "value")));
        break;
      case v1::IDENTIFIER_SCHEME_ASSOCIATION_REGISTER_NUMBER:
        KUMPPANI_RETURN_IF_ERROR(
            ValidateAssociationRegisterNumber(id.value(), Field(field, "value")));
        break;
      case v1::IDENTIFIER_SCHEME_OTHER:
        KUMPPANI_RETURN_IF_ERROR(ValidatePlain(id.value(), Field(field, "value"), true, 200));
        break;
      default:
        return Invalid(Field(field, "scheme"), "is required");
    }
    if (!seen.insert({id.scheme(), id.value()}).second) {
      return Invalid(field, absl::StrCat("duplicates an earlier identifier \"", id.value(), "\""));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Events> Decide(const OrganisationState& state, const v1::RegisterOrganisation& c,
                              References& refs, const RuleContext&) {
  constexpr absl::string_view kP = "register_organisation";
  KUMPPANI_RETURN_IF_ERROR(ValidateAggregateId(c.organisation_id(), "org", Field(kP, "organisation_id")));
  if (c.kind() == v1::ORGANISATION_KIND_UNSPECIFIED) return Invalid(Field(kP, "kind"), "is required");
  KUMPPANI_RETURN_IF_ERROR(ValidateText(c.name(), Field(kP, "name"), true));
  KUMPPANI_RETURN_IF_ERROR(ValidateIdentifiers(c.identifiers(), kP));
  KUMPPANI_RETURN_IF_ERROR(ValidateDate(c.founded_on(), Field(kP, "founded_on"), false));
  if (state.exists) return AlreadyExists(Field(kP, "organisation_id"), "organisation", c.organisation_id());
  if (!c.parent_organisation_id().empty()) {
    if (c.parent_organisation_id() == c.organisation_id()) {
      return Invalid(Field(kP, "parent_organisation_id"), "must not be the organisation itself");
    }
    KUMPPANI_RETURN_IF_ERROR(
        refs.Organisation(c.parent_organisation_id(), Field(kP, "parent_organisation_id"), false)
            .status());
  }
  v1::Event event;
  v1::OrganisationRegistered* e = event.mutable_organisation_registered();
  e->set_organisation_id(c.organisation_id());
  e->set_kind(c.kind());
  *e->mutable_name() = c.name();
  *e->mutable_identifiers() = c.identifiers();
  if (c.has_founded_on()) *e->mutable_founded_on() = c.founded_on();
  e->set_parent_organisation_id(c.parent_organisation_id());
  return Events{event};
}

absl::StatusOr<Events> Decide(const OrganisationState& state, const v1::RenameOrganisation& c,
                              References&, const RuleContext&) {
  constexpr absl::string_view kP = "rename_organisation";
  KUMPPANI_RETURN_IF_ERROR(ValidateText(c.name(), Field(kP, "name"), true));
  KUMPPANI_RETURN_IF_ERROR(ValidateDate(c.effective_on(), Field(kP, "effective_on"), true));
  KUMPPANI_RETURN_IF_ERROR(ExistingActive(state, c.organisation_id(), kP));
  v1::Event event;
  v1::OrganisationRenamed* e = event.mutable_organisation_renamed();
  e->set_organisation_id(c.organisation_id());
  *e->mutable_name() = c.name();
  *e->mutable_effective_on() = c.effective_on();
  return Events{event};
}

absl::StatusOr<Events> Decide(const OrganisationState& state, const v1::MergeOrganisation& c,
                              References& refs, const RuleContext&) {
  constexpr absl::string_view kP = "merge_organisation";
  KUMPPANI_RETURN_IF_ERROR(ValidateDate(c.effective_on(), Field(kP, "effective_on"), true));
  KUMPPANI_RETURN_IF_ERROR(ExistingActive(state, c.organisation_id(), kP));
  if (c.into_organisation_id() == c.organisation_id()) {
    return Invalid(Field(kP, "into_organisation_id"), "must differ from organisation_id");
  }
  KUMPPANI_RETURN_IF_ERROR(
      refs.Organisation(c.into_organisation_id(), Field(kP, "into_organisation_id"), true).status());
  v1::Event event;
  v1::OrganisationMerged* e = event.mutable_organisation_merged();
  e->set_organisation_id(c.organisation_id());
  e->set_into_organisation_id(c.into_organisation_id());
  *e->mutable_effective_on() = c.effective_on();
  return Events{event};
}

absl::StatusOr<Events> Decide(const OrganisationState& state, const v1::DissolveOrganisation& c,
                              References&, const RuleContext&) {
  constexpr absl::string_view kP = "dissolve_organisation";
  KUMPPANI_RETURN_IF_ERROR(ValidateDate(c.effective_on(), Field(kP, "effective_on"), true));
  KUMPPANI_RETURN_IF_ERROR(ValidateText(c.reason(), Field(kP, "reason"), false));
  KUMPPANI_RETURN_IF_ERROR(ExistingActive(state, c.organisation_id(), kP));
  KUMPPANI_RETURN_IF_ERROR(NotBefore(c.effective_on(), state.registered.founded_on(),
                                     Field(kP, "effective_on"), "the organisation's founding"));
  v1::Event event;
  v1::OrganisationDissolved* e = event.mutable_organisation_dissolved();
  e->set_organisation_id(c.organisation_id());
  *e->mutable_effective_on() = c.effective_on();
  if (c.has_reason()) *e->mutable_reason() = c.reason();
  return Events{event};
}

absl::StatusOr<Events> Decide(const OrganisationState& state, const v1::RecordSuccession& c,
                              References& refs, const RuleContext&) {
  constexpr absl::string_view kP = "record_succession";
  std::string field = Field(kP, "organisation_id");
  KUMPPANI_RETURN_IF_ERROR(ValidateAggregateId(c.organisation_id(), "org", field));
  KUMPPANI_RETURN_IF_ERROR(ValidateDate(c.effective_on(), Field(kP, "effective_on"), true));
  KUMPPANI_RETURN_IF_ERROR(ValidateText(c.note(), Field(kP, "note"), false));
  if (c.successor_organisation_id() == c.organisation_id()) {
    return Invalid(Field(kP, "successor_organisation_id"), "must differ from organisation_id");
  }
  if (!state.exists) return NotFound(field, "organisation", c.organisation_id());
  if (!state.successor.empty()) {
    return Precondition(absl::StrCat(field, ": an organisation is succeeded at most once; \"",
                                     c.organisation_id(), "\" was succeeded by \"",
                                     state.successor, "\" on ", FormatDate(state.succeeded_on)));
  }
  KUMPPANI_RETURN_IF_ERROR(
      refs.Organisation(c.successor_organisation_id(), Field(kP, "successor_organisation_id"), true)
          .status());
  v1::Event event;
  v1::OrganisationSucceeded* e = event.mutable_organisation_succeeded();
  e->set_organisation_id(c.organisation_id());
  e->set_successor_organisation_id(c.successor_organisation_id());
  *e->mutable_effective_on() = c.effective_on();
  if (c.has_note()) *e->mutable_note() = c.note();
  return Events{event};
}

absl::StatusOr<Events> Decide(const PersonState& state, const v1::RegisterPerson& c, References&,
                              const RuleContext&) {
  constexpr absl::string_view kP = "register_person";
  KUMPPANI_RETURN_IF_ERROR(ValidateAggregateId(c.person_id(), "person", Field(kP, "person_id")));
  const v1::PersonalData& data = c.personal_data();
  KUMPPANI_RETURN_IF_ERROR(ValidatePlain(data.full_name(), Field(kP, "personal_data.full_name"), true, 300));
  KUMPPANI_RETURN_IF_ERROR(ValidatePlain(data.email(), Field(kP, "personal_data.email"), false, 300));
  if (!data.email().empty() && data.email().find('@') == std::string::npos) {
    return Invalid(Field(kP, "personal_data.email"), "must contain '@'");
  }
  KUMPPANI_RETURN_IF_ERROR(ValidatePlain(data.phone(), Field(kP, "personal_data.phone"), false, 50));
  if (state.exists) return AlreadyExists(Field(kP, "person_id"), "person", c.person_id());
  v1::Event event;
  v1::PersonRegistered* e = event.mutable_person_registered();
  e->set_person_id(c.person_id());
  e->set_cipher(kPersonalDataCipherName);
  return Events{event};
}

absl::StatusOr<Events> Decide(const PersonState& state, const v1::ErasePerson& c, References&,
                              const RuleContext& ctx) {
  constexpr absl::string_view kP = "erase_person";
  std::string field = Field(kP, "person_id");
  KUMPPANI_RETURN_IF_ERROR(ValidateAggregateId(c.person_id(), "person", field));
  KUMPPANI_RETURN_IF_ERROR(ValidatePlain(c.legal_basis(), Field(kP, "legal_basis"), false, 500));
  if (!state.exists) return NotFound(field, "person", c.person_id());
  if (state.erased) {
    return Precondition(absl::StrCat(field, ": a person is erased once; \"", c.person_id(),
                                     "\" is already erased"));
  }
  v1::Event event;
  v1::PersonErased* e = event.mutable_person_erased();
  e->set_person_id(c.person_id());
  *e->mutable_erased_at() = google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(ctx.now_micros);
  e->set_legal_basis(c.legal_basis());
  return Events{event};
}

}  // namespace kumppani::domain
