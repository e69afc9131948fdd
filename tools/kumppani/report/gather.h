// Gathers a report's data from kumppanid: pins one log position (the latest
// signed checkpoint's tree size by default), then asks every query at that
// position (known_at.position on the first page of every listing; later
// pages carry it in their token), following next_page_token to the end.
// Every answer's read_position is checked against the pinned position, so a
// report is one consistent snapshot or fails.
//
// RPCs and the roles they need (docs/reports.md): LedgerService
// GetLatestCheckpoint (admin, recorder, auditor; other roles read at the
// head instead), and the registry, participation, grant and audit queries
// (every role).
//
// Errors are the server's grpc::Status with the RPC's name prefixed to the
// message; a read_position other than the pinned one is INTERNAL.
// Not thread-safe: one ReportClient per report.
#ifndef KUMPPANI_TOOLS_KUMPPANI_REPORT_GATHER_H_
#define KUMPPANI_TOOLS_KUMPPANI_REPORT_GATHER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "google/protobuf/timestamp.pb.h"
#include "grpcpp/grpcpp.h"
#include "kumppani/v1/audit_service.grpc.pb.h"
#include "kumppani/v1/grant_service.grpc.pb.h"
#include "kumppani/v1/ledger_service.grpc.pb.h"
#include "kumppani/v1/participation_service.grpc.pb.h"
#include "kumppani/v1/registry_service.grpc.pb.h"
#include "tools/kumppani/report/report_data.h"

namespace kumppani::report {

// Where and for when to read. At most one of position and time.
struct ReadPoint {
  std::optional<uint64_t> position;                 // --known-at POSITION
  std::optional<google::protobuf::Timestamp> time;  // --known-at TIME
  std::string time_text;                            // the time, RFC 3339 UTC
  v1::Date as_of;                                   // unset (year 0) = none
};

class ReportClient {
 public:
  using ContextFactory = std::function<std::unique_ptr<grpc::ClientContext>()>;

  ReportClient(const std::shared_ptr<grpc::Channel>& channel, ContextFactory new_context);

  // The annual report of `region_id` for `year` (see AnnualReportData).
  // Fills everything but provenance.rebuild_command.
  grpc::Status GatherAnnual(const std::string& region_id, int year, const ReadPoint& point,
                            AnnualReportData& data);

  // The trail report of `decision_id`. Fills everything but
  // provenance.rebuild_command.
  grpc::Status GatherTrail(const std::string& decision_id, const ReadPoint& point,
                           TrailReportData& data);

  // The pinned position (after a Gather… call).
  uint64_t position() const { return position_; }

  // Pins the position and fills the provenance (checkpoint, position, as_of).
  // Called by the Gather… functions.
  grpc::Status Pin(const ReadPoint& point, Provenance& provenance);

 private:
  // Every page of a listing at the pinned position: `call(context, request,
  // response)` per page, `take(response)` after each. Defined in gather.cc.
  template <typename Response, typename Request, typename Call, typename Take>
  grpc::Status ListAll(const char* rpc, Request request, Call call, Take take);

  // One call at the pinned position (request.known_at set here).
  template <typename Request, typename Response, typename Call>
  grpc::Status GetOne(const char* rpc, Request request, Call call, Response& response);

  grpc::Status CheckPosition(const char* rpc, uint64_t read_position) const;

  ContextFactory new_context_;
  std::unique_ptr<v1::LedgerService::Stub> ledger_;
  std::unique_ptr<v1::RegistryService::Stub> registry_;
  std::unique_ptr<v1::ParticipationService::Stub> participation_;
  std::unique_ptr<v1::GrantService::Stub> grants_;
  std::unique_ptr<v1::AuditService::Stub> audit_;
  uint64_t position_ = 0;
};

}  // namespace kumppani::report

#endif  // KUMPPANI_TOOLS_KUMPPANI_REPORT_GATHER_H_
