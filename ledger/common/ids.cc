// Event id construction, parsing and formatting.
#include "ledger/common/hex.h"
#include "ledger/common/ids.h"

#include <openssl/rand.h>

#include <cstring>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace kumppani {
EventId EventId::Random() {
  EventId id;
  if (RAND_bytes(id.bytes_.data(), kSize) != 1) {
    // OpenSSL's CSPRNG failing means the process cannot make safe ids at all.
    std::abort();
  }
  id.bytes_[6] = static_cast<uint8_t>((id.bytes_[6] & 0x0F) | 0x40);  // version 4
  id.bytes_[8] = static_cast<uint8_t>((id.bytes_[8] & 0x3F) | 0x80);  // RFC variant
  return id;
}

absl::StatusOr<EventId> EventId::FromBytes(std::string_view bytes, absl::string_view field) {
  if (bytes.size() != kSize) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ": must be a 16-byte UUID, got ", bytes.size(), " bytes"));
  }
  EventId id;
  std::memcpy(id.bytes_.data(), bytes.data(), kSize);
  if (id.IsNil()) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": must not be the nil UUID"));
  }
  return id;
}

absl::StatusOr<EventId> EventId::Parse(std::string_view text, absl::string_view field) {
  auto invalid = [&] {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ": must be a UUID in the form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"));
  };
  if (text.size() != 36) return invalid();
  std::string raw;
  raw.reserve(kSize);
  for (size_t i = 0; i < text.size();) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (text[i] != '-') return invalid();
      ++i;
      continue;
    }
    int hi = HexDigitValue(text[i]);
    int lo = HexDigitValue(text[i + 1]);
    if (hi < 0 || lo < 0) return invalid();
    raw.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return FromBytes(raw, field);
}

bool EventId::IsNil() const {
  for (uint8_t b : bytes_) {
    if (b != 0) return false;
  }
  return true;
}

std::string EventId::ToString() const {
  std::string out;
  out.reserve(36);
  for (size_t i = 0; i < kSize; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    AppendHexByte(bytes_[i], out);
  }
  return out;
}

size_t EventIdHash::operator()(const EventId& id) const {
  uint64_t a;
  uint64_t b;
  std::memcpy(&a, id.bytes().data(), 8);
  std::memcpy(&b, id.bytes().data() + 8, 8);
  return static_cast<size_t>(a ^ (b * 0x9E3779B97F4A7C15ull));
}

}  // namespace kumppani
