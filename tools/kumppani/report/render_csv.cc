// CSV rendering of a report document (see render.h).
#include <map>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "tools/kumppani/report/render.h"
#include "tools/kumppani/report/text_format.h"

namespace kumppani::report {
namespace {

constexpr char kLineEnd[] = "\r\n";

std::string Header(const Table& table) {
  std::string line;
  for (size_t i = 0; i < table.columns.size(); ++i) {
    if (i != 0) line += ',';
    line += CsvField(table.columns[i].csv_name);
  }
  return line + kLineEnd;
}

}  // namespace

std::vector<CsvFile> RenderCsv(const Document& document) {
  std::vector<CsvFile> files;
  std::map<std::string, size_t> index;  // file name -> position in `files`
  auto file_for = [&](const std::string& name, const std::string& header) -> std::string& {
    const std::string file_name = name + ".csv";
    auto [it, inserted] = index.emplace(file_name, files.size());
    if (inserted) files.push_back(CsvFile{file_name, header});
    return files[it->second].bytes;
  };
  for (const Block& block : document.blocks) {
    if (const auto* table = std::get_if<Table>(&block)) {
      if (table->name.empty()) continue;
      std::string& bytes = file_for(table->name, Header(*table));
      for (const std::vector<Cell>& row : table->rows) {
        for (size_t i = 0; i < table->columns.size(); ++i) {
          if (i != 0) bytes += ',';
          if (i < row.size()) bytes += CsvField(row[i].csv.value_or(row[i].text));
        }
        bytes += kLineEnd;
      }
    } else if (const auto* pairs = std::get_if<KeyValues>(&block)) {
      if (pairs->csv_name.empty()) continue;
      std::string& bytes = file_for(pairs->csv_name, std::string("field,value") + kLineEnd);
      for (const KeyValue& item : pairs->items) {
        bytes += CsvField(item.csv_key.empty() ? item.key : item.csv_key) + "," +
                 CsvField(item.csv_value.value_or(item.value)) + kLineEnd;
      }
    }
  }
  return files;
}

}  // namespace kumppani::report
