// BodyScope: which bodies (and so which decisions and consultations) an
// audit query counts — a region's, given bodies', or all.
//
// Which organisation a body belongs to is registry data (the "bodies" read
// model of another area); participation folds may not read it, so the
// caller supplies the join as `parent_of`.
#ifndef KUMPPANI_LEDGER_PROJECTIONS_PARTICIPATION_BODY_SCOPE_H_
#define KUMPPANI_LEDGER_PROJECTIONS_PARTICIPATION_BODY_SCOPE_H_

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "kumppani/v1/events.pb.h"

namespace kumppani::projections {

// The organisation a body belongs to; nullopt when unknown.
using ParentOf = std::function<std::optional<std::string>(std::string_view body_id)>;

class BodyScope {
 public:
  // A body is in scope when it is one of `body_ids`, or when `region` is set
  // and parent_of(body) == region. With neither, every body is in scope.
  // parent_of is only called when region is set (and then must be set).
  BodyScope(std::string region_organisation_id, std::vector<std::string> body_ids,
            ParentOf parent_of);

  bool ContainsBody(std::string_view body_id);
  // The consultation's organiser is the region, or its body is in scope.
  bool ContainsConsultation(const v1::ConsultationOpened& opened);

 private:
  std::string region_;
  std::set<std::string, std::less<>> bodies_;
  ParentOf parent_of_;
  std::map<std::string, bool, std::less<>> cache_;
};

}  // namespace kumppani::projections

#endif  // KUMPPANI_LEDGER_PROJECTIONS_PARTICIPATION_BODY_SCOPE_H_
