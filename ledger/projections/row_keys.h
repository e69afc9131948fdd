// Key layout of the store's projection family (internal to the engine).
// Integers are big-endian; positions are stored inverted (~position) so that
// the newest version of a row sorts first.
//
//   BE32(0) "p/" name                                   -> ProjectionMeta (EncodeMeta)
//   BE32(t) 'r' stream_id '\0' row_name '\0' BE64(~pos)  -> 'v' value | 'x' (deleted)
//   BE32(t) 'i' index_key '\0' stream_id '\0' BE64(~pos) -> 'v' payload (present) | 'x' (removed)
//
// t >= 1 is a table: one generation of one projection. A stream's rows also
// include a hidden row "\x01" index_key per index entry it owns, holding the
// entry's payload, so that forgetting a stream finds its index entries. The
// payload is empty unless the projection sets one (AggregateRows::SetIndex).
#ifndef KUMPPANI_LEDGER_PROJECTIONS_ROW_KEYS_H_
#define KUMPPANI_LEDGER_PROJECTIONS_ROW_KEYS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kumppani::projections {

inline constexpr char kPresent = 'v';
inline constexpr char kDeleted = 'x';
inline constexpr char kHiddenIndexRow = '\x01';

// BE32(table): every key of the table starts with it.
std::string TablePrefix(uint32_t table);
// The first key after every key of `table`.
std::string TableEnd(uint32_t table);

// The first key after every key starting with `prefix` (a scan's upper
// bound); empty when there is none (every byte 0xff).
std::string PrefixEnd(std::string_view prefix);

// BE32(t) 'r' stream_id '\0'
std::string StreamRowsPrefix(uint32_t table, std::string_view stream_id);
// BE32(t) 'r' stream_id '\0' name '\0': every version of one row.
std::string RowPrefix(uint32_t table, std::string_view stream_id, std::string_view name);
std::string RowKey(uint32_t table, std::string_view stream_id, std::string_view name,
                   uint64_t position);
// RowKey appended to `out` (no allocation when it has room).
void AppendRowKey(uint32_t table, std::string_view stream_id, std::string_view name,
                  uint64_t position, std::string* out);
// BE32(t) 'i' index_key '\0' stream_id '\0'
std::string IndexEntryPrefix(uint32_t table, std::string_view index_key, std::string_view stream_id);
std::string IndexKey(uint32_t table, std::string_view index_key, std::string_view stream_id,
                     uint64_t position);
void AppendIndexKey(uint32_t table, std::string_view index_key, std::string_view stream_id,
                    uint64_t position, std::string* out);

// A decoded row or index key; the views point into the decoded key.
struct DecodedKey {
  uint32_t table = 0;
  bool is_index = false;
  std::string_view first;   // stream_id for rows, index_key for index entries
  std::string_view second;  // row name for rows, stream_id for index entries
  uint64_t position = 0;
  // Length of the key without BE64(~pos): all versions share this prefix.
  size_t versionless_size = 0;
};
std::optional<DecodedKey> DecodeKey(std::string_view key);

// Projection bookkeeping, stored in table 0.
struct ProjectionMeta {
  uint32_t version = 0;
  uint32_t table = 0;
  uint64_t position = 0;
};
std::string MetaKey(std::string_view projection);
std::string EncodeMeta(const ProjectionMeta& meta);
std::optional<ProjectionMeta> DecodeMeta(std::string_view bytes);

}  // namespace kumppani::projections

#endif  // KUMPPANI_LEDGER_PROJECTIONS_ROW_KEYS_H_
