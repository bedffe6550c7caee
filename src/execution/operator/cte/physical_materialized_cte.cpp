#include "execution/operator/cte/physical_materialized_cte.h"

namespace tributary {

namespace {
struct MaterializedCteLocalState : public LocalSinkState {
  std::vector<DataChunk> chunks;
};
}  // namespace

std::unique_ptr<GlobalSinkState> PhysicalMaterializedCte::GetGlobalSinkState(ClientContext&) const {
  return std::make_unique<MaterializedCteState>();
}

std::unique_ptr<LocalSinkState> PhysicalMaterializedCte::GetLocalSinkState(
    ExecutionContext&) const {
  return std::make_unique<MaterializedCteLocalState>();
}

SinkResultType PhysicalMaterializedCte::Sink(ExecutionContext&, DataChunk& chunk, GlobalSinkState&,
                                             LocalSinkState& lstate) const {
  auto& local = static_cast<MaterializedCteLocalState&>(lstate);
  // Small chunks are packed together so scans read full vectors.
  if (local.chunks.empty() ||
      local.chunks.back().size() + chunk.size() > local.chunks.back().capacity()) {
    local.chunks.emplace_back();
    local.chunks.back().Initialize(children[0]->types);
  }
  local.chunks.back().Append(chunk, SelectionVector(), chunk.size());
  return SinkResultType::kNeedMoreInput;
}

void PhysicalMaterializedCte::Combine(ExecutionContext&, GlobalSinkState& gstate,
                                      LocalSinkState& lstate) const {
  auto& global = static_cast<MaterializedCteState&>(gstate);
  auto& local = static_cast<MaterializedCteLocalState&>(lstate);
  std::lock_guard<std::mutex> guard(global.lock);
  for (auto& c : local.chunks)
    global.chunks.push_back(std::move(c));
  local.chunks.clear();
}

}  // namespace tributary
