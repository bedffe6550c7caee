#include "function/function_registry.h"

namespace tributary {

const FunctionRegistry& FunctionRegistry::BuiltIns() {
  static const FunctionRegistry registry = [] {
    FunctionRegistry r;
    RegisterArithmeticFunctions(r);
    RegisterStringFunctions(r);
    RegisterDateFunctions(r);
    RegisterMathFunctions(r);
    RegisterRegexpFunctions(r);
    RegisterDateArithmeticFunctions(r);
    RegisterDatetimeFormatFunctions(r);
    RegisterDistributiveAggregates(r);
    RegisterAlgebraicAggregates(r);
    RegisterStatisticalAggregates(r);
    RegisterBooleanAggregates(r);
    RegisterOrderedAggregates(r);
    RegisterTableFunctions(r);
    return r;
  }();
  return registry;
}

void FunctionRegistry::AddScalar(ScalarFunction function) {
  scalars_[function.name].push_back(std::move(function));
}

void FunctionRegistry::AddAggregate(AggregateFunction function) {
  aggregates_[function.name].push_back(std::move(function));
}

void FunctionRegistry::AddTable(TableFunction function) {
  tables_[function.name].push_back(std::move(function));
}

const std::vector<ScalarFunction>* FunctionRegistry::GetScalar(const std::string& name) const {
  auto it = scalars_.find(name);
  return it == scalars_.end() ? nullptr : &it->second;
}

const std::vector<AggregateFunction>* FunctionRegistry::GetAggregate(
    const std::string& name) const {
  auto it = aggregates_.find(name);
  return it == aggregates_.end() ? nullptr : &it->second;
}

const std::vector<TableFunction>* FunctionRegistry::GetTable(const std::string& name) const {
  auto it = tables_.find(name);
  return it == tables_.end() ? nullptr : &it->second;
}

}  // namespace tributary
