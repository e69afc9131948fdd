// Key encodings for the store's column families.
#include "ledger/store/keys.h"

namespace kumppani::store {

void AppendBigEndian64(uint64_t value, std::string* out) {
  for (int shift = 56; shift >= 0; shift -= 8) {
    out->push_back(static_cast<char>((value >> shift) & 0xFF));
  }
}

std::string EncodeBigEndian64(uint64_t value) {
  std::string out;
  out.reserve(8);
  AppendBigEndian64(value, &out);
  return out;
}

std::optional<uint64_t> DecodeBigEndian64(std::string_view bytes) {
  if (bytes.size() != 8) return std::nullopt;
  uint64_t value = 0;
  for (char c : bytes) value = (value << 8) | static_cast<uint8_t>(c);
  return value;
}

std::string StreamKeyPrefix(std::string_view stream_id) {
  std::string key(stream_id);
  key.push_back('\0');
  return key;
}

std::string StreamKey(std::string_view stream_id, uint64_t version) {
  std::string key = StreamKeyPrefix(stream_id);
  AppendBigEndian64(version, &key);
  return key;
}

}  // namespace kumppani::store
