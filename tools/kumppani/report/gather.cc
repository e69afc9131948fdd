// Gathers a report's data from kumppanid at one pinned log position (see
// gather.h).
#include "tools/kumppani/report/gather.h"

#include <algorithm>
#include <cstdio>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/audit/checkpoint.h"
#include "ledger/audit/signed_note.h"
#include "tools/kumppani/report/text_format.h"

namespace kumppani::report {
namespace {

grpc::Status Named(const char* rpc, const grpc::Status& status) {
  return grpc::Status(status.error_code(), std::string(rpc) + ": " + status.error_message());
}

bool InYearBy(const v1::Date& date, int year, const v1::Date& as_of) {
  return IsSet(date) && date.year() == year && (!IsSet(as_of) || CompareDates(date, as_of) <= 0);
}

// Fills the checkpoint fields from a signed note (parsed, not verified).
grpc::Status ReadCheckpoint(const v1::SignedCheckpoint& signed_checkpoint, Provenance& p) {
  absl::StatusOr<audit::Checkpoint> checkpoint = audit::ParseCheckpoint(signed_checkpoint.note());
  absl::StatusOr<audit::Note> note = audit::ParseNote(signed_checkpoint.note());
  if (!checkpoint.ok() || !note.ok()) {
    return grpc::Status(
        grpc::StatusCode::DATA_LOSS,
        "LedgerService.GetLatestCheckpoint: the note does not parse: " +
            std::string(checkpoint.ok() ? note.status().message() : checkpoint.status().message()));
  }
  p.checkpoint = Provenance::CheckpointState::kPresent;
  p.checkpoint_origin = checkpoint->origin;
  p.checkpoint_tree_size = checkpoint->tree_size;
  // The root exactly as the note writes it (its third line), for comparing.
  std::string_view text = note->text;
  for (int line = 0; line < 2; ++line) text.remove_prefix(text.find('\n') + 1);
  p.checkpoint_root_hash = std::string(text.substr(0, text.find('\n')));
  for (const audit::NoteSignature& signature : note->signatures) {
    if (signature.key_name != checkpoint->origin && !p.checkpoint_signer.empty()) continue;
    char id[9];
    std::snprintf(id, sizeof id, "%08x", static_cast<unsigned>(signature.key_id));
    p.checkpoint_signer = signature.key_name + "+" + id;
    if (signature.key_name == checkpoint->origin) break;
  }
  return grpc::Status::OK;
}

template <typename Response>
uint64_t ReadPositionOf(const Response& response) {
  return response.read_position();
}

}  // namespace

ReportClient::ReportClient(const std::shared_ptr<grpc::Channel>& channel,
                           ContextFactory new_context)
    : new_context_(std::move(new_context)),
      ledger_(v1::LedgerService::NewStub(channel)),
      registry_(v1::RegistryService::NewStub(channel)),
      participation_(v1::ParticipationService::NewStub(channel)),
      grants_(v1::GrantService::NewStub(channel)),
      audit_(v1::AuditService::NewStub(channel)) {}

grpc::Status ReportClient::CheckPosition(const char* rpc, uint64_t read_position) const {
  if (read_position == position_) return grpc::Status::OK;
  return grpc::Status(grpc::StatusCode::INTERNAL, std::string(rpc) + ": answered at log position " +
                                                      std::to_string(read_position) +
                                                      ", not at the report's position " +
                                                      std::to_string(position_));
}

template <typename Response, typename Request, typename Call, typename Take>
grpc::Status ReportClient::ListAll(const char* rpc, Request request, Call call, Take take) {
  request.set_page_size(1000);
  request.mutable_known_at()->set_position(position_);
  while (true) {
    Response response;
    std::unique_ptr<grpc::ClientContext> context = new_context_();
    grpc::Status status = call(context.get(), request, &response);
    if (!status.ok()) return Named(rpc, status);
    if (grpc::Status s = CheckPosition(rpc, ReadPositionOf(response)); !s.ok()) return s;
    take(response);
    if (response.next_page_token().empty()) return grpc::Status::OK;
    // Later pages read at the first page's position, which the token carries.
    request.set_page_token(response.next_page_token());
    request.clear_known_at();
  }
}

template <typename Request, typename Response, typename Call>
grpc::Status ReportClient::GetOne(const char* rpc, Request request, Call call, Response& response) {
  request.mutable_known_at()->set_position(position_);
  std::unique_ptr<grpc::ClientContext> context = new_context_();
  grpc::Status status = call(context.get(), request, &response);
  if (!status.ok()) return Named(rpc, status);
  return CheckPosition(rpc, ReadPositionOf(response));
}

grpc::Status ReportClient::Pin(const ReadPoint& point, Provenance& p) {
  p.as_of = point.as_of;
  v1::SignedCheckpoint checkpoint;
  grpc::Status status = ledger_->GetLatestCheckpoint(new_context_().get(),
                                                     v1::GetLatestCheckpointRequest(), &checkpoint);
  if (status.ok()) {
    if (grpc::Status s = ReadCheckpoint(checkpoint, p); !s.ok()) return s;
  } else if (status.error_code() == grpc::StatusCode::PERMISSION_DENIED) {
    p.checkpoint = Provenance::CheckpointState::kNotPermitted;
  } else if (status.error_code() == grpc::StatusCode::NOT_FOUND) {
    p.checkpoint = Provenance::CheckpointState::kNoneYet;
  } else {
    return Named("LedgerService.GetLatestCheckpoint", status);
  }

  if (point.position.has_value()) {
    position_ = *point.position;
    p.source = Provenance::PositionSource::kGivenPosition;
  } else if (point.time.has_value() || p.checkpoint != Provenance::CheckpointState::kPresent) {
    // The position of a time, or the head: what a one-entry listing reads at.
    v1::ListOrganisationsRequest request;
    request.set_page_size(1);
    if (point.time.has_value()) *request.mutable_known_at()->mutable_recorded_time() = *point.time;
    v1::ListOrganisationsResponse response;
    status = registry_->ListOrganisations(new_context_().get(), request, &response);
    if (!status.ok()) return Named("RegistryService.ListOrganisations", status);
    position_ = response.read_position();
    p.source = point.time.has_value() ? Provenance::PositionSource::kGivenTime
                                      : Provenance::PositionSource::kHead;
    p.given_time = point.time_text;
  } else {
    position_ = p.checkpoint_tree_size;
    p.source = Provenance::PositionSource::kCheckpoint;
  }
  p.position = position_;
  return grpc::Status::OK;
}

grpc::Status ReportClient::GatherAnnual(const std::string& region_id, int year,
                                        const ReadPoint& point, AnnualReportData& data) {
  data.year = year;
  if (grpc::Status s = Pin(point, data.provenance); !s.ok()) return s;
  const v1::Date& as_of = point.as_of;
  auto& registry = *registry_;
  auto& participation = *participation_;
  auto& grants = *grants_;
  auto& audit = *audit_;

  v1::GetOrganisationRequest region_request;
  region_request.set_organisation_id(region_id);
  *region_request.mutable_as_of() = as_of;
  v1::GetOrganisationResponse region;
  if (grpc::Status s = GetOne(
          "RegistryService.GetOrganisation", region_request,
          [&](auto* c, const auto& r, auto* out) { return registry.GetOrganisation(c, r, out); },
          region);
      !s.ok()) {
    return s;
  }
  data.region = region.organisation();

  v1::ListOrganisationsRequest organisations;
  *organisations.mutable_as_of() = as_of;
  if (grpc::Status s = ListAll<v1::ListOrganisationsResponse>(
          "RegistryService.ListOrganisations", organisations,
          [&](auto* c, const auto& r, auto* out) { return registry.ListOrganisations(c, r, out); },
          [&](const v1::ListOrganisationsResponse& page) {
            data.organisations.insert(data.organisations.end(), page.organisations().begin(),
                                      page.organisations().end());
          });
      !s.ok()) {
    return s;
  }

  // The region and its sub-organisations, transitively.
  std::set<std::string> family = {region_id};
  for (bool grew = true; grew;) {
    grew = false;
    for (const v1::OrganisationView& o : data.organisations) {
      if (family.count(o.parent_organisation_id()) != 0 &&
          family.insert(o.organisation_id()).second) {
        grew = true;
      }
    }
  }
  for (const std::string& parent : family) {
    v1::ListBodiesRequest request;
    request.mutable_filter()->set_parent_organisation_id(parent);
    *request.mutable_as_of() = as_of;
    if (grpc::Status s = ListAll<v1::ListBodiesResponse>(
            "RegistryService.ListBodies", request,
            [&](auto* c, const auto& r, auto* out) { return registry.ListBodies(c, r, out); },
            [&](const v1::ListBodiesResponse& page) {
              data.bodies.insert(data.bodies.end(), page.bodies().begin(), page.bodies().end());
            });
        !s.ok()) {
      return s;
    }
  }
  std::vector<std::string> body_ids;
  for (const v1::BodyView& body : data.bodies) body_ids.push_back(body.body_id());
  std::sort(body_ids.begin(), body_ids.end());

  for (const std::string& body_id : body_ids) {
    v1::ListMembershipsRequest request;
    request.mutable_filter()->set_body_id(body_id);
    if (grpc::Status s = ListAll<v1::ListMembershipsResponse>(
            "RegistryService.ListMemberships", request,
            [&](auto* c, const auto& r, auto* out) { return registry.ListMemberships(c, r, out); },
            [&](const v1::ListMembershipsResponse& page) {
              data.memberships.insert(data.memberships.end(), page.memberships().begin(),
                                      page.memberships().end());
            });
        !s.ok()) {
      return s;
    }
  }

  // Consultations organised by the region or for one of its bodies, opened
  // in the year (by as_of) — the ones the coverage statistics count.
  std::set<std::string> consultation_ids;
  auto take_consultations = [&](const v1::ListConsultationsResponse& page) {
    for (const v1::ConsultationSummary& c : page.consultations()) {
      if (InYearBy(c.opens_on(), year, as_of)) consultation_ids.insert(c.consultation_id());
    }
  };
  auto list_consultations = [&](auto* c, const auto& r, auto* out) {
    return participation.ListConsultations(c, r, out);
  };
  {
    v1::ListConsultationsRequest request;
    request.set_organiser_organisation_id(region_id);
    *request.mutable_as_of() = as_of;
    if (grpc::Status s =
            ListAll<v1::ListConsultationsResponse>("ParticipationService.ListConsultations",
                                                   request, list_consultations, take_consultations);
        !s.ok()) {
      return s;
    }
  }
  for (const std::string& body_id : body_ids) {
    v1::ListConsultationsRequest request;
    request.set_body_id(body_id);
    *request.mutable_as_of() = as_of;
    if (grpc::Status s =
            ListAll<v1::ListConsultationsResponse>("ParticipationService.ListConsultations",
                                                   request, list_consultations, take_consultations);
        !s.ok()) {
      return s;
    }
  }
  for (const std::string& id : consultation_ids) {
    v1::GetConsultationRequest request;
    request.set_consultation_id(id);
    *request.mutable_as_of() = as_of;
    v1::GetConsultationResponse response;
    if (grpc::Status s = GetOne(
            "ParticipationService.GetConsultation", request,
            [&](auto* c, const auto& r, auto* out) {
              return participation.GetConsultation(c, r, out);
            },
            response);
        !s.ok()) {
      return s;
    }
    data.consultations.push_back(response.consultation());
  }

  // Decisions of the region's bodies in the year, by as_of, each's trail.
  v1::Date first = MakeDate(year, 1, 1);
  v1::Date last = MakeDate(year, 12, 31);
  if (IsSet(as_of) && CompareDates(as_of, last) < 0) last = as_of;
  std::set<std::string> decision_ids;
  if (CompareDates(first, last) <= 0) {
    for (const std::string& body_id : body_ids) {
      v1::ListDecisionsRequest request;
      request.set_body_id(body_id);
      *request.mutable_decided_from() = first;
      *request.mutable_decided_to() = last;
      if (grpc::Status s = ListAll<v1::ListDecisionsResponse>(
              "ParticipationService.ListDecisions", request,
              [&](auto* c, const auto& r, auto* out) {
                return participation.ListDecisions(c, r, out);
              },
              [&](const v1::ListDecisionsResponse& page) {
                for (const v1::DecisionSummary& d : page.decisions()) {
                  decision_ids.insert(d.decision_id());
                }
              });
          !s.ok()) {
        return s;
      }
    }
  }
  for (const std::string& id : decision_ids) {
    v1::GetInfluenceTrailRequest request;
    request.set_decision_id(id);
    *request.mutable_as_of() = as_of;
    v1::GetInfluenceTrailResponse response;
    if (grpc::Status s = GetOne(
            "AuditService.GetInfluenceTrail", request,
            [&](auto* c, const auto& r, auto* out) { return audit.GetInfluenceTrail(c, r, out); },
            response);
        !s.ok()) {
      return s;
    }
    data.decisions.push_back(response.trail());
  }

  // Grants of the region's programmes applied for in the year.
  v1::GrantFilter grant_filter;
  grant_filter.set_region_organisation_id(region_id);
  grant_filter.set_year(year);
  {
    v1::ListGrantsRequest request;
    *request.mutable_filter() = grant_filter;
    *request.mutable_as_of() = as_of;
    if (grpc::Status s = ListAll<v1::ListGrantsResponse>(
            "GrantService.ListGrants", request,
            [&](auto* c, const auto& r, auto* out) { return grants.ListGrants(c, r, out); },
            [&](const v1::ListGrantsResponse& page) {
              data.grants.insert(data.grants.end(), page.grants().begin(), page.grants().end());
            });
        !s.ok()) {
      return s;
    }
  }
  {
    v1::GetGrantTotalsRequest request;
    request.set_group_by(v1::GRANT_GROUPING_PROGRAMME);
    *request.mutable_filter() = grant_filter;
    *request.mutable_as_of() = as_of;
    if (grpc::Status s = GetOne(
            "GrantService.GetGrantTotals", request,
            [&](auto* c, const auto& r, auto* out) { return grants.GetGrantTotals(c, r, out); },
            data.grant_totals);
        !s.ok()) {
      return s;
    }
  }
  {
    v1::ListGrantProgrammesRequest request;
    request.mutable_filter()->set_region_organisation_id(region_id);
    *request.mutable_as_of() = as_of;
    if (grpc::Status s = ListAll<v1::ListGrantProgrammesResponse>(
            "GrantService.ListGrantProgrammes", request,
            [&](auto* c, const auto& r, auto* out) {
              return grants.ListGrantProgrammes(c, r, out);
            },
            [&](const v1::ListGrantProgrammesResponse& page) {
              data.programmes.insert(data.programmes.end(), page.programmes().begin(),
                                     page.programmes().end());
            });
        !s.ok()) {
      return s;
    }
  }

  {
    v1::ListOutstandingDutiesRequest request;
    request.set_region_organisation_id(region_id);
    *request.mutable_as_of() = as_of;
    if (grpc::Status s = ListAll<v1::ListOutstandingDutiesResponse>(
            "AuditService.ListOutstandingDuties", request,
            [&](auto* c, const auto& r, auto* out) {
              return audit.ListOutstandingDuties(c, r, out);
            },
            [&](const v1::ListOutstandingDutiesResponse& page) {
              data.unassessed_submissions.insert(data.unassessed_submissions.end(),
                                                 page.unassessed_submissions().begin(),
                                                 page.unassessed_submissions().end());
              data.uninformed_inputs.insert(data.uninformed_inputs.end(),
                                            page.uninformed_inputs().begin(),
                                            page.uninformed_inputs().end());
            });
        !s.ok()) {
      return s;
    }
  }

  v1::GetCoverageStatisticsRequest coverage;
  coverage.set_region_organisation_id(region_id);
  *coverage.mutable_period()->mutable_start() = MakeDate(year, 1, 1);
  *coverage.mutable_period()->mutable_end() = MakeDate(year, 12, 31);
  *coverage.mutable_as_of() = as_of;
  v1::GetCoverageStatisticsResponse statistics;
  if (grpc::Status s = GetOne(
          "AuditService.GetCoverageStatistics", coverage,
          [&](auto* c, const auto& r, auto* out) { return audit.GetCoverageStatistics(c, r, out); },
          statistics);
      !s.ok()) {
    return s;
  }
  data.coverage = statistics.statistics();
  return grpc::Status::OK;
}

grpc::Status ReportClient::GatherTrail(const std::string& decision_id, const ReadPoint& point,
                                       TrailReportData& data) {
  if (grpc::Status s = Pin(point, data.provenance); !s.ok()) return s;
  const v1::Date& as_of = point.as_of;
  auto& registry = *registry_;
  auto& participation = *participation_;
  auto& audit = *audit_;

  v1::GetInfluenceTrailRequest trail_request;
  trail_request.set_decision_id(decision_id);
  *trail_request.mutable_as_of() = as_of;
  v1::GetInfluenceTrailResponse trail;
  if (grpc::Status s = GetOne(
          "AuditService.GetInfluenceTrail", trail_request,
          [&](auto* c, const auto& r, auto* out) { return audit.GetInfluenceTrail(c, r, out); },
          trail);
      !s.ok()) {
    return s;
  }
  data.trail = trail.trail();

  v1::GetDecisionRequest decision_request;
  decision_request.set_decision_id(decision_id);
  *decision_request.mutable_as_of() = as_of;
  v1::GetDecisionResponse decision;
  if (grpc::Status s = GetOne(
          "ParticipationService.GetDecision", decision_request,
          [&](auto* c, const auto& r, auto* out) { return participation.GetDecision(c, r, out); },
          decision);
      !s.ok()) {
    return s;
  }
  data.decision = decision.decision();

  // The organisations and bodies the trail names.
  std::set<std::string> organisations;
  std::set<std::string> bodies = {data.trail.decision().body_id()};
  auto add_submission = [&](const v1::SubmissionSummary& s) {
    organisations.insert(s.submitter_organisation_id());
    organisations.insert(s.on_behalf_of_organisation_ids().begin(),
                         s.on_behalf_of_organisation_ids().end());
  };
  auto add_consultation = [&](const v1::ConsultationSummary& c) {
    organisations.insert(c.organiser_organisation_id());
    bodies.insert(c.body_id());
  };
  for (const v1::TrailInput& input : data.trail.inputs()) {
    add_submission(input.submission());
    add_consultation(input.consultation());
    bodies.insert(input.proposal().from_body_id());
    bodies.insert(input.proposal().to_body_id());
    bodies.insert(input.decision().body_id());
  }
  for (const v1::UncitedSubmission& uncited : data.trail.uncited_submissions()) {
    add_submission(uncited.submission());
    add_consultation(uncited.consultation());
  }
  for (const v1::AppealRecord& appeal : data.decision.appeals()) {
    organisations.insert(appeal.appellant_organisation_id());
  }
  organisations.erase("");
  bodies.erase("");
  for (const std::string& id : organisations) {
    v1::GetOrganisationRequest request;
    request.set_organisation_id(id);
    *request.mutable_as_of() = as_of;
    v1::GetOrganisationResponse response;
    grpc::Status s = GetOne(
        "RegistryService.GetOrganisation", request,
        [&](auto* c, const auto& r, auto* out) { return registry.GetOrganisation(c, r, out); },
        response);
    if (s.error_code() == grpc::StatusCode::NOT_FOUND) continue;  // shown by its id
    if (!s.ok()) return s;
    data.organisations.push_back(response.organisation());
  }
  for (const std::string& id : bodies) {
    v1::GetBodyRequest request;
    request.set_body_id(id);
    *request.mutable_as_of() = as_of;
    v1::GetBodyResponse response;
    grpc::Status s = GetOne(
        "RegistryService.GetBody", request,
        [&](auto* c, const auto& r, auto* out) { return registry.GetBody(c, r, out); }, response);
    if (s.error_code() == grpc::StatusCode::NOT_FOUND) continue;  // shown by its id
    if (!s.ok()) return s;
    data.bodies.push_back(response.body());
  }
  return grpc::Status::OK;
}

}  // namespace kumppani::report
