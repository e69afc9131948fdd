// The "grants" fold (see grants_projection.h).
#include "ledger/projections/grants/grants_projection.h"

#include <string>
#include <vector>

#include "kumppani/v1/grants_views.pb.h"
#include "ledger/domain/dates.h"
#include "ledger/projections/grants/grant_rows.h"

namespace kumppani::projections {
namespace {

std::vector<std::string> IndexKeys(const v1::GrantApplied& applied) {
  return {grants::RecipientIndexKey(applied.applicant_organisation_id()),
          grants::ProgrammeIndexKey(applied.programme_id()),
          grants::YearIndexKey(applied.applied_on().year())};
}

void ApplyApplication(const v1::GrantApplied& event, AggregateRows& rows) {
  // A second application in one stream can only come through the low-level
  // API; the later one wins, and the earlier one's index entries go.
  std::vector<std::string> old_keys;
  v1::GrantApplied previous;
  if (GetMessage(rows, grants::kMainRow, &previous)) old_keys = IndexKeys(previous);
  v1::GrantApplied applied = event;
  applied.set_grant_id(rows.stream_id());
  PutMessage(rows, grants::kMainRow, applied);
  grants::ReplaceIndexes(old_keys, IndexKeys(applied), rows);
}

// The Finnish date an event took effect, from its envelope.
v1::Date EnvelopeDate(const v1::EventEnvelope& envelope) {
  return domain::HelsinkiDate(envelope.has_effective_at() ? envelope.effective_at()
                                                          : envelope.recorded_at());
}

// The entry an event makes; false for events that make none.
bool ToEntry(const AppliedEvent& applied, v1::GrantEntry* entry) {
  const v1::Event& event = applied.event;
  switch (event.payload_case()) {
    case v1::Event::kGrantAwarded: {
      const v1::GrantAwarded& e = event.grant_awarded();
      v1::GrantDecision* d = entry->mutable_decision();
      d->set_outcome(v1::GRANT_DECISION_OUTCOME_AWARDED);
      *d->mutable_decided_on() = e.awarded_on();
      d->set_awarded_cents(e.amount_cents());
      d->set_decision_id(e.decision_id());
      if (e.has_conditions()) *d->mutable_conditions() = e.conditions();
      *d->mutable_usage_period() = e.usage_period();
      return true;
    }
    case v1::Event::kGrantRejected: {
      const v1::GrantRejected& e = event.grant_rejected();
      v1::GrantDecision* d = entry->mutable_decision();
      d->set_outcome(v1::GRANT_DECISION_OUTCOME_REJECTED);
      *d->mutable_decided_on() = e.rejected_on();
      d->set_decision_id(e.decision_id());
      if (e.has_reason()) *d->mutable_reason() = e.reason();
      return true;
    }
    case v1::Event::kGrantPaid: {
      const v1::GrantPaid& e = event.grant_paid();
      v1::GrantPayment* p = entry->mutable_payment();
      p->set_instalment(e.instalment());
      p->set_amount_cents(e.amount_cents());
      *p->mutable_paid_on() = e.paid_on();
      return true;
    }
    case v1::Event::kGrantUsagePeriodExtended: {
      const v1::GrantUsagePeriodExtended& e = event.grant_usage_period_extended();
      v1::GrantUsageExtension* x = entry->mutable_extension();
      *x->mutable_usage_ends_on() = e.usage_ends_on();
      *x->mutable_previous_usage_ends_on() = e.previous_usage_ends_on();
      x->set_decision_id(e.decision_id());
      *x->mutable_effective_on() = EnvelopeDate(applied.envelope);
      return true;
    }
    case v1::Event::kGrantReportSubmitted: {
      const v1::GrantReportSubmitted& e = event.grant_report_submitted();
      v1::GrantReport* r = entry->mutable_report();
      *r->mutable_submitted_on() = e.submitted_on();
      r->set_used_cents(e.used_cents());
      if (e.has_report()) *r->mutable_document() = e.report();
      return true;
    }
    case v1::Event::kGrantReportAccepted:
      *entry->mutable_report_accepted_on() = event.grant_report_accepted().accepted_on();
      return true;
    case v1::Event::kGrantUnusedReturned: {
      const v1::GrantUnusedReturned& e = event.grant_unused_returned();
      entry->mutable_returned()->set_amount_cents(e.amount_cents());
      *entry->mutable_returned()->mutable_returned_on() = e.returned_on();
      return true;
    }
    case v1::Event::kGrantReclaimed: {
      const v1::GrantReclaimed& e = event.grant_reclaimed();
      v1::GrantReclaim* r = entry->mutable_reclaim();
      r->set_amount_cents(e.amount_cents());
      *r->mutable_reclaimed_on() = e.reclaimed_on();
      r->set_decision_id(e.decision_id());
      *r->mutable_reason() = e.reason();
      return true;
    }
    default:
      return false;
  }
}

}  // namespace

std::string_view GrantsProjection::name() const { return grants::kGrantsProjection; }

bool GrantsProjection::Wants(std::string_view stream_id) const {
  return stream_id.starts_with(grants::kGrantStreamPrefix);
}

void GrantsProjection::Apply(const AppliedEvent& event, AggregateRows& rows) {
  if (event.event.has_grant_applied()) {
    ApplyApplication(event.event.grant_applied(), rows);
    return;
  }
  v1::GrantEntry entry;
  if (!ToEntry(event, &entry)) return;
  PutMessage(rows, grants::EntryRowName(event.envelope.stream_version()), entry);
}

}  // namespace kumppani::projections
