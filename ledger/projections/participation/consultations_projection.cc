// The "consultations" fold (rows and index keys: consultations_projection.h).
#include "ledger/projections/participation/consultations_projection.h"

#include <string>
#include <vector>

#include "kumppani/v1/participation_views.pb.h"
#include "ledger/domain/dates.h"
#include "ledger/projections/participation/participation_keys.h"

namespace kumppani::projections {
namespace {

using participation::kConsultationPrefix;

std::vector<std::string> IndexKeys(const v1::ConsultationOpened& opened) {
  std::vector<std::string> keys;
  if (!opened.organiser_organisation_id().empty()) {
    keys.push_back(participation::OrganiserIndex(opened.organiser_organisation_id()));
  }
  if (!opened.body_id().empty()) {
    keys.push_back(participation::ConsultationBodyIndex(opened.body_id()));
  }
  if (!opened.subject_document().sha256().empty()) {
    keys.push_back(participation::DocumentHashIndex(opened.subject_document().sha256()));
  }
  if (!opened.subject_document().uri().empty()) {
    keys.push_back(participation::DocumentUriIndex(opened.subject_document().uri()));
  }
  std::erase_if(keys, [](const std::string& key) { return !participation::Storable(key); });
  return keys;
}

class ConsultationsProjection final : public Projection {
 public:
  std::string_view name() const override { return participation::kConsultations; }
  uint32_t version() const override { return 1; }
  bool Wants(std::string_view stream_id) const override {
    return stream_id.substr(0, kConsultationPrefix.size()) == kConsultationPrefix;
  }

  void Apply(const AppliedEvent& applied, AggregateRows& rows) override {
    const v1::Event& event = applied.event;
    switch (event.payload_case()) {
      case v1::Event::kConsultationOpened: {
        // A second opening (only possible through the low-level API)
        // replaces the first but keeps a recorded closing.
        v1::ConsultationRow row;
        if (GetMessage(rows, participation::kMainRow, &row)) {
          for (const std::string& key : IndexKeys(row.opened())) rows.RemoveIndex(key);
        }
        *row.mutable_opened() = event.consultation_opened();
        for (const std::string& key : IndexKeys(row.opened())) rows.AddIndex(key);
        PutMessage(rows, participation::kMainRow, row);
        break;
      }
      case v1::Event::kConsultationDeadlineExtended: {
        const v1::ConsultationDeadlineExtended& extended = event.consultation_deadline_extended();
        v1::DeadlineExtensionRow row;
        v1::DeadlineChange* change = row.mutable_change();
        *change->mutable_deadline() = extended.deadline();
        *change->mutable_previous_deadline() = extended.previous_deadline();
        *change->mutable_extended_on() = domain::HelsinkiDate(applied.envelope.effective_at());
        *change->mutable_reason() = extended.reason();
        PutMessage(rows,
                   std::string(participation::kExtensionRows) +
                       participation::VersionKey(applied.envelope.stream_version()),
                   row);
        break;
      }
      case v1::Event::kConsultationClosed: {
        v1::ConsultationRow row;
        if (!GetMessage(rows, participation::kMainRow, &row)) break;  // never opened
        row.set_closed(true);
        *row.mutable_closed_on() = event.consultation_closed().closed_on();
        row.set_responses_received(event.consultation_closed().responses_received());
        PutMessage(rows, participation::kMainRow, row);
        break;
      }
      case v1::Event::kConsultationSummaryPublished: {
        v1::ConsultationSummaryRow row;
        *row.mutable_published() = event.consultation_summary_published();
        PutMessage(rows, participation::kSummaryRow, row);
        break;
      }
      default:
        break;
    }
  }
};

}  // namespace

std::unique_ptr<Projection> MakeConsultationsProjection() {
  return std::make_unique<ConsultationsProjection>();
}

}  // namespace kumppani::projections
