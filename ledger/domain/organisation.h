// Rules of the organisation and person aggregates (streams org-…, person-…).
//
// Organisations: registered with valid identifiers; renamed, merged,
// dissolved while active; succeeded once. Persons: registered once with a
// full name; erased once. Sealing personal data and destroying keys is the
// command handler's part (it owns the key vault); these rules only decide.
#ifndef KUMPPANI_LEDGER_DOMAIN_ORGANISATION_H_
#define KUMPPANI_LEDGER_DOMAIN_ORGANISATION_H_

#include "absl/status/statusor.h"
#include "kumppani/v1/commands.pb.h"
#include "ledger/domain/references.h"
#include "ledger/domain/rule_context.h"
#include "ledger/domain/states.h"

namespace kumppani::domain {

absl::StatusOr<Events> Decide(const OrganisationState& state, const v1::RegisterOrganisation& c,
                              References& refs, const RuleContext& ctx);
absl::StatusOr<Events> Decide(const OrganisationState& state, const v1::RenameOrganisation& c,
                              References& refs, const RuleContext& ctx);
absl::StatusOr<Events> Decide(const OrganisationState& state, const v1::MergeOrganisation& c,
                              References& refs, const RuleContext& ctx);
absl::StatusOr<Events> Decide(const OrganisationState& state, const v1::DissolveOrganisation& c,
                              References& refs, const RuleContext& ctx);
absl::StatusOr<Events> Decide(const OrganisationState& state, const v1::RecordSuccession& c,
                              References& refs, const RuleContext& ctx);

// Yields PersonRegistered with encrypted_personal_data left empty: the
// handler seals the personal data under the person's key and fills it in.
absl::StatusOr<Events> Decide(const PersonState& state, const v1::RegisterPerson& c,
                              References& refs, const RuleContext& ctx);
// Yields PersonErased with erased_at = the command's time.
absl::StatusOr<Events> Decide(const PersonState& state, const v1::ErasePerson& c,
                              References& refs, const RuleContext& ctx);

}  // namespace kumppani::domain

#endif  // KUMPPANI_LEDGER_DOMAIN_ORGANISATION_H_
