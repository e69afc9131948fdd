// CoverageStatistics: one pass over the register's period and one over the
// consultations, joined with the participation read models.
#include "ledger/audit/coverage.h"

#include <algorithm>
#include <set>
#include <vector>

#include "absl/strings/str_cat.h"
#include "ledger/domain/dates.h"
#include "ledger/projections/participation/as_of.h"
#include "ledger/projections/participation/consultation_queries.h"
#include "ledger/projections/participation/decision_queries.h"
#include "ledger/projections/participation/influence_graph.h"
#include "ledger/projections/participation/participation_keys.h"
#include "ledger/projections/participation/submission_queries.h"

namespace kumppani::audit {
namespace {

namespace p = ::kumppani::projections;
using p::participation::Compare;
using p::participation::OnOrBefore;

double Share(int part, int whole) { return whole == 0 ? 0.0 : static_cast<double>(part) / whole; }

absl::Status Validate(const CoverageRequest& request, const ParentOf& parent_of) {
  if (request.region_organisation_id.empty()) {
    return absl::InvalidArgumentError("region_organisation_id: is required");
  }
  if (absl::Status s = domain::ValidateDate(request.from, "from", true); !s.ok()) return s;
  if (absl::Status s = domain::ValidateDate(request.to, "to", true); !s.ok()) return s;
  if (Compare(request.to, request.from) < 0) {
    return absl::InvalidArgumentError(absl::StrCat("to: must not be before from (",
                                                   p::participation::Iso(request.from), "), got ",
                                                   p::participation::Iso(request.to)));
  }
  if (!parent_of) return absl::InvalidArgumentError("parent_of: is required");
  return p::participation::ValidateAsOf(request.as_of);
}

class CoverageBuilder {
 public:
  CoverageBuilder(const p::ParticipationViews& views, const CoverageRequest& request,
                  const ParentOf& parent_of)
      : views_(views), request_(request), scope_(request.region_organisation_id, {}, parent_of) {}

  absl::StatusOr<v1::CoverageStatistics> Build() {
    stats_.set_region_organisation_id(request_.region_organisation_id);
    *stats_.mutable_from() = request_.from;
    *stats_.mutable_to() = request_.to;
    if (request_.as_of.has_value()) *stats_.mutable_as_of() = *request_.as_of;
    if (absl::Status s = CountDecisions(); !s.ok()) return s;
    if (absl::Status s = CountConsultations(); !s.ok()) return s;
    return std::move(stats_);
  }

 private:
  absl::Status CountDecisions() {
    std::vector<std::string> ids;
    absl::Status scanned = p::ScanDecisionRegister(
        views_.decisions, {"", request_.from, request_.to}, [&](std::string_view id) {
          ids.emplace_back(id);
          return true;
        });
    if (!scanned.ok()) return scanned;
    std::vector<int> days;
    for (const std::string& id : ids) {
      absl::StatusOr<std::optional<v1::DecisionView>> decision =
          p::FindDecision(views_.decisions, id, request_.as_of);
      if (!decision.ok()) return decision.status();
      if (!decision->has_value() || !scope_.ContainsBody((*decision)->body_id())) continue;
      if (absl::Status s = CountDecision(**decision, days); !s.ok()) return s;
    }
    stats_.set_share_preceded_by_consultation(
        Share(stats_.decisions_preceded_by_consultation(), stats_.decisions()));
    stats_.set_share_assessed(Share(stats_.inputs_assessed(), stats_.considered_inputs()));
    stats_.set_share_with_feedback(
        Share(stats_.inputs_with_feedback(), stats_.considered_inputs()));
    std::sort(days.begin(), days.end());
    stats_.set_close_to_decision_samples(static_cast<int>(days.size()));
    if (!days.empty()) {
      size_t n = days.size();
      stats_.set_close_to_decision_days_min(days.front());
      stats_.set_close_to_decision_days_max(days.back());
      stats_.set_close_to_decision_days_median(n % 2 == 1 ? days[n / 2]
                                                          : (days[n / 2 - 1] + days[n / 2]) / 2.0);
    }
    return absl::OkStatus();
  }

