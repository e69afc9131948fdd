// RegistryService handlers: authenticate → decode → one registry query →
// response with read_position → the mapped status.
#include "api/registry_service.h"

#include <optional>
#include <utility>

#include "api/permissions.h"
#include "api/registry_requests.h"
#include "api/unary_call.h"
#include "ledger/common/status_macros.h"
#include "ledger/projections/registry/body_listing.h"
#include "ledger/projections/registry/body_queries.h"
#include "ledger/projections/registry/call_queries.h"
#include "ledger/projections/registry/meeting_queries.h"
#include "ledger/projections/registry/membership_queries.h"
#include "ledger/projections/registry/organisation_queries.h"
#include "ledger/projections/registry/person_queries.h"
#include "ledger/projections/registry/registry_keys.h"

namespace kumppani::api {
namespace {

namespace registry = projections::registry;
using projections::RowView;

constexpr char kGetOrganisation[] = "/kumppani.v1.RegistryService/GetOrganisation";
constexpr char kListOrganisations[] = "/kumppani.v1.RegistryService/ListOrganisations";
constexpr char kFindOrganisations[] = "/kumppani.v1.RegistryService/FindOrganisations";
constexpr char kGetOrganisationLineage[] = "/kumppani.v1.RegistryService/GetOrganisationLineage";
constexpr char kGetPerson[] = "/kumppani.v1.RegistryService/GetPerson";
constexpr char kGetBody[] = "/kumppani.v1.RegistryService/GetBody";
constexpr char kListBodies[] = "/kumppani.v1.RegistryService/ListBodies";
constexpr char kGetBodyRoster[] = "/kumppani.v1.RegistryService/GetBodyRoster";
constexpr char kListMemberships[] = "/kumppani.v1.RegistryService/ListMemberships";
constexpr char kGetCall[] = "/kumppani.v1.RegistryService/GetCall";
constexpr char kListCalls[] = "/kumppani.v1.RegistryService/ListCalls";
constexpr char kGetMeeting[] = "/kumppani.v1.RegistryService/GetMeeting";
constexpr char kListMeetings[] = "/kumppani.v1.RegistryService/ListMeetings";

}  // namespace

RegistryService::RegistryService(const store::EventStore& store,
                                 const projections::ProjectionEngine& engine,
                                 const Authenticator& authenticator)
    : store_(store), engine_(engine), authenticator_(authenticator) {}

template <typename Work>
grpc::ServerUnaryReactor* RegistryService::Serve(grpc::CallbackServerContext* context,
                                                 absl::string_view method, Work work) {
  return ServeUnary(context, authenticator_, Action::kReadPublic, method,
                    [&](const Principal&) -> absl::Status { return work(); });
}

grpc::ServerUnaryReactor* RegistryService::GetOrganisation(
    grpc::CallbackServerContext* context, const v1::GetOrganisationRequest* request,
    v1::GetOrganisationResponse* response) {
  return Serve(context, kGetOrganisation, [&]() -> absl::Status {
    KUMPPANI_ASSIGN_OR_RETURN(std::optional<v1::Date> as_of, AsOfOf(*request));
    KUMPPANI_ASSIGN_OR_RETURN(
        RowView view, ViewAt(store_, engine_, registry::kOrganisations, KnownAtOf(*request)));
    KUMPPANI_ASSIGN_OR_RETURN(
        *response->mutable_organisation(),
        projections::GetOrganisation(view, request->organisation_id(), as_of));
    response->set_read_position(view.position().value());
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RegistryService::ListOrganisations(
    grpc::CallbackServerContext* context, const v1::ListOrganisationsRequest* request,
    v1::ListOrganisationsResponse* response) {
  return Serve(context, kListOrganisations, [&]() -> absl::Status {
    KUMPPANI_ASSIGN_OR_RETURN(std::optional<v1::Date> as_of, AsOfOf(*request));
    KUMPPANI_ASSIGN_OR_RETURN(projections::OrganisationFilter filter,
                              ToOrganisationFilter(request->filter()));
    KUMPPANI_ASSIGN_OR_RETURN(
        ListingPage listing,
        ToListingPage(store_, KnownAtOf(*request), request->page_size(), request->page_token()));
    KUMPPANI_ASSIGN_OR_RETURN(
        v1::OrganisationList list,
        projections::ListOrganisations(engine_, filter, as_of, listing.page, listing.known_at));
    response->mutable_organisations()->Swap(list.mutable_organisations());
    response->set_next_page_token(list.next_page_token());
    response->set_read_position(listing.read_position.value());
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RegistryService::FindOrganisations(
    grpc::CallbackServerContext* context, const v1::FindOrganisationsRequest* request,
    v1::FindOrganisationsResponse* response) {
  return Serve(context, kFindOrganisations, [&]() -> absl::Status {
    KUMPPANI_ASSIGN_OR_RETURN(std::optional<v1::Date> as_of, AsOfOf(*request));
    KUMPPANI_RETURN_IF_ERROR(CheckIdentifier(request->identifier()));
    KUMPPANI_ASSIGN_OR_RETURN(
        RowView view, ViewAt(store_, engine_, registry::kOrganisations, KnownAtOf(*request)));
    KUMPPANI_ASSIGN_OR_RETURN(v1::OrganisationList list, projections::FindOrganisationByIdentifier(
                                                             view, request->identifier(), as_of));
    response->mutable_organisations()->Swap(list.mutable_organisations());
    response->set_read_position(view.position().value());
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RegistryService::GetOrganisationLineage(
    grpc::CallbackServerContext* context, const v1::GetOrganisationLineageRequest* request,
    v1::GetOrganisationLineageResponse* response) {
  return Serve(context, kGetOrganisationLineage, [&]() -> absl::Status {
    KUMPPANI_ASSIGN_OR_RETURN(std::optional<v1::Date> as_of, AsOfOf(*request));
    KUMPPANI_ASSIGN_OR_RETURN(
        RowView view, ViewAt(store_, engine_, registry::kOrganisations, KnownAtOf(*request)));
    KUMPPANI_ASSIGN_OR_RETURN(*response->mutable_lineage(),
                              projections::Lineage(view, request->organisation_id(), as_of));
    response->set_read_position(view.position().value());
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RegistryService::GetPerson(grpc::CallbackServerContext* context,
                                                     const v1::GetPersonRequest* request,
                                                     v1::GetPersonResponse* response) {
  return Serve(context, kGetPerson, [&]() -> absl::Status {
    KUMPPANI_ASSIGN_OR_RETURN(RowView view,
                              ViewAt(store_, engine_, registry::kPersons, KnownAtOf(*request)));
    KUMPPANI_ASSIGN_OR_RETURN(*response->mutable_person(),
                              projections::GetPerson(view, request->person_id()));
    response->set_read_position(view.position().value());
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RegistryService::GetBody(grpc::CallbackServerContext* context,
                                                   const v1::GetBodyRequest* request,
                                                   v1::GetBodyResponse* response) {
  return Serve(context, kGetBody, [&]() -> absl::Status {
    KUMPPANI_ASSIGN_OR_RETURN(std::optional<v1::Date> as_of, AsOfOf(*request));
    KUMPPANI_ASSIGN_OR_RETURN(RowView view,
                              ViewAt(store_, engine_, registry::kBodies, KnownAtOf(*request)));
    KUMPPANI_ASSIGN_OR_RETURN(*response->mutable_body(),
                              projections::GetBody(view, request->body_id(), as_of));
    response->set_read_position(view.position().value());
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RegistryService::ListBodies(grpc::CallbackServerContext* context,
                                                      const v1::ListBodiesRequest* request,
                                                      v1::ListBodiesResponse* response) {
  return Serve(context, kListBodies, [&]() -> absl::Status {
    KUMPPANI_ASSIGN_OR_RETURN(std::optional<v1::Date> as_of, AsOfOf(*request));
    KUMPPANI_ASSIGN_OR_RETURN(
        ListingPage listing,
        ToListingPage(store_, KnownAtOf(*request), request->page_size(), request->page_token()));
    KUMPPANI_ASSIGN_OR_RETURN(projections::BodyPage page,
                              projections::ListBodies(engine_, ToBodyFilter(request->filter()),
                                                      as_of, listing.page, listing.known_at));
    for (v1::BodyView& body : page.bodies) *response->add_bodies() = std::move(body);
    response->set_next_page_token(std::move(page.next_page_token));
    response->set_read_position(listing.read_position.value());
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RegistryService::GetBodyRoster(grpc::CallbackServerContext* context,
                                                         const v1::GetBodyRosterRequest* request,
                                                         v1::GetBodyRosterResponse* response) {
  return Serve(context, kGetBodyRoster, [&]() -> absl::Status {
    KUMPPANI_ASSIGN_OR_RETURN(std::optional<v1::Date> as_of, AsOfOf(*request));
    KUMPPANI_ASSIGN_OR_RETURN(RowView bodies,
                              ViewAt(store_, engine_, registry::kBodies, KnownAtOf(*request)));
    KUMPPANI_ASSIGN_OR_RETURN(RowView persons, engine_.View(registry::kPersons, bodies.position()));
    KUMPPANI_ASSIGN_OR_RETURN(*response->mutable_roster(),
                              projections::Roster(bodies, persons, request->body_id(), as_of));
    response->set_read_position(bodies.position().value());
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RegistryService::ListMemberships(
    grpc::CallbackServerContext* context, const v1::ListMembershipsRequest* request,
    v1::ListMembershipsResponse* response) {
  return Serve(context, kListMemberships, [&]() -> absl::Status {
    KUMPPANI_ASSIGN_OR_RETURN(
        ListingPage listing,
        ToListingPage(store_, KnownAtOf(*request), request->page_size(), request->page_token()));
    KUMPPANI_ASSIGN_OR_RETURN(
        v1::MembershipList list,
        projections::MembershipHistory(engine_, ToMembershipFilter(request->filter()), listing.page,
                                       listing.known_at));
    response->mutable_memberships()->Swap(list.mutable_memberships());
    response->set_next_page_token(list.next_page_token());
    response->set_read_position(listing.read_position.value());
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RegistryService::GetCall(grpc::CallbackServerContext* context,
                                                   const v1::GetCallRequest* request,
                                                   v1::GetCallResponse* response) {
  return Serve(context, kGetCall, [&]() -> absl::Status {
    KUMPPANI_ASSIGN_OR_RETURN(RowView view,
                              ViewAt(store_, engine_, registry::kCalls, KnownAtOf(*request)));
    KUMPPANI_ASSIGN_OR_RETURN(*response->mutable_call(),
                              projections::GetCall(view, request->call_id()));
    response->set_read_position(view.position().value());
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RegistryService::ListCalls(grpc::CallbackServerContext* context,
                                                     const v1::ListCallsRequest* request,
                                                     v1::ListCallsResponse* response) {
  return Serve(context, kListCalls, [&]() -> absl::Status {
    KUMPPANI_ASSIGN_OR_RETURN(
        ListingPage listing,
        ToListingPage(store_, KnownAtOf(*request), request->page_size(), request->page_token()));
    KUMPPANI_ASSIGN_OR_RETURN(
        v1::CallList list,
        projections::ListCalls(engine_, request->body_id(), listing.page, listing.known_at));
    response->mutable_calls()->Swap(list.mutable_calls());
    response->set_next_page_token(list.next_page_token());
    response->set_read_position(listing.read_position.value());
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RegistryService::GetMeeting(grpc::CallbackServerContext* context,
                                                      const v1::GetMeetingRequest* request,
                                                      v1::GetMeetingResponse* response) {
  return Serve(context, kGetMeeting, [&]() -> absl::Status {
    KUMPPANI_ASSIGN_OR_RETURN(RowView view,
                              ViewAt(store_, engine_, registry::kMeetings, KnownAtOf(*request)));
    KUMPPANI_ASSIGN_OR_RETURN(*response->mutable_meeting(),
                              projections::GetMeeting(view, request->meeting_id()));
    response->set_read_position(view.position().value());
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RegistryService::ListMeetings(grpc::CallbackServerContext* context,
                                                        const v1::ListMeetingsRequest* request,
                                                        v1::ListMeetingsResponse* response) {
  return Serve(context, kListMeetings, [&]() -> absl::Status {
    KUMPPANI_ASSIGN_OR_RETURN(
        ListingPage listing,
        ToListingPage(store_, KnownAtOf(*request), request->page_size(), request->page_token()));
    KUMPPANI_ASSIGN_OR_RETURN(v1::MeetingList list,
                              projections::ListMeetings(engine_, ToMeetingFilter(request->filter()),
                                                        listing.page, listing.known_at));
    response->mutable_meetings()->Swap(list.mutable_meetings());
    response->set_next_page_token(list.next_page_token());
    response->set_read_position(listing.read_position.value());
    return absl::OkStatus();
  });
}

}  // namespace kumppani::api
