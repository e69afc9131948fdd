// One event into projection tables, corrections included.
#include "ledger/projections/event_applier.h"

#include <utility>

#include "ledger/domain/event_codec.h"
#include "ledger/domain/stream_reader.h"

namespace kumppani::projections {
namespace {

std::vector<const ApplyTarget*> Wanting(const std::vector<ApplyTarget>& targets,
                                        std::string_view stream_id) {
  std::vector<const ApplyTarget*> wanting;
  for (const ApplyTarget& target : targets) {
    if (target.projection->Wants(stream_id)) wanting.push_back(&target);
  }
  return wanting;
}

// Applies the decoded `event` to the targets that want its stream.
absl::Status ApplyToWanting(const v1::EventEnvelope& envelope, const v1::Event& event,
                            const std::vector<const ApplyTarget*>& wanting,
                            const StreamSource& streams) {
  const std::string& stream_id = envelope.stream_id();
  const uint64_t position = envelope.position();

  if (!event.has_event_corrected() && !event.has_event_retracted()) {
    for (const ApplyTarget* target : wanting) {
      StreamRows rows(*target->writer, stream_id, position);
      target->projection->Apply(AppliedEvent{envelope, event}, rows);
    }
    return absl::OkStatus();
  }

  absl::StatusOr<std::vector<v1::EventEnvelope>> stored = streams(stream_id, position);
  if (!stored.ok()) return stored.status();
  absl::StatusOr<domain::LoadedStream> loaded =
      domain::BuildLoadedStream(stream_id, *std::move(stored));
  if (!loaded.ok()) return absl::OkStatus();
  for (const ApplyTarget* target : wanting) {
    StreamRows rows(*target->writer, stream_id, position);
    rows.ForgetAll();
    for (size_t i = 0; i < loaded->effective.size(); ++i) {
      const v1::EventEnvelope& original = loaded->envelopes[loaded->effective_index[i]];
      target->projection->Apply(AppliedEvent{original, loaded->effective[i]}, rows);
    }
  }
  return absl::OkStatus();
}

}  // namespace

bool AnyTargetWants(const std::vector<ApplyTarget>& targets, std::string_view stream_id) {
  for (const ApplyTarget& target : targets) {
    if (target.projection->Wants(stream_id)) return true;
  }
  return false;
}

absl::Status ApplyEvent(const v1::EventEnvelope& envelope, const std::vector<ApplyTarget>& targets,
                        const StreamSource& streams) {
  std::vector<const ApplyTarget*> wanting = Wanting(targets, envelope.stream_id());
  if (wanting.empty()) return absl::OkStatus();
  absl::StatusOr<v1::Event> event = domain::DecodeEvent(envelope);
  if (!event.ok()) return absl::OkStatus();
  return ApplyToWanting(envelope, *event, wanting, streams);
}

absl::Status ApplyDecodedEvent(const v1::EventEnvelope& envelope, const v1::Event& event,
                               const std::vector<ApplyTarget>& targets,
                               const StreamSource& streams) {
  std::vector<const ApplyTarget*> wanting = Wanting(targets, envelope.stream_id());
  if (wanting.empty()) return absl::OkStatus();
  return ApplyToWanting(envelope, event, wanting, streams);
}

}  // namespace kumppani::projections
