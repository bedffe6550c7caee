#include "load_progress_meter.h"

#include <unistd.h>

#include <cstdio>
#include <string>

namespace tributary {

namespace {

std::string Thousands(idx_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); i++) {
    if (i > 0 && (digits.size() - i) % 3 == 0)
      out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace

LoadProgressMeter::LoadProgressMeter() : enabled_(::isatty(STDERR_FILENO) == 1) {}

void LoadProgressMeter::Start() {
  std::lock_guard<std::mutex> guard(lock_);
  start_ = std::chrono::steady_clock::now();
}

void LoadProgressMeter::Update(const LoadProgress& p) {
  if (!enabled_)
    return;
  std::lock_guard<std::mutex> guard(lock_);
  if (p.phase == LoadProgress::Phase::kDone) {
    if (shown_)
      std::fputs("\r\033[K", stderr);
    shown_ = false;
    return;
  }
  if (std::chrono::steady_clock::now() - start_ < std::chrono::milliseconds(500))
    return;
  double mb = 1024.0 * 1024.0;
  int percent = p.bytes_total ? static_cast<int>(100.0 * p.bytes_done / p.bytes_total) : 0;
  char line[256];
  if (p.phase == LoadProgress::Phase::kReading) {
    std::snprintf(line, sizeof(line), "COPY %s: reading %.1f of %.1f MB (%d%%)", p.table.c_str(),
                  p.bytes_done / mb, p.bytes_total / mb, percent);
  } else {
    std::snprintf(line, sizeof(line), "COPY %s: %s rows, %.1f of %.1f MB parsed (%d%%)",
                  p.table.c_str(), Thousands(p.rows).c_str(), p.bytes_done / mb, p.bytes_total / mb,
                  percent);
  }
  std::fprintf(stderr, "\r\033[K%s", line);
  std::fflush(stderr);
  shown_ = true;
}

void LoadProgressMeter::Clear() {
  std::lock_guard<std::mutex> guard(lock_);
  if (shown_) {
    std::fputs("\r\033[K", stderr);
    std::fflush(stderr);
  }
  shown_ = false;
}

}  // namespace tributary
