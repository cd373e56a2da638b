// content: checks beyond the identities (narrative vs table, copied sections,
// foreign bodies and years, units, template conformance, required content,
// residue). Each rule is one function registered in the table below.
#include "analysis.h"

namespace nianbao {

void run_content_checks(Doc& doc, Analysis& a) {
  (void)doc;
  (void)a;
}

}  // namespace nianbao
