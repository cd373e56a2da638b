// text.narrative_vs_table: figures stated in prose ("全年共受理政府信息公开申请41件，
// 其中予以公开15件…") compared with the table cells they restate.
//
// The prose of sections 一/三/四 is cut into clauses (at ，。；：() and line
// ends). In a clause a figure is a number (ASCII or Chinese numeral) followed
// by a unit; it belongs to the nearest trigger phrase before it when the words
// between are only filler from a short list ("政府信息公开申请", "的", "共"…), so
// "全县共办理相关案件 74 件" does not bind to 办理. Clauses about other years
// (上年, 同比, 较…) are skipped, and so are lists ("不予公开、无法提供共5件").
// Phrases and what they restate are data (kPhrases), not code.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <deque>

#include "content.h"
#include "utf8.h"

namespace nianbao {
namespace content {
namespace {

enum Flag : uint8_t {
  kApply = 1,      // the words between must mention 申请 ("受理政府信息公开申请41件", not "受理网络问政182件")
  kContext = 2,    // the sentence or the one before it must be about requests (申请)
  kBefore = 4,     // the figure may come first ("4件结转下一年度办理")
  kProactive = 8,  // the sentence or the one before it must say 主动公开
};

struct Phrase {
  const char* key;    // check id detail
  const char* words;  // trigger words, '|'-separated
  const char* table;  // requests | appeals | proactive
  const char* alts;   // what the figure may restate: ';'-separated sums of '+'-separated operands.
                      // requests: row keys ("denied.*" = every denied row, "other*" = other or other.*),
                      // each row's 总计 cell; other tables: cell keys.
  const char* units;  // accepted units, '|'-separated
  uint8_t flags;
  const char* zh;     // what the table figure is, for messages
  const char* en;
};

constexpr const char* kReqUnits = "件|个|宗|条";
constexpr const char* kAppealUnits = "件|起|宗|个|次";
constexpr const char* kDocUnits = "件|部|个|份|条";

constexpr Phrase kPhrases[] = {
    {"new_received", "受理|收到|新收|接收", "requests", "new_received;new_received+carried_over", kReqUnits,
     kApply | kContext, "本年新收申请数（或加上年结转）", "new requests (or new plus carried over)"},
    {"carried_over", "上年结转|上年度结转|上一年度结转|上一年结转", "requests", "carried_over", kReqUnits, kContext,
     "上年结转申请数", "requests carried over"},
    {"granted_partial", "予以公开及部分公开|予以公开和部分公开|予以公开、部分公开|全部公开和部分公开", "requests",
     "granted+partial", kReqUnits, kContext, "予以公开与部分公开之和", "disclosed plus partly disclosed"},
    {"granted", "予以公开|同意公开|全部公开", "requests", "granted", kReqUnits, kContext, "予以公开", "disclosed"},
    {"partial", "部分公开", "requests", "partial", kReqUnits, kContext, "部分公开", "partly disclosed"},
    {"denied", "不予公开", "requests", "denied.*", kReqUnits, kContext, "不予公开各项之和", "not disclosed (all reasons)"},
    {"unable", "无法提供", "requests", "unable.*", kReqUnits, kContext, "无法提供各项之和", "cannot be provided (all reasons)"},
    {"not_processed", "不予处理", "requests", "not_processed.*", kReqUnits, kContext, "不予处理各项之和",
     "not processed (all reasons)"},
    {"other", "其他处理|其它处理", "requests", "other*", kReqUnits, kContext, "其他处理", "other handling"},
    {"total", "办结|共办理", "requests", "total", kReqUnits, kContext, "办理结果总计", "total results"},
    {"total", "答复", "requests", "total", kReqUnits, kApply | kContext, "办理结果总计", "total results"},
    {"carried_forward",
     "结转下一年度|结转下年度|结转至下一年度|结转到下一年度|结转至下年度|结转到下年度|结转下一年|转下一年度|转入下一年度|转入下年度",
     "requests", "carried_forward", kReqUnits, kContext | kBefore, "结转下年度继续办理", "carried forward"},
    {"review", "行政复议", "appeals", "review/total", kAppealUnits, 0, "行政复议总计", "administrative reviews"},
    {"suit", "行政诉讼|诉讼", "appeals", "suit_direct/total+suit_after_review/total", kAppealUnits, 0,
     "行政诉讼总计（未经复议直接起诉与复议后起诉）", "lawsuits (direct and after review)"},
    {"rules", "规章", "proactive", "rules/new_published;rules/issued", kDocUnits, kProactive,
     "规章本年新公开（2021 版：本年制发）件数", "rules published (2021: issued) this year"},
    {"normative_docs", "行政规范性文件|规范性文件", "proactive", "normative_docs/new_published;normative_docs/issued",
     kDocUnits, kProactive, "规范性文件本年新公开（2021 版：本年制发）件数",
     "normative documents published (2021: issued) this year"},
};

/// Words that may stand between a trigger and its figure.
constexpr const char* kFiller[] = {"政府信息公开申请", "信息公开申请", "政府信息公开", "依申请公开", "政府信息", "信息公开",
                                   "依申请", "申请", "答复", "办理", "案件", "件数", "数量", "共计", "合计", "总计", "总数",
                                   "的", "共", "计", "有", "了", "为", "是", "数", "均", "达", "被", "提起"};

/// Clause words that mean the figure is not this year's own count.
constexpr std::string_view kOtherTime[] = {"上年", "上一年", "去年", "同比", "环比", "较", "增长", "下降", "减少",
                                      "增加", "累计", "以来", "历年", "平均", "月均", "日均"};

constexpr size_t kMaxClause = 1024;   // bytes; a longer "clause" is not a sentence of prose
constexpr size_t kMaxLookBack = 4;    // triggers looked at before a figure
constexpr size_t kMaxFigures = 500;   // figures compared per report (a real one has a few dozen)

constexpr std::string_view kUnitsAll[] = {"件", "个", "宗", "条", "起", "次", "部", "份"};

/// Does `w` occur at byte `i` of `s`? (Short words, mostly differing early: a
/// loop, not a call to memcmp.)
bool has_at(std::string_view s, size_t i, std::string_view w) {
  if (i > s.size() || s.size() - i < w.size()) return false;
  for (size_t k = 0; k < w.size(); ++k)
    if (s[i + k] != w[k]) return false;
  return true;
}

bool in_list(std::string_view list, std::string_view w) {
  while (!list.empty()) {
    size_t bar = list.find('|');
    if (list.substr(0, bar) == w) return true;
    if (bar == std::string_view::npos) break;
    list.remove_prefix(bar + 1);
  }
  return false;
}

/// Is `gap` made only of filler words?
bool filler_only(std::string_view gap) {
  size_t i = 0;
  while (i < gap.size()) {
    size_t best = 0;
    for (const char* f : kFiller)
      if (has_at(gap, i, f)) best = std::max(best, std::strlen(f));
    if (!best) return false;
    i += best;
  }
  return true;
}

struct Trig {
  size_t pos, len;
  const Phrase* p;
  bool bound = false;
};

struct Num {
  size_t pos, len, unit_len;
  double value;
  bool bound = false;
};

struct Word {
  std::string_view w;
  const Phrase* p;
};

/// What a character can start: a trigger word (the low six bits: 1 + the
/// index of the list of words beginning with it), a word of kOtherTime
/// (kOtherTimeStart) and/or a Chinese numeral (kNumeral; ASCII digits are
/// tested directly). Each list is longest first, ties in kPhrases order — so
/// the first word of the list matching at a position is the one a scan of all
/// words, longest first, would find. Built once.
struct Triggers {
  static constexpr uint8_t kList = 0x3F, kOtherTimeStart = 0x40, kNumeral = 0x80;
  CharMap cls;
  std::vector<std::vector<Word>> lists;
  uint8_t at(int32_t cp) const { return cp < 0x80 ? (cp >= '0' && cp <= '9' ? kNumeral : 0) : cls.get(cp); }
  const std::vector<Word>& words(uint8_t c) const { return lists[(c & kList) - 1u]; }
};

const Triggers& triggers() {
  static const Triggers kTriggers = [] {
    std::vector<Word> all;
    for (const auto& p : kPhrases) {
      std::string_view ws(p.words);
      while (!ws.empty()) {
        size_t bar = ws.find('|');
        all.push_back({ws.substr(0, bar), &p});
        if (bar == std::string_view::npos) break;
        ws.remove_prefix(bar + 1);
      }
    }
    std::stable_sort(all.begin(), all.end(), [](const Word& a, const Word& b) { return a.w.size() > b.w.size(); });
    auto first = [](std::string_view w) {
      size_t i = 0;
      return utf8_at(w, i);
    };
    Triggers t;
    std::vector<int32_t> starts;  // the first character of each list
    for (const Word& w : all) {
      const int32_t c = first(w.w);
      size_t k = size_t(std::find(starts.begin(), starts.end(), c) - starts.begin());
      if (k == starts.size()) {
        starts.push_back(c);
        t.lists.emplace_back();
        t.cls.set(c, uint8_t(k + 1));  // (a few dozen lists: fits in six bits)
      }
      t.lists[k].push_back(w);
    }
    for (std::string_view w : kOtherTime) t.cls.set(first(w), Triggers::kOtherTimeStart);
    for (char32_t c : zh_numeral_chars()) t.cls.set(int32_t(c), Triggers::kNumeral);
    return t;
  }();
  return kTriggers;
}

// Clause and sentence ends. The fold made full-width punctuation ASCII (，→ ,
// （→ (); 。 and 【】 stay as they are. The text is valid UTF-8, so the
// ASCII marks never occur inside a character and the text can be scanned by
// bytes: kEndByte flags the bytes that may start an end.
enum EndByte : uint8_t { kClauseAscii = 1, kSentenceAscii = 2, kE3 = 4 };
constexpr std::array<uint8_t, 256> kEndByte = [] {
  std::array<uint8_t, 256> t{};
  for (unsigned char c : std::string_view(",;:!?()[]\n")) t[c] = kClauseAscii;
  for (unsigned char c : std::string_view("!?\n")) t[c] |= kSentenceAscii;
  t[0xE3] = kE3;  // 。【】 (E3 80 82, E3 80 90, E3 80 91)
  return t;
}();

bool is_clause_end(std::string_view s, size_t i, size_t& len) {
  const uint8_t k = kEndByte[static_cast<unsigned char>(s[i])];
  if (k & kClauseAscii) { len = 1; return true; }
  if (!(k & kE3)) return false;
  len = 3;
  return has_at(s, i, "。") || has_at(s, i, "【") || has_at(s, i, "】");
}

bool is_sentence_end(std::string_view s, size_t i) {
  const uint8_t k = kEndByte[static_cast<unsigned char>(s[i])];
  return (k & kSentenceAscii) || ((k & kE3) && has_at(s, i, "。"));
}

// ── table values ────────────────────────────────────────────────────────────

struct Sum {
  double value = 0;
  bool ok = false;           // every operand present and at least one number in it
  bool by_columns = false;   // a row's 总计 was blank: its applicant cells were added
  bool blanks = false;       // blank cells counted as 0
  std::vector<const CellHit*> cells;
  std::string formula;       // the check's: "text = granted + partial"
};

std::vector<std::string_view> expand_rows(const Analysis& a, std::string_view op) {
  std::vector<std::string_view> rows;
  const Template g = a.tmpl == Template::v2021 ? Template::v2021 : Template::v2019;
  if (op.size() > 2 && op.substr(op.size() - 2) == ".*") {
    std::string_view prefix = op.substr(0, op.size() - 1);
    for (const auto& r : template_def(g).request_rows)
      if (!r.group_only && std::string_view(r.key).rfind(prefix, 0) == 0) rows.push_back(r.key);
  } else if (op.back() == '*') {
    std::string_view base = op.substr(0, op.size() - 1);
    for (const auto& r : template_def(g).request_rows) {
      std::string_view k = r.key;
      if (!r.group_only && (k == base || (k.size() > base.size() && k.rfind(base, 0) == 0 && k[base.size()] == '.')))
        rows.push_back(r.key);
    }
  } else {
    rows.push_back(op);
  }
  return rows;
}

/// One request row's figure: its 总计 cell, else the sum of its applicant cells.
bool request_row(const TableHit& t, std::string_view row, Sum& sum) {
  char buf[128];  // "row/col" (template keys: a few dozen bytes)
  auto cell_of = [&](std::string_view col) -> const CellHit* {
    if (row.size() + 1 + col.size() > sizeof buf) return t.find(std::string(row) + "/" + std::string(col));
    std::memcpy(buf, row.data(), row.size());
    buf[row.size()] = '/';
    std::memcpy(buf + row.size() + 1, col.data(), col.size());
    return t.find(std::string_view(buf, row.size() + 1 + col.size()));
  };
  const CellHit* total = cell_of("total");
  if (total && total->value) {
    sum.value += *total->value;
    sum.cells.push_back(total);
    return true;
  }
  bool present = total != nullptr, any = false;
  double v = 0;
  std::vector<const CellHit*> cells;
  for (const auto& c : request_columns()) {
    if (std::string_view(c.key) == "total") continue;
    const CellHit* cell = cell_of(c.key);
    if (!cell) continue;
    present = true;
    if (cell->value) { v += *cell->value; any = true; cells.push_back(cell); }
  }
  if (!present) return false;  // the row was not read
  if (any) {
    sum.by_columns = true;
    sum.value += v;
    sum.cells.insert(sum.cells.end(), cells.begin(), cells.end());
  } else {
    sum.blanks = true;  // the whole row is blank
  }
  return true;
}

Sum evaluate(const Analysis& a, const Phrase& p, std::string_view alt) {
  Sum sum;
  const TableHit* t = a.table(p.table);
  if (!t) return sum;
  bool all = true;
  while (!alt.empty()) {
    size_t plus = alt.find('+');
    std::string_view op = alt.substr(0, plus);
    if (std::strcmp(p.table, "requests") == 0) {
      for (std::string_view row : expand_rows(a, op)) all &= request_row(*t, row, sum);
    } else {
      const CellHit* c = t->find(op);
      if (!c) all = false;
      else if (c->value) { sum.value += *c->value; sum.cells.push_back(c); }
      else sum.blanks = true;
    }
    if (plus == std::string_view::npos) break;
    alt.remove_prefix(plus + 1);
  }
  sum.ok = all && !sum.cells.empty();
  return sum;
}

/// "granted+partial" → "granted + partial" (for formulas and messages).
std::string alt_text(std::string_view alt) {
  std::string s;
  s.reserve(alt.size() + 8);
  for (char c : alt) {
    if (c == '+') s += " + ";
    else s += c;
  }
  return s;
}

// ── the scan ────────────────────────────────────────────────────────────────

class Scanner {
 public:
  Scanner(Doc& doc, Analysis& a) : doc_(doc), a_(a) {}

