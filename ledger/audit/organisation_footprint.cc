// OrganisationFootprint: the organisation from the registry, its statements
// through the submissions' organisation indexes (each followed to the
// decisions and proposals citing it), its memberships through the registry's
// membership history, and its grants through the grants' listing filtered
// by recipient and their totals — every view taken at the same position.
#include "ledger/audit/organisation_footprint.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "ledger/common/status_macros.h"
#include "ledger/projections/grants/grant_queries.h"
#include "ledger/projections/grants/grant_rows.h"
#include "ledger/projections/grants/grant_totals_queries.h"
#include "ledger/projections/participation/as_of.h"
#include "ledger/projections/participation/consultation_queries.h"
#include "ledger/projections/participation/decision_queries.h"
#include "ledger/projections/participation/participation_keys.h"
#include "ledger/projections/participation/proposal_queries.h"
#include "ledger/projections/participation/submission_queries.h"
#include "ledger/projections/participation/view_set.h"
#include "ledger/projections/registry/body_as_of.h"
#include "ledger/projections/registry/body_queries.h"
#include "ledger/projections/registry/membership_queries.h"
#include "ledger/projections/registry/organisation_queries.h"
#include "ledger/projections/registry/registry_keys.h"

namespace kumppani::audit {
namespace {

namespace p = ::kumppani::projections;

// Orders submissions by arrival, then id.
bool ArrivedBefore(const v1::FootprintStatement& a, const v1::FootprintStatement& b) {
  const auto& x = a.submission();
  const auto& y = b.submission();
  auto key = [](const v1::SubmissionSummary& s) {
    return std::make_tuple(s.received_at().seconds(), s.received_at().nanos());
  };
  if (key(x) != key(y)) return key(x) < key(y);
  return x.submission_id() < y.submission_id();
}

class FootprintBuilder {
 public:
  FootprintBuilder(const p::ProjectionEngine& engine, p::ParticipationViews participation,
                   std::string organisation_id, std::optional<v1::Date> as_of)
      : engine_(engine),
        views_(std::move(participation)),
        position_(views_.consultations.position()),
        organisation_id_(std::move(organisation_id)),
        as_of_(std::move(as_of)) {}

  absl::StatusOr<v1::OrganisationFootprint> Build() {
    KUMPPANI_ASSIGN_OR_RETURN(p::RowView organisations,
                              engine_.View(p::registry::kOrganisations, position_));
    KUMPPANI_ASSIGN_OR_RETURN(*footprint_.mutable_organisation(),
                              p::GetOrganisation(organisations, organisation_id_, as_of_));
    if (as_of_.has_value()) *footprint_.mutable_as_of() = *as_of_;
    KUMPPANI_RETURN_IF_ERROR(AddStatements());
    KUMPPANI_RETURN_IF_ERROR(AddMemberships());
    KUMPPANI_RETURN_IF_ERROR(AddGrants());
    return std::move(footprint_);
  }

 private:
  // ------------------------------------------------------------ statements

  absl::Status AddStatements() {
    // Submitter before on-behalf-of, so that a statement in both indexes
    // keeps the stronger role.
    std::map<std::string, v1::StatementRole> roles;
    KUMPPANI_RETURN_IF_ERROR(ScanSubmissions(p::participation::SubmitterIndex(organisation_id_),
                                             v1::STATEMENT_ROLE_SUBMITTER, roles));
    KUMPPANI_RETURN_IF_ERROR(ScanSubmissions(p::participation::OnBehalfOfIndex(organisation_id_),
                                             v1::STATEMENT_ROLE_ON_BEHALF_OF, roles));
    std::vector<v1::FootprintStatement> statements;
    for (const auto& [submission_id, role] : roles) {
      KUMPPANI_ASSIGN_OR_RETURN(std::optional<v1::SubmissionSummary> submission,
                                p::FindSubmission(views_.submissions, submission_id, as_of_));
      if (!submission.has_value()) continue;  // received after as_of
      v1::FootprintStatement statement;
      *statement.mutable_submission() = *std::move(submission);
      statement.set_role(role);
      KUMPPANI_RETURN_IF_ERROR(DescribeStatement(statement));
      statements.push_back(std::move(statement));
    }
    std::sort(statements.begin(), statements.end(), ArrivedBefore);
    for (v1::FootprintStatement& statement : statements) {
      if (statement.outcomes_size() > 0) {
        footprint_.set_statements_considered(footprint_.statements_considered() + 1);
      }
      if (statement.assessed()) {
        footprint_.set_statements_assessed(footprint_.statements_assessed() + 1);
      }
      if (statement.feedback_sent()) {
        footprint_.set_statements_with_feedback(footprint_.statements_with_feedback() + 1);
      }
      *footprint_.add_statements() = std::move(statement);
    }
    return absl::OkStatus();
  }

