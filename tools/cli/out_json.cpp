// --format json (= jsonl): the contract object of each report, one per line.
// Unreadable inputs produce no line (they are reported on stderr).
#include <ostream>

#include "cli.h"

namespace cli {
namespace {

class JsonSink final : public Sink {
 public:
  explicit JsonSink(std::ostream& out) : out_(out) {}
  void result(nianbao::Result&& r) override {
    out_ << nianbao::to_json(r) << '\n';
    out_.flush();  // a line per report as soon as it is ready (tail -f, pipes)
  }

 private:
  std::ostream& out_;
};

}  // namespace

std::unique_ptr<Sink> make_json_sink(std::ostream& out, const Config&) {
  return std::make_unique<JsonSink>(out);
}

}  // namespace cli
