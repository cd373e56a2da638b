// --format csv: one row per checked report, for spreadsheets.
//
// Columns: file, encoding, template, year, org, errors, warnings, infos, then
// one column per rule id seen in the batch (count of its diagnostics, sorted by
// id), then one per section key ("section:<key>", how often the heading
// occurs; the six standard keys always, others when seen).
// RFC 4180 (CRLF, "" quoting), UTF-8 with a BOM so that Excel reads Chinese.
// Text cells that Excel would take for a formula (= + - @) get a leading '.
// The whole table is written at the end: the rule columns depend on every row.
#include <algorithm>
#include <map>
#include <ostream>
#include <set>

#include "cli.h"

namespace cli {
namespace {

constexpr const char* kFixed[] = {"file", "encoding", "template", "year", "org", "errors", "warnings", "infos"};
constexpr const char* kStandardSections[] = {"overview", "proactive", "requests", "appeals", "problems", "other"};

std::string field(std::string_view s) {
  bool quote = s.find_first_of(",\"\r\n") != std::string_view::npos;
  std::string out = quote ? "\"" : "";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quote ? out + "\"" : out;
}

std::string text_field(std::string_view s) {
  if (!s.empty() && std::string_view("=+-@\t\r").find(s[0]) != std::string_view::npos)
    return field("'" + std::string(s));
  return field(s);
}

struct Row {
  std::string fixed;  // the eight fixed cells, joined
  std::map<std::string, size_t> rules, sections;
};

class CsvSink final : public Sink {
 public:
  explicit CsvSink(std::ostream& out) : out_(out) {}

  void result(nianbao::Result&& r) override {
    Row row;
    const nianbao::ReportInfo& rep = r.report;
    row.fixed = text_field(r.file) + "," + field(r.input.encoding) + "," + nianbao::to_string(rep.tmpl) + "," +
                (rep.year ? std::to_string(rep.year) : "") + "," + text_field(rep.org) + "," +
                std::to_string(r.count(nianbao::Severity::error)) + "," +
                std::to_string(r.count(nianbao::Severity::warning)) + "," +
                std::to_string(r.count(nianbao::Severity::info));
    for (const nianbao::Diagnostic& d : r.diagnostics) {
      ++row.rules[d.rule];
      rule_ids_.insert(d.rule);
    }
    for (const nianbao::Section& s : r.sections) {
      ++row.sections[s.key];
      section_keys_.insert(s.key);
    }
    rows_.push_back(std::move(row));
  }

  void finish() override {
    std::vector<std::string> sections(std::begin(kStandardSections), std::end(kStandardSections));
    for (const std::string& k : section_keys_)
      if (std::find(sections.begin(), sections.end(), k) == sections.end()) sections.push_back(k);

    out_ << "\xef\xbb\xbf";  // BOM
    std::string header;
    for (const char* f : kFixed) header += std::string(header.empty() ? "" : ",") + f;
    for (const std::string& id : rule_ids_) header += "," + field(id);
    for (const std::string& k : sections) header += "," + field("section:" + k);
    out_ << header << "\r\n";
    for (const Row& row : rows_) {
      out_ << row.fixed;
      for (const std::string& id : rule_ids_) out_ << ',' << count(row.rules, id);
      for (const std::string& k : sections) out_ << ',' << count(row.sections, k);
      out_ << "\r\n";
    }
    out_.flush();
  }

 private:
  static size_t count(const std::map<std::string, size_t>& m, const std::string& k) {
    auto it = m.find(k);
    return it == m.end() ? 0 : it->second;
  }

  std::ostream& out_;
  std::vector<Row> rows_;
  std::set<std::string> rule_ids_, section_keys_;
};

}  // namespace

std::unique_ptr<Sink> make_csv_sink(std::ostream& out, const Config&) {
  return std::make_unique<CsvSink>(out);
}

}  // namespace cli
