// Row names and index keys of the grants area's projections, shared by the
// folds that write them and the queries that read them.
//
// "grant_programmes" (streams programme-…):
//   main row ""          GrantProgrammeView
//   index "funder/<organisation id>/", "region/<organisation id>/",
//         "year/<yyyy>/"
// "grants" (streams grant-…):
//   main row ""          GrantApplied (the application, as recorded)
//   "e/<stream version>" GrantEntry, one per later event, version zero-padded
//                        to 20 digits so that names sort in stream order
//   index "org/<applicant id>/", "programme/<programme id>/", "year/<yyyy>/"
//
// Index keys end in '/', which no id contains, so a key is never a prefix of
// another one: a prefix scan of one key returns exactly its entries.
#ifndef KUMPPANI_LEDGER_PROJECTIONS_GRANTS_GRANT_ROWS_H_
#define KUMPPANI_LEDGER_PROJECTIONS_GRANTS_GRANT_ROWS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/projections/projection.h"

namespace kumppani::projections::grants {

inline constexpr std::string_view kProgrammesProjection = "grant_programmes";
inline constexpr std::string_view kGrantsProjection = "grants";
inline constexpr std::string_view kProgrammeStreamPrefix = "programme-";
inline constexpr std::string_view kGrantStreamPrefix = "grant-";

// The main row of every aggregate.
inline constexpr std::string_view kMainRow = "";
// Prefix of a grant's entry rows.
inline constexpr std::string_view kEntryPrefix = "e/";

// "e/" + `stream_version` as 20 decimal digits.
std::string EntryRowName(uint64_t stream_version);

// Grants index keys.
std::string RecipientIndexKey(std::string_view organisation_id);
std::string ProgrammeIndexKey(std::string_view programme_id);
// Shared by both projections (a programme's or a grant's year).
std::string YearIndexKey(int32_t year);

// Programmes index keys.
std::string FunderIndexKey(std::string_view organisation_id);
std::string RegionIndexKey(std::string_view organisation_id);

// Moves the stream's index entries from `old_keys` to `new_keys`: removes
// the old keys that are not new and adds the new ones (never removes and
// re-adds one key).
void ReplaceIndexes(const std::vector<std::string>& old_keys,
                    const std::vector<std::string>& new_keys, AggregateRows& rows);

}  // namespace kumppani::projections::grants

#endif  // KUMPPANI_LEDGER_PROJECTIONS_GRANTS_GRANT_ROWS_H_
