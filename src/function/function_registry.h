// FunctionRegistry: the built-in scalar, aggregate and table functions, by
// name. Filled once at startup and read-only afterwards, so lookups need no
// locking. Overload resolution (picking the cheapest implicit casts) is the
// binder's job; the registry only stores overload sets.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "function/aggregate_function.h"
#include "function/scalar_function.h"
#include "function/table_function.h"

namespace tributary {

class FunctionRegistry {
 public:
  // The process-wide registry of built-ins (immutable after construction).
  static const FunctionRegistry& BuiltIns();

  void AddScalar(ScalarFunction function);
  void AddAggregate(AggregateFunction function);
  void AddTable(TableFunction function);

  // Overloads of `name` (lower case), or nullptr.
  const std::vector<ScalarFunction>* GetScalar(const std::string& name) const;
  const std::vector<AggregateFunction>* GetAggregate(const std::string& name) const;
  const std::vector<TableFunction>* GetTable(const std::string& name) const;

 private:
  std::unordered_map<std::string, std::vector<ScalarFunction>> scalars_;
  std::unordered_map<std::string, std::vector<AggregateFunction>> aggregates_;
  std::unordered_map<std::string, std::vector<TableFunction>> tables_;
};

// Registration entry points, one per function family (each in its own file
// under function/scalar/ or function/aggregate/ or function/table/).
void RegisterArithmeticFunctions(FunctionRegistry& registry);
void RegisterStringFunctions(FunctionRegistry& registry);
void RegisterDateFunctions(FunctionRegistry& registry);
void RegisterMathFunctions(FunctionRegistry& registry);
void RegisterRegexpFunctions(FunctionRegistry& registry);
void RegisterDateArithmeticFunctions(FunctionRegistry& registry);
void RegisterDatetimeFormatFunctions(FunctionRegistry& registry);
void RegisterDistributiveAggregates(FunctionRegistry& registry);
void RegisterAlgebraicAggregates(FunctionRegistry& registry);
void RegisterStatisticalAggregates(FunctionRegistry& registry);
void RegisterBooleanAggregates(FunctionRegistry& registry);
void RegisterOrderedAggregates(FunctionRegistry& registry);
void RegisterTableFunctions(FunctionRegistry& registry);

}  // namespace tributary
