// interval_t: PostgreSQL's interval (months, days and microseconds kept apart
// because a month has no fixed length).
#pragma once

#include <string>

#include "common/constants.h"

namespace tributary {

struct interval_t {
  int32_t months = 0;
  int32_t days = 0;
  int64_t micros = 0;

  bool operator==(const interval_t& o) const {
    return months == o.months && days == o.days && micros == o.micros;
  }
  bool operator!=(const interval_t& o) const { return !(*this == o); }
};

}  // namespace tributary
