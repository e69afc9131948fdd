// Request → store → response for the LedgerService's calls.
#include "api/ledger_operations.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "api/event_visibility.h"
#include "api/permissions.h"
#include "ledger/common/sha256.h"
#include "ledger/common/status_macros.h"
#include "ledger/store/append_validation.h"
#include "ledger/store/canonical_bytes.h"

namespace kumppani::api {
namespace {

constexpr std::string_view kPersonStreamPrefix = "person-";
// Most entries in each of a subscription's filter lists.
constexpr int kMaxFilterEntries = 100;

absl::StatusOr<size_t> PageSize(int32_t page_size, const PageLimits& limits) {
  if (page_size < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("page_size: must not be negative, got ", page_size));
  }
  if (page_size == 0) return limits.default_page_size;
  return std::min<size_t>(static_cast<size_t>(page_size), limits.max_page_size);
}

std::string HashString(const Hash& hash) { return std::string(HashBytes(hash)); }

}  // namespace

absl::StatusOr<store::AppendRequest> ToAppendRequest(const v1::AppendEventsRequest& request,
                                                     const std::string& actor) {
  store::AppendRequest append;
  append.stream_id = request.stream_id();
  switch (request.expected_version_case()) {
    case v1::AppendEventsRequest::kAny:
      append.expected_version = store::ExpectedVersion::Any();
      break;
    case v1::AppendEventsRequest::kNoStream:
      append.expected_version = store::ExpectedVersion::NoStream();
      break;
    case v1::AppendEventsRequest::kStreamExists:
      append.expected_version = store::ExpectedVersion::StreamExists();
      break;
    case v1::AppendEventsRequest::kExact:
      append.expected_version = store::ExpectedVersion::Exact(StreamVersion(request.exact()));
      break;
    case v1::AppendEventsRequest::EXPECTED_VERSION_NOT_SET:
    default:
      return absl::InvalidArgumentError(
          "expected_version: required; set one of any, no_stream, stream_exists or exact");
  }
  append.events.reserve(request.events_size());
  for (const v1::EventEnvelope& event : request.events()) {
    append.events.push_back(event);
    append.events.back().mutable_metadata()->set_actor(actor);
  }
  return append;
}

void ToAppendResponse(const store::AppendResult& result, v1::AppendEventsResponse& response) {
  response.set_first_position(result.first_position.value());
  response.set_last_position(result.last_position.value());
  response.set_stream_version(result.stream_version.value());
  for (const EventId& id : result.event_ids) response.add_event_ids(std::string(id.bytes()));
  response.set_replayed(result.replayed);
}

absl::Status ReadStreamPage(const store::EventStore& store, const Principal& principal,
                            const PageLimits& limits, const v1::ReadStreamRequest& request,
                            v1::ReadStreamResponse& response) {
  const std::string& stream_id = request.stream_id();
  KUMPPANI_RETURN_IF_ERROR(store::ValidateStreamId(stream_id, "stream_id"));
  if (!CanSeeStream(principal, stream_id)) {
    return absl::PermissionDeniedError(
        "stream_id: a public token may not read \"person-\" streams (personal data)");
  }
  KUMPPANI_ASSIGN_OR_RETURN(size_t limit, PageSize(request.page_size(), limits));
  store::Direction direction;
  switch (request.direction()) {
    case v1::READ_DIRECTION_UNSPECIFIED:
    case v1::READ_DIRECTION_FORWARD:
      direction = store::Direction::kForward;
      break;
    case v1::READ_DIRECTION_BACKWARD:
      direction = store::Direction::kBackward;
      break;
    default:
      return absl::InvalidArgumentError(
          absl::StrCat("direction: unknown value ", static_cast<int>(request.direction())));
  }
  bool forward = direction == store::Direction::kForward;
  StreamVersion from(request.from_version());
  if (from.IsNoStream()) {
    from = forward ? StreamVersion(1) : StreamVersion(std::numeric_limits<uint64_t>::max());
  }
  KUMPPANI_ASSIGN_OR_RETURN(std::vector<store::EventEnvelope> events,
                            store.ReadStream(stream_id, from, direction, limit));
  // Read after the events, so that it is never behind them.
  KUMPPANI_ASSIGN_OR_RETURN(StreamVersion current, store.CurrentVersion(stream_id));
  if (events.empty() && current.IsNoStream()) {
    return absl::NotFoundError(absl::StrCat("stream_id: stream \"", stream_id, "\" has no events"));
  }
  uint64_t next = request.from_version();
  if (!events.empty()) {
    uint64_t last = events.back().stream_version();
    next = forward ? last + 1 : last - 1;
  } else if (!forward) {
    next = 0;
  }
  response.set_next_version(next);
  response.set_end_of_stream(forward ? next > current.value() : next == 0);
  response.set_stream_version(current.value());
  for (store::EventEnvelope& event : events) {
    if (CanSeeEvent(principal, event)) *response.add_events() = std::move(event);
  }
  return absl::OkStatus();
}

