// The CTEs of one statement that are bound once and read through
// LogicalCteScans (PostgreSQL 12+: a CTE referenced more than once, or
// declared MATERIALIZED, is computed once; a CTE referenced once is inlined
// unless MATERIALIZED; NOT MATERIALIZED always inlines). Shared by every
// binder of the statement; the outermost BindNode decides, once the whole
// query is bound and the references are counted (Binder::FinishCtes).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "parser/ast.h"
#include "planner/operator/logical_cte_scan.h"

namespace tributary {

struct CteRegistry {
  struct Entry {
    const CommonTableExpression* cte = nullptr;
    std::shared_ptr<CteInfo> info;
    LogicalOperatorPtr plan;  // the definition, bound once
    std::vector<std::string> names;
    std::vector<LogicalType> types;
    // The table indexes of its references so far (LogicalCteScans in the
    // plans being bound; a plan the binder discards may have held some).
    std::vector<idx_t> scans;
    // The definition reads columns of an enclosing query: it is bound at
    // each reference, inside the subquery that decorrelation rewrites.
    bool inline_only = false;
    bool is_volatile = false;
  };

  Entry* Find(const CommonTableExpression* cte) {
    for (auto& e : entries) {
      if (e->cte == cte)
        return e.get();
    }
    return nullptr;
  }

  // In the order their definitions were first bound (a definition's own
  // CTE references come before it).
  std::vector<std::unique_ptr<Entry>> entries;
  // Nesting of BindNode calls.
  idx_t depth = 0;
  // The parsed definitions of the views expanded so far: entries point
  // into them (`cte`), so they live as long as the statement's binding.
  std::vector<std::unique_ptr<SQLStatement>> view_definitions;
};

}  // namespace tributary