  absl::Status ScanSubmissions(const std::string& key, v1::StatementRole role,
                               std::map<std::string, v1::StatementRole>& roles) {
    return views_.submissions.ScanIndex(
        key, "", "", [&](std::string_view index_key, std::string_view submission_id) {
          if (index_key == key) roles.emplace(std::string(submission_id), role);
          return true;
        });
  }

  absl::Status DescribeStatement(v1::FootprintStatement& statement) {
    const std::string& submission_id = statement.submission().submission_id();
    const std::string& consultation_id = statement.submission().consultation_id();
    KUMPPANI_ASSIGN_OR_RETURN(std::optional<p::ConsultationRecord> consultation,
                              p::LoadConsultation(views_.consultations, consultation_id));
    if (consultation.has_value()) {
      *statement.mutable_consultation() = p::SummarizeConsultation(*consultation, as_of_);
    }
    KUMPPANI_ASSIGN_OR_RETURN(std::vector<std::string> citing_consultation,
                              p::DecisionsCiting(views_.decisions, consultation_id, as_of_));
    for (std::string& id : citing_consultation) {
      statement.add_decisions_citing_consultation(std::move(id));
    }

    // Proposals citing the statement, directly or through other proposals.
    std::set<std::string> proposals;
    std::vector<std::string> frontier = {submission_id};
    while (!frontier.empty()) {
      std::vector<std::string> next;
      for (const std::string& cited : frontier) {
        KUMPPANI_ASSIGN_OR_RETURN(std::vector<std::string> citing,
                                  p::ProposalsCiting(views_.proposals, cited, as_of_));
        for (std::string& proposal : citing) {
          if (proposals.insert(proposal).second) next.push_back(std::move(proposal));
        }
      }
      frontier = std::move(next);
    }
    for (const std::string& proposal : proposals) statement.add_citing_proposal_ids(proposal);

    // The deciding decisions: directly, and through those proposals.
    std::map<std::string, std::vector<std::string>> via;  // decision -> proposals
    KUMPPANI_ASSIGN_OR_RETURN(std::vector<std::string> direct,
                              p::DecisionsCiting(views_.decisions, submission_id, as_of_));
    for (const std::string& decision : direct) via[decision];
    for (const std::string& proposal : proposals) {
      KUMPPANI_ASSIGN_OR_RETURN(std::vector<std::string> deciding,
                                p::DecisionsCiting(views_.decisions, proposal, as_of_));
      for (const std::string& decision : deciding) via[decision].push_back(proposal);
    }
    const std::set<std::string> direct_ids(direct.begin(), direct.end());
    std::vector<v1::StatementOutcome> outcomes;
    for (auto& [decision_id, proposal_ids] : via) {
      KUMPPANI_ASSIGN_OR_RETURN(std::optional<v1::DecisionView> decision,
                                p::FindDecision(views_.decisions, decision_id, as_of_));
      if (!decision.has_value()) continue;
      v1::StatementOutcome outcome;
      *outcome.mutable_decision() = p::SummarizeDecision(*decision);
      outcome.set_cited_directly(direct_ids.contains(decision_id));
      for (std::string& proposal : proposal_ids) outcome.add_via_proposal_ids(std::move(proposal));
      for (const v1::ConsideredInputView& input : decision->considered_inputs()) {
        if (input.input_id() != submission_id) continue;
        *outcome.mutable_assessment() = input.assessment();
        *outcome.mutable_assessment_history() = input.revisions();
        *outcome.mutable_feedback() = input.feedback();
        outcome.set_feedback_sent(input.feedback_size() > 0);
        if (input.assessment().assessment() != v1::INFLUENCE_ASSESSMENT_UNSPECIFIED) {
          statement.set_assessed(true);
        }
        if (outcome.feedback_sent()) statement.set_feedback_sent(true);
      }
      outcomes.push_back(std::move(outcome));
    }
    std::sort(outcomes.begin(), outcomes.end(),
              [](const v1::StatementOutcome& a, const v1::StatementOutcome& b) {
                int order =
                    p::participation::Compare(a.decision().decided_on(), b.decision().decided_on());
                if (order != 0) return order < 0;
                return a.decision().decision_id() < b.decision().decision_id();
              });
    for (v1::StatementOutcome& outcome : outcomes) *statement.add_outcomes() = std::move(outcome);
    return absl::OkStatus();
  }

