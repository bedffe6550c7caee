// UNION ALL: no work of its own; the pipeline builder forks the pipeline
// above it so both children push into the same operators and sink.
#pragma once

#include "execution/physical_operator.h"

namespace tributary {

class PhysicalUnion : public PhysicalOperator {
 public:
  PhysicalUnion(std::vector<LogicalType> types, PhysicalOperatorPtr left, PhysicalOperatorPtr right,
                idx_t estimated_cardinality)
      : PhysicalOperator(PhysicalOperatorType::kUnion, std::move(types), estimated_cardinality) {
    children.push_back(std::move(left));
    children.push_back(std::move(right));
  }
  std::string GetName() const override { return "UNION_ALL"; }
};

}  // namespace tributary