  /// One pass over the stream, character by character: clause ends, trigger
  /// words, figures and period words; at each clause end the clause's figures
  /// are bound to its triggers, at each sentence end the next sentence begins.
  void run(const Prose& prose) {
    prose_ = &prose;
    const std::string_view s(prose.text);
    const Triggers& by_char = triggers();
    Context ctx;
    ctx.cur.from = 0;
    size_t cb = 0;                    // the clause: [cb, i)
    size_t comma = std::string_view::npos;  // the clause's end for figures: the next ',' (see below); npos: not looked for
    bool other_time = false;          // the clause speaks of another period (上年, 同比…) outside a trigger word
    trigs_.clear();
    nums_.clear();
    for (size_t i = 0; i <= s.size();) {
      size_t len = 1;
      if (i == s.size() || (kEndByte[static_cast<unsigned char>(s[i])] && is_clause_end(s, i, len))) {
        if (i > cb && i - cb <= kMaxClause) bind(cb, i, ctx, other_time);
        if (i < s.size() && is_sentence_end(s, i)) {
          ctx.prev = ctx.cur;
          ctx.cur = Sentence{};
          ctx.cur.from = i + len;
        }
        cb = i + len;
        i += len;
        comma = std::string_view::npos;
        trigs_.clear();
        nums_.clear();
        other_time = false;
        continue;
      }
      // Positions are relative to the clause; no trigger, period word or figure
      // holds a clause end, so none runs past it (a figure could only through
      // a thousands separator: it is read up to the next ',').
      const std::string_view clause = s.substr(cb);
      const size_t at = i - cb;
      size_t next = i;
      const uint8_t cls = by_char.at(next_char(s, next));
      if (cls & Triggers::kList) {  // a trigger word may start here
        bool hit = false;
        for (const Word& w : by_char.words(cls))
          if (has_at(clause, at, w.w)) {
            trigs_.push_back({at, w.w.size(), w.p});
            i += w.w.size();
            hit = true;
            break;
          }
        if (hit) continue;
      }
      // A period word is looked for at every character the scan stops at:
      // every one outside the triggers and the figures (no word of kOtherTime
      // starts with a numeral character).
      if (cls & Triggers::kOtherTimeStart)
        for (std::string_view w : kOtherTime) other_time |= has_at(clause, at, w);
      if (cls & Triggers::kNumeral) {
        double v = 0;
        bool digit_before = at > 0 && ((clause[at - 1] >= '0' && clause[at - 1] <= '9') || clause[at - 1] == '.');
        bool ordinal = at >= 3 && has_at(clause, at - 3, "第");
        if (comma == std::string_view::npos) {  // (a ',' ends the clause: one search per clause)
          const void* c = std::memchr(s.data() + i, ',', s.size() - i);
          comma = c ? size_t(static_cast<const char*>(c) - s.data()) : s.size();
        }
        size_t n = digit_before || ordinal ? 0 : parse_number(s.substr(cb, comma - cb), at, v);
        if (n) {
          size_t u = 0;
          for (std::string_view unit : kUnitsAll)
            if (has_at(clause, at + n, unit)) { u = unit.size(); break; }
          if (u) nums_.push_back({at, n, u, v});
          i += n;
          continue;
        }
      }
      i = next;
    }
  }

