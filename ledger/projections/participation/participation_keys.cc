// Key builders of the participation projections.
#include "ledger/projections/participation/participation_keys.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "ledger/domain/dates.h"

namespace kumppani::projections::participation {
namespace {

std::string Keyed(std::string_view category, std::string_view id) {
  return absl::StrCat(absl::string_view(category.data(), category.size()),
                      absl::string_view(id.data(), id.size()), "/");
}


}  // namespace

std::string DateKey(const v1::Date& date) {
  if (!domain::IsSet(date)) return "0000-00-00";
  return absl::StrFormat("%04d-%02d-%02d", date.year(), date.month(), date.day());
}

std::string VersionKey(uint64_t version) { return absl::StrFormat("%020d", version); }

std::string OrganiserIndex(std::string_view organisation_id) {
  return Keyed("organiser/", organisation_id);
}
std::string ConsultationBodyIndex(std::string_view body_id) { return Keyed("body/", body_id); }
std::string DocumentHashIndex(std::string_view sha256) { return Keyed("doc/", sha256); }
std::string DocumentUriIndex(std::string_view uri) { return Keyed("doc_uri/", uri); }

std::string SubmissionConsultationPrefix(std::string_view consultation_id) {
  return Keyed("consultation/", consultation_id);
}

std::string SubmissionConsultationIndex(std::string_view consultation_id,
                                        const v1::SubmissionSummary& summary) {
  // Seconds and nanos zero-padded: entries sort by arrival, then stream id.
  return absl::StrCat(SubmissionConsultationPrefix(consultation_id),
                      absl::StrFormat("%020d.%09d", summary.received_at().seconds(),
                                      summary.received_at().nanos()));
}

std::string SubmitterIndex(std::string_view organisation_id) {
  return Keyed("submitter/", organisation_id);
}
std::string OnBehalfOfIndex(std::string_view organisation_id) {
  return Keyed("on_behalf_of/", organisation_id);
}
std::string CitedInputIndex(std::string_view input_id) { return Keyed("input/", input_id); }
std::string ToBodyIndex(std::string_view body_id) { return Keyed("to_body/", body_id); }
std::string FromBodyIndex(std::string_view body_id) { return Keyed("from_body/", body_id); }
std::string RegisterBodyPrefix(std::string_view body_id) { return Keyed("body/", body_id); }

v1::InputKind InputKindOf(std::string_view input_id) {
  if (input_id.starts_with(kSubmissionPrefix)) return v1::INPUT_KIND_SUBMISSION;
  if (input_id.starts_with(kConsultationPrefix)) return v1::INPUT_KIND_CONSULTATION;
  if (input_id.starts_with(kProposalPrefix)) return v1::INPUT_KIND_PROPOSAL;
  if (input_id.starts_with(kMeetingPrefix)) return v1::INPUT_KIND_MEETING;
  if (input_id.starts_with(kDecisionPrefix)) return v1::INPUT_KIND_DECISION;
  return v1::INPUT_KIND_UNSPECIFIED;
}

}  // namespace kumppani::projections::participation
