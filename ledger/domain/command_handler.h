// The command handler: the one place where commands become stored events.
//
// Execute() validates a command against the current state of its aggregate
// (read from the store by folding the aggregate's stream) and of the
// aggregates it refers to, and appends the resulting events to the
// aggregate's stream with ExpectedVersion::Exact(version read). Two
// concurrent commands on one aggregate therefore cannot both win: the loser
// gets ABORTED from the store, and Execute retries it from a fresh read (up
// to max_attempts times) before returning ABORTED to the caller. Reference
// checks are reads at the time of the command (see references.h).
//
// Idempotency: the events' ids are derived from the command's request_id
// (first 16 bytes of SHA-256("kumppani.event-id.v1" || request_id || 0x00 ||
// index as 4 big-endian bytes), with RFC 9562 version 8 and variant bits);
// the envelope's correlation_id is derived the same way from the request_id
// and the command's content. Re-sending a command with the same request_id
// returns the original result with replayed = true; the same request_id with
// other content is ALREADY_EXISTS.
//
// Privacy: RegisterPerson creates the person's key in the store's key vault
// (or reuses one left by a failed attempt) and seals the personal data with
// it before appending; the clear data never reaches the log, and it is left
// out of the correlation fingerprint. ErasePerson appends PersonErased and
// then destroys the key (KeyVault::DestroyKey deletes, flushes and compacts);
// re-running it after a failure in between finishes the destruction.
//
// Envelopes: event_type = the payload's message name, content type
// application/x-protobuf, schema version 1, metadata.actor = `actor`,
// effective_at = 00:00 Finnish time of the event's date (event_codec.h).
//
// Thread safety: Execute may be called concurrently from any thread.
#ifndef KUMPPANI_LEDGER_DOMAIN_COMMAND_HANDLER_H_
#define KUMPPANI_LEDGER_DOMAIN_COMMAND_HANDLER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "kumppani/v1/commands.pb.h"
#include "kumppani/v1/events.pb.h"
#include "ledger/common/clock.h"
#include "ledger/common/ids.h"
#include "ledger/store/event_store.h"

namespace kumppani::domain {

struct CommandResult {
  // The aggregate's stream the events went to.
  std::string stream_id;
  Position first_position;
  Position last_position;
  // The stream's version after the command's last event.
  StreamVersion stream_version;
  std::vector<EventId> event_ids;
  // The events as appended (PersonRegistered carries only ciphertext).
  std::vector<v1::Event> events;
  // True when the command was a retry of one already recorded.
  bool replayed = false;
};

struct CommandHandlerOptions {
  // How many times a command is tried when a concurrent write to its
  // aggregate makes the append fail with ABORTED. Default: 5.
  int max_attempts = 5;
};

class CommandHandler {
 public:
  // `store` and `clock` must outlive the handler.
  CommandHandler(store::EventStore& store, const Clock& clock, CommandHandlerOptions options = {});

  // Errors: INVALID_ARGUMENT (malformed command; names the field),
  // NOT_FOUND (missing aggregate or reference), ALREADY_EXISTS (id taken, or
  // request_id reused for another command), FAILED_PRECONDITION (a domain
  // rule; names the rule and the state), ABORTED (still conflicting after
  // max_attempts), and store errors. Nothing is written on error.
  absl::StatusOr<CommandResult> Execute(const v1::Command& command, const std::string& actor);

  // The stream a command writes to: the value of its first field (the
  // aggregate id; for corrections, stream_id). INVALID_ARGUMENT when the
  // command is empty.
  static absl::StatusOr<std::string> TargetStream(const v1::Command& command);

  // The id of the `index`-th event of the command with `request_id`.
  static EventId DeriveEventId(const std::string& request_id, uint32_t index);

 private:
  absl::StatusOr<CommandResult> Attempt(const v1::Command& command, const std::string& actor,
                                        const std::string& stream_id);

  store::EventStore& store_;
  const Clock& clock_;
  const CommandHandlerOptions options_;
};

}  // namespace kumppani::domain

#endif  // KUMPPANI_LEDGER_DOMAIN_COMMAND_HANDLER_H_
