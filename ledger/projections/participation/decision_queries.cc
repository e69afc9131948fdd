// Queries of the "decisions" read model.
#include "ledger/projections/participation/decision_queries.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "ledger/common/status_macros.h"
#include "ledger/domain/dates.h"
#include "ledger/projections/participation/as_of.h"
#include "ledger/projections/participation/participation_keys.h"

namespace kumppani::projections {
namespace {

using participation::Compare;
using participation::OnOrBefore;

constexpr size_t kDateKeySize = 10;  // "YYYY-MM-DD"

// The considered input on as_of: the latest revision made by then (by day,
// then log order), else the original.
v1::ConsideredInputView InputOn(std::string_view input_id, const v1::ConsideredInputRow& row,
                                const std::optional<v1::Date>& as_of) {
  v1::ConsideredInputView view;
  view.set_input_id(std::string(input_id));
  view.set_kind(participation::InputKindOf(input_id));
  *view.mutable_original_assessment() = row.original();
  const v1::AssessmentRevision* latest = nullptr;
  for (const v1::AssessmentRevision& revision : row.revisions()) {
    if (!OnOrBefore(revision.revised_on(), as_of)) continue;
    *view.add_revisions() = revision;
    if (latest == nullptr || Compare(revision.revised_on(), latest->revised_on()) >= 0) {
      latest = &revision;
    }
  }
  *view.mutable_assessment() = latest != nullptr ? latest->assessment() : row.original();
  for (const v1::FeedbackRecord& feedback : row.feedback()) {
    if (OnOrBefore(feedback.sent_on(), as_of)) *view.add_feedback() = feedback;
  }
  return view;
}

// A decision's rows, parsed; filled by one scan of the stream.
struct DecisionRows {
  std::optional<v1::DecisionRow> main;
  std::optional<v1::DecisionAnnulled> annulment;
  std::vector<v1::AppealRecord> appeals;
  std::vector<v1::TextCorrection> corrections;
  std::vector<std::pair<std::string, v1::ConsideredInputRow>> inputs;  // by input id

  // Adds row `name`; DATA_LOSS when it does not parse. Names this read
  // model does not know are left alone.
  absl::Status Add(std::string_view decision_id, std::string_view name, std::string_view value) {
    if (name == participation::kMainRow) return ParseRow(decision_id, name, value, &main.emplace());
    if (name == participation::kAnnulmentRow) {
      v1::AnnulmentRow row;
      KUMPPANI_RETURN_IF_ERROR(ParseRow(decision_id, name, value, &row));
      annulment = std::move(*row.mutable_annulled());
      return absl::OkStatus();
    }
    if (name.starts_with(participation::kAppealRows)) {
      return ParseRow(decision_id, name, value, &appeals.emplace_back());
    }
    if (name.starts_with(participation::kCorrectionRows)) {
      return ParseRow(decision_id, name, value, &corrections.emplace_back());
    }
    if (name.starts_with(participation::kInputRows)) {
      auto& [input_id, row] = inputs.emplace_back();
      input_id.assign(name.substr(participation::kInputRows.size()));
      return ParseRow(decision_id, name, value, &row);
    }
    return absl::OkStatus();
  }