  // ----------------------------------------------------------- memberships

  absl::Status AddMemberships() {
    KUMPPANI_ASSIGN_OR_RETURN(p::RowView bodies, engine_.View(p::registry::kBodies, position_));
    std::map<std::string, v1::LocalizedText> body_names;
    p::MembershipFilter filter;
    filter.organisation_id = organisation_id_;
    p::PageRequest page{p::kMaxPageSize, ""};
    do {
      KUMPPANI_ASSIGN_OR_RETURN(v1::MembershipList list,
                                p::MembershipHistory(engine_, filter, page, position_));
      for (const v1::MembershipView& membership : list.memberships()) {
        const v1::Date& start = membership.term().start();
        if (as_of_.has_value() && p::participation::Compare(start, *as_of_) > 0) continue;
        auto name = body_names.find(membership.body_id());
        if (name == body_names.end()) {
          KUMPPANI_ASSIGN_OR_RETURN(v1::BodyView body,
                                    p::GetBody(bodies, membership.body_id(), std::nullopt));
          name = body_names.emplace(membership.body_id(), body.name()).first;
        }
        v1::FootprintMembership* entry = footprint_.add_memberships();
        *entry->mutable_membership() = p::registry::MembershipAsOf(membership, as_of_);
        *entry->mutable_body_name() = name->second;
        entry->set_in_force(p::registry::MembershipInForce(membership, as_of_));
        if (entry->in_force()) {
          footprint_.set_memberships_in_force(footprint_.memberships_in_force() + 1);
        }
      }
      page.page_token = list.next_page_token();
    } while (!page.page_token.empty());
    return absl::OkStatus();
  }

  // ---------------------------------------------------------------- grants

  absl::Status AddGrants() {
    v1::GrantFilter filter;
    filter.set_recipient_organisation_id(organisation_id_);
    p::PageRequest page{p::kMaxPageSize, ""};
    do {
      KUMPPANI_ASSIGN_OR_RETURN(v1::ListGrantsResponse list,
                                p::ListGrants(engine_, filter, as_of_, page, position_));
      for (v1::GrantView& grant : *list.mutable_grants()) {
        *footprint_.add_grants() = std::move(grant);
      }
      page.page_token = list.next_page_token();
    } while (!page.page_token.empty());
    KUMPPANI_ASSIGN_OR_RETURN(p::RowView grants,
                              engine_.View(p::grants::kGrantsProjection, position_));
    KUMPPANI_ASSIGN_OR_RETURN(p::RowView programmes,
                              engine_.View(p::grants::kProgrammesProjection, position_));
    KUMPPANI_ASSIGN_OR_RETURN(
        *footprint_.mutable_grant_totals(),
        p::GrantTotals(grants, programmes, v1::GRANT_GROUPING_PROGRAMME, filter, as_of_));
    return absl::OkStatus();
  }

  const p::ProjectionEngine& engine_;
  const p::ParticipationViews views_;
  const Position position_;
  const std::string organisation_id_;
  const std::optional<v1::Date> as_of_;
  v1::OrganisationFootprint footprint_;
};

}  // namespace

absl::StatusOr<v1::OrganisationFootprint> OrganisationFootprint(
    const projections::ProjectionEngine& engine, std::string_view organisation_id,
    const std::optional<v1::Date>& as_of, std::optional<Position> known_at) {
  // The participation views fix the position (the head, when known_at is
  // absent) that every other view is then taken at.
  KUMPPANI_ASSIGN_OR_RETURN(projections::ParticipationViews views,
                            projections::ParticipationViews::At(engine, known_at));
  return FootprintBuilder(engine, std::move(views), std::string(organisation_id), as_of).Build();
}

}  // namespace kumppani::audit
