// Row names and index keys of the participation projections ("consultations",
// "submissions", "proposals", "decisions"), shared by their folds and queries.
//
// Index keys end in '/' after an id so that a prefix scan for one id never
// matches another id that merely starts with it (domain ids never contain
// '/'). Dates in keys are "YYYY-MM-DD", which sorts chronologically.
#ifndef KUMPPANI_LEDGER_PROJECTIONS_PARTICIPATION_PARTICIPATION_KEYS_H_
#define KUMPPANI_LEDGER_PROJECTIONS_PARTICIPATION_PARTICIPATION_KEYS_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "kumppani/v1/domain.pb.h"
#include "kumppani/v1/participation_views.pb.h"

namespace kumppani::projections::participation {

// Projection names (storage identifiers) and the stream prefixes they keep.
inline constexpr std::string_view kConsultations = "consultations";
inline constexpr std::string_view kSubmissions = "submissions";
inline constexpr std::string_view kProposals = "proposals";
inline constexpr std::string_view kDecisions = "decisions";
inline constexpr std::string_view kConsultationPrefix = "consultation-";
inline constexpr std::string_view kSubmissionPrefix = "submission-";
inline constexpr std::string_view kProposalPrefix = "proposal-";
inline constexpr std::string_view kDecisionPrefix = "decision-";
inline constexpr std::string_view kMeetingPrefix = "meeting-";

// Row names. The main row is "".
inline constexpr std::string_view kMainRow = "";
inline constexpr std::string_view kSummaryRow = "summary";          // consultation
inline constexpr std::string_view kExtensionRows = "extension/";    // + VersionKey
inline constexpr std::string_view kContentRow = "content";          // submission
inline constexpr std::string_view kInputRows = "input/";            // decision, + input id
inline constexpr std::string_view kAppealRows = "appeal/";          // decision, + VersionKey
inline constexpr std::string_view kCorrectionRows = "correction/";  // decision, + VersionKey
inline constexpr std::string_view kAnnulmentRow = "annulment";      // decision

// "YYYY-MM-DD" (zero-padded); "0000-00-00" for an unset date.
std::string DateKey(const v1::Date& date);
// A stream version as 20 zero-padded digits, so rows sort in log order.
std::string VersionKey(uint64_t version);

// consultations: by organiser, by body, by subject document hash and URI.
std::string OrganiserIndex(std::string_view organisation_id);
std::string ConsultationBodyIndex(std::string_view body_id);
std::string DocumentHashIndex(std::string_view sha256);
std::string DocumentUriIndex(std::string_view uri);

// submissions: by consultation (then arrival time), by submitter organisation
// and by organisation on whose behalf.
std::string SubmissionConsultationPrefix(std::string_view consultation_id);
std::string SubmissionConsultationIndex(std::string_view consultation_id,
                                        const v1::SubmissionSummary& summary);
std::string SubmitterIndex(std::string_view organisation_id);
std::string OnBehalfOfIndex(std::string_view organisation_id);

// proposals and decisions: by cited input.
std::string CitedInputIndex(std::string_view input_id);
// proposals: by receiving and proposing body.
std::string ToBodyIndex(std::string_view body_id);
std::string FromBodyIndex(std::string_view body_id);

// decisions: the register in date order, overall and per body.
inline constexpr std::string_view kRegisterByDate = "date/";  // + DateKey
std::string RegisterBodyPrefix(std::string_view body_id);     // "body/<id>/"

// True when `text` can be part of a row name or index key: the engine
// reserves '\0'. Ids from the low-level append API may contain anything, so
// folds skip the keys of ids that cannot be stored rather than fail.
inline bool Storable(std::string_view text) { return text.find('\0') == std::string_view::npos; }

// The kind of input an id names, from its category.
v1::InputKind InputKindOf(std::string_view input_id);

}  // namespace kumppani::projections::participation

#endif  // KUMPPANI_LEDGER_PROJECTIONS_PARTICIPATION_PARTICIPATION_KEYS_H_
