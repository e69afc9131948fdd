// Which stored events a caller may read through LedgerService (ReadStream,
// ReadAll, Subscribe). Events cannot be redacted without breaking their
// hashes, so an event a role may not see is withheld whole:
//
//   - public tokens never see "person-" streams (pseudonymous ciphertext);
//   - roles without personal data (ngo, public) never see an event that
//     tells that a private person took part in a consultation: a
//     SubmissionReceived whose submitter is a person (who took part and
//     what a resident wrote), or a correction of one. Statements of
//     organisations are public and stay visible.
//
// The query services apply the same rule to their views
// (participation_redaction.h, audit_redaction.h).
//
// Thread safety: pure functions.
#ifndef KUMPPANI_API_EVENT_VISIBILITY_H_
#define KUMPPANI_API_EVENT_VISIBILITY_H_

#include <string_view>

#include "api/principal.h"
#include "ledger/store/event_store.h"

namespace kumppani::api {

// False when `principal` may not see events of `stream_id` at all: a public
// token and "person-" streams.
bool CanSeeStream(const Principal& principal, std::string_view stream_id);

// True for a SubmissionReceived (or an EventCorrected replacing one) whose
// submitter is a person. An event whose payload does not parse counts as
// revealing (withheld rather than leaked).
bool RevealsPrivateParticipation(const store::EventEnvelope& event);

// CanSeeStream, and for roles without personal data not
// RevealsPrivateParticipation.
bool CanSeeEvent(const Principal& principal, const store::EventEnvelope& event);

}  // namespace kumppani::api

#endif  // KUMPPANI_API_EVENT_VISIBILITY_H_
