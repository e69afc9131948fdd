// What a report is built from: the answers of the query and audit RPCs, all
// read at one log position, and where that position came from. The gathering
// code (gather.h) fills these; the report builders (annual_report.h,
// trail_report.h) read them and never call anything.
//
// The vectors may come in any order: the builders sort everything
// themselves, so that the report's bytes do not depend on the order of the
// answers. Plain value types.
#ifndef KUMPPANI_TOOLS_KUMPPANI_REPORT_REPORT_DATA_H_
#define KUMPPANI_TOOLS_KUMPPANI_REPORT_REPORT_DATA_H_

#include <cstdint>
#include <string>
#include <vector>

#include "kumppani/v1/audit_views.pb.h"
#include "kumppani/v1/domain.pb.h"
#include "kumppani/v1/grants_views.pb.h"
#include "kumppani/v1/participation_views.pb.h"
#include "kumppani/v1/registry_views.pb.h"

namespace kumppani::report {

// Where every query of a report read the ledger, and the checkpoint that
// lets anyone check that it is the ledger everybody else sees.
//
// The report states the position by what it is, not by how it was chosen
// (except for the head and a time, which it names), so that building again
// with --known-at POSITION --as-of DATE gives the same bytes while the
// latest checkpoint is the same.
struct Provenance {
  // How `position` was chosen.
  enum class PositionSource {
    kCheckpoint,     // the latest signed checkpoint's tree size (the default)
    kHead,           // the head when the report was built (no checkpoint readable)
    kGivenPosition,  // --known-at POSITION
    kGivenTime,      // --known-at TIME: the last event recorded at or before it
  };
  // Whether a checkpoint could be read.
  enum class CheckpointState {
    kPresent,
    kNotPermitted,  // the token's role may not read checkpoints
    kNoneYet,       // the server has signed none yet
  };

  // known_at.position of every query; every answer's read_position.
  uint64_t position = 0;
  PositionSource source = PositionSource::kCheckpoint;
  // With kGivenTime: the time as given, normalised to RFC 3339 UTC.
  std::string given_time;
  // The effective date of every query; unset (year 0) = none (everything
  // in force as known at the position).
  v1::Date as_of;

  CheckpointState checkpoint = CheckpointState::kNoneYet;
  // With kPresent, from the latest signed checkpoint's note (not verified
  // here: `kumppani verify` does that against a trusted key).
  std::string checkpoint_origin;
  uint64_t checkpoint_tree_size = 0;
  std::string checkpoint_root_hash;  // base64, as in the note
  std::string checkpoint_signer;     // "<key name>+<8 hex digits of the key id>"

  // The command line that rebuilds the report at the same point, without
  // the global options (server, token): e.g. "kumppani report trail
  // decision-x --known-at 127 --format html".
  std::string rebuild_command;
};

// The annual cooperation report of a region.
struct AnnualReportData {
  Provenance provenance;
  int year = 0;
  // The region on as_of.
  v1::OrganisationView region;
  // Every organisation known at the position, on as_of (for names).
  std::vector<v1::OrganisationView> organisations;
  // The region's bodies: those whose parent organisation is the region or
  // one of its sub-organisations, each on as_of.
  std::vector<v1::BodyView> bodies;
  // Every membership of those bodies, as known at the position.
  std::vector<v1::MembershipView> memberships;
  // The region's consultations (organised by it, or for one of its bodies)
  // that opened in the year, each on as_of.
  std::vector<v1::ConsultationView> consultations;
  // The influence trail, on as_of, of each decision of the region's bodies
  // decided in the year (by as_of).
  std::vector<v1::InfluenceTrail> decisions;
  // The grants of the region's programmes applied for in the year, on as_of.
  std::vector<v1::GrantView> grants;
  // Their totals grouped by programme, with the grand total.
  v1::GrantTotals grant_totals;
  // The region's programmes (for titles).
  std::vector<v1::GrantProgrammeView> programmes;
  // Outstanding duties of the region on as_of (all of them, not only the
  // year's).
  std::vector<v1::UnassessedSubmission> unassessed_submissions;
  std::vector<v1::UninformedInput> uninformed_inputs;
  // AuditService.GetCoverageStatistics for the year.
  v1::CoverageStatistics coverage;
};

// The influence trail of one decision.
struct TrailReportData {
  Provenance provenance;
  v1::InfluenceTrail trail;
  // The decision in full (text, meeting, appeals, annulment).
  v1::DecisionView decision;
  // The organisations and bodies the trail names, for their names; ids
  // missing here are shown as ids.
  std::vector<v1::OrganisationView> organisations;
  std::vector<v1::BodyView> bodies;
};

}  // namespace kumppani::report

#endif  // KUMPPANI_TOOLS_KUMPPANI_REPORT_REPORT_DATA_H_
