// Pipeline: Source -> Operators -> Sink, executed by many threads at once,
// each pulling morsels (chunks) from the shared source state.
//
// Pipelines are built from a physical plan (PipelineBuilder in
// executor.cpp): every sink starts a new pipeline for the child that feeds
// it; UNION ALL forks the pipeline above it; a join's build side becomes a
// pipeline the probe pipeline depends on.
#pragma once

#include <vector>

#include "execution/physical_operator.h"

namespace tributary {

struct Pipeline {
  const PhysicalOperator* source = nullptr;
  // Streaming operators in data-flow order (the first receives the source's chunks).
  std::vector<const PhysicalOperator*> operators;
  const PhysicalOperator* sink = nullptr;
  // Pipelines that must finish first (indexes into the executor's list).
  std::vector<idx_t> dependencies;
  // The source is a join emitting unmatched build rows (RIGHT/FULL).
  bool source_is_join_tail = false;

  std::string ToString() const;
};

}  // namespace tributary
