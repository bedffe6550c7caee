#include "execution/operator/cte/physical_cte_scan.h"

#include <algorithm>
#include <atomic>

#include "execution/executor.h"

namespace tributary {

namespace {
struct CteScanState : public GlobalSourceState {
  explicit CteScanState(const MaterializedCteState& data) : data(data) {}
  const MaterializedCteState& data;
  std::atomic<idx_t> next{0};
  idx_t MaxThreads() const override { return std::max<idx_t>(data.chunks.size(), 1); }
};
}  // namespace

std::unique_ptr<GlobalSourceState> PhysicalCteScan::GetGlobalSourceState(
    ExecutionContext& context) const {
  return std::make_unique<CteScanState>(context.executor.GetSinkState<MaterializedCteState>(cte));
}

SourceResultType PhysicalCteScan::GetData(ExecutionContext&, DataChunk& chunk,
                                          GlobalSourceState& gstate, LocalSourceState&) const {
  auto& state = static_cast<CteScanState&>(gstate);
  idx_t index = state.next.fetch_add(1);
  if (index >= state.data.chunks.size()) {
    chunk.SetCardinality(0);
    return SourceResultType::kFinished;
  }
  auto& source = state.data.chunks[index];
  for (idx_t c = 0; c < types.size(); c++)
    chunk.column(c).Reference(source.column(c));
  chunk.SetCardinality(source.size());
  return index + 1 >= state.data.chunks.size() ? SourceResultType::kFinished
                                               : SourceResultType::kHaveMoreOutput;
}

}  // namespace tributary