 private:
  /// A sentence of the stream and what it mentions, looked at when first
  /// asked: only a clause holding both a trigger and a figure asks.
  struct Sentence {
    size_t from = 0, to = std::string_view::npos;            // npos: the end not found yet
    int8_t apply = -1, proactive = -1, other_year = -1;  // -1: not looked at yet
  };
  /// The current sentence and the one before it (for kContext / kProactive).
  struct Context {
    Sentence cur, prev;
  };
  /// The text of a sentence: from its start to the next sentence end (by bytes, see kEndByte).
  std::string_view text_of(Sentence& s) const {
    const std::string& t = prose_->text;
    if (s.to == std::string_view::npos) {
      s.to = t.size();
      for (size_t i = s.from; i < t.size(); ++i)
        if (kEndByte[static_cast<unsigned char>(t[i])] && is_sentence_end(t, i)) { s.to = i; break; }
    }
    return std::string_view(t).substr(s.from, s.to - s.from);
  }
  bool apply(Sentence& s) const {
    if (s.apply < 0) s.apply = find_text(text_of(s), "申请") != std::string_view::npos;
    return s.apply;
  }
  bool proactive(Sentence& s) const {
    if (s.proactive < 0) s.proactive = find_text(text_of(s), "主动公开") != std::string_view::npos;
    return s.proactive;
  }
  /// "2019年予以公开15件" in a 2020 report: a sentence naming another year.
  bool other_year(Sentence& s) const {
    if (s.other_year < 0) {
      s.other_year = 0;
      const std::string_view clause = text_of(s);
      for (size_t i = 0; a_.year && i + 4 < clause.size(); ++i) {
        if (clause[i] < '0' || clause[i] > '9' || (i > 0 && clause[i - 1] >= '0' && clause[i - 1] <= '9')) continue;
        int y = 0;
        size_t k = i;
        while (k < clause.size() && k < i + 5 && clause[k] >= '0' && clause[k] <= '9') y = y * 10 + (clause[k++] - '0');
        if (k - i == 4 && has_at(clause, k, "年") && y != a_.year) { s.other_year = 1; break; }
        i = k;
      }
    }
    return s.other_year;
  }

