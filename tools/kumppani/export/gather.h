// Gathers the views an open-data export converts (export/popolo.h,
// export/threesixty_giving.h, export/ocds.h) from kumppanid, all at one log
// position: the first query reads at --known-at (or the head), and its
// read_position is pinned for every later query (known_at.position on the
// first page of a listing; later pages carry it in their page token).
// Listings are followed through next_page_token to the end. Every answer's
// read_position is checked against the pin. The recorded time of the
// newest event at or before the pin that the caller may read (LedgerService
// ReadAll, every role) is the export's "modified" time.
//
// Persons are never asked about: the registry views name them only by
// pseudonymous id, and the OCDS gathering drops them entirely.
//
// Errors are the server's grpc::Status with the RPC's name prefixed; a
// read_position other than the pin is INTERNAL; --region naming no
// organisation is NOT_FOUND. Not thread-safe: one gatherer per export.
#ifndef KUMPPANI_TOOLS_KUMPPANI_EXPORT_GATHER_H_
#define KUMPPANI_TOOLS_KUMPPANI_EXPORT_GATHER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "google/protobuf/timestamp.pb.h"
#include "grpcpp/grpcpp.h"
#include "kumppani/v1/grant_service.grpc.pb.h"
#include "kumppani/v1/ledger_service.grpc.pb.h"
#include "kumppani/v1/participation_service.grpc.pb.h"
#include "kumppani/v1/registry_service.grpc.pb.h"
#include "tools/kumppani/export/ocds.h"
#include "tools/kumppani/export/popolo.h"
#include "tools/kumppani/export/threesixty_giving.h"

namespace kumppani::cli {

// What to export, as given on the command line.
struct ExportSelection {
  // --known-at: a position or a time; neither for the head.
  std::optional<uint64_t> known_at_position;
  std::optional<google::protobuf::Timestamp> known_at_time;
  // --as-of; all zero for none.
  kumppani::v1::Date as_of;
  // --region; "" for all.
  std::string region;
  // --consultation / --grant: one case only.
  std::string consultation_id;
  std::string grant_id;
};

class ExportGatherer {
 public:
  using ContextFactory = std::function<std::unique_ptr<grpc::ClientContext>()>;

  ExportGatherer(const std::shared_ptr<grpc::Channel>& channel, ContextFactory new_context);

  // Organisations, bodies (with seats), their memberships and meetings,
  // limited to the region (export/region.h) and to what had begun by
  // as_of.
  grpc::Status GatherPopolo(const ExportSelection& selection, exports::PopoloInput& input,
                            exports::ReadPoint& point);
  // The grants (of the region's programmes, or the one --grant), their
  // programmes, recipients and funders.
  grpc::Status GatherGrants(const ExportSelection& selection, exports::GrantsInput& input,
                            exports::ReadPoint& point);
  // The consultation and grant cases (or the one --consultation / --grant)
  // with what they name.
  grpc::Status GatherOcds(const ExportSelection& selection, exports::OcdsInput& input,
                          exports::ReadPoint& point);

 private:
  // Sets request.known_at: the selection's before the pin, the pin after.
  template <typename Request>
  void SetKnownAt(Request& request) const;
  // Pins read_position on the first answer; checks it on the later ones.
  grpc::Status Check(const char* rpc, uint64_t read_position);
  // Every page of a listing: `call(context, request, response)`, then
  // `take(response)`, until next_page_token is empty.
  template <typename Response, typename Request, typename Call, typename Take>
  grpc::Status ListAll(const char* rpc, Request request, Call call, Take take);
  // One query at the pin.
  template <typename Request, typename Response, typename Call>
  grpc::Status GetOne(const char* rpc, Request request, Call call, Response& response);

  grpc::Status Organisations(const kumppani::v1::Date& as_of,
                             std::vector<kumppani::v1::OrganisationView>& out);
  grpc::Status Organisation(const std::string& id, const kumppani::v1::Date& as_of,
                            std::vector<kumppani::v1::OrganisationView>& out);
  grpc::Status Programmes(const std::vector<kumppani::v1::GrantView>& grants,
                          std::vector<kumppani::v1::GrantProgrammeView>& out);
  grpc::Status Grants(const ExportSelection& selection, std::vector<kumppani::v1::GrantView>& out);
  // Fills the point: position, its recorded time, as_of, region.
  grpc::Status FinishPoint(const ExportSelection& selection, exports::ReadPoint& point);

  ContextFactory new_context_;
  std::unique_ptr<kumppani::v1::LedgerService::Stub> ledger_;
  std::unique_ptr<kumppani::v1::RegistryService::Stub> registry_;
  std::unique_ptr<kumppani::v1::ParticipationService::Stub> participation_;
  std::unique_ptr<kumppani::v1::GrantService::Stub> grants_;
  ExportSelection selection_;
  std::optional<uint64_t> pinned_;
};

}  // namespace kumppani::cli

#endif  // KUMPPANI_TOOLS_KUMPPANI_EXPORT_GATHER_H_
