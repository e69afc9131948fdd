// load_soak's acknowledged writes and the end check of the log.
#include "bench/load_soak_acks.h"

#include <algorithm>
#include <cstring>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "bench/load_soak_client.h"

namespace kumppani::bench {
namespace {

EventId16 ToId(const std::string& bytes) {
  EventId16 id{};
  std::memcpy(id.data(), bytes.data(), std::min(bytes.size(), id.size()));
  return id;
}

std::string Hex(const EventId16& id) {
  return absl::BytesToHexString(absl::string_view(id.data(), id.size()));
}

constexpr size_t kSamples = 10;

void Fail(LogCheck& check, const std::string& what) {
  if (check.samples.size() < kSamples) check.samples.push_back(what);
  ++check.failures;
}

// Reads the whole log into `ids` (index = position - 1), checking that
// positions run 1, 2, 3, ...
absl::Status ReadLog(v1::LedgerService::Stub& ledger, const std::string& token,
                     std::vector<EventId16>& ids, LogCheck& check) {
  uint64_t from = 1;
  for (;;) {
    grpc::ClientContext context;
    PrepareContext(context, token, 120);
    v1::ReadAllRequest request;
    request.set_from_position(from);
    request.set_page_size(1000);
    v1::ReadAllResponse page;
    grpc::Status status = ledger.ReadAll(&context, request, &page);
    if (!status.ok()) {
      return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                          absl::StrCat("ReadAll from ", from, ": ", status.error_message()));
    }
    for (const v1::EventEnvelope& event : page.events()) {
      if (event.position() != ids.size() + 1) {
        Fail(check, absl::StrCat("ReadAll gave position ", event.position(), " where ",
                                 ids.size() + 1, " was due"));
      }
      ids.push_back(ToId(event.event_id()));
    }
    check.head = page.head_position();
    if (page.next_position() > page.head_position()) return absl::OkStatus();
    if (page.next_position() <= from) {
      return absl::InternalError(absl::StrCat("ReadAll from ", from, " did not move on (next ",
                                              page.next_position(), ")"));
    }
    from = page.next_position();
  }
}

}  // namespace

void AckLog::Acknowledged(uint64_t first_position,
                          const google::protobuf::RepeatedPtrField<std::string>& ids) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (int i = 0; i < ids.size(); ++i) {
      acked_.push_back({first_position + static_cast<uint64_t>(i), ToId(ids[i])});
    }
  }
  events_.fetch_add(static_cast<uint64_t>(ids.size()), std::memory_order_relaxed);
  const uint64_t last = first_position + static_cast<uint64_t>(ids.size()) - 1;
  uint64_t seen = max_position_.load(std::memory_order_relaxed);
  while (last > seen && !max_position_.compare_exchange_weak(seen, last)) {
  }
}

void AckLog::Refused(const google::protobuf::RepeatedPtrField<v1::EventEnvelope>& events) {
  std::lock_guard<std::mutex> lock(mu_);
  for (const v1::EventEnvelope& event : events) refused_.push_back(ToId(event.event_id()));
}

std::vector<AckLog::AckedEvent> AckLog::Acked() const {
  std::lock_guard<std::mutex> lock(mu_);
  return acked_;
}

std::vector<EventId16> AckLog::RefusedIds() const {
  std::lock_guard<std::mutex> lock(mu_);
  return refused_;
}

absl::StatusOr<LogCheck> CheckLog(v1::LedgerService::Stub& ledger, const std::string& token,
                                  const AckLog& acks, bool fresh) {
  LogCheck check;
  std::vector<EventId16> log;
  if (absl::Status status = ReadLog(ledger, token, log, check); !status.ok()) return status;
  check.read = log.size();
  if (check.read != check.head) {
    Fail(check, absl::StrCat("ReadAll gave ", check.read, " events for head ", check.head));
  }

  std::vector<AckLog::AckedEvent> acked = acks.Acked();
  check.acknowledged = acked.size();
  std::sort(acked.begin(), acked.end(),
            [](const auto& a, const auto& b) { return a.position < b.position; });
  for (size_t i = 0; i < acked.size(); ++i) {
    const AckLog::AckedEvent& event = acked[i];
    if (i > 0 && acked[i - 1].position == event.position) {
      Fail(check, absl::StrCat("two acknowledged writes claim position ", event.position));
    }
    if (event.position == 0 || event.position > log.size()) {
      Fail(check, absl::StrCat("acknowledged event ", Hex(event.id), " at position ",
                               event.position, " is beyond the log (", log.size(), " events)"));
    } else if (log[event.position - 1] != event.id) {
      Fail(check, absl::StrCat("position ", event.position, " holds event ",
                               Hex(log[event.position - 1]), ", acknowledged was ", Hex(event.id)));
    }
  }
  if (fresh && check.read != check.acknowledged) {
    Fail(check,
         absl::StrCat("the log holds ", check.read, " events but ", check.acknowledged,
                      " were acknowledged: ",
                      static_cast<int64_t>(check.read) - static_cast<int64_t>(check.acknowledged),
                      " nobody acknowledged"));
  }

  std::vector<EventId16> sorted = std::move(log);
  std::sort(sorted.begin(), sorted.end());
  for (size_t i = 1; i < sorted.size(); ++i) {
    if (sorted[i] == sorted[i - 1]) {
      Fail(check, absl::StrCat("event id ", Hex(sorted[i]), " occurs twice in the log"));
    }
  }
  const std::vector<EventId16> refused = acks.RefusedIds();
  check.refused = refused.size();
  for (const EventId16& id : refused) {
    if (std::binary_search(sorted.begin(), sorted.end(), id)) {
      Fail(check, absl::StrCat("event ", Hex(id),
                               " of an append refused as a conflict is in "
                               "the log"));
    }
  }
  return check;
}

}  // namespace kumppani::bench
