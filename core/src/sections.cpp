// sections: find the top-level headings.
//
// A line is a top-level heading when its title matches a template section
// title (after its enumerator and markdown/bold markers are removed), not
// because it starts with 一、: reports nest their own 一、二、三、 lists inside
// sections. Parenthesized enumerators (（一）) are never top-level. A heading
// may be split over two lines, or run into its first sentence ("一、总体情况。…").
#include <algorithm>
#include <map>
#include <unordered_map>
#include <vector>

#include "analysis.h"
#include "match.h"
#include "utf8.h"

namespace nianbao {
namespace {

struct TitleMatch {
  const SectionDef* def = nullptr;
  bool pre2019_only = false;
  size_t title_bytes = 0;  // bytes of `rest` the title covers
};

std::u32string without_de(std::u32string k) {
  k.erase(std::remove(k.begin(), k.end(), U'的'), k.end());
  return k;
}

/// Every accepted title of the v2019 and pre-2019 sections, in template order,
/// with its keys computed once (the templates are constant).
struct Title {
  Template gen;
  const SectionDef* def;
  std::u32string key, key_nd;
};
const std::vector<Title>& all_titles() {
  static const std::vector<Title> titles = [] {
    std::vector<Title> out;
    for (Template g : {Template::v2019, Template::pre2019})
      for (const auto& def : template_def(g).sections) {
        for_each_alternative(def.titles, [&](std::string_view t) {
          std::u32string k = label_key(t);
          out.push_back({g, &def, k, without_de(k)});
        });
      }
    return out;
  }();
  return titles;
}

/// The titles by key and by key without 的: which titles a line's key can equal.
struct TitleIndex {
  std::unordered_map<std::u32string, std::vector<uint32_t>> by_key, by_key_nd;
  std::vector<uint32_t> all;  // 0, 1, … every title
  size_t longest = 0;         // characters of the longest title key
  std::vector<char32_t> firsts, firsts_nd;  // sorted: first characters of the keys, and of the keys without 的
};
const TitleIndex& title_index() {
  static const TitleIndex index = [] {
    TitleIndex ix;
    const auto& titles = all_titles();
    for (uint32_t i = 0; i < titles.size(); ++i) {
      ix.all.push_back(i);
      ix.longest = std::max(ix.longest, titles[i].key.size());
      if (!titles[i].key.empty()) ix.firsts.push_back(titles[i].key[0]);
      if (!titles[i].key_nd.empty()) ix.firsts_nd.push_back(titles[i].key_nd[0]);
      ix.by_key[titles[i].key].push_back(i);
      ix.by_key_nd[titles[i].key_nd].push_back(i);
    }
    for (auto* v : {&ix.firsts, &ix.firsts_nd}) {
      std::sort(v->begin(), v->end());
      v->erase(std::unique(v->begin(), v->end()), v->end());
    }
    return ix;
  }();
  return index;
}

/// Bytes of `rest` needed to cover the first `n` key characters.
size_t bytes_for_key_chars(std::string_view rest, size_t n) {
  size_t i = 0, seen = 0;
  while (i < rest.size() && seen < n) {
    if (is_key_char(utf8_at(rest, i))) ++seen;
  }
  return seen == n ? i : std::string_view::npos;
}

bool is_pre2019_only(const char* key) {
  for (const auto& s : template_def(Template::v2019).sections)
    if (std::string_view(s.key) == key) return false;
  return true;
}

/// Does `rest` (heading text after the enumerator) carry a section title?
/// `whole`: the title must be the whole line; otherwise it may be followed by
/// a sentence after 。 or : .
/// label_key(text), cut once it holds more than `limit` characters other than 的:
/// a key that long can neither equal a title key (with or without 的) nor be
/// shorter than one, so the cut key matches exactly as the whole key would.
std::u32string title_key(std::string_view text, size_t limit) {
  std::u32string k;
  size_t not_de = 0;
  for (size_t i = 0; i < text.size() && not_de <= limit;) {
    int32_t c = utf8_at(text, i);
    if (!is_key_char(c)) continue;
    k += char32_t(c);
    not_de += c != U'的';
  }
  return k;
}

TitleMatch match_title(std::string_view rest, bool whole) {
  TitleMatch best;
  const TitleIndex& ix = title_index();
  // Most lines are prose: a title key can only start with a title's first character
  // (its key's, or its key's without 的) — look at those two characters first.
  {
    int32_t first = 0, first_nd = 0;
    for (size_t i = 0; i < rest.size() && !first_nd;) {
      int32_t c = utf8_at(rest, i);
      if (!is_key_char(c)) continue;
      if (!first) first = c;
      if (c != U'的') first_nd = c;
    }
    if (!std::binary_search(ix.firsts.begin(), ix.firsts.end(), char32_t(first)) &&
        !std::binary_search(ix.firsts_nd.begin(), ix.firsts_nd.end(), char32_t(first_nd)))
      return best;
  }
  std::u32string key = title_key(rest, ix.longest);
  if (key.empty() || (key.size() > 60 && whole)) return best;
  std::u32string key_nd = without_de(key);
  size_t best_len = 0;
  const auto& titles = all_titles();
  // A whole-line title must equal a title's key (or its key without 的): only those
  // titles can match, found by hash. A numbered line may also start with a title.
  std::vector<uint32_t> equal;
  if (whole) {
    if (auto it = ix.by_key.find(key); it != ix.by_key.end()) equal = it->second;
    if (auto it = ix.by_key_nd.find(key_nd); it != ix.by_key_nd.end())
      equal.insert(equal.end(), it->second.begin(), it->second.end());
    std::sort(equal.begin(), equal.end());  // template order, as in the full scan
    equal.erase(std::unique(equal.begin(), equal.end()), equal.end());
  }
  for (uint32_t ti : whole ? equal : ix.all) {
    const Title& t = titles[ti];
    const std::u32string &tk = t.key, &tk_nd = t.key_nd;
    size_t covered = std::string_view::npos;
    if (key == tk || key_nd == tk_nd) {
      covered = rest.size();
    } else if (!whole && key.size() > tk.size() && key.compare(0, tk.size(), tk) == 0) {
      size_t b = bytes_for_key_chars(rest, tk.size());
      if (b != std::string_view::npos) {
        std::string_view after = trim(rest.substr(b));
        if (after.rfind("。", 0) == 0 || after.rfind(":", 0) == 0 || after.rfind(",", 0) == 0)
          covered = b;
      }
    }
    if (covered != std::string_view::npos && tk.size() > best_len) {
      best_len = tk.size();
      best.def = t.def;
      best.pre2019_only = t.gen == Template::pre2019 && is_pre2019_only(t.def->key);
      best.title_bytes = covered;
    }
  }
  return best;
}

/// At most one character inserted, deleted or replaced between `a` and `b`?
bool within_one_edit(const std::u32string& a, const std::u32string& b) {
  if (a.size() > b.size() + 1 || b.size() > a.size() + 1) return false;
  size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  size_t ja = a.size(), jb = b.size();
  while (ja > i && jb > i && a[ja - 1] == b[jb - 1]) { --ja; --jb; }
  return ja - i <= 1 && jb - i <= 1;
}

/// A numbered heading with a typo ("四、政府信息公开行政法复议、行政诉讼情况"): the whole line is
/// one edit away from a title of the section that numeral names in v2019/v2021 (titles of six
/// characters or more, so that a short word is not taken for a heading).
TitleMatch match_title_typo(std::string_view rest, int number) {
  TitleMatch best;
  std::u32string key = label_key(rest);
  if (key.size() < 6 || key.size() > 40) return best;
  for (const Title& t : all_titles()) {
    if (t.gen == Template::pre2019 || t.def->number != number || t.key.size() < 6) continue;
    if (!within_one_edit(key, t.key)) continue;
    best.def = t.def;
    best.title_bytes = rest.size();
    return best;
  }
  return best;
}

/// A numbered heading whose line holds the title of the section that numeral names and a few words
/// more ("五、工作中存在的主要问题及改进情况", "三、收到和处理政府信息公开申请情况统计"): no more added
/// than the title is long, no sentence (。), titles of four characters or more.
TitleMatch match_title_added(std::string_view rest, int number) {
  TitleMatch best;
  if (rest.find("。") != std::string_view::npos) return best;
  std::u32string key = label_key(rest);
  if (key.size() < 5 || key.size() > 40) return best;
  size_t best_len = 0;
  for (const Title& t : all_titles()) {
    if (t.gen == Template::pre2019 || t.def->number != number || t.key.size() < 4) continue;
    if (t.key.size() <= best_len || key.size() > 2 * t.key.size() || key.find(t.key) == std::u32string::npos) continue;
    best_len = t.key.size();
    best.def = t.def;
    best.title_bytes = rest.size();
  }
  return best;
}

/// Is `key` a proper prefix of some title (a heading cut by a line break)?
bool is_title_prefix(const std::u32string& key) {
  if (key.size() < 3) return false;
  for (const Title& t : all_titles())
    if (t.key.size() > key.size() && t.key.compare(0, key.size(), key) == 0) return true;
  return false;
}

/// Strip markdown heading marks and list bullets from the start of a line.
size_t skip_markup(std::string_view t) {
  size_t i = 0;
  while (i < t.size() && (t[i] == '#' || t[i] == ' ' || t[i] == '\t' || t[i] == '>')) ++i;
  return i;
}

/// "第一部分" / "第一章" prefix: returns its byte length and value.
size_t part_prefix(std::string_view t, int& value) {
  if (t.rfind("第", 0) != 0) return 0;
  size_t i = 3;
  std::u32string num;
  while (i < t.size()) {
    size_t k = i;
    int32_t c = utf8_at(t, k);
    if (chinese_number(std::u32string(1, char32_t(c))) > 0 || c == U'十') { num += char32_t(c); i = k; }
    else break;
  }
  if (num.empty()) return 0;
  for (const char* w : {"部分", "章", "节"}) {
    size_t n = std::char_traits<char>::length(w);
    if (t.compare(i, n, w) == 0) {
      value = chinese_number(num);
      i += n;
      while (i < t.size() && (t[i] == ' ' || t[i] == ':' || t[i] == ',')) ++i;
      if (t.compare(i, 3, "、") == 0) i += 3;
      return i;
    }
  }
  return 0;
}

}  // namespace

namespace {

/// One scan of the lines for headings (see find_sections).
void find_sections_pass(Doc& doc, Analysis& a, bool minor_too) {
  const size_t n = doc.lines.size();
  for (size_t li = 0; li < n; ++li) {
    std::string_view line = doc.line_text(li);
    if (line.size() > 400) continue;  // a paragraph, not a heading
    if (line.find('\t') != std::string_view::npos && trim(line).find('\t') != std::string_view::npos) continue;
    if (size_t bar = line.find('|'); bar != std::string_view::npos) {
      // Table rows are not headings; a heading with trailing pipe residue ("标题 |") still is.
      std::string_view tail = line.substr(bar);
      if (tail.find_first_not_of("| \t") != std::string_view::npos) continue;
      line = line.substr(0, bar);
    }
    size_t lead = skip_markup(line);
    std::string_view t = line.substr(lead);
    Enumerator e = parse_enumerator(t);
    int part = 0;
    size_t plen = e.length ? 0 : part_prefix(t, part);
    // （一） and 1. number sub-headings ("（一）主动公开政府信息情况" inside 总体情况). Only in a report
    // where no line is a heading otherwise (a second pass, `minor_too`) is a line they number a
    // heading, when the rest is a section title and nothing else ("1、总体情况": a report that
    // numbers its six parts with Arabic numerals).
    const bool minor = e.length && (e.parenthesized || !e.chinese);
    if (minor && !minor_too) continue;
    size_t skip = e.length ? e.length : plen;
    std::string_view rest = trim(t.substr(skip));
    if (rest.empty()) continue;
    bool numbered = (e.length && !minor) || plen;
    TitleMatch m = match_title(rest, /*whole=*/!numbered);
    uint32_t hstart = doc.lines[li].start + uint32_t(lead);
    while (hstart < doc.lines[li].end && (doc.text[hstart] == ' ' || doc.text[hstart] == '\t')) ++hstart;
    uint32_t hend = 0;
    size_t last_line = li;
    if (m.def) {
      size_t rest_off = size_t(rest.data() - doc.text.data());
      hend = uint32_t(rest_off + m.title_bytes);
    } else if (numbered && is_title_prefix(label_key(rest))) {
      // A heading broken over two lines: join with the next non-empty line.
      size_t nx = li + 1;
      while (nx < n && trim(doc.line_text(nx)).empty()) ++nx;
      if (nx < n && nx - li <= 2) {
        std::string joined = std::string(rest) + std::string(trim(doc.line_text(nx)));
        TitleMatch m2 = match_title(joined, true);
        if (m2.def) {
          m = m2;
          last_line = nx;
          hend = doc.lines[nx].end;
          while (hend > doc.lines[nx].start && (doc.text[hend - 1] == ' ' || doc.text[hend - 1] == '\t')) --hend;
        }
      }
    }
    bool typo = false, added = false;
    if (!m.def && e.length && e.chinese && !minor) {
      m = match_title_typo(rest, e.value);
      typo = m.def != nullptr;
      if (!m.def) {
        m = match_title_added(rest, e.value);
        added = m.def != nullptr;
      }
      if (m.def) hend = uint32_t(size_t(rest.data() - doc.text.data()) + m.title_bytes);
    }
    if (!m.def) continue;
    SectionHit h;
    h.typo = typo;
    h.added = added;
    h.def = m.def;
    h.pre2019_only = m.pre2019_only;
    h.number = e.length ? e.value : part;
    h.printed = e.length ? e.printed : std::string(trim(t.substr(0, plen)));
    h.start = hstart;
    h.end = hend;
    h.heading = doc.text.substr(hstart, hend - hstart);
    for (char& c : h.heading) if (c == '\n') c = ' ';
    h.line = li;
    h.body_start = last_line + 1 < n ? doc.lines[last_line + 1].start : uint32_t(doc.text.size());
    a.sections.push_back(std::move(h));
    li = last_line;
  }
}

}  // namespace

void find_sections(Doc& doc, Analysis& a) {
  find_sections_pass(doc, a, false);
  if (a.sections.empty()) find_sections_pass(doc, a, true);
  for (size_t i = 0; i < a.sections.size(); ++i)
    a.sections[i].body_end = i + 1 < a.sections.size() ? a.sections[i + 1].start : uint32_t(doc.text.size());
}


void check_sections(Doc& doc, Analysis& a) {
  const bool modern = a.tmpl == Template::v2019 || a.tmpl == Template::v2021;
  const TemplateDef& def = template_def(modern ? a.tmpl : Template::pre2019);
  auto title_of = [](const SectionDef& d) {
    std::string_view t(d.titles);
    return std::string(t.substr(0, t.find('|')));
  };
  auto expected = [&](std::string_view key) -> const SectionDef* {
    for (const auto& s : def.sections)
      if (key == s.key) return &s;
    return nullptr;
  };
  auto ordinal_en = [](int n) {
    return std::to_string(n) + (n == 2 ? "nd" : n == 3 ? "rd" : "th");
  };
  int max_number = 0;
  const SectionHit* max_hit = nullptr;
  std::map<std::string_view, std::pair<int, const SectionHit*>> seen;  // key → (count, first)
  for (size_t i = 0; i < a.sections.size(); ++i) {
    SectionHit& h = a.sections[i];
    const SectionDef* ex = expected(h.def->key);
    std::string title = ex ? title_of(*ex) : title_of(*h.def);
    std::string title_en = h.def->en;
    // Duplicates.
    auto& entry = seen[h.def->key];
    int nth = ++entry.first;
    if (!entry.second) entry.second = &h;
    const SectionHit* first = entry.second;
    if (nth > 1) {
      Finding f = make_finding("NB0202", h.start, h.end,
                               {{"title", title}, {"title_en", title_en}, {"nth", std::to_string(nth)},
                                {"nth_en", ordinal_en(nth)}, {"first_line", std::to_string(first->line + 1)}});
      f.related.push_back({first->start, first->end, "first: " + first->heading});
      doc.findings.push_back(std::move(f));
      continue;
    }
    if (!modern || !ex) continue;
    // Numbering.
    if (h.number && h.number != ex->number) {
      std::string want = chinese_numeral(ex->number) + "、";
      doc.findings.push_back(make_finding("NB0204", h.start, h.end,
                                          {{"title", title}, {"title_en", title_en}, {"printed", h.printed},
                                           {"expected", want}}));
    }
    // A title one character off the template's ("行政法复议").
    if (h.typo) {
      std::string printed_title(trim(std::string_view(h.heading).substr(h.printed.size())));
      doc.findings.push_back(make_finding("NB0205", h.start, h.end,
                                          {{"printed", printed_title}, {"title", title}, {"title_en", title_en}}));
    }
    // A title with words added to the template's ("工作中存在的主要问题及改进情况").
    if (h.added) {
      std::string printed_title(trim(std::string_view(h.heading).substr(h.printed.size())));
      doc.findings.push_back(make_finding("NB0206", h.start, h.end,
                                          {{"printed", printed_title}, {"title", title}, {"title_en", title_en}}));
    }
    // Order.
    if (ex->number < max_number && max_hit) {
      const SectionDef* pex = expected(max_hit->def->key);
      Finding f = make_finding("NB0203", h.start, h.end,
                               {{"title", title}, {"title_en", title_en},
                                {"prev", pex ? title_of(*pex) : max_hit->heading},
                                {"prev_en", max_hit->def->en}});
      f.related.push_back({max_hit->start, max_hit->end, max_hit->heading});
      doc.findings.push_back(std::move(f));
    }
    if (ex->number > max_number) { max_number = ex->number; max_hit = &h; }
  }
  // Missing sections: where the section should have stood.
  static const char* kPre2019Required[] = {"proactive", "requests", "appeals", "problems"};
  for (const auto& s : def.sections) {
    if (a.section(s.key)) continue;
    if (!modern) {
      bool req = false;
      for (const char* k : kPre2019Required) req |= std::string_view(k) == s.key;
      if (!req) continue;
    }
    uint32_t at = uint32_t(doc.text.size());
    if (modern)
      for (const auto& h : a.sections) {
        const SectionDef* ex = expected(h.def->key);
        if (ex && ex->number > s.number) { at = h.start; break; }
      }
    Finding f = make_finding("NB0201", at, at,
                             // (a pre-2019 layout's parts have no fixed numbers: no "第…部分")
                             {{"part", s.number ? "第" + chinese_numeral(s.number) + "部分" : std::string("")},
                              {"part_en", s.number ? "Section " + std::to_string(s.number) + " " : std::string("Section ")},
                              {"title", title_of(s)}, {"title_en", s.en}});
    if (!modern) f.severity = Severity::warning;
    doc.findings.push_back(std::move(f));
  }
}

}  // namespace nianbao
