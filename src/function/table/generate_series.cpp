// generate_series(start, stop[, step]) for integers and bigints.
#include <algorithm>

#include "common/exception.h"
#include "function/function_registry.h"
#include "vector/data_chunk.h"

namespace tributary {

namespace {

struct SeriesBindData : public FunctionData {
  int64_t start = 0, stop = 0, step = 1;
  bool empty = false;
  std::unique_ptr<FunctionData> Copy() const override {
    return std::make_unique<SeriesBindData>(*this);
  }
};

struct SeriesState : public TableFunctionState {
  int64_t next = 0;
  bool done = false;
};

template <LogicalTypeId kType>
std::unique_ptr<FunctionData> BindSeries(const std::vector<Value>& args,
                                         std::vector<std::string>& names,
                                         std::vector<LogicalType>& types) {
  auto data = std::make_unique<SeriesBindData>();
  for (auto& a : args)
    data->empty = data->empty || a.IsNull();
  if (!data->empty) {
    data->start = args[0].GetInt64();
    data->stop = args[1].GetInt64();
    data->step = args.size() > 2 ? args[2].GetInt64() : 1;
    if (data->step == 0) {
      throw Exception(sqlstate::kInvalidParameterValue, "step size cannot equal zero");
    }
  }
  names = {"generate_series"};
  types = {kType};
  return data;
}

std::unique_ptr<TableFunctionState> InitSeries(const FunctionData* bind_data) {
  auto& d = bind_data->Cast<SeriesBindData>();
  auto state = std::make_unique<SeriesState>();
  state->next = d.start;
  state->done = d.empty || (d.step > 0 ? d.start > d.stop : d.start < d.stop);
  return state;
}

template <class T>
void SeriesFunction(const FunctionData* bind_data, TableFunctionState& raw, DataChunk& output) {
  auto& d = bind_data->Cast<SeriesBindData>();
  auto& state = static_cast<SeriesState&>(raw);
  if (state.done) {
    output.SetCardinality(0);
    return;
  }
  auto out = output.column(0).Data<T>();
  idx_t n = 0;
  while (n < kVectorSize) {
    out[n++] = static_cast<T>(state.next);
    int64_t next;
    if (__builtin_add_overflow(state.next, d.step, &next) ||
        (d.step > 0 ? next > d.stop : next < d.stop)) {
      state.done = true;
      break;
    }
    state.next = next;
  }
  output.SetCardinality(n);
}

}  // namespace

void RegisterTableFunctions(FunctionRegistry& r) {
  using Id = LogicalTypeId;
  r.AddTable({"generate_series",
              {Id::kInteger, Id::kInteger},
              BindSeries<Id::kInteger>,
              InitSeries,
              SeriesFunction<int32_t>});
  r.AddTable({"generate_series",
              {Id::kInteger, Id::kInteger, Id::kInteger},
              BindSeries<Id::kInteger>,
              InitSeries,
              SeriesFunction<int32_t>});
  r.AddTable({"generate_series",
              {Id::kBigInt, Id::kBigInt},
              BindSeries<Id::kBigInt>,
              InitSeries,
              SeriesFunction<int64_t>});
  r.AddTable({"generate_series",
              {Id::kBigInt, Id::kBigInt, Id::kBigInt},
              BindSeries<Id::kBigInt>,
              InitSeries,
              SeriesFunction<int64_t>});
}

}  // namespace tributary
