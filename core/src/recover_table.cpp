// recover_table: tables whose rows lost their separators (glued digit runs).
// Bridges the table readers' `TableHit::glued` rows to the solver in recover.cpp.
#include "analysis.h"

namespace nianbao {

void recover_glued(Doc& doc, Analysis& a) {
  (void)doc;
  (void)a;
}

}  // namespace nianbao