  /// Bind the figures of clause [cb, ce) to its triggers.
  void bind(size_t cb, size_t ce, Context& ctx, bool other_time) {
    const std::string_view clause = std::string_view(prose_->text).substr(cb, ce - cb);
    std::vector<Trig>& trigs = trigs_;
    std::vector<Num>& nums = nums_;
    if (trigs.empty() || nums.empty()) return;
    if (other_time || other_year(ctx.cur)) return;
    // Each figure binds to the nearest trigger before it (weak triggers that
    // do not qualify are read as filler).
    for (auto& num : nums) {
      // Triggers before the figure, nearest first (triggers and figures are in text order).
      size_t t = size_t(std::partition_point(trigs.begin(), trigs.end(),
                                             [&](const Trig& x) { return x.pos + x.len <= num.pos; }) - trigs.begin());
      for (size_t steps = 0; t-- > 0 && steps < kMaxLookBack; ++steps) {
        Trig& tr = trigs[t];
        std::string_view through = clause.substr(tr.pos + tr.len, num.pos - tr.pos - tr.len);
        if (!filler_only(through)) break;
        if (tr.bound) break;
        const Phrase& p = *tr.p;
        if ((p.flags & kApply) && through.find("申请") == std::string_view::npos) continue;
        if (!in_list(p.units, clause.substr(num.pos + num.len, num.unit_len))) break;
        tr.bound = num.bound = true;
        if (!listed(clause, trigs, t) && context_ok(p, ctx)) report(cb, tr, num, clause);
        break;
      }
    }
    // "4件结转下一年度办理": the figure before the trigger.
    for (size_t t = 0; t < trigs.size(); ++t) {
      Trig& tr = trigs[t];
      if (tr.bound || !(tr.p->flags & kBefore)) continue;
      size_t k = size_t(std::partition_point(nums.begin(), nums.end(),
                                             [&](const Num& x) { return x.pos + x.len + x.unit_len <= tr.pos; }) - nums.begin());
      if (k == 0) continue;
      Num& num = nums[k - 1];
      size_t unit_end = num.pos + num.len + num.unit_len;
      if (num.bound || !filler_only(clause.substr(unit_end, tr.pos - unit_end))) continue;
      if (!in_list(tr.p->units, clause.substr(num.pos + num.len, num.unit_len))) continue;
      tr.bound = num.bound = true;
      if (context_ok(*tr.p, ctx)) report(cb, tr, num, clause);
    }
  }