  absl::Status CountDecision(const v1::DecisionView& decision, std::vector<int>& days) {
    stats_.set_decisions(stats_.decisions() + 1);
    absl::StatusOr<std::vector<p::ReachedInput>> reached =
        p::ReachInputs(views_.proposals, decision, request_.as_of);
    if (!reached.ok()) return reached.status();
    bool preceded = false;
    std::set<std::string> consultations;
    for (const p::ReachedInput& input : *reached) {
      if (input.kind == v1::INPUT_KIND_CONSULTATION) {
        preceded = true;
        consultations.insert(input.input_id);
      } else if (input.kind == v1::INPUT_KIND_SUBMISSION) {
        preceded = true;
        absl::StatusOr<std::optional<v1::SubmissionSummary>> submission =
            p::FindSubmission(views_.submissions, input.input_id, request_.as_of);
        if (!submission.ok()) return submission.status();
        if (submission->has_value()) consultations.insert((*submission)->consultation_id());
      }
    }
    if (preceded) {
      stats_.set_decisions_preceded_by_consultation(stats_.decisions_preceded_by_consultation() +
                                                    1);
    } else {
      stats_.add_decisions_without_consultation(decision.decision_id());
    }
    for (const std::string& id : consultations) {
      absl::StatusOr<std::optional<p::ConsultationRecord>> record =
          p::LoadConsultation(views_.consultations, id);
      if (!record.ok()) return record.status();
      if (!record->has_value()) continue;
      v1::ConsultationSummary summary = p::SummarizeConsultation(**record, request_.as_of);
      if (summary.has_closed_on() && Compare(summary.closed_on(), decision.decided_on()) <= 0) {
        days.push_back(p::participation::DaysBetween(summary.closed_on(), decision.decided_on()));
      }
    }
    for (const v1::ConsideredInputView& input : decision.considered_inputs()) {
      stats_.set_considered_inputs(stats_.considered_inputs() + 1);
      if (input.assessment().assessment() != v1::INFLUENCE_ASSESSMENT_UNSPECIFIED) {
        stats_.set_inputs_assessed(stats_.inputs_assessed() + 1);
      }
      if (input.feedback_size() > 0) {
        stats_.set_inputs_with_feedback(stats_.inputs_with_feedback() + 1);
      }
    }
    return absl::OkStatus();
  }

  absl::Status CountConsultations() {
    std::vector<std::string> ids;
    absl::Status scanned = views_.consultations.ScanStreams(
        p::participation::kConsultationPrefix, "", [&](std::string_view id, std::string_view) {
          ids.emplace_back(id);
          return true;
        });
    if (!scanned.ok()) return scanned;
    for (const std::string& id : ids) {
      absl::StatusOr<std::optional<p::ConsultationRecord>> record =
          p::LoadConsultation(views_.consultations, id);
      if (!record.ok()) return record.status();
      if (!record->has_value()) continue;
      const v1::ConsultationOpened& opened = (*record)->row.opened();
      if (Compare(opened.opens_on(), request_.from) < 0 ||
          Compare(opened.opens_on(), request_.to) > 0 ||
          !OnOrBefore(opened.opens_on(), request_.as_of) || !scope_.ContainsConsultation(opened)) {
        continue;
      }
      absl::StatusOr<v1::ConsultationView> view =
          p::GetConsultation(views_.consultations, views_.submissions, id, request_.as_of);
      if (!view.ok()) return view.status();
      v1::ConsultationResponseRate* rate = stats_.add_consultations();
      rate->set_consultation_id(id);
      rate->set_invited(view->invited_organisation_ids_size());
      rate->set_responded(view->responded_organisation_ids_size());
      rate->set_rate(view->invited_response_rate());
      stats_.set_invited_organisations(stats_.invited_organisations() + rate->invited());
      stats_.set_invited_responded(stats_.invited_responded() + rate->responded());
    }
    stats_.set_invited_response_rate(
        Share(stats_.invited_responded(), stats_.invited_organisations()));
    return absl::OkStatus();
  }

  const p::ParticipationViews& views_;
  const CoverageRequest& request_;
  p::BodyScope scope_;
  v1::CoverageStatistics stats_;
};

}  // namespace

absl::StatusOr<v1::CoverageStatistics> CoverageStatistics(
    const projections::ParticipationViews& views, const CoverageRequest& request,
    const ParentOf& parent_of) {
  if (absl::Status valid = Validate(request, parent_of); !valid.ok()) return valid;
  return CoverageBuilder(views, request, parent_of).Build();
}

}  // namespace kumppani::audit
