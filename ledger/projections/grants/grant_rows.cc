// Row names and index keys of the grants area (see grant_rows.h).
#include "ledger/projections/grants/grant_rows.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace kumppani::projections::grants {
namespace {

std::string Key(std::string_view kind, std::string_view value) {
  return absl::StrCat(absl::string_view(kind.data(), kind.size()), "/",
                      absl::string_view(value.data(), value.size()), "/");
}

}  // namespace

std::string EntryRowName(uint64_t stream_version) {
  return absl::StrFormat("e/%020u", stream_version);
}

std::string RecipientIndexKey(std::string_view organisation_id) {
  return Key("org", organisation_id);
}

std::string ProgrammeIndexKey(std::string_view programme_id) {
  return Key("programme", programme_id);
}

std::string YearIndexKey(int32_t year) { return absl::StrFormat("year/%04d/", year); }

std::string FunderIndexKey(std::string_view organisation_id) {
  return Key("funder", organisation_id);
}

std::string RegionIndexKey(std::string_view organisation_id) {
  return Key("region", organisation_id);
}

void ReplaceIndexes(const std::vector<std::string>& old_keys,
                    const std::vector<std::string>& new_keys, AggregateRows& rows) {
  for (const std::string& key : old_keys) {
    if (std::find(new_keys.begin(), new_keys.end(), key) == new_keys.end()) rows.RemoveIndex(key);
  }
  for (const std::string& key : new_keys) rows.AddIndex(key);
}

}  // namespace kumppani::projections::grants
