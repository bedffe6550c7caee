#include "execution/operator/order/physical_limit.h"

#include <algorithm>
#include <mutex>

#include "execution/executor.h"

namespace tributary {

namespace {

struct LimitGlobalState : public GlobalSinkState {
  std::mutex lock;
  std::vector<DataChunk> chunks;
  idx_t rows = 0;
};

struct LimitSourceState : public GlobalSourceState {
  idx_t chunk = 0;
  idx_t skipped = 0;  // rows of the offset already skipped
  idx_t emitted = 0;
};

}  // namespace

std::unique_ptr<GlobalSinkState> PhysicalLimit::GetGlobalSinkState(ClientContext&) const {
  return std::make_unique<LimitGlobalState>();
}

SinkResultType PhysicalLimit::Sink(ExecutionContext&, DataChunk& chunk, GlobalSinkState& gstate,
                                   LocalSinkState&) const {
  auto& state = static_cast<LimitGlobalState&>(gstate);
  idx_t wanted = limit == kInvalidIndex ? kInvalidIndex : limit + offset;
  std::lock_guard<std::mutex> guard(state.lock);
  if (wanted != kInvalidIndex && state.rows >= wanted)
    return SinkResultType::kFinished;
  idx_t take = wanted == kInvalidIndex ? chunk.size() : std::min(chunk.size(), wanted - state.rows);
  DataChunk copy;
  copy.Initialize(types, std::max<idx_t>(take, 1));
  copy.Append(chunk, SelectionVector(), take);
  state.chunks.push_back(std::move(copy));
  state.rows += take;
  return wanted != kInvalidIndex && state.rows >= wanted ? SinkResultType::kFinished
                                                         : SinkResultType::kNeedMoreInput;
}

std::unique_ptr<GlobalSourceState> PhysicalLimit::GetGlobalSourceState(ExecutionContext&) const {
  return std::make_unique<LimitSourceState>();
}

SourceResultType PhysicalLimit::GetData(ExecutionContext& context, DataChunk& chunk,
                                        GlobalSourceState& gstate, LocalSourceState&) const {
  auto& global = context.executor.GetSinkState<LimitGlobalState>(*this);
  auto& state = static_cast<LimitSourceState&>(gstate);
  while (state.chunk < global.chunks.size()) {
    auto& source = global.chunks[state.chunk++];
    idx_t start = 0;
    if (state.skipped < offset) {
      start = std::min(source.size(), offset - state.skipped);
      state.skipped += start;
    }
    idx_t n = source.size() - start;
    if (limit != kInvalidIndex)
      n = std::min(n, limit - state.emitted);
    if (n == 0)
      continue;
    SelectionVector sel(n);
    for (idx_t i = 0; i < n; i++)
      sel.set_index(i, start + i);
    chunk.Append(source, sel, n);
    state.emitted += n;
    break;
  }
  return state.chunk >= global.chunks.size() ? SourceResultType::kFinished
                                             : SourceResultType::kHaveMoreOutput;
}

}  // namespace tributary
