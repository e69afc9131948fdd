// Full verification of a log: re-hashes every event from its content and
// checks it against the stored Merkle tree. Independent of the store's tree
// code: leaves and the root are recomputed here from RFC 9162's definitions.
//
// Thread safety: VerifyLog may run while appends continue; it verifies the
// log up to the head it sees when it starts.
#ifndef KUMPPANI_LEDGER_AUDIT_LOG_VERIFIER_H_
#define KUMPPANI_LEDGER_AUDIT_LOG_VERIFIER_H_

#include <cstdint>
#include <functional>
#include <optional>

#include "absl/status/statusor.h"
#include "ledger/common/sha256.h"
#include "ledger/store/event_store.h"

namespace kumppani::audit {

struct LogVerification {
  uint64_t tree_size = 0;  // events verified: positions 1..tree_size
  Hash root{};             // the root recomputed from the events
};

// Called every `kProgressEvery` events and at the end with (verified, total).
using VerifyProgress = std::function<void(uint64_t verified, uint64_t total)>;
inline constexpr uint64_t kVerifyProgressEvery = 100'000;

// Reads every event, recomputes its leaf hash from its canonical bytes
// (deterministic re-serialization of the envelope) and compares it with the
// stored leaf; then compares the recomputed root with the stored root.
// DATA_LOSS naming the first position that does not match (or that cannot be
// read); OK with the verified size and root otherwise.
absl::StatusOr<LogVerification> VerifyLog(const store::EventStore& store,
                                          const VerifyProgress& progress = {});

struct VerifyOptions {
  // Progress is reported every this many events, and at the end; 0: only at
  // the end. Default: kVerifyProgressEvery.
  uint64_t progress_every = kVerifyProgressEvery;
  // Polled before each page of events is read; once it returns true the
  // verification stops with CANCELLED. Default: never.
  std::function<bool()> cancelled;
};

// VerifyLog with options (the form above uses the defaults).
absl::StatusOr<LogVerification> VerifyLog(const store::EventStore& store,
                                          const VerifyProgress& progress,
                                          const VerifyOptions& options);

// The position a DATA_LOSS of VerifyLog names ("position N: ..."): the first
// event that does not verify. nullopt for any other status, and for a root
// mismatch ("tree size N: ..."), where every event matched its stored leaf
// but the stored interior nodes do not.
std::optional<uint64_t> FirstBadPosition(const absl::Status& status);

}  // namespace kumppani::audit

#endif  // KUMPPANI_LEDGER_AUDIT_LOG_VERIFIER_H_
