// OCDS-style (https://standard.open-contracting.org/, schema 1.1) release and
// record packages for consultations and grant cases. Consultations are not
// procurement: the mapping borrows OCDS's process model (a call, responses,
// an award, payments) so that open-contracting tools can read the ledger,
// and says so in every package; docs/exports.md lists which fields carry
// what.
//
// One ocid per case ("ocds-kumppani-" + the consultation or grant id), one
// release per event that changed the case (opening, deadline extension, an
// organisation's submission, closing, published summary; application,
// award or rejection, instalment, extension, report, acceptance, return,
// reclaim), each a partial release dated by the event (00:00 Finnish time
// for civil dates, the recorded instant for submissions) and carrying only
// what that event added. A record compiles a case's releases with a
// compiled release built from the case's view as a whole.
//
// Privacy: persons never appear. A submission by a private person is
// counted (numberOfTenderers) but neither named nor given a release.
//
// Pure and deterministic: the same input gives the same bytes.
#ifndef KUMPPANI_TOOLS_KUMPPANI_EXPORT_OCDS_H_
#define KUMPPANI_TOOLS_KUMPPANI_EXPORT_OCDS_H_

#include <string>
#include <vector>

#include "kumppani/v1/grants_views.pb.h"
#include "kumppani/v1/participation_views.pb.h"
#include "kumppani/v1/registry_views.pb.h"
#include "tools/kumppani/export/export_common.h"
#include "tools/kumppani/export/json.h"

namespace kumppani::exports {

// The cases of an OCDS export and what they refer to, read at one position.
struct OcdsInput {
  // Consultation cases (GetConsultation views), in the order to export.
  std::vector<kumppani::v1::ConsultationView> consultations;
  // Grant cases (GetGrant / ListGrants views), in the order to export.
  std::vector<kumppani::v1::GrantView> grants;
  // The grants' programmes.
  std::vector<kumppani::v1::GrantProgrammeView> programmes;
  // Every organisation the cases name (organisers, invitees, submitters,
  // funders, applicants); one missing is named by its id.
  std::vector<kumppani::v1::OrganisationView> organisations;
  // The bodies on whose behalf consultations consult.
  std::vector<kumppani::v1::BodyView> bodies;
  // The command line that made the export, without the read point's flags
  // (stated in the package so that it can be rebuilt), e.g.
  // "kumppani export ocds --consultation consultation-ks-jarjestamissuunnitelma-v3".
  std::string command = "kumppani export ocds";
};

// One case's releases, in date order, and its compiled release.
struct OcdsCase {
  std::string ocid;
  std::vector<Json> releases;
  Json compiled_release;
};

// The cases of the input: consultations first, then grants.
std::vector<OcdsCase> OcdsCases(const OcdsInput& input);
// A consultation's / a grant's case.
OcdsCase ConsultationCase(const kumppani::v1::ConsultationView& consultation,
                          const OcdsInput& input);
OcdsCase GrantCase(const kumppani::v1::GrantView& grant, const OcdsInput& input);

// A release package of every case's releases.
Json OcdsReleasePackage(const OcdsInput& input, const ReadPoint& point);
// A record package: one record per case, its releases embedded, with its
// compiled release.
Json OcdsRecordPackage(const OcdsInput& input, const ReadPoint& point);

}  // namespace kumppani::exports

#endif  // KUMPPANI_TOOLS_KUMPPANI_EXPORT_OCDS_H_
