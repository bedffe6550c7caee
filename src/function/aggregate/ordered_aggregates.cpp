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
#include "types/decimal.h"
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

// ---- percentiles: inputs [x, fraction DOUBLE, spec INTEGER] ----
//
// Each entry is [order key of x][x's bytes]. percentile_disc picks an input
// value and returns x's type (PostgreSQL's anyelement); percentile_cont
// interpolates DOUBLE PRECISION values (PostgreSQL casts its input to
// float8); Redshift's MEDIAN over SMALLINT/INTEGER/BIGINT/DECIMAL(p,s)
// returns DECIMAL(p+1, s+1) (Redshift: DECIMAL, "17.5" for integers), the
// exact midpoint, and DOUBLE over REAL/DOUBLE.

enum class Percentile { kContinuous, kDiscrete, kExactMedian };

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

std::unique_ptr<FunctionData> BindPercentileDisc(AggregateFunction& bound,
                                                 std::vector<std::unique_ptr<Expression>>& args) {
  bound.return_type = args[0]->return_type;
  return BindPercentile(bound, args);
}

std::unique_ptr<FunctionData> BindExactMedian(AggregateFunction& bound,
                                              std::vector<std::unique_ptr<Expression>>& args) {
  const auto& type = args[0]->return_type;
  int precision = 19, scale = 0;
  switch (type.id()) {
    case Id::kSmallInt:
      precision = 5;
      break;
    case Id::kInteger:
      precision = 10;
      break;
    case Id::kDecimal:
      precision = type.width();
      scale = type.scale();
      break;
    default:
      break;
  }
  // One more digit holds the midpoint of two values exactly; at 38 digits
  // the integer part gives way (a midpoint that does not fit raises 22003).
  bound.return_type = LogicalType::Decimal(std::min(precision + 1, 38), std::min(scale + 1, 38));
  return BindPercentile(bound, args);
}

idx_t FixedWidth(PhysicalType type) {
  switch (type) {
    case PhysicalType::kBool:
      return sizeof(bool);
    case PhysicalType::kInt16:
      return sizeof(int16_t);
    case PhysicalType::kInt32:
      return sizeof(int32_t);
    case PhysicalType::kInt64:
      return sizeof(int64_t);
    case PhysicalType::kInt128:
      return sizeof(hugeint_t);
    case PhysicalType::kFloat:
      return sizeof(float);
    case PhysicalType::kDouble:
      return sizeof(double);
    case PhysicalType::kInterval:
      return sizeof(interval_t);
    default:
      return 0;
  }
}

void PercentileRow(Vector inputs[], AggregateInputData& aux, ListState& state, idx_t i,
                   std::string& key) {
  auto& x = inputs[0];
  idx_t row = Row(x, i);
  if (x.IsNull(row))
    return;
  auto& data = aux.bind_data->Cast<PercentileBindData>();
  key.clear();
  EncodeKey(x, row, data.descending, false, key);
  std::string_view value;
  if (x.type().physical() == PhysicalType::kString) {
    auto str = x.Data<string_t>()[row];
    value = std::string_view(str.ptr, str.len);
  } else {
    idx_t width = FixedWidth(x.type().physical());
    value = std::string_view(reinterpret_cast<const char*>(x.data()) + row * width, width);
  }
  Push(state, *aux.arena, key, value);
}

void PercentileUpdate(Vector inputs[], idx_t, AggregateInputData& aux, Vector& states,
                      idx_t count) {
  auto targets = states.Data<data_ptr_t>();
  std::string key;
  for (idx_t i = 0; i < count; i++)
    PercentileRow(inputs, aux, *reinterpret_cast<ListState*>(targets[i]), i, key);
}

void PercentileSimpleUpdate(Vector inputs[], idx_t, AggregateInputData& aux, data_ptr_t state,
                            idx_t count) {
  std::string key;
  for (idx_t i = 0; i < count; i++)
    PercentileRow(inputs, aux, *reinterpret_cast<ListState*>(state), i, key);
}

template <class T>
T Decode(std::string_view bytes) {
  T v;
  std::memcpy(&v, bytes.data(), sizeof(v));
  return v;
}

hugeint_t DecodeExact(std::string_view bytes) {
  switch (bytes.size()) {
    case sizeof(int16_t):
      return Decode<int16_t>(bytes);
    case sizeof(int32_t):
      return Decode<int32_t>(bytes);
    case sizeof(int64_t):
      return Decode<int64_t>(bytes);
    default:
      return Decode<hugeint_t>(bytes);
  }
}

