// Building blocks shared by the OCDS case converters (ocds_consultation.cc,
// ocds_grant.cc) and the packages (ocds.cc): parties, organisation
// references, values, and releases collected with their instants so that
// they can be put in date order. Internal to the export library.
#ifndef KUMPPANI_TOOLS_KUMPPANI_EXPORT_OCDS_PARTS_H_
#define KUMPPANI_TOOLS_KUMPPANI_EXPORT_OCDS_PARTS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "tools/kumppani/export/ocds.h"

namespace kumppani::exports::ocds {

// The organisation's name (its id when unknown).
std::string OrganisationName(const OcdsInput& input, const std::string& organisation_id);
// {"id": organisation id, "name": name}.
Json OrgRef(const OcdsInput& input, const std::string& organisation_id);
// A party: id, name, identifier (FI-PRO business id), additional
// identifiers, roles.
Json Party(const OcdsInput& input, const std::string& organisation_id,
           const std::vector<std::string>& roles);
// {"amount": euros, "currency": "EUR"}.
Json Value(int64_t cents);

// Parties keyed by id, roles merged, in first-added order.
class Parties {
 public:
  void Add(const std::string& organisation_id, const std::string& role);
  bool empty() const { return ids_.empty(); }
  Json ToJson(const OcdsInput& input) const;

 private:
  std::vector<std::string> ids_;
  std::vector<std::vector<std::string>> roles_;
};

// Releases of one case, collected in any order.
class ReleaseList {
 public:
  explicit ReleaseList(std::string ocid) : ocid_(std::move(ocid)) {}

  // Starts a release: {ocid, id = ocid + "-" + suffix, date, tag,
  // initiationType}; the caller adds the rest. `instant` (seconds since the
  // epoch) orders the releases; ties keep the order of addition. The
  // reference is valid until the next Add.
  Json& Add(const std::string& suffix, const std::string& date, int64_t instant,
            std::vector<std::string> tags);
  // The releases by instant, and the latest date.
  std::vector<Json> Sorted() const;
  std::string LatestDate() const;
  const std::string& ocid() const { return ocid_; }

 private:
  struct Entry {
    int64_t instant;
    size_t order;
    std::string date;
    Json release;
  };
  std::string ocid_;
  std::vector<Entry> entries_;
};

// The compiled release's frame: {ocid, id = ocid + "-" + date, date,
// tag: ["compiled"], initiationType}.
Json CompiledFrame(const std::string& ocid, const std::string& date);

}  // namespace kumppani::exports::ocds

#endif  // KUMPPANI_TOOLS_KUMPPANI_EXPORT_OCDS_PARTS_H_
