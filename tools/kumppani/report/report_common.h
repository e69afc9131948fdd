// Pieces both reports share: names of organisations and bodies, the
// "Source" section (position, as-of date, checkpoint), how an input and its
// submitter are described, and the tables and chart of what a decision did
// with its inputs.
//
// Privacy: a submission by a private person is described as such; no
// person's id (pseudonymous or not) is ever written into a report.
// Pure functions; Names is a value type.
#ifndef KUMPPANI_TOOLS_KUMPPANI_REPORT_REPORT_COMMON_H_
#define KUMPPANI_TOOLS_KUMPPANI_REPORT_REPORT_COMMON_H_

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "kumppani/v1/participation_views.pb.h"
#include "kumppani/v1/registry_views.pb.h"
#include "tools/kumppani/report/document.h"
#include "tools/kumppani/report/report_data.h"

namespace kumppani::report {

// Display names by id.
class Names {
 public:
  void Add(const std::vector<v1::OrganisationView>& organisations);
  void Add(const std::vector<v1::BodyView>& bodies);
  void AddOrganisation(const v1::OrganisationView& organisation);

  // The name; the id itself when unknown; "" for "".
  std::string Organisation(const std::string& organisation_id) const;
  std::string Body(const std::string& body_id) const;

 private:
  std::map<std::string, std::string> organisations_;
  std::map<std::string, std::string> bodies_;
};

// The "Source" heading and its facts (CSV: provenance.csv).
void AppendProvenance(const Provenance& provenance, std::vector<Block>& blocks);

// "Esimerkkiyhdistys ry", "Esimerkkiyhdistys ry on behalf of A, B", or "a
// private person" (both submitter ids empty, or a person's).
std::string SubmitterText(const v1::SubmissionSummary& submission, const Names& names);

// What an input of a trail is, in words: "Statement by X: <consultation
// subject>", "Consultation: <subject>", "Proposal of <body>: <title>", ….
std::string InputText(const v1::TrailInput& input, const Names& names);

// The day that dates an input: receipt, closing (else deadline), proposal
// or decision day; "" when none.
std::string InputDate(const v1::TrailInput& input);

// "2022-08-15 (email)", several joined by "; "; "not sent" when empty.
std::string FeedbackText(const google::protobuf::RepeatedPtrField<v1::FeedbackRecord>& feedback);
// CSV: the days joined by ";"; "" when none.
std::string FeedbackCsv(const google::protobuf::RepeatedPtrField<v1::FeedbackRecord>& feedback);

// Counts of directly cited inputs by the assessment in force; index 0 is
// "not assessed", 1..6 the InfluenceAssessment values; 7 any other value.
using OutcomeCounts = std::array<int64_t, 8>;
void CountOutcomes(const v1::InfluenceTrail& trail, OutcomeCounts& counts);

// The stacked bar of outcome shares and its table (CSV:
// outcome_shares.csv), in a fixed order of outcomes.
StackedBar OutcomeChart(const std::string& title, const OutcomeCounts& counts);
Table OutcomeTable(const std::string& caption, const OutcomeCounts& counts);

// Every input of a trail, in the trail's order (CSV: decision_inputs.csv,
// its first column the decision id).
Table InputsTable(const v1::InfluenceTrail& trail, const Names& names);
// The submissions on the subject the decision did not cite (CSV:
// uncited_submissions.csv).
Table UncitedTable(const v1::InfluenceTrail& trail, const Names& names);

// "directly", or "through proposal-a, proposal-b".
std::string CitedText(const v1::TrailInput& input);

}  // namespace kumppani::report

#endif  // KUMPPANI_TOOLS_KUMPPANI_REPORT_REPORT_COMMON_H_
