// html: when the input is HTML markup (a page's source, or a browser copy
// pasted as HTML), read it as a browser would lay it out as text: block
// elements and table rows end lines, table cells are separated by tabs
// (colspan repeats the tab), entities are decoded, scripts/styles/comments
// dropped. The result is an ordinary tab-separated text with a map back.
#include <cctype>
#include <cstring>

#include "doc.h"
#include "utf8.h"

namespace nianbao {
namespace {

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; }

/// Does `s` at `i` start with the lower-case ASCII word `w`, in any case?
bool ieq_prefix(std::string_view s, size_t i, const char* w) {
  for (size_t k = 0; w[k]; ++k)
    if (i + k >= s.size() || ascii_lower(s[i + k]) != w[k]) return false;
  return true;
}

/// Tags that end a line when they open or close.
constexpr const char* kBlockTags[] = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
                                      "tr", "table", "tbody", "thead", "tfoot", "section", "article", "header",
                                      "footer", "title", "blockquote", "pre", "hr", "caption", "dd", "dt", "nav"};

struct Entity { const char* name; uint32_t cp; };
constexpr Entity kEntities[] = {
    {"nbsp", 0xA0},  {"amp", '&'},     {"lt", '<'},       {"gt", '>'},      {"quot", '"'},
    {"apos", '\''},  {"ensp", 0x2002}, {"emsp", 0x2003},  {"thinsp", 0x2009}, {"ldquo", 0x201C},
    {"rdquo", 0x201D}, {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"mdash", 0x2014}, {"ndash", 0x2013},
    {"hellip", 0x2026}, {"middot", 0xB7}, {"times", 0xD7}, {"yen", 0xA5},     {"copy", 0xA9},
    {"reg", 0xAE},   {"deg", 0xB0},    {"plusmn", 0xB1}, {"bull", 0x2022},  {"zwsp", 0x200B},
};

/// Is this text HTML markup rather than a report with a stray '<'?
bool looks_like_html(std::string_view s) {
  size_t tags = 0;
  static const char* kSignals[] = {"<table", "<tr", "<td", "<th", "<p>", "<p ", "<div", "<br", "<span",
                                   "<html", "<body", "<!doctype", "</p>", "</td>", "</div>"};
  size_t limit = s.size() < (1u << 20) ? s.size() : (1u << 20);  // look at the first MiB
  for (size_t i = 0; i < limit; ++i) {
    const void* lt = std::memchr(s.data() + i, '<', limit - i);
    if (!lt) break;
    i = size_t(static_cast<const char*>(lt) - s.data());
    for (const char* sig : kSignals)
      if (ieq_prefix(s, i, sig)) { ++tags; break; }
    if (tags >= 8) return true;
  }
  return false;
}

/// Parse `name="value"` (or unquoted) of a numeric attribute inside a tag.
int int_attr(std::string_view tag, const char* name) {
  for (size_t i = 0; i < tag.size(); ++i) {
    if (!ieq_prefix(tag, i, name)) continue;
    size_t j = i + std::strlen(name);
    while (j < tag.size() && (tag[j] == ' ' || tag[j] == '=' || tag[j] == '"' || tag[j] == '\'')) ++j;
    int v = 0, digits = 0;
    while (j < tag.size() && std::isdigit(static_cast<unsigned char>(tag[j])) && digits < 4) {
      v = v * 10 + (tag[j++] - '0');
      ++digits;
    }
    return digits ? v : 1;
  }
  return 1;
}

}  // namespace

