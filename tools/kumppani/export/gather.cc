// The gRPC gathering of `kumppani export` at one pinned log position.
#include "tools/kumppani/export/gather.h"

#include <algorithm>
#include <set>

#include "tools/kumppani/export/region.h"

namespace kumppani::cli {
namespace {

namespace v1 = kumppani::v1;

grpc::Status Named(const char* rpc, const grpc::Status& status) {
  return grpc::Status(status.error_code(), std::string(rpc) + ": " + status.error_message());
}

// The page size of every listing: the server's maximum.
constexpr int32_t kPageSize = 1000;

}  // namespace

ExportGatherer::ExportGatherer(const std::shared_ptr<grpc::Channel>& channel,
                               ContextFactory new_context)
    : new_context_(std::move(new_context)),
      ledger_(v1::LedgerService::NewStub(channel)),
      registry_(v1::RegistryService::NewStub(channel)),
      participation_(v1::ParticipationService::NewStub(channel)),
      grants_(v1::GrantService::NewStub(channel)) {}

template <typename Request>
void ExportGatherer::SetKnownAt(Request& request) const {
  if (pinned_.has_value()) {
    request.mutable_known_at()->set_position(*pinned_);
  } else if (selection_.known_at_position.has_value()) {
    request.mutable_known_at()->set_position(*selection_.known_at_position);
  } else if (selection_.known_at_time.has_value()) {
    *request.mutable_known_at()->mutable_recorded_time() = *selection_.known_at_time;
  }
}

grpc::Status ExportGatherer::Check(const char* rpc, uint64_t read_position) {
  if (!pinned_.has_value()) {
    pinned_ = read_position;
    return grpc::Status::OK;
  }
  if (read_position != *pinned_) {
    return grpc::Status(grpc::StatusCode::INTERNAL,
                        std::string(rpc) + ": read at position " + std::to_string(read_position) +
                            ", not at the pinned position " + std::to_string(*pinned_));
  }
  return grpc::Status::OK;
}

template <typename Response, typename Request, typename Call, typename Take>
grpc::Status ExportGatherer::ListAll(const char* rpc, Request request, Call call, Take take) {
  request.set_page_size(kPageSize);
  SetKnownAt(request);
  while (true) {
    Response response;
    std::unique_ptr<grpc::ClientContext> context = new_context_();
    if (grpc::Status status = call(context.get(), request, &response); !status.ok()) {
      return Named(rpc, status);
    }
    if (grpc::Status status = Check(rpc, response.read_position()); !status.ok()) return status;
    take(response);
    if (response.next_page_token().empty()) return grpc::Status::OK;
    // Later pages: the token carries the position; known_at must be unset.
    request.clear_known_at();
    request.set_page_token(response.next_page_token());
  }
}

template <typename Request, typename Response, typename Call>
grpc::Status ExportGatherer::GetOne(const char* rpc, Request request, Call call,
                                    Response& response) {
  SetKnownAt(request);
  std::unique_ptr<grpc::ClientContext> context = new_context_();
  if (grpc::Status status = call(context.get(), request, &response); !status.ok()) {
    return Named(rpc, status);
  }
  return Check(rpc, response.read_position());
}

grpc::Status ExportGatherer::Organisations(const v1::Date& as_of,
                                           std::vector<v1::OrganisationView>& out) {
  v1::ListOrganisationsRequest request;
  *request.mutable_as_of() = as_of;
  return ListAll<v1::ListOrganisationsResponse>(
      "RegistryService.ListOrganisations", request,
      [this](grpc::ClientContext* context, const auto& r, auto* response) {
        return registry_->ListOrganisations(context, r, response);
      },
      [&out](const v1::ListOrganisationsResponse& response) {
        for (const auto& organisation : response.organisations()) {
          // As of a day, an organisation not yet founded is not there.
          if (organisation.status() == v1::ORGANISATION_STATUS_NOT_YET_FOUNDED) continue;
          out.push_back(organisation);
        }
      });
}

grpc::Status ExportGatherer::Organisation(const std::string& id, const v1::Date& as_of,
                                          std::vector<v1::OrganisationView>& out) {
  v1::GetOrganisationRequest request;
  request.set_organisation_id(id);
  *request.mutable_as_of() = as_of;
  v1::GetOrganisationResponse response;
  grpc::Status status = GetOne(
      "RegistryService.GetOrganisation", request,
      [this](grpc::ClientContext* context, const auto& r, auto* response_out) {
        return registry_->GetOrganisation(context, r, response_out);
      },
      response);
  if (status.ok()) out.push_back(response.organisation());
  return status;
}

grpc::Status ExportGatherer::Programmes(const std::vector<v1::GrantView>& grants,
                                        std::vector<v1::GrantProgrammeView>& out) {
  std::set<std::string> ids;
  for (const auto& grant : grants) ids.insert(grant.programme_id());
  for (const auto& id : ids) {
    v1::GetGrantProgrammeRequest request;
    request.set_programme_id(id);
    v1::GetGrantProgrammeResponse response;
    grpc::Status status = GetOne(
        "GrantService.GetGrantProgramme", request,
        [this](grpc::ClientContext* context, const auto& r, auto* response_out) {
          return grants_->GetGrantProgramme(context, r, response_out);
        },
        response);
    if (!status.ok()) return status;
    out.push_back(response.programme());
  }
  return grpc::Status::OK;
}

grpc::Status ExportGatherer::Grants(const ExportSelection& selection,
                                    std::vector<v1::GrantView>& out) {
  if (!selection.grant_id.empty()) {
    v1::GetGrantRequest request;
    request.set_grant_id(selection.grant_id);
    *request.mutable_as_of() = selection.as_of;
    v1::GetGrantResponse response;
    grpc::Status status = GetOne(
        "GrantService.GetGrant", request,
        [this](grpc::ClientContext* context, const auto& r, auto* response_out) {
          return grants_->GetGrant(context, r, response_out);
        },
        response);
    if (status.ok()) out.push_back(response.grant());
    return status;
  }
  v1::ListGrantsRequest request;
  request.mutable_filter()->set_region_organisation_id(selection.region);
  *request.mutable_as_of() = selection.as_of;
  return ListAll<v1::ListGrantsResponse>(
      "GrantService.ListGrants", request,
      [this](grpc::ClientContext* context, const auto& r, auto* response) {
        return grants_->ListGrants(context, r, response);
      },
      [&out](const v1::ListGrantsResponse& response) {
        for (const auto& grant : response.grants()) out.push_back(grant);
      });
}

grpc::Status ExportGatherer::FinishPoint(const ExportSelection& selection,
                                         exports::ReadPoint& point) {
  point.position = pinned_.value_or(0);
  point.as_of = selection.as_of;
  point.region_organisation_id = selection.region;
  point.recorded_at.Clear();
  // The newest event at or before the position that this token may read
  // (ReadAll skips events hidden from it): look at the position itself,
  // then back a window at a time.
  uint64_t end = point.position;
  while (end > 0) {
    const uint64_t window = end == point.position ? 1 : 1000;
    const uint64_t from = end > window ? end - window + 1 : 1;
    v1::ReadAllRequest request;
    request.set_from_position(from);
    request.set_page_size(static_cast<int32_t>(end - from + 1));
    v1::ReadAllResponse response;
    std::unique_ptr<grpc::ClientContext> context = new_context_();
    if (grpc::Status status = ledger_->ReadAll(context.get(), request, &response); !status.ok()) {
      return Named("LedgerService.ReadAll", status);
    }
    for (const auto& event : response.events()) {
      if (event.position() <= end) point.recorded_at = event.recorded_at();
    }
    if (point.recorded_at.seconds() != 0 || point.recorded_at.nanos() != 0) break;
    end = from - 1;
  }
  return grpc::Status::OK;
}

grpc::Status ExportGatherer::GatherPopolo(const ExportSelection& selection,
                                          exports::PopoloInput& input, exports::ReadPoint& point) {
  selection_ = selection;
  pinned_.reset();
  exports::PopoloInput all;
  if (grpc::Status status = Organisations(selection.as_of, all.organisations); !status.ok()) {
    return status;
  }
  const auto& organisations = all.organisations;
  if (!selection.region.empty() &&
      std::none_of(organisations.begin(), organisations.end(),
                   [&](const auto& o) { return o.organisation_id() == selection.region; })) {
    return grpc::Status(grpc::StatusCode::NOT_FOUND,
                        "--region: organisation \"" + selection.region +
                            "\" does not exist at log position " + std::to_string(*pinned_));
  }
  const std::set<std::string> region =
      exports::RegionOrganisationIds(organisations, selection.region);

  std::vector<v1::BodyView> listed;
  {
    v1::ListBodiesRequest request;
    *request.mutable_as_of() = selection.as_of;
    grpc::Status status = ListAll<v1::ListBodiesResponse>(
        "RegistryService.ListBodies", request,
        [this](grpc::ClientContext* context, const auto& r, auto* response) {
          return registry_->ListBodies(context, r, response);
        },
        [&listed](const v1::ListBodiesResponse& response) {
          for (const auto& body : response.bodies()) listed.push_back(body);
        });
    if (!status.ok()) return status;
  }
  for (const auto& summary : listed) {
    if (summary.status() == v1::BODY_STATUS_NOT_YET_ESTABLISHED) continue;
    if (!exports::BodyInRegion(summary, region, selection.region)) continue;
    v1::GetBodyRequest request;
    request.set_body_id(summary.body_id());
    *request.mutable_as_of() = selection.as_of;
    v1::GetBodyResponse response;
    grpc::Status status = GetOne(
        "RegistryService.GetBody", request,
        [this](grpc::ClientContext* context, const auto& r, auto* response_out) {
          return registry_->GetBody(context, r, response_out);
        },
        response);
    if (!status.ok()) return status;
    all.bodies.push_back(response.body());

    std::vector<v1::MembershipView> memberships;
    v1::ListMembershipsRequest members;
    members.mutable_filter()->set_body_id(summary.body_id());
    status = ListAll<v1::ListMembershipsResponse>(
        "RegistryService.ListMemberships", members,
        [this](grpc::ClientContext* context, const auto& r, auto* response_out) {
          return registry_->ListMemberships(context, r, response_out);
        },
        [&memberships](const v1::ListMembershipsResponse& response_in) {
          for (const auto& membership : response_in.memberships()) {
            memberships.push_back(membership);
          }
        });
    if (!status.ok()) return status;
    for (auto& membership : exports::MembershipsAsOf(memberships, selection.as_of)) {
      all.memberships.push_back(std::move(membership));
    }
  }
  {
    v1::ListMeetingsRequest request;
    if (exports::IsSet(selection.as_of)) *request.mutable_filter()->mutable_to() = selection.as_of;
    grpc::Status status = ListAll<v1::ListMeetingsResponse>(
        "RegistryService.ListMeetings", request,
        [this](grpc::ClientContext* context, const auto& r, auto* response) {
          return registry_->ListMeetings(context, r, response);
        },
        [&all](const v1::ListMeetingsResponse& response) {
          for (const auto& meeting : response.meetings()) all.meetings.push_back(meeting);
        });
    if (!status.ok()) return status;
  }
  input = exports::SelectPopolo(all, selection.region);
  return FinishPoint(selection, point);
}

grpc::Status ExportGatherer::GatherGrants(const ExportSelection& selection,
                                          exports::GrantsInput& input, exports::ReadPoint& point) {
  selection_ = selection;
  pinned_.reset();
  if (!selection.region.empty()) {
    // Names an unknown region (NOT_FOUND) rather than exporting nothing.
    std::vector<v1::OrganisationView> region;
    if (grpc::Status status = Organisation(selection.region, selection.as_of, region);
        !status.ok()) {
      return status;
    }
  }
  if (grpc::Status status = Grants(selection, input.grants); !status.ok()) return status;
  if (grpc::Status status = Programmes(input.grants, input.programmes); !status.ok()) {
    return status;
  }
  std::set<std::string> organisation_ids;
  for (const auto& grant : input.grants) {
    if (exports::IsAwarded(grant)) organisation_ids.insert(grant.applicant_organisation_id());
  }
  for (const auto& programme : input.programmes) {
    organisation_ids.insert(programme.funder_organisation_id());
  }
  for (const auto& id : organisation_ids) {
    if (grpc::Status status = Organisation(id, selection.as_of, input.organisations);
        !status.ok()) {
      return status;
    }
  }
  return FinishPoint(selection, point);
}

grpc::Status ExportGatherer::GatherOcds(const ExportSelection& selection, exports::OcdsInput& input,
                                        exports::ReadPoint& point) {
  selection_ = selection;
  pinned_.reset();
  std::vector<std::string> consultation_ids;
  if (!selection.consultation_id.empty()) {
    consultation_ids.push_back(selection.consultation_id);
  } else if (selection.grant_id.empty()) {
    // Every consultation (of the region: organised by one of its
    // organisations, or for one of its bodies).
    std::set<std::string> region;
    std::set<std::string> region_bodies;
    if (!selection.region.empty()) {
      std::vector<v1::OrganisationView> organisations;
      if (grpc::Status status = Organisations(selection.as_of, organisations); !status.ok()) {
        return status;
      }
      if (std::none_of(organisations.begin(), organisations.end(),
                       [&](const auto& o) { return o.organisation_id() == selection.region; })) {
        return grpc::Status(grpc::StatusCode::NOT_FOUND,
                            "--region: organisation \"" + selection.region +
                                "\" does not exist at log position " + std::to_string(*pinned_));
      }
      region = exports::RegionOrganisationIds(organisations, selection.region);
      v1::ListBodiesRequest request;
      *request.mutable_as_of() = selection.as_of;
      grpc::Status status = ListAll<v1::ListBodiesResponse>(
          "RegistryService.ListBodies", request,
          [this](grpc::ClientContext* context, const auto& r, auto* response) {
            return registry_->ListBodies(context, r, response);
          },
          [&](const v1::ListBodiesResponse& response) {
            for (const auto& body : response.bodies()) {
              if (exports::BodyInRegion(body, region, selection.region)) {
                region_bodies.insert(body.body_id());
              }
            }
          });
      if (!status.ok()) return status;
    }
    v1::ListConsultationsRequest request;
    *request.mutable_as_of() = selection.as_of;
    grpc::Status status = ListAll<v1::ListConsultationsResponse>(
        "ParticipationService.ListConsultations", request,
        [this](grpc::ClientContext* context, const auto& r, auto* response) {
          return participation_->ListConsultations(context, r, response);
        },
        [&](const v1::ListConsultationsResponse& response) {
          for (const auto& consultation : response.consultations()) {
            if (consultation.status() == v1::CONSULTATION_STATUS_NOT_YET_OPEN &&
                exports::IsSet(selection.as_of)) {
              continue;
            }
            if (!selection.region.empty() &&
                region.count(consultation.organiser_organisation_id()) == 0 &&
                region_bodies.count(consultation.body_id()) == 0) {
              continue;
            }
            consultation_ids.push_back(consultation.consultation_id());
          }
        });
    if (!status.ok()) return status;
  }
  for (const auto& id : consultation_ids) {
    v1::GetConsultationRequest request;
    request.set_consultation_id(id);
    *request.mutable_as_of() = selection.as_of;
    v1::GetConsultationResponse response;
    grpc::Status status = GetOne(
        "ParticipationService.GetConsultation", request,
        [this](grpc::ClientContext* context, const auto& r, auto* response_out) {
          return participation_->GetConsultation(context, r, response_out);
        },
        response);
    if (!status.ok()) return status;
    input.consultations.push_back(response.consultation());
  }
  if (selection.consultation_id.empty()) {
    if (grpc::Status status = Grants(selection, input.grants); !status.ok()) return status;
    if (grpc::Status status = Programmes(input.grants, input.programmes); !status.ok()) {
      return status;
    }
  }

  // What the cases name: organisations and bodies (never persons).
  std::set<std::string> organisation_ids;
  std::set<std::string> body_ids;
  for (const auto& consultation : input.consultations) {
    organisation_ids.insert(consultation.organiser_organisation_id());
    for (const auto& id : consultation.invited_organisation_ids()) organisation_ids.insert(id);
    for (const auto& submission : consultation.submissions()) {
      if (!submission.submitter_organisation_id().empty()) {
        organisation_ids.insert(submission.submitter_organisation_id());
      }
      for (const auto& id : submission.on_behalf_of_organisation_ids()) {
        organisation_ids.insert(id);
      }
    }
    if (!consultation.body_id().empty()) body_ids.insert(consultation.body_id());
  }
  for (const auto& grant : input.grants) organisation_ids.insert(grant.applicant_organisation_id());
  for (const auto& programme : input.programmes) {
    organisation_ids.insert(programme.funder_organisation_id());
  }
  organisation_ids.erase("");
  for (const auto& id : organisation_ids) {
    if (grpc::Status status = Organisation(id, selection.as_of, input.organisations);
        !status.ok()) {
      return status;
    }
  }
  for (const auto& id : body_ids) {
    v1::GetBodyRequest request;
    request.set_body_id(id);
    *request.mutable_as_of() = selection.as_of;
    v1::GetBodyResponse response;
    grpc::Status status = GetOne(
        "RegistryService.GetBody", request,
        [this](grpc::ClientContext* context, const auto& r, auto* response_out) {
          return registry_->GetBody(context, r, response_out);
        },
        response);
    if (!status.ok()) return status;
    input.bodies.push_back(response.body());
  }
  return FinishPoint(selection, point);
}

}  // namespace kumppani::cli
