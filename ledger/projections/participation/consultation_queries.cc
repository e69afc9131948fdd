// Queries of the "consultations" read model.
#include "ledger/projections/participation/consultation_queries.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "ledger/projections/participation/as_of.h"
#include "ledger/projections/participation/participation_keys.h"
#include "ledger/projections/participation/submission_queries.h"

namespace kumppani::projections {
namespace {

using participation::Compare;
using participation::OnOrBefore;

// The deadline in force on as_of: the latest extension (by its day, then log
// order) that took effect by then, else the original one.
v1::Date DeadlineOn(const ConsultationRecord& record, const std::optional<v1::Date>& as_of) {
  const v1::DeadlineChange* latest = nullptr;
  for (const v1::DeadlineChange& change : record.extensions) {
    if (!OnOrBefore(change.extended_on(), as_of)) continue;
    if (latest == nullptr || Compare(change.extended_on(), latest->extended_on()) >= 0) {
      latest = &change;
    }
  }
  return latest != nullptr ? latest->deadline() : record.row.opened().deadline();
}

v1::ConsultationStatus StatusOn(const ConsultationRecord& record, const v1::Date& deadline,
                                const std::optional<v1::Date>& as_of) {
  const v1::ConsultationRow& row = record.row;
  if (!as_of.has_value()) {
    return row.closed() ? v1::CONSULTATION_STATUS_CLOSED : v1::CONSULTATION_STATUS_OPEN;
  }
  if (Compare(*as_of, row.opened().opens_on()) < 0) return v1::CONSULTATION_STATUS_NOT_YET_OPEN;
  if (row.closed() && Compare(row.closed_on(), *as_of) < 0) return v1::CONSULTATION_STATUS_CLOSED;
  if (Compare(*as_of, deadline) > 0) return v1::CONSULTATION_STATUS_PAST_DEADLINE;
  return v1::CONSULTATION_STATUS_OPEN;
}

bool Responded(const std::string& organisation_id,
               const std::vector<v1::SubmissionSummary>& submissions) {
  for (const v1::SubmissionSummary& submission : submissions) {
    if (submission.withdrawn()) continue;
    if (submission.submitter_organisation_id() == organisation_id) return true;
    for (const std::string& on_behalf : submission.on_behalf_of_organisation_ids()) {
      if (on_behalf == organisation_id) return true;
    }
  }
  return false;
}

std::string ListName(const ConsultationFilter& filter, const std::optional<v1::Date>& as_of) {
  return absl::StrCat("consultations?organiser=", filter.organiser_organisation_id,
                      "&body=", filter.body_id, "&status=", static_cast<int>(filter.status),
                      "&as_of=", as_of.has_value() ? participation::Iso(*as_of) : "");
}

}  // namespace

absl::StatusOr<std::optional<ConsultationRecord>> LoadConsultation(
    const RowView& consultations, std::string_view consultation_id) {
  // Every row in one scan, in name order: main, extensions, summary.
  ConsultationRecord record;
  record.consultation_id = std::string(consultation_id);
  bool found = false;
  absl::Status status;
  auto parse = [&](std::string_view name, std::string_view value, auto* message) {
    status = ParseRow(consultation_id, name, value, message);
    return status.ok();
  };
  absl::Status scan = consultations.ScanRows(
      consultation_id, "", [&](std::string_view name, std::string_view value) {
        if (name == participation::kMainRow) return found = parse(name, value, &record.row);
        if (name.starts_with(participation::kExtensionRows)) {
          v1::DeadlineExtensionRow row;
          if (!parse(name, value, &row)) return false;
          record.extensions.push_back(std::move(*row.mutable_change()));
          return true;
        }
        if (name == participation::kSummaryRow) {
          v1::ConsultationSummaryRow row;
          if (!parse(name, value, &row)) return false;
          record.summary = std::move(*row.mutable_published());
        }
        return true;
      });
  if (!status.ok()) return status;
  if (!scan.ok()) return scan;
  if (!found) return std::nullopt;
  return record;
}

v1::ConsultationSummary SummarizeConsultation(const ConsultationRecord& record,
                                              const std::optional<v1::Date>& as_of) {
  const v1::ConsultationOpened& opened = record.row.opened();
  v1::ConsultationSummary summary;
  summary.set_consultation_id(record.consultation_id);
  summary.set_organiser_organisation_id(opened.organiser_organisation_id());
  summary.set_body_id(opened.body_id());
  *summary.mutable_subject() = opened.subject();
  summary.set_method(opened.method());
  *summary.mutable_channels() = opened.channels();
  *summary.mutable_opens_on() = opened.opens_on();
  *summary.mutable_deadline() = DeadlineOn(record, as_of);
  if (record.row.closed() && OnOrBefore(record.row.closed_on(), as_of)) {
    *summary.mutable_closed_on() = record.row.closed_on();
  }
  summary.set_status(StatusOn(record, summary.deadline(), as_of));
  return summary;
}

absl::StatusOr<v1::ConsultationView> GetConsultation(const RowView& consultations,
                                                     const RowView& submissions,
                                                     std::string_view consultation_id,
                                                     std::optional<v1::Date> as_of) {
  if (absl::Status valid = participation::ValidateAsOf(as_of); !valid.ok()) return valid;
  absl::StatusOr<std::optional<ConsultationRecord>> record =
      LoadConsultation(consultations, consultation_id);
  if (!record.ok()) return record.status();
  if (!record->has_value()) {
    return absl::NotFoundError(
        absl::StrCat("consultation \"", std::string(consultation_id), "\" does not exist"));
  }
  const ConsultationRecord& r = **record;
  const v1::ConsultationOpened& opened = r.row.opened();
  v1::ConsultationSummary summary = SummarizeConsultation(r, as_of);

  v1::ConsultationView view;
  view.set_consultation_id(r.consultation_id);
  view.set_organiser_organisation_id(opened.organiser_organisation_id());
  view.set_body_id(opened.body_id());
  *view.mutable_subject() = opened.subject();
  if (opened.has_subject_document()) *view.mutable_subject_document() = opened.subject_document();
  view.set_method(opened.method());
  *view.mutable_channels() = opened.channels();
  *view.mutable_invited_organisation_ids() = opened.invited_organisation_ids();
  *view.mutable_opens_on() = opened.opens_on();
  *view.mutable_original_deadline() = opened.deadline();
  *view.mutable_deadline() = summary.deadline();
  for (const v1::DeadlineChange& change : r.extensions) {
    if (OnOrBefore(change.extended_on(), as_of)) *view.add_deadline_history() = change;
  }
  view.set_late_submissions_allowed(opened.late_submissions_allowed());
  view.set_status(summary.status());
  if (summary.has_closed_on()) {
    *view.mutable_closed_on() = summary.closed_on();
    view.set_responses_received(r.row.responses_received());
  }
  if (r.summary.has_value() && OnOrBefore(r.summary->published_on(), as_of)) {
    view.set_summary_published(true);
    *view.mutable_summary_published_on() = r.summary->published_on();
    *view.mutable_summary() = r.summary->summary();
    if (r.summary->has_document()) *view.mutable_summary_document() = r.summary->document();
  }

  absl::StatusOr<std::vector<v1::SubmissionSummary>> received =
      SubmissionsToConsultation(submissions, consultation_id, as_of);
  if (!received.ok()) return received.status();
  for (const v1::SubmissionSummary& submission : *received) {
    if (submission.late()) view.set_late_submissions(view.late_submissions() + 1);
    *view.add_submissions() = submission;
  }
  for (const std::string& invited : opened.invited_organisation_ids()) {
    if (Responded(invited, *received)) {
      view.add_responded_organisation_ids(invited);
    } else {
      view.add_not_responded_organisation_ids(invited);
    }
  }
  if (opened.invited_organisation_ids_size() > 0) {
    view.set_invited_response_rate(static_cast<double>(view.responded_organisation_ids_size()) /
                                   opened.invited_organisation_ids_size());
  }
  if (as_of.has_value()) *view.mutable_as_of() = *as_of;
  return view;
}

absl::StatusOr<v1::ListConsultationsResponse> ListConsultations(const ProjectionEngine& engine,
                                                                const ConsultationFilter& filter,
                                                                std::optional<v1::Date> as_of,
                                                                const PageRequest& page,
                                                                std::optional<Position> known_at) {
  if (absl::Status valid = participation::ValidateAsOf(as_of); !valid.ok()) return valid;
  absl::StatusOr<RowView> head = engine.View(participation::kConsultations, known_at);
  if (!head.ok()) return head.status();
  const std::string list_name = ListName(filter, as_of);
  absl::StatusOr<PageCursor> cursor = DecodePageToken(list_name, page.page_token, head->position());
  if (!cursor.ok()) return cursor.status();
  absl::StatusOr<RowView> view = engine.View(participation::kConsultations, cursor->known_at);
  if (!view.ok()) return view.status();
  const size_t page_size = EffectivePageSize(page.page_size);

  v1::ListConsultationsResponse response;
  response.set_read_position(cursor->known_at.value());
  bool more = false;
  std::string last_id;
  absl::Status status;
  // Visits one candidate; false stops the scan (page full, or an error).
  auto visit = [&](std::string_view stream_id) {
    absl::StatusOr<std::optional<ConsultationRecord>> record = LoadConsultation(*view, stream_id);
    if (!record.ok()) {
      status = record.status();
      return false;
    }
    if (!record->has_value()) return true;
    const v1::ConsultationOpened& opened = (*record)->row.opened();
    if (!filter.organiser_organisation_id.empty() &&
        opened.organiser_organisation_id() != filter.organiser_organisation_id) {
      return true;
    }
    if (!filter.body_id.empty() && opened.body_id() != filter.body_id) return true;
    v1::ConsultationSummary summary = SummarizeConsultation(**record, as_of);
    if (filter.status != v1::CONSULTATION_STATUS_UNSPECIFIED && summary.status() != filter.status) {
      return true;
    }
    if (static_cast<size_t>(response.consultations_size()) == page_size) {
      more = true;
      return false;
    }
    last_id = std::string(stream_id);
    *response.add_consultations() = std::move(summary);
    return true;
  };

  absl::Status scan;
  if (!filter.organiser_organisation_id.empty() || !filter.body_id.empty()) {
    std::string key = !filter.organiser_organisation_id.empty()
                          ? participation::OrganiserIndex(filter.organiser_organisation_id)
                          : participation::ConsultationBodyIndex(filter.body_id);
    scan = view->ScanIndex(key, cursor->last_key.empty() ? "" : key, cursor->last_key,
                           [&](std::string_view index_key, std::string_view stream_id) {
                             if (index_key != key) return true;
                             return visit(stream_id);
                           });
  } else {
    scan = view->ScanStreams(
        participation::kConsultationPrefix, cursor->last_key,
        [&](std::string_view stream_id, std::string_view) { return visit(stream_id); });
  }
  if (!status.ok()) return status;
  if (!scan.ok()) return scan;
  if (more) {
    response.set_next_page_token(EncodePageToken(list_name, PageCursor{cursor->known_at, last_id}));
  }
  return response;
}

absl::StatusOr<std::vector<std::string>> ConsultationsSharingDocument(
    const RowView& consultations, const v1::DocumentRef& document) {
  std::set<std::string> ids;
  std::vector<std::string> keys;
  if (!document.sha256().empty())
    keys.push_back(participation::DocumentHashIndex(document.sha256()));
  if (!document.uri().empty()) keys.push_back(participation::DocumentUriIndex(document.uri()));
  for (const std::string& key : keys) {
    absl::Status scan = consultations.ScanIndex(
        key, "", "", [&](std::string_view index_key, std::string_view stream_id) {
          if (index_key == key) ids.emplace(stream_id);
          return true;
        });
    if (!scan.ok()) return scan;
  }
  return std::vector<std::string>(ids.begin(), ids.end());
}

}  // namespace kumppani::projections
