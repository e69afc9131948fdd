// The "proposals" fold (rows and index keys: proposals_projection.h).
#include "ledger/projections/participation/proposals_projection.h"

#include <string>
#include <vector>

#include "ledger/projections/participation/participation_keys.h"

namespace kumppani::projections {
namespace {

using participation::kProposalPrefix;

std::vector<std::string> IndexKeys(const v1::ProposalMade& made) {
  std::vector<std::string> keys;
  for (const std::string& input : made.input_ids()) {
    keys.push_back(participation::CitedInputIndex(input));
  }
  if (!made.to_body_id().empty()) keys.push_back(participation::ToBodyIndex(made.to_body_id()));
  if (!made.from_body_id().empty()) {
    keys.push_back(participation::FromBodyIndex(made.from_body_id()));
  }
  std::erase_if(keys, [](const std::string& key) { return !participation::Storable(key); });
  return keys;
}

class ProposalsProjection final : public Projection {
 public:
  std::string_view name() const override { return participation::kProposals; }
  uint32_t version() const override { return 1; }
  bool Wants(std::string_view stream_id) const override {
    return stream_id.substr(0, kProposalPrefix.size()) == kProposalPrefix;
  }

  void Apply(const AppliedEvent& applied, AggregateRows& rows) override {
    if (!applied.event.has_proposal_made()) return;
    v1::ProposalMade old;
    if (GetMessage(rows, participation::kMainRow, &old)) {
      for (const std::string& key : IndexKeys(old)) rows.RemoveIndex(key);
    }
    const v1::ProposalMade& made = applied.event.proposal_made();
    for (const std::string& key : IndexKeys(made)) rows.AddIndex(key);
    PutMessage(rows, participation::kMainRow, made);
  }
};

}  // namespace

std::unique_ptr<Projection> MakeProposalsProjection() {
  return std::make_unique<ProposalsProjection>();
}

}  // namespace kumppani::projections
