// Group planning: idempotent retries, expected-version checks, assignment of
// positions, versions and recorded_at.
#include "ledger/store/append_planner.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/message_differencer.h"
#include "ledger/common/status_macros.h"
#include "ledger/store/canonical_bytes.h"

namespace kumppani::store {
namespace {

std::string VersionText(StreamVersion version) {
  return version.IsNoStream() ? "no stream" : absl::StrCat("version ", version.value());
}

}  // namespace

bool SameContent(const EventEnvelope& proposed, const EventEnvelope& stored) {
  using google::protobuf::util::MessageDifferencer;
  if (proposed.stream_id() != stored.stream_id() ||
      proposed.event_type() != stored.event_type() ||
      proposed.content_type() != stored.content_type() ||
      proposed.schema_version() != stored.schema_version() ||
      proposed.payload() != stored.payload() ||
      !MessageDifferencer::Equals(proposed.metadata(), stored.metadata())) {
    return false;
  }
  return !proposed.has_effective_at() ||
         MessageDifferencer::Equals(proposed.effective_at(), stored.effective_at());
}

AppendPlanner::AppendPlanner(const WrittenLog& log, const Clock& clock, Position head,
                             int64_t last_recorded_micros)
    : log_(log), clock_(clock), head_(head), last_recorded_micros_(last_recorded_micros) {}

void AppendPlanner::BeginGroup() {
  group_recorded_micros_ = std::max(clock_.NowMicros(), last_recorded_micros_);
  group_events_.clear();
  group_versions_.clear();
  group_ids_.clear();
}

absl::StatusOr<StreamVersion> AppendPlanner::VersionOf(const std::string& stream_id) {
  if (auto it = group_versions_.find(stream_id); it != group_versions_.end()) {
    return StreamVersion(it->second);
  }
  if (auto it = written_versions_.find(stream_id); it != written_versions_.end()) {
    return StreamVersion(it->second);
  }
  KUMPPANI_ASSIGN_OR_RETURN(StreamVersion version, log_.WrittenVersion(stream_id));
  if (written_versions_.size() >= kMaxCachedVersions) written_versions_.clear();
  written_versions_.emplace(stream_id, version.value());
  return version;
}

absl::StatusOr<std::optional<EventEnvelope>> AppendPlanner::FindEvent(const EventId& id) {
  if (auto it = group_ids_.find(id); it != group_ids_.end()) {
    return group_events_[it->second].envelope;
  }
  KUMPPANI_ASSIGN_OR_RETURN(std::optional<Position> position, log_.FindEventId(id));
  if (!position) return std::optional<EventEnvelope>();
  KUMPPANI_ASSIGN_OR_RETURN(EventEnvelope stored, log_.ReadWrittenEvent(*position));
  return std::optional<EventEnvelope>(std::move(stored));
}

absl::StatusOr<std::optional<AppendResult>> AppendPlanner::CheckRetry(
    const AppendRequest& request) {
  if (request.events.front().event_id().empty()) return std::optional<AppendResult>();
  std::vector<EventEnvelope> found;
  size_t missing = 0;
  for (size_t i = 0; i < request.events.size(); ++i) {
    const EventEnvelope& proposed = request.events[i];
    KUMPPANI_ASSIGN_OR_RETURN(EventId id, EventId::FromBytes(proposed.event_id(), "event_id"));
    KUMPPANI_ASSIGN_OR_RETURN(std::optional<EventEnvelope> stored, FindEvent(id));
    if (!stored) {
      ++missing;
      continue;
    }
    if (!SameContent(proposed, *stored)) {
      return absl::AlreadyExistsError(absl::StrCat(
          "events[", i, "].event_id: event ", id.ToString(), " already exists at position ",
          stored->position(), " with different content; an event id may be reused only to "
          "retry the identical event"));
    }
    found.push_back(*std::move(stored));
  }
  if (found.empty()) return std::optional<AppendResult>();
  if (missing > 0) {
    return absl::FailedPreconditionError(absl::StrCat(
        "events: ", found.size(), " of the append's event ids already exist and ", missing,
        " are new; an append is either all new events or an exact retry of an earlier one"));
  }
  for (size_t i = 1; i < found.size(); ++i) {
    if (found[i].position() != found[i - 1].position() + 1) {
      return absl::FailedPreconditionError(absl::StrCat(
          "events: the event ids already exist but not as one append in this order "
          "(events[", i, "] is at position ", found[i].position(), ", events[", i - 1,
          "] at ", found[i - 1].position(), "); a retry must resend the append unchanged"));
    }
  }
  AppendResult result;
  result.first_position = Position(found.front().position());
  result.last_position = Position(found.back().position());
  result.stream_version = StreamVersion(found.back().stream_version());
  result.replayed = true;
  for (const EventEnvelope& event : found) {
    result.event_ids.push_back(*EventId::FromBytes(event.event_id(), "event_id"));
  }
  return std::optional<AppendResult>(std::move(result));
}

absl::StatusOr<AppendResult> AppendPlanner::Plan(const AppendRequest& request) {
  KUMPPANI_ASSIGN_OR_RETURN(std::optional<AppendResult> retry, CheckRetry(request));
  if (retry) return *std::move(retry);

  KUMPPANI_ASSIGN_OR_RETURN(StreamVersion current, VersionOf(request.stream_id));
  if (!request.expected_version.IsSatisfiedBy(current)) {
    return absl::AbortedError(absl::StrCat(
        "stream \"", request.stream_id, "\": expected ", request.expected_version.ToString(),
        ", actual ", VersionText(current)));
  }

  Position next = group_events_.empty() ? head_.Next()
                                        : Position(group_events_.back().envelope.position() + 1);
  AppendResult result;
  result.first_position = next;
  int64_t micros = group_recorded_micros_;
  for (const EventEnvelope& proposed : request.events) {
    PlannedEvent planned;
    planned.envelope = proposed;
    EventEnvelope& event = planned.envelope;
    planned.id = proposed.event_id().empty()
                     ? EventId::Random()
                     : *EventId::FromBytes(proposed.event_id(), "event_id");
    event.set_event_id(std::string(planned.id.bytes()));
    event.set_position(next.value());
    current = current.Next();
    event.set_stream_version(current.value());
    event.mutable_recorded_at()->set_seconds(micros / 1'000'000);
    event.mutable_recorded_at()->set_nanos(static_cast<int32_t>(micros % 1'000'000) * 1000);
    if (!event.has_effective_at()) *event.mutable_effective_at() = event.recorded_at();
    planned.bytes = CanonicalBytes(event);
    result.event_ids.push_back(planned.id);
    group_ids_.emplace(planned.id, group_events_.size());
    group_events_.push_back(std::move(planned));
    result.last_position = next;
    next = next.Next();
  }
  group_versions_[request.stream_id] = current.value();
  result.stream_version = current;
  return result;
}

void AppendPlanner::CommitGroup() {
  if (!group_events_.empty()) {
    head_ = Position(group_events_.back().envelope.position());
    last_recorded_micros_ = group_recorded_micros_;
  }
  for (auto& [stream, version] : group_versions_) {
    if (written_versions_.size() >= kMaxCachedVersions) written_versions_.clear();
    written_versions_[stream] = version;
  }
  group_events_.clear();
  group_versions_.clear();
  group_ids_.clear();
}

void AppendPlanner::AbortGroup() {
  group_events_.clear();
  group_versions_.clear();
  group_ids_.clear();
}

}  // namespace kumppani::store
