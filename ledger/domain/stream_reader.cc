// Stream reading and the correction-aware derivation of effective events.
#include "ledger/domain/stream_reader.h"

#include <map>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "ledger/domain/event_codec.h"

namespace kumppani::domain {
namespace {

constexpr size_t kPageSize = 1000;

}  // namespace

absl::StatusOr<v1::Event> UnpackReplacement(const google::protobuf::Any& replacement) {
  const std::string& url = replacement.type_url();
  std::string full_name = url.substr(url.rfind('/') + 1);
  const google::protobuf::Descriptor* type =
      google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(full_name);
  if (type == nullptr || type->file() != v1::Event::descriptor()->file() ||
      !IsDomainEventType(type->name()) || type == v1::Event::descriptor()) {
    return absl::DataLossError(
        absl::StrCat("replacement: type \"", url, "\" is not a domain event"));
  }
  v1::EventEnvelope envelope;
  envelope.set_event_type(type->name());
  envelope.set_content_type(kProtobufContentType);
  envelope.set_payload(replacement.value());
  absl::StatusOr<v1::Event> event = DecodeEvent(envelope);
  if (!event.ok()) return absl::DataLossError(absl::StrCat("replacement: ", event.status().message()));
  return event;
}

absl::StatusOr<LoadedStream> BuildLoadedStream(std::string stream_id,
                                               std::vector<v1::EventEnvelope> envelopes) {
  LoadedStream loaded;
  loaded.stream_id = std::move(stream_id);
  loaded.envelopes = std::move(envelopes);
  loaded.version = StreamVersion(loaded.envelopes.size());
  std::set<std::string> retracted;
  std::map<std::string, v1::Event> replacements;
  for (const v1::EventEnvelope& envelope : loaded.envelopes) {
    absl::StatusOr<v1::Event> event = DecodeEvent(envelope);
    if (!event.ok()) return event.status();
    if (event->has_event_retracted()) {
      retracted.insert(event->event_retracted().target_event_id());
    } else if (event->has_event_corrected()) {
      absl::StatusOr<v1::Event> replacement =
          UnpackReplacement(event->event_corrected().replacement());
      if (!replacement.ok()) return replacement.status();
      // A later correction of the same event wins.
      replacements[event->event_corrected().target_event_id()] = *std::move(replacement);
    }
    loaded.decoded.push_back(*std::move(event));
  }
  for (size_t i = 0; i < loaded.decoded.size(); ++i) {
    const v1::Event& event = loaded.decoded[i];
    if (event.has_event_corrected() || event.has_event_retracted()) continue;
    const std::string& id = loaded.envelopes[i].event_id();
    if (retracted.contains(id)) continue;
    auto replacement = replacements.find(id);
    loaded.effective.push_back(replacement == replacements.end() ? event : replacement->second);
    loaded.effective_index.push_back(i);
  }
  return loaded;
}

absl::StatusOr<LoadedStream> ReadLoadedStream(const store::EventStore& store,
                                              const std::string& stream_id) {
  std::vector<v1::EventEnvelope> all;
  StreamVersion from(1);
  while (true) {
    absl::StatusOr<std::vector<v1::EventEnvelope>> page =
        store.ReadStream(stream_id, from, store::Direction::kForward, kPageSize);
    if (!page.ok()) return page.status();
    size_t count = page->size();
    for (v1::EventEnvelope& envelope : *page) all.push_back(std::move(envelope));
    if (count < kPageSize) break;
    from = StreamVersion(all.back().stream_version() + 1);
  }
  return BuildLoadedStream(stream_id, std::move(all));
}

}  // namespace kumppani::domain
