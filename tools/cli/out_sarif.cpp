// --format sarif: SARIF 2.1.0, one run for the whole batch.
//
// Positions: startLine/startColumn/endLine/endColumn in Unicode code points of
// the decoded text (run.columnKind "unicodeCodePoints"), plus byteOffset/
// byteLength into the original file, whatever its encoding (artifacts[] names
// the encoding). Unreadable inputs become toolExecutionNotifications and make
// invocations[0].executionSuccessful false.
// tool.driver.rules lists the engine's whole rule table (nianbao::rule_catalog()), so
// ruleIndex is the same in every run; descriptions are the message templates
// with their {placeholders} shown as "…".
// Written at the end; only the diagnostics are kept, not the reports.
#include <cstring>
#include <map>
#include <ostream>

#include "cli.h"

namespace cli {
namespace {

// A JSON object from (key, already-serialized value) pairs; empty values are left out.
std::string obj(std::initializer_list<std::pair<const char*, std::string>> members) {
  std::string out = "{";
  for (const auto& [key, value] : members) {
    if (value.empty()) continue;
    if (out.size() > 1) out += ",";
    out += json_quote(key) + ":" + value;
  }
  return out + "}";
}

std::string arr(const std::vector<std::string>& items, const char* sep = ",") {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? sep : "") + items[i];
  return out + "]";
}

std::string num(uint64_t v) { return std::to_string(v); }
std::string text(std::string_view s) { return obj({{"text", json_quote(s)}}); }

constexpr const char* kLevel[] = {"error", "warning", "note"};  // by Severity

struct Encoding {
  const char *ours, *iana;
};
constexpr Encoding kEncodings[] = {{"utf-8", "UTF-8"},       {"utf-16le", "UTF-16LE"},
                                   {"utf-16be", "UTF-16BE"}, {"gb18030", "GB18030"}};

std::string iana(const std::string& ours) {
  for (const Encoding& e : kEncodings)
    if (ours == e.ours) return json_quote(e.iana);
  return "";
}

// A URI reference for a path: unreserved characters and '/' as they are, the rest
// percent-encoded (UTF-8 bytes); absolute paths become file:// URIs.
std::string uri(const std::string& path) {
  static const char* hex = "0123456789ABCDEF";
  std::string out = !path.empty() && path[0] == '/' ? "file://" : "";
  for (unsigned char c : path) {
    if (std::isalnum(c) || std::string_view("-._~/").find(char(c)) != std::string_view::npos) {
      out += char(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string region(const nianbao::Span& s) {
  if (!s.line && s.start == s.end) return "";  // the whole file
  std::string start_col = s.line && s.column ? num(s.column) : "";
  std::string end_line = s.line && s.end_line ? num(s.end_line) : "";
  std::string end_col = s.line && s.end_line && s.end_column ? num(s.end_column) : "";
  return obj({{"startLine", s.line ? num(s.line) : ""},
              {"startColumn", start_col},
              {"endLine", end_line},
              {"endColumn", end_col},
              {"byteOffset", num(s.start)},
              {"byteLength", num(s.end > s.start ? s.end - s.start : 0)}});
}

std::string physical(const std::string& file_uri, size_t artifact, const nianbao::Span& s) {
  return obj({{"artifactLocation", obj({{"uri", json_quote(file_uri)}, {"index", num(artifact)}})},
              {"region", region(s)}});
}

// FNV-1a, 64 bit: a stable fingerprint that survives line shifts.
std::string fingerprint(const nianbao::Diagnostic& d) {
  uint64_t h = 1469598103934665603ull;
  for (const std::string* part : {&d.rule, &d.check, &d.en}) {
    for (unsigned char c : *part) h = (h ^ c) * 1099511628211ull;
    h = (h ^ 0xff) * 1099511628211ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

struct File {
  std::string uri, encoding;
  uint64_t bytes;
  std::vector<nianbao::Diagnostic> diagnostics;
};

// A message template as a description: "{col} 列…" → "… 列…", first sentence only.
std::string generic(const char* tmpl) {
  std::string out;
  for (const char* p = tmpl; *p; ++p) {
    const char* close = *p == '{' ? std::strchr(p, '}') : nullptr;
    if (close) {
      out += "\xe2\x80\xa6";  // …
      p = close;
    } else {
      out += *p;
    }
  }
  return first_sentence(out);
}

struct Rule {
  std::string id, name, zh, en;
  nianbao::Severity severity;
};

// The engine's rules, in table order.
std::vector<Rule> rule_table() {
  std::vector<Rule> rules;
  for (const nianbao::RuleDoc& r : nianbao::rule_catalog())
    rules.push_back({r.id, r.name, generic(r.zh.c_str()), generic(r.en.c_str()), r.severity});
  return rules;
}

class SarifSink final : public Sink {
 public:
  SarifSink(std::ostream& out, const Config& cfg) : out_(out), cfg_(cfg), rules_(rule_table()) {
    for (size_t i = 0; i < rules_.size(); ++i) index_[rules_[i].id] = i;
  }

  void result(nianbao::Result&& r) override {
    for (const nianbao::Diagnostic& d : r.diagnostics)
      if (!index_.count(d.rule)) {  // not in the table (an engine newer than this list): describe by example
        index_[d.rule] = rules_.size();
        rules_.push_back({d.rule, "", first_sentence(d.zh), first_sentence(d.en), d.severity});
      }
    files_.push_back({uri(r.file), r.input.encoding, r.input.bytes, std::move(r.diagnostics)});
  }

  void failure(const Failure& f) override {
    notes_.push_back(obj(
        {{"level", json_quote("error")},
         {"message", text(both(f.reason))},
         {"locations", arr({obj({{"physicalLocation",
                                  obj({{"artifactLocation", obj({{"uri", json_quote(uri(f.path))}})}})}})})}}));
  }

  void finish() override {
    std::vector<std::string> rules;
    for (const Rule& r : rules_)
      rules.push_back(obj({{"id", json_quote(r.id)},
                           {"name", r.name.empty() ? "" : json_quote(r.name)},
                           {"shortDescription", text(cfg_.lang == nianbao::Lang::zh ? r.zh : r.en)},
                           {"fullDescription", text(r.zh + " / " + r.en)},
                           {"help", text(r.zh + "\n" + r.en + "\n(docs/rules.md, " + r.id + ")")},
                           {"defaultConfiguration", obj({{"level", json_quote(kLevel[rank(r.severity)])}})}}));
    std::vector<std::string> artifacts;
    for (const File& f : files_)
      artifacts.push_back(obj({{"location", obj({{"uri", json_quote(f.uri)}})},
                               {"length", num(f.bytes)},
                               {"encoding", iana(f.encoding)}}));
    std::string driver = obj({{"name", json_quote("nianbao-check")},
                              {"version", json_quote(nianbao::version())},
                              {"rules", arr(rules, ",\n        ")}});
    std::string invocation = obj({{"executionSuccessful", notes_.empty() ? "true" : "false"},
                                  {"toolExecutionNotifications", notes_.empty() ? "" : arr(notes_)}});
    out_ << "{\n  \"$schema\": "
         << json_quote("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
         << ",\n  \"version\": \"2.1.0\",\n  \"runs\": [{\n"
         << "    \"tool\": {\"driver\": " << driver << "},\n"
         << "    \"invocations\": [" << invocation << "],\n"
         << "    \"columnKind\": \"unicodeCodePoints\",\n"
         << "    \"artifacts\": " << arr(artifacts, ",\n      ") << ",\n"
         << "    \"results\": [";
    const char* sep = "";
    for (size_t a = 0; a < files_.size(); ++a) {
      for (const nianbao::Diagnostic& d : files_[a].diagnostics) {
        out_ << sep << result(d, files_[a].uri, a);
        sep = ",\n      ";
      }
      files_[a].diagnostics = {};  // written: let go
    }
    out_ << "]\n  }]\n}\n";
    out_.flush();
  }

 private:
  std::string result(const nianbao::Diagnostic& d, const std::string& file_uri, size_t artifact) {
    std::vector<std::string> related;
    for (size_t k = 0; k < d.related.size(); ++k)
      related.push_back(obj({{"id", num(k + 1)},
                             {"message", text(d.related[k].label)},
                             {"physicalLocation", physical(file_uri, artifact, d.related[k].span)}}));
    // Findings folded under this cause: related locations too, each with its rule and message.
    for (const nianbao::Diagnostic& item : d.items)
      related.push_back(obj({{"id", num(related.size() + 1)},
                             {"message", text(item.rule + ": " + message(item, cfg_.lang))},
                             {"physicalLocation", physical(file_uri, artifact, item.span)}}));
    return obj({{"ruleId", json_quote(d.rule)},
                {"ruleIndex", num(index_[d.rule])},
                {"level", json_quote(kLevel[rank(d.severity)])},
                {"message", text(message(d, cfg_.lang))},
                {"locations", arr({obj({{"physicalLocation", physical(file_uri, artifact, d.span)}})})},
                {"relatedLocations", related.empty() ? "" : arr(related)},
                {"partialFingerprints", obj({{"nianbaoFingerprint/v1", json_quote(fingerprint(d))}})},
                {"properties", d.check.empty() ? "" : obj({{"check", json_quote(d.check)}})}});
  }

  std::ostream& out_;
  const Config& cfg_;
  std::vector<File> files_;
  std::vector<Rule> rules_;
  std::map<std::string, size_t> index_;
  std::vector<std::string> notes_;
};

}  // namespace

std::unique_ptr<Sink> make_sarif_sink(std::ostream& out, const Config& cfg) {
  return std::make_unique<SarifSink>(out, cfg);
}

}  // namespace cli
