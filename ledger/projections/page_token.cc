// Page token encoding: base64url(list name '\0' BE64(known_at) last_key).
#include "ledger/projections/page_token.h"

#include <algorithm>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace kumppani::projections {

size_t EffectivePageSize(size_t requested) {
  if (requested == 0) return kDefaultPageSize;
  return std::min(requested, kMaxPageSize);
}

std::string EncodePageToken(std::string_view list_name, const PageCursor& cursor) {
  std::string raw(list_name);
  raw.push_back('\0');
  for (int shift = 56; shift >= 0; shift -= 8) {
    raw.push_back(static_cast<char>((cursor.known_at.value() >> shift) & 0xFF));
  }
  raw.append(cursor.last_key);
  return absl::WebSafeBase64Escape(raw);
}

absl::StatusOr<PageCursor> DecodePageToken(std::string_view list_name, std::string_view token,
                                           Position head) {
  PageCursor cursor;
  if (token.empty()) {
    cursor.known_at = head;
    return cursor;
  }
  std::string raw;
  if (!absl::WebSafeBase64Unescape(absl::string_view(token.data(), token.size()), &raw)) {
    return absl::InvalidArgumentError("page_token: is not a token this server issued");
  }
  std::string expected(list_name);
  expected.push_back('\0');
  if (raw.size() < expected.size() + 8 || raw.compare(0, expected.size(), expected) != 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "page_token: does not belong to this list (", std::string(list_name),
        "); pass the next_page_token of the same query"));
  }
  uint64_t known_at = 0;
  for (size_t i = 0; i < 8; ++i) {
    known_at = (known_at << 8) | static_cast<uint8_t>(raw[expected.size() + i]);
  }
  if (known_at > head.value()) {
    return absl::InvalidArgumentError("page_token: refers to a position beyond the log head");
  }
  cursor.known_at = Position(known_at);
  cursor.last_key = raw.substr(expected.size() + 8);
  return cursor;
}

absl::StatusOr<Position> PageTokenPosition(std::string_view token) {
  std::string raw;
  size_t name_end = std::string::npos;
  if (absl::WebSafeBase64Unescape(absl::string_view(token.data(), token.size()), &raw)) {
    name_end = raw.find('\0');
  }
  if (name_end == std::string::npos || raw.size() < name_end + 1 + 8) {
    return absl::InvalidArgumentError("page_token: is not a token this server issued");
  }
  uint64_t known_at = 0;
  for (size_t i = name_end + 1; i < name_end + 1 + 8; ++i) {
    known_at = (known_at << 8) | static_cast<uint8_t>(raw[i]);
  }
  return Position(known_at);
}

}  // namespace kumppani::projections
