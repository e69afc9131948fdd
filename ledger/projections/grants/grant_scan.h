// Finding the grants a GrantFilter selects: argument checks, the join from a
// grant's programme to the programme's region, and a scan of candidate grant
// ids through the narrowest index the filter allows (programme, recipient,
// year, region's programmes) instead of every grant.
#ifndef KUMPPANI_LEDGER_PROJECTIONS_GRANTS_GRANT_SCAN_H_
#define KUMPPANI_LEDGER_PROJECTIONS_GRANTS_GRANT_SCAN_H_

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "kumppani/v1/events.pb.h"
#include "kumppani/v1/grants_views.pb.h"
#include "ledger/projections/row_view.h"

namespace kumppani::projections::grants {

// INVALID_ARGUMENT "filter.<field>: <rule>" for a malformed id or year.
absl::Status ValidateGrantFilter(const v1::GrantFilter& filter);

// INVALID_ARGUMENT "as_of: <rule>" when as_of is given and not a valid date.
absl::Status ValidateAsOf(const std::optional<v1::Date>& as_of);

// INVALID_ARGUMENT when two views that a query joins were not taken at the
// same position (their rows would not describe the same moment).
absl::Status RequireSamePosition(const RowView& grants, const RowView& programmes);

// The regions of programmes, read from the "grant_programmes" view once per
// programme. Not thread-safe; one per query.
class ProgrammeRegions {
 public:
  // `programmes` must outlive this object.
  explicit ProgrammeRegions(const RowView& programmes) : programmes_(programmes) {}

  // The region of `programme_id`; "" when the programme is unknown.
  absl::StatusOr<std::string> RegionOf(const std::string& programme_id);

 private:
  const RowView& programmes_;
  std::map<std::string, std::string> regions_;
};

// True when the application matches every set field of `filter`.
absl::StatusOr<bool> GrantMatches(const v1::GrantApplied& applied, const v1::GrantFilter& filter,
                                  ProgrammeRegions& regions);

// Return false to stop the scan.
using GrantIdVisitor = std::function<absl::StatusOr<bool>(std::string_view grant_id)>;

// Visits, in id order and strictly after `start_after` (empty: from the
// first), the ids of the grants that may match `filter` according to one
// index; the visitor checks the rest with GrantMatches. Returns the first
// error of a read or of the visitor.
absl::Status ScanCandidateGrants(const RowView& grants, const RowView& programmes,
                                 const v1::GrantFilter& filter, std::string_view start_after,
                                 const GrantIdVisitor& visit);

}  // namespace kumppani::projections::grants

#endif  // KUMPPANI_LEDGER_PROJECTIONS_GRANTS_GRANT_SCAN_H_