absl::Status ReadAllPage(const store::EventStore& store, const Principal& principal,
                         const PageLimits& limits, const v1::ReadAllRequest& request,
                         v1::ReadAllResponse& response) {
  KUMPPANI_ASSIGN_OR_RETURN(size_t limit, PageSize(request.page_size(), limits));
  Position from(std::max<uint64_t>(request.from_position(), 1));
  KUMPPANI_ASSIGN_OR_RETURN(std::vector<store::EventEnvelope> events, store.ReadAll(from, limit));
  response.set_next_position(events.empty() ? from.value() : events.back().position() + 1);
  // Read after the events, so that it is never behind them.
  response.set_head_position(store.HeadPosition().value());
  for (store::EventEnvelope& event : events) {
    if (CanSeeEvent(principal, event)) *response.add_events() = std::move(event);
  }
  return absl::OkStatus();
}

absl::Status ProveEvent(const store::EventStore& store, const v1::GetEventRequest& request,
                        v1::EventWithProof& response) {
  if (request.position() == 0) {
    return absl::InvalidArgumentError("position: required (positions start at 1)");
  }
  Position position(request.position());
  KUMPPANI_ASSIGN_OR_RETURN(store::EventEnvelope event, store.ReadEvent(position));
  uint64_t head = store.HeadPosition().value();
  uint64_t tree_size = request.tree_size() == 0 ? head : request.tree_size();
  if (tree_size < position.value()) {
    return absl::InvalidArgumentError(
        absl::StrCat("tree_size: ", tree_size, " does not include position ", position.value()));
  }
  if (tree_size > head) {
    return absl::InvalidArgumentError(
        absl::StrCat("tree_size: ", tree_size, " is beyond the head ", head));
  }
  KUMPPANI_ASSIGN_OR_RETURN(Hash leaf, store.LeafHash(position));
  KUMPPANI_ASSIGN_OR_RETURN(std::vector<Hash> proof, store.InclusionProof(position, tree_size));
  response.set_event_bytes(store::CanonicalBytes(event));
  *response.mutable_event() = std::move(event);
  response.set_leaf_hash(HashString(leaf));
  response.set_tree_size(tree_size);
  for (const Hash& hash : proof) response.add_inclusion_proof(HashString(hash));
  return absl::OkStatus();
}

absl::Status LatestCheckpoint(const store::EventStore& store, const std::string& verifier_key,
                              v1::SignedCheckpoint& response) {
  KUMPPANI_ASSIGN_OR_RETURN(store::StoredCheckpoint checkpoint, store.LatestCheckpoint());
  response.set_tree_size(checkpoint.tree_size);
  response.set_note(std::move(checkpoint.note));
  response.set_verifier_key(verifier_key);
  return absl::OkStatus();
}

