// Small builders for test events and append requests.
#ifndef KUMPPANI_TESTS_TESTING_EVENTS_H_
#define KUMPPANI_TESTS_TESTING_EVENTS_H_

#include <string>
#include <utility>
#include <vector>

#include "ledger/common/ids.h"
#include "ledger/store/event_store.h"

namespace kumppani::testing {

inline store::EventEnvelope MakeEvent(const std::string& type, const std::string& payload,
                                      const EventId& id = EventId::Random()) {
  store::EventEnvelope event;
  event.set_event_type(type);
  event.set_payload(payload);
  event.set_content_type("application/octet-stream");
  event.set_event_id(std::string(id.bytes()));
  return event;
}

inline store::AppendRequest MakeAppend(const std::string& stream,
                                       store::ExpectedVersion expected,
                                       std::vector<store::EventEnvelope> events) {
  store::AppendRequest request;
  request.stream_id = stream;
  request.expected_version = expected;
  request.events = std::move(events);
  return request;
}

}  // namespace kumppani::testing

#endif  // KUMPPANI_TESTS_TESTING_EVENTS_H_