template <Percentile kKind>
void PercentileFinalize(Vector& states, AggregateInputData& aux, Vector& result, idx_t count,
                        idx_t offset) {
  auto& data = aux.bind_data->Cast<PercentileBindData>();
  auto src = states.Data<data_ptr_t>();
  for (idx_t i = 0; i < count; i++) {
    auto& state = *reinterpret_cast<ListState*>(src[i]);
    idx_t out = offset + i;
    if (state.count == 0) {
      result.SetNull(out);
      continue;
    }
    auto entries = Entries(state);
    SortByKey(entries);
    double n = static_cast<double>(entries.size());
    if (kKind == Percentile::kDiscrete) {
      // PostgreSQL: the first value whose cumulative fraction >= f.
      double position = std::ceil(data.fraction * n);
      size_t index = position < 1 ? 0 : static_cast<size_t>(position) - 1;
      auto value = entries[std::min(index, entries.size() - 1)].value;
      if (result.type().physical() == PhysicalType::kString) {
        result.Data<string_t>()[out] = result.AddString(value);
      } else {
        std::memcpy(reinterpret_cast<char*>(result.data()) + out * value.size(), value.data(),
                    value.size());
      }
      continue;
    }
    double position = data.fraction * (n - 1);
    auto lo = static_cast<size_t>(std::floor(position));
    auto hi = static_cast<size_t>(std::ceil(position));
    if (kKind == Percentile::kExactMedian) {
      // The midpoint at one more digit of scale: 10 x, or 5 (a + b).
      hugeint_t a = DecodeExact(entries[lo].value), b = DecodeExact(entries[hi].value);
      hugeint_t answer = lo == hi ? a * 10 : (a + b) * 5;
      Decimal::CheckPrecision(answer, result.type().width(), result.type().scale());
      if (result.type().physical() == PhysicalType::kInt64) {
        result.Data<int64_t>()[out] = static_cast<int64_t>(answer);
      } else {
        result.Data<hugeint_t>()[out] = answer;
      }
      continue;
    }
    auto value_at = [&](size_t k) {
      auto bytes = entries[k].value;
      return bytes.size() == sizeof(float) ? Decode<float>(bytes) : Decode<double>(bytes);
    };
    double a = value_at(lo), b = value_at(hi);
    result.Data<double>()[out] = a + (position - static_cast<double>(lo)) * (b - a);
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
  auto percentile = [&](const char* name, LogicalType x, LogicalType type, Percentile kind,
                        bind_aggregate_function_t bind) {
    auto f = MakeList(name, {std::move(x), Id::kDouble, Id::kInteger}, std::move(type));
    f.update = PercentileUpdate;
    f.simple_update = PercentileSimpleUpdate;
    f.finalize = kind == Percentile::kDiscrete      ? PercentileFinalize<Percentile::kDiscrete>
                 : kind == Percentile::kExactMedian ? PercentileFinalize<Percentile::kExactMedian>
                                                    : PercentileFinalize<Percentile::kContinuous>;
    f.bind = bind;
    r.AddAggregate(std::move(f));
  };
  percentile("percentile_cont", Id::kDouble, Id::kDouble, Percentile::kContinuous, BindPercentile);
  percentile("median", Id::kDouble, Id::kDouble, Percentile::kContinuous, BindPercentile);
  percentile("median", Id::kReal, Id::kDouble, Percentile::kContinuous, BindPercentile);
  for (auto id : {Id::kSmallInt, Id::kInteger, Id::kBigInt, Id::kDecimal}) {
    percentile("median", id, LogicalType::Decimal(38, 1), Percentile::kExactMedian,
               BindExactMedian);
  }
  // Every orderable type: the result is one of the inputs.
  for (auto id : {Id::kBoolean, Id::kSmallInt, Id::kInteger, Id::kBigInt, Id::kDecimal, Id::kReal,
                  Id::kDouble, Id::kChar, Id::kVarchar, Id::kDate, Id::kTimestamp, Id::kTimestampTz,
                  Id::kInterval}) {
    percentile("percentile_disc", id, id, Percentile::kDiscrete, BindPercentileDisc);
  }
}

}  // namespace tributary
