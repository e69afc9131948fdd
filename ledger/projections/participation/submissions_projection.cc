// The "submissions" fold (rows and index keys: submissions_projection.h).
#include "ledger/projections/participation/submissions_projection.h"

#include <string>
#include <vector>

#include "kumppani/v1/participation_views.pb.h"
#include "ledger/domain/dates.h"
#include "ledger/projections/participation/participation_keys.h"
#include "ledger/store/canonical_bytes.h"

namespace kumppani::projections {
namespace {

using participation::kSubmissionPrefix;

// Index entries without a payload: the submitter and the organisations the
// submission speaks for.
std::vector<std::string> PlainIndexKeys(const v1::SubmissionSummary& summary) {
  std::vector<std::string> keys;
  if (!summary.submitter_organisation_id().empty()) {
    keys.push_back(participation::SubmitterIndex(summary.submitter_organisation_id()));
  }
  for (const std::string& org : summary.on_behalf_of_organisation_ids()) {
    keys.push_back(participation::OnBehalfOfIndex(org));
  }
  std::erase_if(keys, [](const std::string& key) { return !participation::Storable(key); });
  return keys;
}

// The consultation's index entry, which carries the summary so that a
// consultation's submissions are one index scan (the influence trail lists
// hundreds). Empty when the submission names no consultation.
std::string ConsultationKey(const v1::SubmissionSummary& summary) {
  if (summary.consultation_id().empty()) return "";
  std::string key = participation::SubmissionConsultationIndex(summary.consultation_id(), summary);
  return participation::Storable(key) ? key : "";
}

void SetConsultationEntry(const v1::SubmissionSummary& summary, AggregateRows& rows) {
  std::string key = ConsultationKey(summary);
  if (!key.empty()) rows.SetIndex(key, store::DeterministicBytes(summary));
}

// Every index entry of the submission.
std::vector<std::string> IndexKeys(const v1::SubmissionSummary& summary) {
  std::vector<std::string> keys = PlainIndexKeys(summary);
  if (std::string key = ConsultationKey(summary); !key.empty()) keys.push_back(std::move(key));
  return keys;
}

class SubmissionsProjection final : public Projection {
 public:
  std::string_view name() const override { return participation::kSubmissions; }
  // 2: the consultation's index entries carry the submission's summary.
  uint32_t version() const override { return 2; }
  bool Wants(std::string_view stream_id) const override {
    return stream_id.substr(0, kSubmissionPrefix.size()) == kSubmissionPrefix;
  }

  void Apply(const AppliedEvent& applied, AggregateRows& rows) override {
    const v1::Event& event = applied.event;
    if (event.has_submission_received()) {
      const v1::SubmissionReceived& received = event.submission_received();
      v1::SubmissionRow row;
      if (GetMessage(rows, participation::kMainRow, &row)) {
        for (const std::string& key : IndexKeys(row.summary())) rows.RemoveIndex(key);
      }
      row.Clear();
      v1::SubmissionSummary* summary = row.mutable_summary();
      summary->set_submission_id(rows.stream_id());
      summary->set_consultation_id(received.consultation_id());
      summary->set_submitter_organisation_id(received.submitter_organisation_id());
      summary->set_submitter_person_id(received.submitter_person_id());
      *summary->mutable_on_behalf_of_organisation_ids() = received.on_behalf_of_organisation_ids();
      summary->set_channel(received.channel());
      *summary->mutable_received_at() = received.received_at();
      *summary->mutable_received_on() = domain::HelsinkiDate(received.received_at());
      summary->set_late(received.late());
      for (const std::string& key : PlainIndexKeys(*summary)) rows.AddIndex(key);
      SetConsultationEntry(*summary, rows);
      PutMessage(rows, participation::kMainRow, row);

      v1::SubmissionContentRow content;
      content.set_text(received.text());
      if (received.has_document()) *content.mutable_document() = received.document();
      content.set_language(received.language());
      PutMessage(rows, participation::kContentRow, content);
    } else if (event.has_submission_withdrawn()) {
      v1::SubmissionRow row;
      if (!GetMessage(rows, participation::kMainRow, &row)) return;  // never received
      row.mutable_summary()->set_withdrawn(true);
      *row.mutable_summary()->mutable_withdrawn_on() = event.submission_withdrawn().withdrawn_on();
      SetConsultationEntry(row.summary(), rows);
      PutMessage(rows, participation::kMainRow, row);
    }
  }
};

}  // namespace

std::unique_ptr<Projection> MakeSubmissionsProjection() {
  return std::make_unique<SubmissionsProjection>();
}

}  // namespace kumppani::projections
