// LoadProgress: how far a long load (COPY ... FROM) has come, for a
// progress indicator. Reading counts input bytes (compressed, as stored);
// parsing counts bytes of the decoded text.
#pragma once

#include <string>

#include "common/constants.h"

namespace tributary {

struct LoadProgress {
  enum class Phase : uint8_t { kReading, kParsing, kDone };
  Phase phase = Phase::kReading;
  std::string table;
  idx_t bytes_done = 0;
  idx_t bytes_total = 0;
  idx_t rows = 0;  // rows parsed so far (kParsing, kDone)
};

}  // namespace tributary
