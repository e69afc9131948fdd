// Fuzz target: the report builders and renderers (tools/kumppani/report)
// given whatever a server could answer the gatherer: a ViewsInput
// (fuzz_inputs.proto) becomes an annual report and a trail report, each
// rendered as Markdown, HTML and CSV. Invariants: nothing crashes; the bytes
// do not depend on the order of the answers (report_data.h promises the
// builders sort everything themselves) nor on the run; no text from the
// ledger can open a <script> element in the HTML.
#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "tests/fuzz/fuzz_inputs.pb.h"
#include "tests/fuzz/fuzz_target.h"
#include "tools/kumppani/report/annual_report.h"
#include "tools/kumppani/report/render.h"
#include "tools/kumppani/report/trail_report.h"

namespace kumppani::fuzz {
namespace {

template <typename T>
std::vector<T> Listed(const google::protobuf::RepeatedPtrField<T>& field, bool reversed) {
  std::vector<T> list(field.begin(), field.end());
  if (reversed) std::reverse(list.begin(), list.end());
  return list;
}

report::Provenance ProvenanceOf(const ViewsInput& in) {
  report::Provenance p;
  p.position = in.position();
  p.source = static_cast<report::Provenance::PositionSource>(
      std::clamp(in.position_source(), 0, 3));
  p.given_time = in.given_time();
  p.as_of = in.as_of();
  p.checkpoint = static_cast<report::Provenance::CheckpointState>(
      std::clamp(in.checkpoint_state(), 0, 2));
  p.checkpoint_origin = in.checkpoint_origin();
  p.checkpoint_tree_size = in.checkpoint_tree_size();
  p.checkpoint_root_hash = in.checkpoint_root_hash();
  p.checkpoint_signer = in.checkpoint_signer();
  p.rebuild_command = in.rebuild_command();
  return p;
}

report::AnnualReportData AnnualOf(const ViewsInput& in, bool reversed) {
  report::AnnualReportData d;
  d.provenance = ProvenanceOf(in);
  d.year = in.year();
  d.region = in.region();
  d.organisations = Listed(in.organisations(), reversed);
  d.bodies = Listed(in.bodies(), reversed);
  d.memberships = Listed(in.memberships(), reversed);
  d.consultations = Listed(in.consultations(), reversed);
  d.decisions = Listed(in.decisions(), reversed);
  d.grants = Listed(in.grants(), reversed);
  d.grant_totals = in.grant_totals();
  d.programmes = Listed(in.programmes(), reversed);
  d.unassessed_submissions = Listed(in.unassessed_submissions(), reversed);
  d.uninformed_inputs = Listed(in.uninformed_inputs(), reversed);
  d.coverage = in.coverage();
  return d;
}

report::TrailReportData TrailOf(const ViewsInput& in, bool reversed) {
  report::TrailReportData d;
  d.provenance = ProvenanceOf(in);
  d.trail = in.trail();
  d.decision = in.decision();
  d.organisations = Listed(in.organisations(), reversed);
  d.bodies = Listed(in.bodies(), reversed);
  return d;
}

// Every rendering of the document, one after the other, with separators.
std::string RenderAll(const report::Document& document) {
  std::string all = report::RenderMarkdown(document) + "\n\f\n" + report::RenderHtml(document);
  for (const report::CsvFile& csv : report::RenderCsv(document)) {
    all += "\n\f" + csv.name + "\n" + csv.bytes;
  }
  return all;
}

// Where two renderings part, with some context, for the finding's message.
std::string FirstDifference(const std::string& a, const std::string& b) {
  size_t at = 0;
  while (at < a.size() && at < b.size() && a[at] == b[at]) ++at;
  size_t from = at < 200 ? 0 : at - 200;
  return "at byte " + std::to_string(at) + ":\n--- as answered:\n" + a.substr(from, 400) +
         "\n--- reversed:\n" + b.substr(from, 400);
}

void CheckSame(const std::string& expected, const std::string& actual, std::string_view what) {
  if (expected != actual) FuzzCheck(false, what, FirstDifference(expected, actual));
}

void CheckNoScript(const std::string& html) {
  std::string lower(html.size(), ' ');
  std::transform(html.begin(), html.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  FuzzCheck(lower.find("<script") == std::string::npos, "ledger text opened a <script> element");
}

}  // namespace
}  // namespace kumppani::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace kumppani;        // NOLINT(build/namespaces)
  using namespace kumppani::fuzz;  // NOLINT(build/namespaces)
  ViewsInput input;
  if (!input.ParseFromArray(data, static_cast<int>(size))) return 0;

  report::Document annual = report::BuildAnnualReport(AnnualOf(input, false));
  std::string annual_bytes = RenderAll(annual);
  CheckNoScript(report::RenderHtml(annual));
  CheckSame(annual_bytes, RenderAll(report::BuildAnnualReport(AnnualOf(input, false))),
            "the annual report differs between two runs");
  CheckSame(annual_bytes, RenderAll(report::BuildAnnualReport(AnnualOf(input, true))),
            "the annual report depends on the order of the answers");

  report::Document trail = report::BuildTrailReport(TrailOf(input, false));
  std::string trail_bytes = RenderAll(trail);
  CheckNoScript(report::RenderHtml(trail));
  CheckSame(trail_bytes, RenderAll(report::BuildTrailReport(TrailOf(input, true))),
            "the trail report depends on the order of the answers");
  return 0;
}
