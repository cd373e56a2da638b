// The rule table: every diagnostic the engine can emit, as data.
//
// Ids are stable and never renumbered (deprecate instead). Messages are
// templates with {named} placeholders, filled by `format`. The first sentence
// of each message stands alone; detail follows.
#ifndef NIANBAO_RULES_H
#define NIANBAO_RULES_H

#include <nianbao/nianbao.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace nianbao {

struct RuleInfo {
  const char* id;        // "NB0301"
  const char* name;      // short kebab name for SARIF / docs: "requests-balance"
  Severity severity;     // default severity
  const char* zh;        // message template
  const char* en;
};

/// All rules, in id order.
const RuleInfo* rules_begin();
const RuleInfo* rules_end();
const RuleInfo& rule(std::string_view id);  // aborts on an unknown id (a programming error)

using Args = std::initializer_list<std::pair<const char*, std::string>>;
/// A number for a message: integers without decimals, others with up to four ("8.9902").
std::string fmt(double v);

/// Replace each {name} in `tmpl` by its value in `args`.
std::string format(const char* tmpl, Args args);

}  // namespace nianbao

#endif
