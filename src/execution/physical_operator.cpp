#include "execution/physical_operator.h"

#include "common/exception.h"

namespace tributary {

std::string PhysicalOperator::ToString(idx_t indent) const {
  std::string result(indent * 2, ' ');
  result += GetName();
  std::string params = ParamsToString();
  if (!params.empty())
    result += " [" + params + "]";
  result += "\n";
  for (auto& child : children)
    result += child->ToString(indent + 1);
  return result;
}

OperatorResultType PhysicalOperator::Execute(ExecutionContext&, DataChunk&, DataChunk&,
                                             GlobalOperatorState&, OperatorState&) const {
  throw InternalException(GetName() + " is not a streaming operator");
}

SourceResultType PhysicalOperator::GetData(ExecutionContext&, DataChunk&, GlobalSourceState&,
                                           LocalSourceState&) const {
  throw InternalException(GetName() + " is not a source");
}

std::unique_ptr<GlobalSinkState> PhysicalOperator::GetGlobalSinkState(ClientContext&) const {
  throw InternalException(GetName() + " is not a sink");
}

SinkResultType PhysicalOperator::Sink(ExecutionContext&, DataChunk&, GlobalSinkState&,
                                      LocalSinkState&) const {
  throw InternalException(GetName() + " is not a sink");
}

}  // namespace tributary
