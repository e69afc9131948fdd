// Key layouts of the store's column families. All integers are big-endian so
// that RocksDB's bytewise order is numeric order.
//
//   events     BE64(position)                     -> EventEnvelope bytes
//   streams    stream_id '\0' BE64(stream_version) -> BE64(position)
//   event_ids  16-byte event id                    -> BE64(position)
//   meta       name                                -> value
//   keys       subject                             -> state byte + key (see rocks_key_vault.cc)
//   tree       level byte, BE64(index)             -> 32-byte Merkle node hash
//   checkpoints BE64(tree size)                    -> signed checkpoint note
//   projections owned by ledger/projections (its row_keys.h)
#ifndef KUMPPANI_LEDGER_STORE_KEYS_H_
#define KUMPPANI_LEDGER_STORE_KEYS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kumppani::store {

inline constexpr char kEventsFamily[] = "events";
inline constexpr char kStreamsFamily[] = "streams";
inline constexpr char kEventIdsFamily[] = "event_ids";
inline constexpr char kMetaFamily[] = "meta";
inline constexpr char kKeysFamily[] = "keys";
inline constexpr char kTreeFamily[] = "tree";
inline constexpr char kCheckpointsFamily[] = "checkpoints";
inline constexpr char kProjectionsFamily[] = "projections";

void AppendBigEndian64(uint64_t value, std::string* out);
std::string EncodeBigEndian64(uint64_t value);
// Decodes exactly 8 bytes; nullopt for any other length.
std::optional<uint64_t> DecodeBigEndian64(std::string_view bytes);

std::string StreamKey(std::string_view stream_id, uint64_t version);
// The prefix every key of `stream_id` starts with: stream_id '\0'.
std::string StreamKeyPrefix(std::string_view stream_id);

}  // namespace kumppani::store

#endif  // KUMPPANI_LEDGER_STORE_KEYS_H_
