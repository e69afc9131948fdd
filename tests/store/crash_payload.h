// The crash test's payload: 256 bytes derived from the event id, so that a
// reader can tell a whole event from a torn or altered one.
#ifndef KUMPPANI_TESTS_STORE_CRASH_PAYLOAD_H_
#define KUMPPANI_TESTS_STORE_CRASH_PAYLOAD_H_

#include <string>

#include "ledger/common/ids.h"

namespace kumppani::testing {

inline std::string CrashPayload(const EventId& id) {
  std::string text = id.ToString();
  std::string payload;
  while (payload.size() < 256) payload += text;
  payload.resize(256);
  return payload;
}

}  // namespace kumppani::testing

#endif  // KUMPPANI_TESTS_STORE_CRASH_PAYLOAD_H_
