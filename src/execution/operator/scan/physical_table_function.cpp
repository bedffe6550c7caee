#include "execution/operator/scan/physical_table_function.h"

namespace tributary {

namespace {
struct TableFunctionGlobalState : public GlobalSourceState {
  std::unique_ptr<TableFunctionState> state;
};
}  // namespace

std::unique_ptr<GlobalSourceState> PhysicalTableFunction::GetGlobalSourceState(
    ExecutionContext&) const {
  auto state = std::make_unique<TableFunctionGlobalState>();
  state->state = function.init(bind_data.get());
  return state;
}

SourceResultType PhysicalTableFunction::GetData(ExecutionContext&, DataChunk& chunk,
                                                GlobalSourceState& gstate,
                                                LocalSourceState&) const {
  auto& state = static_cast<TableFunctionGlobalState&>(gstate);
  function.function(bind_data.get(), *state.state, chunk);
  return chunk.size() == 0 ? SourceResultType::kFinished : SourceResultType::kHaveMoreOutput;
}

}  // namespace tributary