absl::Status ProveConsistency(const store::EventStore& store,
                              const v1::GetConsistencyProofRequest& request,
                              v1::ConsistencyProof& response) {
  if (request.old_size() == 0) {
    return absl::InvalidArgumentError(
        "old_size: must be at least 1 (every tree extends the empty tree; there is no proof)");
  }
  uint64_t head = store.HeadPosition().value();
  uint64_t new_size = request.new_size() == 0 ? head : request.new_size();
  if (new_size > head) {
    return absl::InvalidArgumentError(
        absl::StrCat("new_size: ", new_size, " is beyond the head ", head));
  }
  if (request.old_size() > new_size) {
    return absl::InvalidArgumentError(
        absl::StrCat("old_size: ", request.old_size(), " is larger than new_size ", new_size));
  }
  KUMPPANI_ASSIGN_OR_RETURN(std::vector<Hash> proof,
                            store.ConsistencyProof(request.old_size(), new_size));
  response.set_old_size(request.old_size());
  response.set_new_size(new_size);
  for (const Hash& hash : proof) response.add_hashes(HashString(hash));
  return absl::OkStatus();
}

absl::StatusOr<SubscriptionStart> ToSubscriptionStart(const store::EventStore& store,
                                                      const Principal& principal,
                                                      const v1::SubscribeRequest& request) {
  SubscriptionStart start;
  Position head = store.HeadPosition();
  switch (request.start_case()) {
    case v1::SubscribeRequest::kAfterHead:
      start.after = head;
      break;
    case v1::SubscribeRequest::kAfterPosition:
      start.after = Position(request.after_position());
      if (start.after > head) {
        return absl::OutOfRangeError(absl::StrCat("after_position: ", start.after.value(),
                                                  " is beyond the head ", head.value(),
                                                  "; the position was not seen in this log"));
      }
      break;
    case v1::SubscribeRequest::START_NOT_SET:
    default:
      start.after = Position(0);
      break;
  }
  if (request.stream_id_prefixes_size() > kMaxFilterEntries) {
    return absl::InvalidArgumentError(
        absl::StrCat("stream_id_prefixes: at most ", kMaxFilterEntries, " entries"));
  }
  if (request.event_types_size() > kMaxFilterEntries) {
    return absl::InvalidArgumentError(
        absl::StrCat("event_types: at most ", kMaxFilterEntries, " entries"));
  }
  for (int i = 0; i < request.stream_id_prefixes_size(); ++i) {
    const std::string& prefix = request.stream_id_prefixes(i);
    if (prefix.empty() || prefix.size() > store::kMaxStreamIdBytes) {
      return absl::InvalidArgumentError(absl::StrCat("stream_id_prefixes[", i, "]: must be 1 to ",
                                                     store::kMaxStreamIdBytes, " bytes"));
    }
    start.filter.stream_id_prefixes.push_back(prefix);
  }
  for (int i = 0; i < request.event_types_size(); ++i) {
    KUMPPANI_RETURN_IF_ERROR(
        store::ValidateEventType(request.event_types(i), absl::StrCat("event_types[", i, "]")));
    start.filter.event_types.insert(request.event_types(i));
  }
  start.filter.hide_person_streams = !CanSeeStream(principal, kPersonStreamPrefix);
  start.filter.withhold_private_participation = !Allows(principal.role, Action::kReadPersonalData);
  const std::vector<std::string>& prefixes = start.filter.stream_id_prefixes;
  auto person_only = [](const std::string& prefix) {
    return prefix.starts_with(kPersonStreamPrefix);
  };
  if (start.filter.hide_person_streams && !prefixes.empty() &&
      std::all_of(prefixes.begin(), prefixes.end(), person_only)) {
    return absl::PermissionDeniedError(
        "stream_id_prefixes: a public token may not read \"person-\" streams (personal data)");
  }
  return start;
}

}  // namespace kumppani::api
