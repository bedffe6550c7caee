#include "execution/operator/order/physical_order.h"

#include <mutex>

#include "execution/executor.h"
#include "execution/operator/order/sorted_collection.h"

namespace tributary {

namespace {

std::vector<ExpressionPtr> KeyExpressions(const std::vector<BoundOrderByNode>& orders) {
  std::vector<ExpressionPtr> keys;
  for (auto& o : orders)
    keys.push_back(o.expression->Copy());
  return keys;
}

struct OrderLocalState : public LocalSinkState {
  OrderLocalState(const std::vector<LogicalType>& types,
                  const std::vector<BoundOrderByNode>& orders)
      : keys(KeyExpressions(orders)), executor(keys), rows(types, orders) {}
  std::vector<ExpressionPtr> keys;
  ExpressionExecutor executor;
  SortedCollection rows;
};

struct OrderGlobalState : public GlobalSinkState {
  OrderGlobalState(const std::vector<LogicalType>& types,
                   const std::vector<BoundOrderByNode>& orders)
      : rows(types, orders) {}
  std::mutex lock;
  SortedCollection rows;
};

struct OrderSourceState : public GlobalSourceState {
  idx_t offset = 0;
};

}  // namespace

PhysicalOrder::PhysicalOrder(std::vector<LogicalType> types, std::vector<BoundOrderByNode> orders,
                             idx_t estimated_cardinality)
    : PhysicalOperator(PhysicalOperatorType::kOrder, std::move(types), estimated_cardinality),
      orders(std::move(orders)) {}

std::string PhysicalOrder::ParamsToString() const {
  std::string s;
  for (idx_t i = 0; i < orders.size(); i++)
    s += (i ? ", " : "") + orders[i].ToString();
  return s;
}

std::unique_ptr<GlobalSinkState> PhysicalOrder::GetGlobalSinkState(ClientContext&) const {
  return std::make_unique<OrderGlobalState>(types, orders);
}

std::unique_ptr<LocalSinkState> PhysicalOrder::GetLocalSinkState(ExecutionContext&) const {
  return std::make_unique<OrderLocalState>(types, orders);
}

SinkResultType PhysicalOrder::Sink(ExecutionContext&, DataChunk& chunk, GlobalSinkState&,
                                   LocalSinkState& lstate) const {
  auto& state = static_cast<OrderLocalState&>(lstate);
  state.rows.Append(chunk, state.executor);
  return SinkResultType::kNeedMoreInput;
}

void PhysicalOrder::Combine(ExecutionContext&, GlobalSinkState& gstate,
                            LocalSinkState& lstate) const {
  auto& global = static_cast<OrderGlobalState&>(gstate);
  auto& local = static_cast<OrderLocalState&>(lstate);
  std::lock_guard<std::mutex> guard(global.lock);
  global.rows.Merge(local.rows);
}

void PhysicalOrder::Finalize(ClientContext&, GlobalSinkState& gstate) const {
  static_cast<OrderGlobalState&>(gstate).rows.Sort();
}

std::unique_ptr<GlobalSourceState> PhysicalOrder::GetGlobalSourceState(ExecutionContext&) const {
  return std::make_unique<OrderSourceState>();
}

SourceResultType PhysicalOrder::GetData(ExecutionContext& context, DataChunk& chunk,
                                        GlobalSourceState& gstate, LocalSourceState&) const {
  auto& global = context.executor.GetSinkState<OrderGlobalState>(*this);
  auto& state = static_cast<OrderSourceState&>(gstate);
  idx_t n = global.rows.Read(state.offset, kVectorSize, chunk);
  state.offset += n;
  return state.offset >= global.rows.Count() ? SourceResultType::kFinished
                                             : SourceResultType::kHaveMoreOutput;
}

PhysicalTopN::PhysicalTopN(std::vector<LogicalType> types, std::vector<BoundOrderByNode> orders,
                           idx_t limit, idx_t offset, idx_t estimated_cardinality)
    : PhysicalOrder(std::move(types), std::move(orders), estimated_cardinality),
      limit(limit),
      offset(offset) {
  type = PhysicalOperatorType::kTopN;
}

std::string PhysicalTopN::ParamsToString() const {
  return PhysicalOrder::ParamsToString() + "; limit " + std::to_string(limit) + " offset " +
         std::to_string(offset);
}

SinkResultType PhysicalTopN::Sink(ExecutionContext& context, DataChunk& chunk,
                                  GlobalSinkState& gstate, LocalSinkState& lstate) const {
  PhysicalOrder::Sink(context, chunk, gstate, lstate);
  auto& rows = static_cast<OrderLocalState&>(lstate).rows;
  idx_t keep = limit + offset;
  if (rows.Count() > 4 * keep + kVectorSize) {
    rows.Sort();
    rows.Truncate(keep);
  }
  return SinkResultType::kNeedMoreInput;
}

void PhysicalTopN::Finalize(ClientContext& context, GlobalSinkState& gstate) const {
  auto& rows = static_cast<OrderGlobalState&>(gstate).rows;
  rows.Sort();
  rows.Truncate(limit + offset);
}

SourceResultType PhysicalTopN::GetData(ExecutionContext& context, DataChunk& chunk,
                                       GlobalSourceState& gstate, LocalSourceState&) const {
  auto& global = context.executor.GetSinkState<OrderGlobalState>(*this);
  auto& state = static_cast<OrderSourceState&>(gstate);
  if (state.offset < offset)
    state.offset = offset;
  idx_t n = global.rows.Read(state.offset, kVectorSize, chunk);
  state.offset += n;
  return state.offset >= global.rows.Count() ? SourceResultType::kFinished
                                             : SourceResultType::kHaveMoreOutput;
}

}  // namespace tributary
