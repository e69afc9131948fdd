// The report renderers: a Document (document.h) to bytes, in Markdown, in
// HTML (one self-contained file) or as CSV tables.
//
// Deterministic: the output depends only on the document — no clock, no
// locale, no environment. Every text is escaped for its format. Pure
// functions.
#ifndef KUMPPANI_TOOLS_KUMPPANI_REPORT_RENDER_H_
#define KUMPPANI_TOOLS_KUMPPANI_REPORT_RENDER_H_

#include <string>
#include <vector>

#include "tools/kumppani/report/document.h"

namespace kumppani::report {

// CommonMark with GitHub-style tables. Charts are left out (their numbers
// are in the document's tables).
std::string RenderMarkdown(const Document& document);

// An HTML5 page: inline CSS (with @media print), no scripts, no external
// resources (a Content-Security-Policy forbids them), charts as inline SVG.
std::string RenderHtml(const Document& document);

// One CSV file (RFC 4180, CRLF line ends, UTF-8) per table name and per
// named key-value list, in order of first appearance.
struct CsvFile {
  std::string name;  // "<table name>.csv"
  std::string bytes;
};
std::vector<CsvFile> RenderCsv(const Document& document);

}  // namespace kumppani::report

#endif  // KUMPPANI_TOOLS_KUMPPANI_REPORT_RENDER_H_
