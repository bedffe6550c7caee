// TableFunction: a function in FROM that produces rows (generate_series).
// Runs as a pipeline source: bind computes the output columns from the
// constant arguments, init creates the scan state, and `function` fills one
// chunk at a time until it returns an empty chunk.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "function/function_data.h"
#include "types/value.h"

namespace tributary {

class DataChunk;

struct TableFunctionState {
  virtual ~TableFunctionState() = default;
};

struct TableFunction;
using table_bind_t = std::unique_ptr<FunctionData> (*)(const std::vector<Value>& arguments,
                                                       std::vector<std::string>& names,
                                                       std::vector<LogicalType>& types);
using table_init_t = std::unique_ptr<TableFunctionState> (*)(const FunctionData* bind_data);
// Fills `output` (up to kVectorSize rows); 0 rows means finished.
using table_function_t = void (*)(const FunctionData* bind_data, TableFunctionState& state,
                                  DataChunk& output);

struct TableFunction {
  std::string name;
  std::vector<LogicalType> arguments;
  table_bind_t bind = nullptr;
  table_init_t init = nullptr;
  table_function_t function = nullptr;
};

}  // namespace tributary
