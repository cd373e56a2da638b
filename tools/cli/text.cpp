// The CLI's own strings and small text helpers.
#include "cli.h"

#include <algorithm>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace cli {

const std::string& message(const nianbao::Diagnostic& d, nianbao::Lang lang) {
  const std::string& m = lang == nianbao::Lang::zh ? d.zh : d.en;
  return m.empty() ? (lang == nianbao::Lang::zh ? d.en : d.zh) : m;
}

std::string first_sentence(std::string_view text) {
  // Chinese stops are complete sentences on their own; a '.' only when followed by a space.
  static constexpr std::string_view kStops[] = {"\xe3\x80\x82", "\xef\xbc\x81", "\xef\xbc\x9f"};  // 。！？
  size_t cut = text.size();
  for (std::string_view stop : kStops) {
    size_t at = text.find(stop);
    if (at != std::string_view::npos && at + stop.size() < cut) cut = at + stop.size();
  }
  size_t dot = text.find(". ");
  if (dot != std::string_view::npos && dot + 1 < cut) cut = dot + 1;
  return std::string(text.substr(0, cut));
}

std::string json_quote(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
  return out;
}

std::string both(const Bilingual& m) { return m.zh + " / " + m.en; }

namespace {
struct ErrnoName {
  int err;
  const char* zh;
};
// Chinese for the errors a file checker meets; English comes from strerror.
constexpr ErrnoName kErrnoZh[] = {
    {ENOENT, "文件或目录不存在"},   {EACCES, "没有访问权限"},       {EPERM, "操作不被允许"},
    {EISDIR, "这是一个目录"},       {ENOTDIR, "路径中有一段不是目录"}, {ELOOP, "符号链接层数过多"},
    {ENAMETOOLONG, "路径过长"},     {EMFILE, "打开的文件过多"},     {ENFILE, "系统打开的文件过多"},
    {EIO, "输入/输出错误"},         {ENOMEM, "内存不足"},           {ENXIO, "设备不存在"},
    {EINVAL, "参数无效"},           {EAGAIN, "资源暂时不可用"},     {EOVERFLOW, "文件过大"},
};
}  // namespace

Bilingual errno_reason(int err) {
  const char* zh = "系统错误";
  for (const ErrnoName& e : kErrnoZh)
    if (e.err == err) zh = e.zh;
  return {zh, std::strerror(err)};
}

std::string fill(const char* tmpl, std::initializer_list<std::pair<char, size_t>> values) {
  std::string out;
  for (const char* p = tmpl; *p; ++p) {
    if (*p == '%' && p[1]) {
      for (auto [key, v] : values)
        if (key == p[1]) out += std::to_string(v);
      ++p;
    } else {
      out += *p;
    }
  }
  return out;
}

std::string one_line(std::string s) {
  std::replace(s.begin(), s.end(), '\n', ' ');
  std::replace(s.begin(), s.end(), '\r', ' ');
  return s;
}

std::string position(const nianbao::Span& s) {
  if (!s.line) return "";
  return ":" + std::to_string(s.line) + (s.column ? ":" + std::to_string(s.column) : "");
}

}  // namespace cli
