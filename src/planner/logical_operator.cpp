#include "planner/logical_operator.h"

namespace tributary {

void LogicalOperator::ResolveOperatorTypes() {
  for (auto& child : children)
    child->ResolveOperatorTypes();
  types.clear();
  ResolveTypes();
}

std::string LogicalOperator::ParamsToString() const {
  std::string result;
  for (idx_t i = 0; i < expressions.size(); i++) {
    if (i > 0)
      result += ", ";
    result += expressions[i]->ToString();
  }
  return result;
}

std::string LogicalOperator::ToString(idx_t indent) const {
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

std::vector<ColumnBinding> GenerateColumnBindings(idx_t table_index, idx_t count) {
  std::vector<ColumnBinding> result;
  result.reserve(count);
  for (idx_t i = 0; i < count; i++)
    result.emplace_back(table_index, i);
  return result;
}

}  // namespace tributary
