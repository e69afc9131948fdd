// Queries of the "proposals" read model.
#include "ledger/projections/participation/proposal_queries.h"

#include "absl/strings/str_cat.h"
#include "ledger/projections/participation/as_of.h"
#include "ledger/projections/participation/participation_keys.h"

namespace kumppani::projections {
namespace {

v1::ProposalView ToView(std::string_view proposal_id, const v1::ProposalMade& made) {
  v1::ProposalView view;
  view.set_proposal_id(std::string(proposal_id));
  view.set_from_body_id(made.from_body_id());
  view.set_to_body_id(made.to_body_id());
  view.set_meeting_id(made.meeting_id());
  view.set_section(made.section());
  *view.mutable_proposed_on() = made.proposed_on();
  *view.mutable_title() = made.title();
  *view.mutable_text() = made.text();
  *view.mutable_input_ids() = made.input_ids();
  view.set_unanimous(made.unanimous());
  return view;
}

}  // namespace

absl::StatusOr<std::optional<v1::ProposalView>> FindProposal(const RowView& proposals,
                                                             std::string_view proposal_id,
                                                             std::optional<v1::Date> as_of) {
  v1::ProposalMade made;
  absl::StatusOr<bool> found = proposals.GetMessage(proposal_id, participation::kMainRow, &made);
  if (!found.ok()) return found.status();
  if (!*found || !participation::OnOrBefore(made.proposed_on(), as_of)) return std::nullopt;
  return ToView(proposal_id, made);
}

absl::StatusOr<v1::ProposalView> GetProposal(const RowView& proposals, std::string_view proposal_id,
                                             std::optional<v1::Date> as_of) {
  if (absl::Status valid = participation::ValidateAsOf(as_of); !valid.ok()) return valid;
  v1::ProposalMade made;
  absl::StatusOr<bool> found = proposals.GetMessage(proposal_id, participation::kMainRow, &made);
  if (!found.ok()) return found.status();
  if (!*found) {
    return absl::NotFoundError(
        absl::StrCat("proposal \"", std::string(proposal_id), "\" does not exist"));
  }
  if (!participation::OnOrBefore(made.proposed_on(), as_of)) {
    return absl::NotFoundError(absl::StrCat(
        "proposal \"", std::string(proposal_id), "\" was not yet made on ",
        participation::Iso(*as_of), " (made ", participation::Iso(made.proposed_on()), ")"));
  }
  return ToView(proposal_id, made);
}

v1::ProposalSummary SummarizeProposal(const v1::ProposalView& proposal) {
  v1::ProposalSummary summary;
  summary.set_proposal_id(proposal.proposal_id());
  summary.set_from_body_id(proposal.from_body_id());
  summary.set_to_body_id(proposal.to_body_id());
  *summary.mutable_proposed_on() = proposal.proposed_on();
  *summary.mutable_title() = proposal.title();
  return summary;
}

absl::StatusOr<std::vector<std::string>> ProposalsCiting(const RowView& proposals,
                                                         std::string_view input_id,
                                                         std::optional<v1::Date> as_of) {
  std::vector<std::string> ids;
  const std::string key = participation::CitedInputIndex(input_id);
  absl::Status status;
  absl::Status scan =
      proposals.ScanIndex(key, "", "", [&](std::string_view index_key, std::string_view stream) {
        if (index_key != key) return true;
        absl::StatusOr<std::optional<v1::ProposalView>> proposal =
            FindProposal(proposals, stream, as_of);
        if (!proposal.ok()) {
          status = proposal.status();
          return false;
        }
        if (proposal->has_value()) ids.emplace_back(stream);
        return true;
      });
  if (!status.ok()) return status;
  if (!scan.ok()) return scan;
  return ids;
}

}  // namespace kumppani::projections