  // Decided by as_of (a main row whose day is on or before it).
  bool DecidedBy(const std::optional<v1::Date>& as_of) const {
    return main.has_value() && OnOrBefore(main->recorded().decided_on(), as_of);
  }
};

// The decision's rows in one scan, in name order: main, annulment, then
// (unless `main_and_annulment_only`, which stops the scan there) appeals,
// corrections and inputs.
absl::StatusOr<DecisionRows> ReadDecisionRows(const RowView& decisions,
                                              std::string_view decision_id,
                                              bool main_and_annulment_only) {
  DecisionRows rows;
  absl::Status status;
  absl::Status scan =
      decisions.ScanRows(decision_id, "", [&](std::string_view name, std::string_view value) {
        if (main_and_annulment_only && name > participation::kAnnulmentRow) return false;
        status = rows.Add(decision_id, name, value);
        return status.ok();
      });
  if (!status.ok()) return status;
  if (!scan.ok()) return scan;
  return rows;
}

// The summary's fields that a DecisionView and a DecisionRecorded share.
template <typename Decision>
v1::DecisionSummary SummaryFields(const Decision& decision) {
  v1::DecisionSummary summary;
  summary.set_body_id(decision.body_id());
  *summary.mutable_decided_on() = decision.decided_on();
  summary.set_section(decision.section());
  summary.set_diary_number(decision.diary_number());
  summary.set_outcome(decision.outcome());
  *summary.mutable_title() = decision.title();
  return summary;
}

// The decision on as_of from its rows (decided by as_of).
v1::DecisionView ViewOn(std::string_view decision_id, DecisionRows& rows,
                        const std::optional<v1::Date>& as_of) {
  const v1::DecisionRecorded& recorded = rows.main->recorded();
  v1::DecisionView view;
  view.set_decision_id(std::string(decision_id));
  view.set_body_id(recorded.body_id());
  view.set_meeting_id(recorded.meeting_id());
  view.set_section(recorded.section());
  view.set_diary_number(recorded.diary_number());
  *view.mutable_decided_on() = recorded.decided_on();
  view.set_outcome(recorded.outcome());
  *view.mutable_title() = recorded.title();
  *view.mutable_original_text() = recorded.text();
  *view.mutable_text() = recorded.text();

  std::stable_sort(rows.inputs.begin(), rows.inputs.end(), [](const auto& a, const auto& b) {
    return a.second.ordinal() < b.second.ordinal();
  });
  for (const auto& [input_id, input] : rows.inputs) {
    *view.add_considered_inputs() = InputOn(input_id, input, as_of);
  }
  const v1::TextCorrection* in_force = nullptr;
  for (const v1::TextCorrection& correction : rows.corrections) {
    if (!OnOrBefore(correction.corrected_on(), as_of)) continue;
    *view.add_corrections() = correction;
    if (in_force == nullptr || Compare(correction.corrected_on(), in_force->corrected_on()) >= 0) {
      in_force = &correction;
    }
  }
  if (in_force != nullptr) *view.mutable_text() = in_force->text();
  for (const v1::AppealRecord& appeal : rows.appeals) {
    if (OnOrBefore(appeal.appealed_on(), as_of)) *view.add_appeals() = appeal;
  }
  if (rows.annulment.has_value() && OnOrBefore(rows.annulment->annulled_on(), as_of)) {
    view.set_annulled(true);
    *view.mutable_annulled_on() = rows.annulment->annulled_on();
    view.set_annulled_by(rows.annulment->annulled_by());
    *view.mutable_annulment_reason() = rows.annulment->reason();
  }
  if (as_of.has_value()) *view.mutable_as_of() = *as_of;
  return view;
}

// The register's index prefix for `body_id` (all bodies when empty).
std::string RegisterPrefix(std::string_view body_id) {
  return body_id.empty() ? std::string(participation::kRegisterByDate)
                         : participation::RegisterBodyPrefix(body_id);
}

absl::Status ValidateFilter(const DecisionRegisterFilter& filter) {
  if (filter.from.has_value()) {
    if (absl::Status s = domain::ValidateDate(*filter.from, "from", true); !s.ok()) return s;
  }
  if (filter.to.has_value()) {
    if (absl::Status s = domain::ValidateDate(*filter.to, "to", true); !s.ok()) return s;
  }
  if (filter.from.has_value() && filter.to.has_value() && Compare(*filter.to, *filter.from) < 0) {
    return absl::InvalidArgumentError(absl::StrCat("to: must not be before from (",
                                                   participation::Iso(*filter.from), "), got ",
                                                   participation::Iso(*filter.to)));
  }
  return absl::OkStatus();
}

// Scans the register from after (date key, stream) `after` (or from the
// filter's first day) to the filter's last day.
absl::Status ScanRegisterFrom(
    const RowView& decisions, const DecisionRegisterFilter& filter, std::string_view after_date,
    std::string_view after_stream,
    const std::function<bool(std::string_view date, std::string_view decision_id)>& visit) {
  const std::string prefix = RegisterPrefix(filter.body_id);
  std::string start_key;
  if (!after_date.empty()) {
    start_key = prefix + std::string(after_date);
  } else if (filter.from.has_value()) {
    start_key = prefix + participation::DateKey(*filter.from);  // with stream "": from its first
  }
  const std::string last_date =
      filter.to.has_value() ? participation::DateKey(*filter.to) : std::string();
  return decisions.ScanIndex(prefix, start_key, after_stream,
                             [&](std::string_view key, std::string_view stream) {
                               std::string_view date = key.substr(prefix.size());
                               if (date.size() != kDateKeySize) return true;  // another body's
                               if (!last_date.empty() && date > last_date) return false;
                               return visit(date, stream);
                             });
}

}  // namespace

absl::StatusOr<std::optional<v1::DecisionView>> FindDecision(const RowView& decisions,
                                                             std::string_view decision_id,
                                                             std::optional<v1::Date> as_of) {
  KUMPPANI_ASSIGN_OR_RETURN(DecisionRows rows, ReadDecisionRows(decisions, decision_id, false));
  if (!rows.DecidedBy(as_of)) return std::nullopt;
  return ViewOn(decision_id, rows, as_of);
}

absl::StatusOr<std::optional<v1::DecisionSummary>> FindDecisionSummary(
    const RowView& decisions, std::string_view decision_id, std::optional<v1::Date> as_of) {
  KUMPPANI_ASSIGN_OR_RETURN(DecisionRows rows, ReadDecisionRows(decisions, decision_id, true));
  if (!rows.DecidedBy(as_of)) return std::nullopt;
  v1::DecisionSummary summary = SummaryFields(rows.main->recorded());
  summary.set_decision_id(std::string(decision_id));
  summary.set_annulled(rows.annulment.has_value() &&
                       OnOrBefore(rows.annulment->annulled_on(), as_of));
  return summary;
}

absl::StatusOr<v1::DecisionView> GetDecision(const RowView& decisions, std::string_view decision_id,
                                             std::optional<v1::Date> as_of) {
  if (absl::Status valid = participation::ValidateAsOf(as_of); !valid.ok()) return valid;
  KUMPPANI_ASSIGN_OR_RETURN(DecisionRows rows, ReadDecisionRows(decisions, decision_id, false));
  if (rows.DecidedBy(as_of)) return ViewOn(decision_id, rows, as_of);
  if (!rows.main.has_value()) {
    return absl::NotFoundError(
        absl::StrCat("decision \"", std::string(decision_id), "\" does not exist"));
  }
  return absl::NotFoundError(
      absl::StrCat("decision \"", std::string(decision_id), "\" was not yet made on ",
                   participation::Iso(*as_of), " (decided ",
                   participation::Iso(rows.main->recorded().decided_on()), ")"));
}

v1::DecisionSummary SummarizeDecision(const v1::DecisionView& decision) {
  v1::DecisionSummary summary = SummaryFields(decision);
  summary.set_decision_id(decision.decision_id());
  summary.set_annulled(decision.annulled());
  return summary;
}

absl::StatusOr<v1::ListDecisionsResponse> DecisionRegister(const ProjectionEngine& engine,
                                                           const DecisionRegisterFilter& filter,
                                                           const PageRequest& page,
                                                           std::optional<Position> known_at) {
  if (absl::Status valid = ValidateFilter(filter); !valid.ok()) return valid;
  absl::StatusOr<RowView> head = engine.View(participation::kDecisions, known_at);
  if (!head.ok()) return head.status();
  const std::string list_name =
      absl::StrCat("decisions?body=", filter.body_id,
                   "&from=", filter.from.has_value() ? participation::DateKey(*filter.from) : "",
                   "&to=", filter.to.has_value() ? participation::DateKey(*filter.to) : "");
  absl::StatusOr<PageCursor> cursor = DecodePageToken(list_name, page.page_token, head->position());
  if (!cursor.ok()) return cursor.status();
  // last_key: "<YYYY-MM-DD>/<decision id>".
  std::string_view after_date, after_stream;
  if (!cursor->last_key.empty()) {
    std::string_view last = cursor->last_key;
    if (last.size() < kDateKeySize + 2 || last[kDateKeySize] != '/') {
      return absl::InvalidArgumentError("page_token: is not a token this server issued");
    }
    after_date = last.substr(0, kDateKeySize);
    after_stream = last.substr(kDateKeySize + 1);
  }
  absl::StatusOr<RowView> view = engine.View(participation::kDecisions, cursor->known_at);
  if (!view.ok()) return view.status();
  const size_t page_size = EffectivePageSize(page.page_size);

  v1::ListDecisionsResponse response;
  response.set_read_position(cursor->known_at.value());
  std::string last_key;
  bool more = false;
  absl::Status status;
  absl::Status scan = ScanRegisterFrom(
      *view, filter, after_date, after_stream, [&](std::string_view date, std::string_view id) {
        if (static_cast<size_t>(response.decisions_size()) == page_size) {
          more = true;
          return false;
        }
        absl::StatusOr<std::optional<v1::DecisionSummary>> decision =
            FindDecisionSummary(*view, id, std::nullopt);
        if (!decision.ok()) {
          status = decision.status();
          return false;
        }
        if (!decision->has_value()) return true;
        *response.add_decisions() = **std::move(decision);
        last_key = absl::StrCat(std::string(date), "/", std::string(id));
        return true;
      });
  if (!status.ok()) return status;
  if (!scan.ok()) return scan;
  if (more) {
    response.set_next_page_token(
        EncodePageToken(list_name, PageCursor{cursor->known_at, last_key}));
  }
  return response;
}

absl::Status ScanDecisionRegister(const RowView& decisions, const DecisionRegisterFilter& filter,
                                  const std::function<bool(std::string_view decision_id)>& visit) {
  if (absl::Status valid = ValidateFilter(filter); !valid.ok()) return valid;
  return ScanRegisterFrom(decisions, filter, "", "",
                          [&](std::string_view, std::string_view id) { return visit(id); });
}

absl::StatusOr<std::vector<std::string>> DecisionsCiting(const RowView& decisions,
                                                         std::string_view input_id,
                                                         std::optional<v1::Date> as_of) {
  std::vector<std::string> ids;
  const std::string key = participation::CitedInputIndex(input_id);
  absl::Status status;
  absl::Status scan =
      decisions.ScanIndex(key, "", "", [&](std::string_view index_key, std::string_view stream) {
        if (index_key != key) return true;
        v1::DecisionRow row;
        absl::StatusOr<bool> found = decisions.GetMessage(stream, participation::kMainRow, &row);
        if (!found.ok()) {
          status = found.status();
          return false;
        }
        if (*found && OnOrBefore(row.recorded().decided_on(), as_of)) ids.emplace_back(stream);
        return true;
      });
  if (!status.ok()) return status;
  if (!scan.ok()) return scan;
  return ids;
}

}  // namespace kumppani::projections
