// One row with no columns (FROM-less SELECT).
#pragma once

#include "execution/physical_operator.h"

namespace tributary {

class PhysicalDummyScan : public PhysicalOperator {
 public:
  PhysicalDummyScan() : PhysicalOperator(PhysicalOperatorType::kDummyScan, {}, 1) {}

  std::string GetName() const override { return "DUMMY_SCAN"; }
  bool IsSource() const override { return true; }
  SourceResultType GetData(ExecutionContext&, DataChunk& chunk, GlobalSourceState&,
                           LocalSourceState&) const override {
    chunk.SetCardinality(1);
    return SourceResultType::kFinished;
  }
};

}  // namespace tributary
