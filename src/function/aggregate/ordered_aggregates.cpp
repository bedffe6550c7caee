// Aggregates whose result depends on the order of their input:
// string_agg(x, sep [ORDER BY ...]), Redshift's LISTAGG(x [, sep]) [WITHIN
// GROUP (ORDER BY ...)], percentile_cont(f) / percentile_disc(f) WITHIN
// GROUP (ORDER BY x) and Redshift's MEDIAN(x).
//
// The binder passes the ORDER BY keys as extra arguments and appends one
// constant INTEGER "order spec" (bit 2k: key k descending, bit 2k+1: key k's
// NULLs first); percentiles get [x, fraction, spec]. Keeping these as
// arguments makes two calls that differ only in order or fraction different
// aggregates. Each group's rows are kept as a linked list of entries in the
// aggregate arena ([next][key length][value length][key][value]); keys are
// encoded so that memcmp order is the requested order. combine() copies the
// source's entries into the target's arena, so a merged state never points
// into a thread-local arena that goes away.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "common/exception.h"
#include "function/function_registry.h"
#include "planner/expression.h"
#include "planner/expression/bound_constant_expression.h"
#include "vector/string_heap.h"
#include "vector/vector.h"

namespace tributary {

namespace {

using Id = LogicalTypeId;

// Redshift's limit on a LISTAGG result.
constexpr idx_t kListaggLimit = 65535;

struct ListState {
  char* head;
  int64_t count;
};

struct EntryHeader {
  char* next;
  uint32_t key_len;
  uint32_t value_len;
};

void Push(ListState& state, StringHeap& arena, std::string_view key, std::string_view value) {
  char* entry = arena.Allocate(sizeof(EntryHeader) + key.size() + value.size());
  EntryHeader header{state.head, static_cast<uint32_t>(key.size()),
                     static_cast<uint32_t>(value.size())};
  std::memcpy(entry, &header, sizeof(header));
  if (!key.empty())
    std::memcpy(entry + sizeof(header), key.data(), key.size());
  if (!value.empty())
    std::memcpy(entry + sizeof(header) + key.size(), value.data(), value.size());
  state.head = entry;
  state.count++;
}

struct EntryView {
  std::string_view key, value;
};

// Entries in insertion order.
std::vector<EntryView> Entries(const ListState& state) {
  std::vector<EntryView> entries;
  entries.reserve(static_cast<size_t>(state.count));
  for (const char* e = state.head; e;) {
    EntryHeader header;
    std::memcpy(&header, e, sizeof(header));
    const char* key = e + sizeof(header);
    entries.push_back({std::string_view(key, header.key_len),
                       std::string_view(key + header.key_len, header.value_len)});
    e = header.next;
  }
  std::reverse(entries.begin(), entries.end());
  return entries;
}

void SortByKey(std::vector<EntryView>& entries) {
  std::stable_sort(entries.begin(), entries.end(),
                   [](const EntryView& a, const EntryView& b) { return a.key < b.key; });
}

void AppendBigEndian(std::string& out, uint64_t bits, int bytes) {
  for (int i = bytes - 1; i >= 0; i--)
    out += static_cast<char>((bits >> (8 * i)) & 0xFF);
}

// Appends an order-preserving encoding of v[row] (memcmp order = value order).
void EncodeKey(const Vector& v, idx_t row, bool descending, bool nulls_first, std::string& out) {
  if (v.IsNull(row)) {
    out += static_cast<char>(nulls_first ? 0 : 2);
    return;
  }
  out += static_cast<char>(1);
  size_t start = out.size();
  switch (v.type().physical()) {
    case PhysicalType::kBool:
      out += static_cast<char>(v.Data<bool>()[row] ? 1 : 0);
      break;
    case PhysicalType::kInt16:
      AppendBigEndian(out, static_cast<uint16_t>(v.Data<int16_t>()[row]) ^ 0x8000u, 2);
      break;
    case PhysicalType::kInt32:
      AppendBigEndian(out, static_cast<uint32_t>(v.Data<int32_t>()[row]) ^ 0x80000000u, 4);
      break;
    case PhysicalType::kInt64:
      AppendBigEndian(out, static_cast<uint64_t>(v.Data<int64_t>()[row]) ^ (1ULL << 63), 8);
      break;
    case PhysicalType::kInt128: {
      auto x = static_cast<unsigned __int128>(v.Data<hugeint_t>()[row]);
      x ^= static_cast<unsigned __int128>(1) << 127;
      AppendBigEndian(out, static_cast<uint64_t>(x >> 64), 8);
      AppendBigEndian(out, static_cast<uint64_t>(x), 8);
      break;
    }
    case PhysicalType::kFloat:
    case PhysicalType::kDouble: {
      double d = v.type().physical() == PhysicalType::kFloat ? v.Data<float>()[row]
                                                             : v.Data<double>()[row];
      if (d == 0)
        d = 0;  // -0 sorts with 0
      uint64_t bits;
      std::memcpy(&bits, &d, sizeof(bits));
      bits = (bits >> 63) ? ~bits : bits | (1ULL << 63);
      AppendBigEndian(out, bits, 8);
      break;
    }
    case PhysicalType::kInterval: {
      // PostgreSQL compares intervals by their span with 30-day months.
      auto iv = v.Data<interval_t>()[row];
      __int128 span = (static_cast<__int128>(iv.months) * 30 + iv.days) * 86400000000LL + iv.micros;
      auto x = static_cast<unsigned __int128>(span) ^ (static_cast<unsigned __int128>(1) << 127);
      AppendBigEndian(out, static_cast<uint64_t>(x >> 64), 8);
      AppendBigEndian(out, static_cast<uint64_t>(x), 8);
      break;
    }
    case PhysicalType::kString: {
      // Bytes with 0x00 escaped as 00 FF, ended by 00 00: prefix-free.
      auto s = v.Data<string_t>()[row];
      for (uint32_t i = 0; i < s.len; i++) {
        out += s.ptr[i];
        if (s.ptr[i] == '\0')
          out += static_cast<char>(0xFF);
      }
      out += '\0';
      out += '\0';
      break;
    }
    default:
      throw Exception(sqlstate::kFeatureNotSupported,
                      "ORDER BY of type " + v.type().ToString() + " in an aggregate");
  }
  if (descending) {
    for (size_t i = start; i < out.size(); i++)
      out[i] = static_cast<char>(~out[i]);
  }
}

int64_t OrderSpec(Vector inputs[], idx_t input_count) {
  return inputs[input_count - 1].Data<int32_t>()[0];
}

idx_t Row(const Vector& v, idx_t i) {
  return v.IsConstant() ? 0 : i;
}

void InitializeList(const AggregateFunction&, data_ptr_t state) {
  *reinterpret_cast<ListState*>(state) = ListState{nullptr, 0};
}

void CombineLists(Vector& source, Vector& target, AggregateInputData& aux, idx_t count) {
  auto src = source.Data<data_ptr_t>();
  auto dst = target.Data<data_ptr_t>();
  for (idx_t i = 0; i < count; i++) {
    auto& s = *reinterpret_cast<ListState*>(src[i]);
    auto& t = *reinterpret_cast<ListState*>(dst[i]);
    for (auto& e : Entries(s))
      Push(t, *aux.arena, e.key, e.value);
  }
}

// ---- string_agg / listagg: inputs [x, sep, keys..., spec] ----

void StringAggRow(Vector inputs[], idx_t input_count, AggregateInputData& aux, ListState& state,
                  idx_t i, std::string& key, std::string& value) {
  auto& x = inputs[0];
  if (x.IsNull(Row(x, i)))
    return;
  int64_t spec = OrderSpec(inputs, input_count);
  key.clear();
  for (idx_t k = 2; k + 1 < input_count; k++) {
    idx_t bit = 2 * (k - 2);
    EncodeKey(inputs[k], Row(inputs[k], i), (spec >> bit) & 1, (spec >> (bit + 1)) & 1, key);
  }
  auto& sep = inputs[1];
  string_t separator = sep.IsNull(Row(sep, i)) ? string_t() : sep.Data<string_t>()[Row(sep, i)];
  auto s = x.Data<string_t>()[Row(x, i)];
  value.clear();
  uint32_t sep_len = separator.len;
  value.append(reinterpret_cast<const char*>(&sep_len), sizeof(sep_len));
  value.append(separator.ptr, separator.len);
  value.append(s.ptr, s.len);
  Push(state, *aux.arena, key, value);
}

void StringAggUpdate(Vector inputs[], idx_t input_count, AggregateInputData& aux, Vector& states,
                     idx_t count) {
  auto targets = states.Data<data_ptr_t>();
  std::string key, value;
  for (idx_t i = 0; i < count; i++) {
    StringAggRow(inputs, input_count, aux, *reinterpret_cast<ListState*>(targets[i]), i, key,
                 value);
  }
}

void StringAggSimpleUpdate(Vector inputs[], idx_t input_count, AggregateInputData& aux,
                           data_ptr_t state, idx_t count) {
  std::string key, value;
  for (idx_t i = 0; i < count; i++)
    StringAggRow(inputs, input_count, aux, *reinterpret_cast<ListState*>(state), i, key, value);
}

template <bool kListagg>
void StringAggFinalize(Vector& states, AggregateInputData&, Vector& result, idx_t count,
                       idx_t offset) {
  auto src = states.Data<data_ptr_t>();
  std::string buffer;
  for (idx_t i = 0; i < count; i++) {
    auto& state = *reinterpret_cast<ListState*>(src[i]);
    if (state.count == 0) {
      result.SetNull(offset + i);
      continue;
    }
    auto entries = Entries(state);
    SortByKey(entries);
    buffer.clear();
    for (idx_t k = 0; k < entries.size(); k++) {
      auto v = entries[k].value;
      uint32_t sep_len;
      std::memcpy(&sep_len, v.data(), sizeof(sep_len));
      if (k > 0)
        buffer.append(v.substr(sizeof(sep_len), sep_len));
      buffer.append(v.substr(sizeof(sep_len) + sep_len));
    }
    if (kListagg && buffer.size() > kListaggLimit) {
      throw Exception(sqlstate::kProgramLimitExceeded, "result size exceeds LISTAGG limit")
          .WithDetail("The limit is " + std::to_string(kListaggLimit) + " bytes.");
    }
    result.Data<string_t>()[offset + i] = result.AddString(buffer);
  }
}

// ---- percentiles: inputs [x DOUBLE, fraction DOUBLE, spec INTEGER] ----

struct PercentileBindData : public FunctionData {
  double fraction = 0.5;
  bool descending = false;
  std::unique_ptr<FunctionData> Copy() const override {
    return std::make_unique<PercentileBindData>(*this);
  }
};

std::unique_ptr<FunctionData> BindPercentile(AggregateFunction&,
                                             std::vector<std::unique_ptr<Expression>>& args) {
  auto data = std::make_unique<PercentileBindData>();
  data->fraction = args[1]->Cast<BoundConstantExpression>().value.GetDouble();
  data->descending = args[2]->Cast<BoundConstantExpression>().value.GetInt64() & 1;
  return data;
}

void PercentileRow(Vector inputs[], AggregateInputData& aux, ListState& state, idx_t i) {
  auto& x = inputs[0];
  idx_t row = Row(x, i);
  if (x.IsNull(row))
    return;
  double value = x.Data<double>()[row];
  Push(state, *aux.arena, std::string_view(),
       std::string_view(reinterpret_cast<const char*>(&value), sizeof(value)));
}

void PercentileUpdate(Vector inputs[], idx_t, AggregateInputData& aux, Vector& states,
                      idx_t count) {
  auto targets = states.Data<data_ptr_t>();
  for (idx_t i = 0; i < count; i++)
    PercentileRow(inputs, aux, *reinterpret_cast<ListState*>(targets[i]), i);
}

void PercentileSimpleUpdate(Vector inputs[], idx_t, AggregateInputData& aux, data_ptr_t state,
                            idx_t count) {
  for (idx_t i = 0; i < count; i++)
    PercentileRow(inputs, aux, *reinterpret_cast<ListState*>(state), i);
}

template <bool kContinuous>
void PercentileFinalize(Vector& states, AggregateInputData& aux, Vector& result, idx_t count,
                        idx_t offset) {
  auto& data = aux.bind_data->Cast<PercentileBindData>();
  auto src = states.Data<data_ptr_t>();
  std::vector<double> values;
  for (idx_t i = 0; i < count; i++) {
    auto& state = *reinterpret_cast<ListState*>(src[i]);
    if (state.count == 0) {
      result.SetNull(offset + i);
      continue;
    }
    values.clear();
    for (auto& e : Entries(state)) {
      double v;
      std::memcpy(&v, e.value.data(), sizeof(v));
      values.push_back(v);
    }
    std::sort(values.begin(), values.end());
    if (data.descending)
      std::reverse(values.begin(), values.end());
    double n = static_cast<double>(values.size());
    double answer;
    if (kContinuous) {
      double position = data.fraction * (n - 1);
      auto lo = static_cast<size_t>(std::floor(position));
      auto hi = static_cast<size_t>(std::ceil(position));
      answer = values[lo] + (position - static_cast<double>(lo)) * (values[hi] - values[lo]);
    } else {
      double position = std::ceil(data.fraction * n);
      size_t index = position < 1 ? 0 : static_cast<size_t>(position) - 1;
      answer = values[std::min(index, values.size() - 1)];
    }
    result.Data<double>()[offset + i] = answer;
  }
}

AggregateFunction MakeList(std::string name, std::vector<LogicalType> arguments, LogicalType type) {
  AggregateFunction f;
  f.name = std::move(name);
  f.arguments = std::move(arguments);
  f.return_type = std::move(type);
  f.fixed_state_size = sizeof(ListState);
  f.initialize = InitializeList;
  f.combine = CombineLists;
  return f;
}

}  // namespace

void RegisterOrderedAggregates(FunctionRegistry& r) {
  const LogicalType text = LogicalType::Varchar();
  for (const char* name : {"string_agg", "listagg"}) {
    auto f = MakeList(name, {text, text}, text);
    f.update = StringAggUpdate;
    f.simple_update = StringAggSimpleUpdate;
    f.finalize =
        std::string(name) == "listagg" ? StringAggFinalize<true> : StringAggFinalize<false>;
    r.AddAggregate(std::move(f));
  }
  for (const char* name : {"percentile_cont", "percentile_disc", "median"}) {
    auto f = MakeList(name, {Id::kDouble, Id::kDouble, Id::kInteger}, Id::kDouble);
    f.update = PercentileUpdate;
    f.simple_update = PercentileSimpleUpdate;
    f.finalize = std::string(name) == "percentile_disc" ? PercentileFinalize<false>
                                                        : PercentileFinalize<true>;
    f.bind = BindPercentile;
    r.AddAggregate(std::move(f));
  }
}

}  // namespace tributary
