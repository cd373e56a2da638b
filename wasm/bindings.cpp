// Embind surface of the engine for the page and for node tests. No domain
// logic: a JS string goes in as UTF-8, the contract JSON (with UTF-16 offsets)
// comes back as a plain JS object.
//
//   const nb = await createNianbao();
//   nb.check(text)                       -> result object (schema nianbao-check/1)
//   nb.check(text, {file: "a.txt"})      -> same, with result.file set
//   nb.version()                         -> "0.1.0"
//   nb.templates()                       -> {v2019: {...}, v2021: {...}}
//   nb.compare(lastText, thisText)       -> cross-year result (schema nianbao-compare/1)
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <nianbao/nianbao.h>

#include <string>

using emscripten::val;

namespace {

val parse_json(const std::string& json) {
  return val::global("JSON").call<val>("parse", json);
}

[[noreturn]] void throw_type_error(const char* message) {
  val::global("TypeError").new_(std::string(message)).throw_();
}

// A lone surrogate would become 3 bytes of invalid UTF-8 and shift every
// UTF-16 offset after it; U+FFFD keeps offsets 1:1 with the caller's string.
std::string well_formed_utf8(const val& text) {
  if (text["isWellFormed"].typeOf().as<std::string>() == "function" &&
      !text.call<bool>("isWellFormed"))
    return text.call<val>("toWellFormed").as<std::string>();
  return text.as<std::string>();
}

val check_with(const val& text, const val& options) {
  if (!text.isString())
    throw_type_error("check(text, options): text 必须是字符串 must be a string");
  nianbao::Options opts;
  opts.assume_utf8 = true;  // embind hands std::string over as UTF-8
  if (!options.isUndefined() && !options.isNull()) {
    if (options.typeOf().as<std::string>() != "object")
      throw_type_error("check(text, options): options 必须是对象 must be an object");
    val file = options["file"];
    if (!file.isUndefined() && !file.isNull()) {
      if (!file.isString())
        throw_type_error("check(text, options): options.file 必须是字符串 must be a string");
      opts.file = file.as<std::string>();
    }
  }
  nianbao::Result result = nianbao::check(well_formed_utf8(text), opts);
  nianbao::JsonOptions json;
  json.utf16 = true;
  return parse_json(nianbao::to_json(result, json));
}

val check(const val& text) { return check_with(text, val::undefined()); }

val compare(const val& last_text, const val& this_text) {
  if (!last_text.isString() || !this_text.isString())
    throw_type_error("compare(lastText, thisText): 两个参数都必须是字符串 both must be strings");
  nianbao::JsonOptions json;
  json.utf16 = true;
  return parse_json(nianbao::compare_json(well_formed_utf8(last_text), well_formed_utf8(this_text), json));
}

std::string version() { return nianbao::version(); }

val templates() { return parse_json(nianbao::templates_json()); }

}  // namespace

EMSCRIPTEN_BINDINGS(nianbao) {
  emscripten::function("check", &check);        // check(text)
  emscripten::function("check", &check_with);   // check(text, options)
  emscripten::function("compare", &compare);
  emscripten::function("version", &version);
  emscripten::function("templates", &templates);
}
