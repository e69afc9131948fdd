// Storage layout of the registry projections ("organisations", "persons",
// "bodies", "calls", "meetings"): their names, the streams they keep, row
// names and index keys. Folds and queries both build keys here and nowhere
// else.
//
// Ids are put into keys through KeyPart, which leaves well-formed domain ids
// unchanged and escapes anything that could break a key ('/', '%', control
// bytes), so an index key ending in "<id>/" never matches another id that
// merely starts with it. Dates in keys are "YYYY-MM-DD", which sorts
// chronologically; stream versions are 20 zero-padded digits (log order).
#ifndef KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_REGISTRY_KEYS_H_
#define KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_REGISTRY_KEYS_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "kumppani/v1/domain.pb.h"

namespace kumppani::projections::registry {

// Projection names (storage identifiers) and the stream prefixes they keep.
inline constexpr std::string_view kOrganisations = "organisations";
inline constexpr std::string_view kPersons = "persons";
inline constexpr std::string_view kBodies = "bodies";
inline constexpr std::string_view kCalls = "calls";
inline constexpr std::string_view kMeetings = "meetings";
inline constexpr std::string_view kOrganisationPrefix = "org-";
inline constexpr std::string_view kPersonPrefix = "person-";
inline constexpr std::string_view kBodyPrefix = "body-";
inline constexpr std::string_view kCallPrefix = "call-";
inline constexpr std::string_view kMeetingPrefix = "meeting-";

// Every aggregate's main row.
inline constexpr std::string_view kMainRow = "";

// One '/'-free part of a key: `id` with '%', '/' and bytes below 0x20 as %XX.
std::string KeyPart(std::string_view id);
// "YYYY-MM-DD" (fields clamped to 0..9999 / 0..99); "0000-00-00" when unset.
std::string DateKey(const v1::Date& date);
// A stream version as 20 zero-padded digits.
std::string VersionKey(uint64_t version);

// ---- organisations: main row only.
// Index: organisations of one kind, "kind/<n>/".
std::string KindIndex(v1::OrganisationKind kind);
// Index: one identifier, "ident/<scheme>/<value>"; association register
// numbers without their thousands dots, so "192.473" finds "192473".
std::string IdentifierIndex(v1::IdentifierScheme scheme, std::string_view value);
// Index: organisations that merged into or were succeeded by `successor`,
// "pred/<successor>/".
std::string PredecessorIndex(std::string_view successor_id);

// ---- bodies.
std::string SeatRow(std::string_view seat_id);  // "seat/<id>"
inline constexpr std::string_view kSeatRows = "seat/";
std::string MembershipRow(std::string_view membership_id);  // "m/<id>"
inline constexpr std::string_view kMembershipRows = "m/";
std::string MandateRow(const v1::Date& effective_on, uint64_t version);  // "mandate/<date>/<v>"
inline constexpr std::string_view kMandateRows = "mandate/";
std::string ContinuationRow(const v1::Date& effective_on, uint64_t version);  // "cont/<date>/<v>"
inline constexpr std::string_view kContinuationRows = "cont/";
// Membership history indexes, "<by>/<id>/<term start>/<membership id>" -> the
// body; a prefix of each lists one person's, organisation's or body's
// memberships by term start.
std::string MembershipByPersonPrefix(std::string_view person_id);
std::string MembershipByOrganisationPrefix(std::string_view organisation_id);
std::string MembershipByBodyPrefix(std::string_view body_id);
std::string MembershipIndex(std::string_view prefix, const v1::Date& term_start,
                            std::string_view membership_id);

// ---- calls.
std::string CallEntryRow(std::string_view entry_id);  // "e/<id>"
inline constexpr std::string_view kCallEntryRows = "e/";
// Index: the calls of a body by opening day, "body/<id>/<opens_on>".
std::string CallByBodyPrefix(std::string_view body_id);
std::string CallByBodyIndex(std::string_view body_id, const v1::Date& opens_on);

// ---- meetings.
inline constexpr std::string_view kMinutesRow = "minutes";
// Index: a body's meetings by day, "body/<id>/<held_on>".
std::string MeetingByBodyPrefix(std::string_view body_id);
// Index: all meetings by day, "date/<held_on>".
inline constexpr std::string_view kMeetingByDatePrefix = "date/";
std::string MeetingIndex(std::string_view prefix, const v1::Date& held_on);

}  // namespace kumppani::projections::registry

#endif  // KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_REGISTRY_KEYS_H_
