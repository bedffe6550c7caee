// TableAttributes: Redshift's physical table attributes as declared
// (DISTSTYLE, DISTKEY, SORTKEY; column ENCODE lives in ColumnDefinition).
// One node, so distribution only matters for what is shown (PG_TABLE_DEF,
// SVV_TABLE_INFO); SORTKEY is for the storage layer to order data by.
#pragma once

#include <string>
#include <vector>

namespace tributary {

enum class DistStyle : uint8_t { kAuto, kEven, kKey, kAll };
enum class SortKeyType : uint8_t { kNone, kCompound, kInterleaved, kAuto };

struct TableAttributes {
  DistStyle dist_style = DistStyle::kAuto;
  // DISTKEY column (implies DISTSTYLE KEY); empty when none.
  std::string dist_key;
  SortKeyType sort_key_type = SortKeyType::kNone;
  std::vector<std::string> sort_key;  // in key order
  bool backup = true;                 // BACKUP { YES | NO }

  // "AUTO", "EVEN", "KEY", "ALL" (as Redshift prints them).
  static const char* DistStyleName(DistStyle style) {
    switch (style) {
      case DistStyle::kEven:
        return "EVEN";
      case DistStyle::kKey:
        return "KEY";
      case DistStyle::kAll:
        return "ALL";
      case DistStyle::kAuto:
        break;
    }
    return "AUTO";
  }
  // 1-based position of `column` in the sort key (negative for
  // interleaved keys, as PG_TABLE_DEF.sortkey shows), 0 when not in it.
  int SortKeyPosition(const std::string& column) const {
    for (size_t i = 0; i < sort_key.size(); i++) {
      if (sort_key[i] == column) {
        int position = static_cast<int>(i) + 1;
        return sort_key_type == SortKeyType::kInterleaved ? -position : position;
      }
    }
    return 0;
  }
};

}  // namespace tributary
