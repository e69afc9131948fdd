// Folding a grant's rows into its view on a given day (see grant_as_of.h).
#include "ledger/projections/grants/grant_as_of.h"

#include <string>
#include <tuple>
#include <utility>

#include "absl/strings/str_cat.h"
#include "ledger/common/status_macros.h"
#include "ledger/projections/grants/grant_amounts.h"
#include "ledger/projections/grants/grant_rows.h"

namespace kumppani::projections::grants {
namespace {

v1::GrantStage StageOf(const v1::GrantView& view) {
  if (!view.has_decision()) return v1::GRANT_STAGE_APPLIED;
  if (view.decision().outcome() != v1::GRANT_DECISION_OUTCOME_AWARDED) {
    return v1::GRANT_STAGE_REJECTED;
  }
  for (const v1::GrantReport& report : view.reports()) {
    if (report.has_accepted_on()) return v1::GRANT_STAGE_REPORT_ACCEPTED;
  }
  if (!view.reports().empty()) return v1::GRANT_STAGE_REPORTED;
  if (!view.payments().empty()) return v1::GRANT_STAGE_PAID;
  return v1::GRANT_STAGE_AWARDED;
}

// amounts.<field> += value, checked.
absl::Status AddTo(v1::GrantAmounts* amounts, int64_t (v1::GrantAmounts::*get)() const,
                   void (v1::GrantAmounts::*set)(int64_t), int64_t value, std::string_view field,
                   const std::string& whose) {
  int64_t sum = (amounts->*get)();
  KUMPPANI_RETURN_IF_ERROR(AddCents(&sum, value, field, whose));
  (amounts->*set)(sum);
  return absl::OkStatus();
}

// Adds `entry` to `view` when it had happened by as_of; sums its money.
absl::Status AddEntry(const v1::GrantEntry& entry, const std::optional<v1::Date>& as_of,
                      const std::string& whose, v1::GrantView* view) {
  v1::GrantAmounts* amounts = view->mutable_amounts();
  switch (entry.entry_case()) {
    case v1::GrantEntry::kDecision:
      // Only one decision per grant is possible through the domain; with
      // more (low-level appends), the last one in force wins.
      if (InForce(entry.decision().decided_on(), as_of))
        *view->mutable_decision() = entry.decision();
      break;
    case v1::GrantEntry::kPayment:
      if (!InForce(entry.payment().paid_on(), as_of)) break;
      *view->add_payments() = entry.payment();
      return AddTo(amounts, &v1::GrantAmounts::paid_cents, &v1::GrantAmounts::set_paid_cents,
                   entry.payment().amount_cents(), "paid_cents", whose);
    case v1::GrantEntry::kExtension:
      if (InForce(entry.extension().effective_on(), as_of))
        *view->add_extensions() = entry.extension();
      break;
    case v1::GrantEntry::kReport:
      if (InForce(entry.report().submitted_on(), as_of)) *view->add_reports() = entry.report();
      break;
    case v1::GrantEntry::kReportAcceptedOn:
      // Accepts the latest report submitted before it.
      if (InForce(entry.report_accepted_on(), as_of) && !view->reports().empty()) {
        *view->mutable_reports()->rbegin()->mutable_accepted_on() = entry.report_accepted_on();
      }
      break;
    case v1::GrantEntry::kReturned:
      if (!InForce(entry.returned().returned_on(), as_of)) break;
      *view->add_returns() = entry.returned();
      return AddTo(amounts, &v1::GrantAmounts::returned_cents,
                   &v1::GrantAmounts::set_returned_cents, entry.returned().amount_cents(),
                   "returned_cents", whose);
    case v1::GrantEntry::kReclaim:
      if (!InForce(entry.reclaim().reclaimed_on(), as_of)) break;
      *view->add_reclaims() = entry.reclaim();
      return AddTo(amounts, &v1::GrantAmounts::reclaimed_cents,
                   &v1::GrantAmounts::set_reclaimed_cents, entry.reclaim().amount_cents(),
                   "reclaimed_cents", whose);
    case v1::GrantEntry::ENTRY_NOT_SET:
      break;
  }
  return absl::OkStatus();
}

}  // namespace

int CompareDates(const v1::Date& a, const v1::Date& b) {
  auto ka = std::make_tuple(a.year(), a.month(), a.day());
  auto kb = std::make_tuple(b.year(), b.month(), b.day());
  if (ka < kb) return -1;
  return ka == kb ? 0 : 1;
}

bool InForce(const v1::Date& date, const std::optional<v1::Date>& as_of) {
  return !as_of.has_value() || CompareDates(date, *as_of) <= 0;
}

absl::StatusOr<std::optional<GrantRows>> ReadGrantRows(const RowView& grants,
                                                       std::string_view grant_id) {
  GrantRows rows;
  KUMPPANI_ASSIGN_OR_RETURN(bool found, grants.GetMessage(grant_id, kMainRow, &rows.applied));
  if (!found) return std::nullopt;
  absl::Status parsed = absl::OkStatus();
  KUMPPANI_RETURN_IF_ERROR(
      grants.ScanRows(grant_id, kEntryPrefix, [&](std::string_view name, std::string_view value) {
        v1::GrantEntry& entry = rows.entries.emplace_back();
        if (!entry.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
          parsed = DataLossParsing(grant_id, name);
          return false;
        }
        return true;
      }));
  KUMPPANI_RETURN_IF_ERROR(parsed);
  return rows;
}

absl::StatusOr<std::optional<v1::GrantView>> GrantAsOf(const GrantRows& rows,
                                                       const std::optional<v1::Date>& as_of) {
  const v1::GrantApplied& applied = rows.applied;
  if (!InForce(applied.applied_on(), as_of)) return std::nullopt;
  v1::GrantView view;
  view.set_grant_id(applied.grant_id());
  view.set_programme_id(applied.programme_id());
  view.set_applicant_organisation_id(applied.applicant_organisation_id());
  *view.mutable_purpose() = applied.purpose();
  *view.mutable_applied_on() = applied.applied_on();
  view.set_year(applied.applied_on().year());
  if (as_of.has_value()) *view.mutable_as_of() = *as_of;
  v1::GrantAmounts* amounts = view.mutable_amounts();
  amounts->set_applied_cents(applied.amount_applied_cents());

  const std::string whose = absl::StrCat("grant \"", applied.grant_id(), "\"");
  for (const v1::GrantEntry& entry : rows.entries) {
    KUMPPANI_RETURN_IF_ERROR(AddEntry(entry, as_of, whose, &view));
  }
  view.set_stage(StageOf(view));
  if (view.stage() != v1::GRANT_STAGE_APPLIED && view.stage() != v1::GRANT_STAGE_REJECTED) {
    amounts->set_awarded_cents(view.decision().awarded_cents());
    *view.mutable_usage_ends_on() = view.decision().usage_period().end();
    // The latest extension recorded is the one in force.
    if (!view.extensions().empty()) {
      *view.mutable_usage_ends_on() = view.extensions().rbegin()->usage_ends_on();
    }
  }
  int64_t outstanding = amounts->paid_cents();
  KUMPPANI_RETURN_IF_ERROR(
      SubtractCents(&outstanding, amounts->returned_cents(), "outstanding_cents", whose));
  KUMPPANI_RETURN_IF_ERROR(
      SubtractCents(&outstanding, amounts->reclaimed_cents(), "outstanding_cents", whose));
  amounts->set_outstanding_cents(outstanding);
  return view;
}

}  // namespace kumppani::projections::grants
