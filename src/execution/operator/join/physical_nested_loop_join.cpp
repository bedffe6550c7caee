#include "execution/operator/join/physical_nested_loop_join.h"

#include <mutex>

#include "execution/executor.h"
#include "execution/operator/join/join_matches.h"
#include "main/client_context.h"

namespace tributary {

namespace {

struct NljLocalSinkState : public LocalSinkState {
  explicit NljLocalSinkState(const std::vector<LogicalType>& types) : rows(types) {}
  JoinRowCollection rows;
};

struct NljGlobalState : public GlobalSinkState {
  explicit NljGlobalState(const std::vector<LogicalType>& types) : rows(types) {}
  std::mutex lock;
  JoinRowCollection rows;
  std::unique_ptr<std::atomic<uint8_t>[]> matched;
};

struct NljProbeState : public OperatorState {
  NljProbeState(const PhysicalNestedLoopJoin& op, const std::vector<LogicalType>& build_types)
      : output(op.join_type, nullptr, op.children[0]->types.size(), build_types), sel(kVectorSize) {
    if (op.condition)
      executor = std::make_unique<ExpressionExecutor>(*op.condition);
    auto types = op.children[0]->types;
    types.insert(types.end(), build_types.begin(), build_types.end());
    pairs.Initialize(types);
  }
  std::unique_ptr<ExpressionExecutor> executor;
  DataChunk pairs;
  JoinMatches matches;
  JoinOutput output;
  SelectionVector sel;
  Vector result{LogicalType(LogicalTypeId::kBoolean)};
  // MARK: probe rows for which some pair's condition was NULL.
  std::vector<bool> null_pair;
  bool in_progress = false;
};

struct NljTailState : public GlobalSourceState {
  idx_t position = 0;
};

}  // namespace

PhysicalNestedLoopJoin::PhysicalNestedLoopJoin(std::vector<LogicalType> types,
                                               PhysicalOperatorPtr left, PhysicalOperatorPtr right,
                                               ExpressionPtr condition, JoinType join_type,
                                               idx_t estimated_cardinality)
    : PhysicalOperator(PhysicalOperatorType::kNestedLoopJoin, std::move(types),
                       estimated_cardinality),
      condition(std::move(condition)),
      join_type(join_type) {
  build_types_ = right->types;
  children.push_back(std::move(left));
  children.push_back(std::move(right));
}

std::string PhysicalNestedLoopJoin::ParamsToString() const {
  return std::string(JoinTypeToString(join_type)) + (condition ? " " + condition->ToString() : "");
}

std::unique_ptr<GlobalSinkState> PhysicalNestedLoopJoin::GetGlobalSinkState(ClientContext&) const {
  return std::make_unique<NljGlobalState>(build_types_);
}

std::unique_ptr<LocalSinkState> PhysicalNestedLoopJoin::GetLocalSinkState(ExecutionContext&) const {
  return std::make_unique<NljLocalSinkState>(build_types_);
}

SinkResultType PhysicalNestedLoopJoin::Sink(ExecutionContext&, DataChunk& chunk, GlobalSinkState&,
                                            LocalSinkState& lstate) const {
  DataChunk flat;
  flat.Initialize(chunk.Types(), chunk.size());
  flat.Append(chunk, SelectionVector(), chunk.size());
  static_cast<NljLocalSinkState&>(lstate).rows.Append(flat);
  return SinkResultType::kNeedMoreInput;
}

void PhysicalNestedLoopJoin::Combine(ExecutionContext&, GlobalSinkState& gstate,
                                     LocalSinkState& lstate) const {
  auto& global = static_cast<NljGlobalState&>(gstate);
  std::lock_guard<std::mutex> guard(global.lock);
  global.rows.Absorb(static_cast<NljLocalSinkState&>(lstate).rows);
}

void PhysicalNestedLoopJoin::Finalize(ClientContext&, GlobalSinkState& gstate) const {
  auto& g = static_cast<NljGlobalState&>(gstate);
  if (EmitsAfterProbe()) {
    idx_t count = g.rows.Count();
    g.matched.reset(new std::atomic<uint8_t>[count ? count : 1]);
    for (idx_t i = 0; i < count; i++)
      g.matched[i].store(0, std::memory_order_relaxed);
  }
}

std::unique_ptr<OperatorState> PhysicalNestedLoopJoin::GetOperatorState(ExecutionContext&) const {
  return std::make_unique<NljProbeState>(*this, build_types_);
}

OperatorResultType PhysicalNestedLoopJoin::Execute(ExecutionContext& context, DataChunk& input,
                                                   DataChunk& chunk, GlobalOperatorState&,
                                                   OperatorState& ostate) const {
  auto& g = context.executor.GetSinkState<NljGlobalState>(*this);
  auto& state = static_cast<NljProbeState&>(ostate);
  if (!state.in_progress) {
    state.matches.Clear();
    state.null_pair.assign(input.size(), false);
    idx_t left = input.ColumnCount();
    for (idx_t i = 0; i < input.size(); i++) {
      idx_t base = 0;
      for (auto& build_chunk : g.rows.chunks()) {
        if (state.executor) {
          for (idx_t c = 0; c < left; c++)
            state.pairs.column(c).SetConstant(input.column(c).GetValue(i));
          for (idx_t c = 0; c < build_chunk.ColumnCount(); c++) {
            state.pairs.column(left + c).Reference(build_chunk.column(c));
          }
          state.pairs.SetCardinality(build_chunk.size());
          if (join_type == JoinType::kMark) {
            // The mark is the OR of the condition over the build rows:
            // TRUE on a match, else NULL if any pair gave NULL.
            state.executor->ExecuteExpression(0, state.pairs, state.result);
            for (idx_t k = 0; k < build_chunk.size(); k++) {
              if (state.result.IsNull(k)) {
                state.null_pair[i] = true;
              } else if (state.result.Data<bool>()[state.result.IsConstant() ? 0 : k]) {
                state.matches.Add(i, base + k);
              }
            }
          } else {
            idx_t n = state.executor->Select(state.pairs, state.sel);
            for (idx_t k = 0; k < n; k++)
              state.matches.Add(i, base + state.sel.get_index(k));
          }
        } else {
          for (idx_t k = 0; k < build_chunk.size(); k++)
            state.matches.Add(i, base + k);
        }
        base += build_chunk.size();
      }
      context.client.CheckInterrupted();
    }
    state.output.Start(input, state.matches, g.rows, g.matched.get(), state.null_pair, false);
    state.in_progress = true;
  }
  if (state.output.Next(input, g.rows, chunk))
    return OperatorResultType::kHaveMoreOutput;
  state.in_progress = false;
  return OperatorResultType::kNeedMoreInput;
}

std::unique_ptr<GlobalSourceState> PhysicalNestedLoopJoin::GetGlobalSourceState(
    ExecutionContext&) const {
  return std::make_unique<NljTailState>();
}

SourceResultType PhysicalNestedLoopJoin::GetData(ExecutionContext& context, DataChunk& chunk,
                                                 GlobalSourceState& gstate,
                                                 LocalSourceState&) const {
  auto& g = context.executor.GetSinkState<NljGlobalState>(*this);
  auto& state = static_cast<NljTailState&>(gstate);
  std::vector<idx_t> rows;
  idx_t count = g.rows.Count();
  while (state.position < count && rows.size() < kVectorSize) {
    if (!g.matched[state.position].load(std::memory_order_relaxed))
      rows.push_back(state.position);
    state.position++;
  }
  idx_t left = children[0]->types.size();
  for (idx_t c = 0; c < left; c++) {
    chunk.column(c).ResetToFlat();
    for (idx_t i = 0; i < rows.size(); i++)
      chunk.column(c).SetNull(i);
  }
  g.rows.Gather(rows.data(), rows.size(), chunk, left);
  chunk.SetCardinality(rows.size());
  return state.position >= count ? SourceResultType::kFinished : SourceResultType::kHaveMoreOutput;
}

}  // namespace tributary
