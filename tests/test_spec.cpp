// Spec examples (tests/spec/*.txt), in the style of md4c's and cmark's spec tests: prose in
// Markdown, and examples fenced by 32 backticks with the word "example". An example is the
// input, a line holding only ".", and the expected statements (tests/corpus/README.md format;
// only what an example states is asserted). In the input "→" stands for a tab and a line
// ending in "␍" ends with a bare CR instead of LF. See tests/spec/README.md.
#include "expect.h"

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct Example {
  std::string file;
  int line;  // of the opening fence
  std::string title, input, statements;
  int statements_line;
};

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (size_t p = 0; (p = s.find(from, p)) != std::string::npos; p += to.size()) s.replace(p, from.size(), to);
  return s;
}

std::vector<Example> read_examples(const fs::path& p) {
  const std::string fence(32, '`');
  std::vector<Example> out;
  std::istringstream in(expect::slurp(p));
  std::string title;
  int n = 0;
  Example* cur = nullptr;
  bool in_statements = false;
  for (std::string line; std::getline(in, line);) {
    ++n;
    if (!cur) {
      if (line.rfind("#", 0) == 0) title = line.substr(line.find_first_not_of("# "));
      if (line == fence + " example") {
        out.push_back({p.filename().string(), n, title, "", "", 0});
        cur = &out.back();
        in_statements = false;
      }
      continue;
    }
    if (line == fence) {
      REQUIRE_MESSAGE(in_statements, p.filename().string() << ":" << cur->line << ": example has no '.' line");
      cur = nullptr;
      continue;
    }
    if (!in_statements && line == ".") {
      in_statements = true;
      cur->statements_line = n + 1;
      continue;
    }
    if (in_statements) {
      cur->statements += line + "\n";
    } else {
      std::string l = replace_all(line, "→", "\t");
      const std::string cr = "␍";
      if (l.size() >= cr.size() && l.compare(l.size() - cr.size(), cr.size(), cr) == 0)
        cur->input += l.substr(0, l.size() - cr.size()) + "\r";
      else
        cur->input += l + "\n";
    }
  }
  REQUIRE_MESSAGE(!cur, p.filename().string() << ": unterminated example");
  return out;
}

}  // namespace

TEST_CASE("spec: every example in tests/spec/*.txt") {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(NIANBAO_SPEC_DIR))
    if (entry.path().extension() == ".txt") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 5);
  size_t examples = 0;
  for (const auto& f : files) {
    for (const Example& ex : read_examples(f)) {
      ++examples;
      std::string name = ex.file + ":" + std::to_string(ex.line) + " " + ex.title;
      SUBCASE(name.c_str()) {
        expect::Expect e = expect::parse(ex.statements, ex.statements_line);
        REQUIRE_MESSAGE(e.statements > 0, "an example states nothing");
        nianbao::Result r = nianbao::check(ex.input, {ex.file});
        expect::require_all(expect::compare(r, e));
      }
    }
  }
  CHECK(examples >= 12);
}