void html_view(Doc& doc) {
  std::string_view s = doc.decoded;
  if (!looks_like_html(s)) {
    doc.view = doc.decoded;
    doc.vmap = OffsetMap::identity(uint32_t(s.size()));
    return;
  }
  doc.html = true;
  std::string& out = doc.view_store;
  out.reserve(s.size() / 2);
  OffsetMap& m = doc.vmap;
  int in_cell = 0;          // inside <td>/<th>: block tags become spaces
  size_t i = 0;
  auto emit_sep = [&](char c, uint32_t src) {
    // Separators replace the tag that caused them.
    if (c == '\n' && !out.empty() && out.back() == '\n') { m.skip(src); return; }
    out += c;
    m.replace(src, 1);
  };
  while (i < s.size()) {
    char c = s[i];
    if (c == '<') {
      // Comments, scripts and styles vanish whole.
      if (s.compare(i, 4, "<!--") == 0) {
        size_t e = s.find("-->", i + 4);
        e = e == std::string_view::npos ? s.size() : e + 3;
        m.skip(uint32_t(e - i)); i = e; continue;
      }
      bool script = ieq_prefix(s, i, "<script"), style = ieq_prefix(s, i, "<style");
      if (script || style) {
        const char* close = script ? "</script" : "</style";
        size_t e = s.find('<', i + 1);
        while (e != std::string_view::npos && !ieq_prefix(s, e, close)) e = s.find('<', e + 1);
        if (e == std::string_view::npos) e = s.size();
        e = s.find('>', e);
        e = e == std::string_view::npos ? s.size() : e + 1;
        m.skip(uint32_t(e - i)); i = e; continue;
      }
      size_t e = s.find('>', i);
      if (e == std::string_view::npos) {  // a lone '<': text
        out += c; m.copy(1); ++i; continue;
      }
      std::string_view tag = s.substr(i + 1, e - i - 1);
      bool closing = !tag.empty() && tag[0] == '/';
      std::string_view name = tag.substr(closing ? 1 : 0);
      size_t nl = 0;
      while (nl < name.size() && (std::isalnum(static_cast<unsigned char>(name[nl])))) ++nl;
      std::string lname;
      for (size_t k = 0; k < nl; ++k) lname += ascii_lower(name[k]);
      uint32_t len = uint32_t(e + 1 - i);
      i = e + 1;
      if (lname == "td" || lname == "th") {
        if (closing) {
          m.skip(len);
          --in_cell; if (in_cell < 0) in_cell = 0;
        } else {
          // A tab before every cell but the first of its row; colspan adds one per extra column.
          int span = int_attr(tag, "colspan");
          if (span < 1) span = 1;
          if (span > 64) span = 64;
          bool row_start = out.empty() || out.back() == '\n';
          std::string seps(size_t(row_start ? 0 : 1), '\t');
          out += seps;
          if (seps.empty()) m.skip(len); else m.replace(len, 1);
          ++in_cell;
          // colspan: emit the extra separators before the text, so the cell's text lands in
          // the last of its columns and later cells stay aligned.
          for (int k = 1; k < span; ++k) { out += '\t'; m.insert(1); }
        }
        continue;
      }
      bool block = false;
      for (const char* b : kBlockTags)
        if (lname == b) { block = true; break; }
      if (block) {
        if (in_cell > 0 && lname != "tr" && lname != "table") {
          if (!out.empty() && out.back() != ' ' && out.back() != '\t') { out += ' '; m.replace(len, 1); }
          else m.skip(len);
        } else {
          if (lname == "tr" || lname == "table") in_cell = 0;
          emit_sep('\n', len);
        }
      } else {
        m.skip(len);
      }
      continue;
    }
    if (c == '&') {
      size_t semi = s.find(';', i);
      if (semi != std::string_view::npos && semi - i <= 10) {
        std::string_view ent = s.substr(i + 1, semi - i - 1);
        uint32_t cp = 0;
        if (!ent.empty() && ent[0] == '#') {
          bool hex = ent.size() > 1 && (ent[1] == 'x' || ent[1] == 'X');
          for (size_t k = hex ? 2 : 1; k < ent.size(); ++k) {
            int d = std::isdigit(static_cast<unsigned char>(ent[k])) ? ent[k] - '0'
                    : hex && std::isxdigit(static_cast<unsigned char>(ent[k]))
                        ? std::tolower(static_cast<unsigned char>(ent[k])) - 'a' + 10
                        : -1;
            if (d < 0 || cp > 0x10FFFF) { cp = 0; break; }
            cp = cp * (hex ? 16 : 10) + uint32_t(d);
          }
          if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
        } else {
          for (const auto& en : kEntities)
            if (ent == en.name) { cp = en.cp; break; }
        }
        if (cp) {
          size_t before = out.size();
          utf8_append(out, cp);
          m.replace(uint32_t(semi + 1 - i), uint32_t(out.size() - before));
          i = semi + 1;
          continue;
        }
      }
      out += c; m.copy(1); ++i; continue;
    }
    if (c == '\n' || c == '\r' || c == ' ' || c == '\t') {
      // Source whitespace is insignificant in HTML: a run becomes one space.
      size_t j = i;
      while (j < s.size() && (s[j] == '\n' || s[j] == '\r' || s[j] == ' ' || s[j] == '\t')) ++j;
      if (!out.empty() && out.back() != '\n' && out.back() != '\t' && out.back() != ' ') {
        out += ' ';
        m.replace(uint32_t(j - i), 1);
      } else {
        m.skip(uint32_t(j - i));
      }
      i = j;
      continue;
    }
    // Plain text: copy a run up to the next markup character.
    size_t j = i;
    while (j < s.size() && s[j] != '<' && s[j] != '&' && s[j] != '\n' && s[j] != '\r' && s[j] != ' ' &&
           s[j] != '\t')
      ++j;
    out.append(s.data() + i, j - i);
    m.copy(uint32_t(j - i));
    i = j;
  }
  m.shrink();
  doc.view = out;
  doc.findings.push_back(make_finding("NB0006", 0, 0, {}));
  doc.findings.back().decoded_space = true;
}

}  // namespace nianbao
