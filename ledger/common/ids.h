// Strong types for the ledger's identifiers: log positions, stream versions and
// event ids (16-byte UUIDs). Value types; safe to copy and share between threads.
#ifndef KUMPPANI_LEDGER_COMMON_IDS_H_
#define KUMPPANI_LEDGER_COMMON_IDS_H_

#include <array>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace kumppani {

// A global position in the log. Positions are gap-free and start at 1;
// Position(0) means "before the first event" (an empty log's head).
class Position {
 public:
  constexpr Position() = default;
  constexpr explicit Position(uint64_t value) : value_(value) {}
  constexpr uint64_t value() const { return value_; }
  constexpr Position Next() const { return Position(value_ + 1); }
  friend constexpr auto operator<=>(Position, Position) = default;

 private:
  uint64_t value_ = 0;
};

// The version of a stream: the number of events in it. The first event of a
// stream has version 1; StreamVersion(0) means "no stream".
class StreamVersion {
 public:
  constexpr StreamVersion() = default;
  constexpr explicit StreamVersion(uint64_t value) : value_(value) {}
  constexpr uint64_t value() const { return value_; }
  constexpr bool IsNoStream() const { return value_ == 0; }
  constexpr StreamVersion Next() const { return StreamVersion(value_ + 1); }
  friend constexpr auto operator<=>(StreamVersion, StreamVersion) = default;

 private:
  uint64_t value_ = 0;
};

// A 16-byte event id (an RFC 9562 UUID). The all-zero id is the nil UUID and
// is never a valid event id.
class EventId {
 public:
  static constexpr size_t kSize = 16;

  constexpr EventId() = default;
  // A fresh random (version 4) UUID from OpenSSL's CSPRNG.
  static EventId Random();
  // Wraps 16 raw bytes. INVALID_ARGUMENT when `bytes` is not 16 bytes long or
  // is the nil UUID; `field` names the field in the error message.
  static absl::StatusOr<EventId> FromBytes(std::string_view bytes, absl::string_view field);
  // Parses the canonical text form "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx".
  static absl::StatusOr<EventId> Parse(std::string_view text, absl::string_view field);

  std::string_view bytes() const {
    return std::string_view(reinterpret_cast<const char*>(bytes_.data()), kSize);
  }
  bool IsNil() const;
  // Canonical lower-case text form.
  std::string ToString() const;
  friend auto operator<=>(const EventId&, const EventId&) = default;

 private:
  std::array<uint8_t, kSize> bytes_{};
};

struct EventIdHash {
  size_t operator()(const EventId& id) const;
};

}  // namespace kumppani

#endif  // KUMPPANI_LEDGER_COMMON_IDS_H_