  /// "不予公开、无法提供共5件": a trigger right after another one and a connector.
  static bool listed(std::string_view clause, const std::vector<Trig>& trigs, size_t t) {
    if (t == 0) return false;
    const Trig& prev = trigs[t - 1];
    std::string_view between = clause.substr(prev.pos + prev.len, trigs[t].pos - prev.pos - prev.len);
    return between == "、" || between == "和" || between == "及" || between == "与" || between == "或" ||
           between == "以及";
  }

  bool context_ok(const Phrase& p, Context& ctx) const {
    if ((p.flags & kContext) && !apply(ctx.cur) && !apply(ctx.prev)) return false;
    if ((p.flags & kProactive) && !proactive(ctx.cur) && !proactive(ctx.prev)) return false;
    return true;
  }

  void report(size_t cb, const Trig& tr, const Num& num, std::string_view clause) {
    const Phrase& p = *tr.p;
    if (p.flags & kProactive) {  // "部门规范性文件": other bodies' documents
      if (tr.pos >= 6 && clause.substr(tr.pos - 6, 6) == "部门") return;
    }
    std::vector<std::pair<std::string_view, const Sum*>>& sums = alternatives_;  // the alternatives the table gives
    sums.clear();
    std::string_view alts(p.alts);
    while (!alts.empty()) {
      size_t semi = alts.find(';');
      std::string_view alt = alts.substr(0, semi);
      // The table does not change: each sum is evaluated once (a few dozen at most).
      auto memo = std::find_if(sums_.begin(), sums_.end(), [&](const auto& e) { return e.first == alt; });
      if (memo == sums_.end()) {
        memo = sums_.insert(sums_.end(), {alt, evaluate(a_, p, alt)});
        memo->second.formula = "text = " + alt_text(alt);
      }
      if (memo->second.ok) sums.push_back({alt, &memo->second});
      if (semi == std::string_view::npos) break;
      alts.remove_prefix(semi + 1);
    }
    if (sums.empty()) return;  // the table does not give this figure
    if (++reported_ > kMaxFigures) return;
    size_t pick = 0;
    bool pass = false;
    for (size_t i = 0; i < sums.size(); ++i)
      if (std::fabs(sums[i].second->value - num.value) < 1e-6) { pick = i; pass = true; break; }
    const Sum& sum = *sums[pick].second;
    std::string id = "text.narrative_vs_table/" + std::string(p.key);
    auto id_seen = std::find_if(ids_.begin(), ids_.end(), [&](const auto& e) { return e.first == p.key; });
    if (id_seen == ids_.end()) id_seen = ids_.insert(ids_.end(), {p.key, 0});
    int& seen = id_seen->second;
    if (++seen > 1) id += "." + std::to_string(seen);
    Check& c = add_check(a_, id, pass ? Status::pass : Status::fail, sum.formula);
    c.lhs = num.value;
    c.rhs = sum.value;
    c.cells.reserve(sum.cells.size());
    for (const CellHit* cell : sum.cells) c.cells.push_back(cell->key);
    if (pass) return;
    const Prose& pr = *prose_;
    size_t b = cb + num.pos, e = cb + num.pos + num.len + num.unit_len;
    std::string quoted(clause.substr(tr.pos, num.pos + num.len + num.unit_len - tr.pos));
    if (tr.pos > num.pos) quoted = std::string(clause.substr(num.pos, tr.pos + tr.len - num.pos));
    std::string detail, detail_en;
    if (sum.by_columns) {
      detail += "表中有的行总计栏为空，已按各类申请人之和计。";
      detail_en += "Some rows have a blank total; their applicant cells were added. ";
    }
    if (sum.blanks) {
      detail += "空白单元格按 0 计。";
      detail_en += "Blank cells count as 0. ";
    }
    for (size_t i = 0; i < sums.size(); ++i)
      if (i != pick) {
        detail += "也不等于 " + alt_text(sums[i].first) + " = " + fmt(sums[i].second->value) + "。";
        detail_en += "Nor does it equal " + alt_text(sums[i].first) + " = " + fmt(sums[i].second->value) + ". ";
      }
    while (!detail_en.empty() && detail_en.back() == ' ') detail_en.pop_back();
    Finding f = make_finding("NB0801", pr.start(b), pr.end(e),
                             {{"text", quoted}, {"number", fmt(num.value)}, {"table", table_name_zh(p.table)},
                              {"table_en", table_name_en(p.table)}, {"what", p.zh}, {"what_en", p.en},
                              {"value", fmt(sum.value)}, {"detail", detail}, {"detail_en", detail_en}});
    f.check = id;
    for (const CellHit* cell : sum.cells) {
      if (f.related.size() >= 12) break;
      f.related.push_back({cell->start, cell->end, cell_place(a_.tmpl, p.table, cell->key) + " = " + cell->number, cell->key});
    }
    doc_.findings.push_back(std::move(f));
  }

  Doc& doc_;
  Analysis& a_;
  const Prose* prose_ = nullptr;
  std::vector<std::pair<std::string_view, int>> ids_;  // by phrase key: figures reported so far
  std::vector<std::pair<std::string_view, const Sum*>> alternatives_;  // report()'s (a buffer kept between figures)
  std::deque<std::pair<std::string_view, Sum>> sums_;  // by alternative (views into kPhrases); a deque: they never move
  size_t reported_ = 0;
  std::vector<Trig> trigs_;  // a clause's triggers and figures (buffers kept between clauses)
  std::vector<Num> nums_;
};

}  // namespace

void check_narrative(Doc& doc, Analysis& a) {
  if (a.tables.empty()) return;
  Scanner scan(doc, a);
  Prose prose;  // one buffer for every section, as large as the largest
  const auto bodies = section_bodies(a, {"overview", "requests", "appeals"});
  size_t largest = 0;
  for (auto [from, to] : bodies) largest = std::max<size_t>(largest, to - from);
  prose.text.reserve(largest);
  for (auto [from, to] : bodies) {
    prose.build(doc, a, from, to);
    scan.run(prose);
  }
}

}  // namespace content
}  // namespace nianbao
