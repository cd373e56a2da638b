// Inputs: expanding paths into an ordered list, and reading one input.
//
// Directories are walked recursively for .txt/.html/.htm (any case), sorted by
// path. Symbolic links to files are followed; links to directories are not
// (no cycles). Reading is bounded (kMaxInputBytes) and never waits forever on
// a named pipe that nobody writes to (kFifoWaitMs).
#include "cli.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <system_error>

namespace fs = std::filesystem;

namespace cli {
namespace {

constexpr std::string_view kExtensions[] = {".txt", ".html", ".htm"};

bool wanted(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return std::find(std::begin(kExtensions), std::end(kExtensions), ext) != std::end(kExtensions);
}

Bilingual with_reason(const char* zh, const char* en, const Bilingual& why) {
  return {std::string(zh) + why.zh, std::string(en) + why.en};
}

Bilingual from_error(const char* zh, const char* en, const std::error_code& ec) {
  return with_reason(zh, en, errno_reason(ec.value()));
}

const Bilingual kNotRegular{"不是普通文件，已跳过", "not a regular file; skipped"};

void walk(const fs::path& dir, std::vector<Item>& out) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec), end;
  if (ec) {
    out.push_back({dir.string(), false, from_error("无法打开目录：", "cannot open directory: ", ec)});
    return;
  }
  for (; it != end; it.increment(ec)) {
    if (ec) break;
    const fs::directory_entry& entry = *it;
    std::error_code lec, sec;
    bool link = entry.is_symlink(lec);
    fs::file_status st = entry.status(sec);  // follows links
    if (!link && st.type() == fs::file_type::directory) {
      walk(entry.path(), out);
      continue;
    }
    if (!wanted(entry.path()) || st.type() == fs::file_type::directory) continue;
    if (sec)
      out.push_back({entry.path().string(), false, from_error("无法访问：", "cannot access: ", sec)});
    else if (st.type() != fs::file_type::regular)
      out.push_back({entry.path().string(), false, kNotRegular});
    else
      out.push_back({entry.path().string(), false, std::nullopt});
  }
  if (ec) out.push_back({dir.string(), false, from_error("读取目录出错：", "error reading directory: ", ec)});
}

}  // namespace

std::vector<Item> expand_inputs(const std::vector<std::string>& paths) {
  std::vector<Item> items;
  for (const std::string& p : paths) {
    if (p == "-") {
      items.push_back({"<stdin>", true, std::nullopt});
      continue;
    }
    std::error_code ec;
    fs::file_status st = fs::status(p, ec);
    if (ec) {
      items.push_back({p, false, from_error("无法访问：", "cannot access: ", ec)});
    } else if (st.type() == fs::file_type::directory) {
      std::vector<Item> found;
      walk(p, found);
      std::stable_sort(found.begin(), found.end(),
                       [](const Item& a, const Item& b) { return a.path < b.path; });
      std::move(found.begin(), found.end(), std::back_inserter(items));
    } else {
      items.push_back({p, false, std::nullopt});  // files, pipes, devices: read what is there
    }
  }
  return items;
}

namespace {

std::optional<Bilingual> read_all(int fd, std::string& bytes) {
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n == 0) return std::nullopt;
    if (n < 0) {
      if (errno == EINTR) continue;
      return with_reason("读取失败：", "read failed: ", errno_reason(errno));
    }
    if (bytes.size() + size_t(n) > kMaxInputBytes) {
      bytes.clear();
      bytes.shrink_to_fit();
      return Bilingual{"输入超过 256 MB，已跳过", "input larger than 256 MB; skipped"};
    }
    bytes.append(buf, size_t(n));
  }
}

// Wait until a named pipe has a writer with data (or has been closed by one).
std::optional<Bilingual> wait_for_fifo(int fd) {
  pollfd p{fd, POLLIN, 0};
  int r;
  do r = ::poll(&p, 1, kFifoWaitMs);
  while (r < 0 && errno == EINTR);
  if (r < 0) return with_reason("等待管道失败：", "waiting for the pipe failed: ", errno_reason(errno));
  if (r == 0)
    return Bilingual{"命名管道 10 秒内没有写入方或数据，已跳过",
                     "named pipe had no writer or data within 10 s; skipped"};
  return std::nullopt;
}

}  // namespace

std::optional<Bilingual> read_input(const Item& item, std::string& bytes) {
  bytes.clear();
  if (item.error) return item.error;
  if (item.is_stdin) return read_all(STDIN_FILENO, bytes);

  int fd = ::open(item.path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return with_reason("无法打开：", "cannot open: ", errno_reason(errno));
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};

  struct stat st {};
  if (::fstat(fd, &st) != 0) return with_reason("无法访问：", "cannot access: ", errno_reason(errno));
  if (S_ISDIR(st.st_mode)) return with_reason("无法读取：", "cannot read: ", errno_reason(EISDIR));
  if (S_ISREG(st.st_mode)) {
    if (uint64_t(st.st_size) > kMaxInputBytes)
      return Bilingual{"文件超过 256 MB，已跳过", "file larger than 256 MB; skipped"};
    bytes.reserve(size_t(st.st_size));
  }
  if (S_ISFIFO(st.st_mode))
    if (auto err = wait_for_fifo(fd)) return err;
  int flags = ::fcntl(fd, F_GETFL);
  if (flags >= 0) ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
  return read_all(fd, bytes);
}

}  // namespace cli
