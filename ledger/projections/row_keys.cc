// Key encodings of the projection family.
#include "ledger/projections/row_keys.h"

namespace kumppani::projections {
namespace {

void AppendBE(uint64_t value, int bytes, std::string* out) {
  for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
    out->push_back(static_cast<char>((value >> shift) & 0xFF));
  }
}

uint64_t ReadBE(std::string_view bytes) {
  uint64_t value = 0;
  for (char c : bytes) value = (value << 8) | static_cast<uint8_t>(c);
  return value;
}

// BE32(table) kind first '\0' second '\0': every version of one row or one
// index entry.
void AppendVersionless(uint32_t table, char kind, std::string_view first, std::string_view second,
                       std::string* out) {
  AppendBE(table, 4, out);
  out->push_back(kind);
  out->append(first);
  out->push_back('\0');
  out->append(second);
  out->push_back('\0');
}

std::string Prefix(uint32_t table, char kind) {
  std::string key;
  key.reserve(64);
  AppendBE(table, 4, &key);
  key.push_back(kind);
  return key;
}

}  // namespace

std::string TablePrefix(uint32_t table) {
  std::string key;
  AppendBE(table, 4, &key);
  return key;
}

std::string TableEnd(uint32_t table) {
  std::string key;
  AppendBE(static_cast<uint64_t>(table) + 1, 4, &key);
  if (table == UINT32_MAX) key.assign(5, '\xff');
  return key;
}

std::string PrefixEnd(std::string_view prefix) {
  std::string end(prefix);
  while (!end.empty() && static_cast<unsigned char>(end.back()) == 0xff) end.pop_back();
  if (!end.empty()) end.back() = static_cast<char>(static_cast<unsigned char>(end.back()) + 1);
  return end;
}

std::string StreamRowsPrefix(uint32_t table, std::string_view stream_id) {
  std::string key = Prefix(table, 'r');
  key.append(stream_id);
  key.push_back('\0');
  return key;
}

std::string RowPrefix(uint32_t table, std::string_view stream_id, std::string_view name) {
  std::string key;
  AppendVersionless(table, 'r', stream_id, name, &key);
  return key;
}

std::string RowKey(uint32_t table, std::string_view stream_id, std::string_view name,
                   uint64_t position) {
  std::string key;
  AppendRowKey(table, stream_id, name, position, &key);
  return key;
}

void AppendRowKey(uint32_t table, std::string_view stream_id, std::string_view name,
                  uint64_t position, std::string* out) {
  AppendVersionless(table, 'r', stream_id, name, out);
  AppendBE(~position, 8, out);
}

std::string IndexEntryPrefix(uint32_t table, std::string_view index_key,
                             std::string_view stream_id) {
  std::string key;
  AppendVersionless(table, 'i', index_key, stream_id, &key);
  return key;
}

std::string IndexKey(uint32_t table, std::string_view index_key, std::string_view stream_id,
                     uint64_t position) {
  std::string key;
  AppendIndexKey(table, index_key, stream_id, position, &key);
  return key;
}

void AppendIndexKey(uint32_t table, std::string_view index_key, std::string_view stream_id,
                    uint64_t position, std::string* out) {
  AppendVersionless(table, 'i', index_key, stream_id, out);
  AppendBE(~position, 8, out);
}

std::optional<DecodedKey> DecodeKey(std::string_view key) {
  if (key.size() < 4 + 1 + 2 + 8) return std::nullopt;
  DecodedKey decoded;
  decoded.table = static_cast<uint32_t>(ReadBE(key.substr(0, 4)));
  char kind = key[4];
  if (kind != 'r' && kind != 'i') return std::nullopt;
  decoded.is_index = kind == 'i';
  std::string_view rest = key.substr(5, key.size() - 5 - 8);
  size_t separator = rest.find('\0');
  if (separator == std::string_view::npos || rest.back() != '\0') return std::nullopt;
  decoded.first = rest.substr(0, separator);
  decoded.second = rest.substr(separator + 1, rest.size() - separator - 2);
  if (decoded.second.find('\0') != std::string_view::npos) return std::nullopt;
  decoded.position = ~ReadBE(key.substr(key.size() - 8));
  decoded.versionless_size = key.size() - 8;
  return decoded;
}

std::string MetaKey(std::string_view projection) {
  std::string key = TablePrefix(0);
  key.append("p/");
  key.append(projection);
  return key;
}

std::string EncodeMeta(const ProjectionMeta& meta) {
  std::string bytes;
  AppendBE(meta.version, 4, &bytes);
  AppendBE(meta.table, 4, &bytes);
  AppendBE(meta.position, 8, &bytes);
  return bytes;
}

std::optional<ProjectionMeta> DecodeMeta(std::string_view bytes) {
  if (bytes.size() != 16) return std::nullopt;
  ProjectionMeta meta;
  meta.version = static_cast<uint32_t>(ReadBE(bytes.substr(0, 4)));
  meta.table = static_cast<uint32_t>(ReadBE(bytes.substr(4, 4)));
  meta.position = ReadBE(bytes.substr(8, 8));
  return meta;
}

}  // namespace kumppani::projections
