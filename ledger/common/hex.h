// Hexadecimal digits: the one place ids and digests are turned into text and
// back.
#ifndef KUMPPANI_LEDGER_COMMON_HEX_H_
#define KUMPPANI_LEDGER_COMMON_HEX_H_

#include <cstdint>
#include <string>

namespace kumppani {

// The value of one hex digit (either case), or -1 for any other character.
inline int HexDigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Appends the two lower-case hex digits of `byte` to `out`.
inline void AppendHexByte(uint8_t byte, std::string& out) {
  static constexpr char kDigits[] = "0123456789abcdef";
  out.push_back(kDigits[byte >> 4]);
  out.push_back(kDigits[byte & 0x0F]);
}

}  // namespace kumppani

#endif  // KUMPPANI_LEDGER_COMMON_HEX_H_
