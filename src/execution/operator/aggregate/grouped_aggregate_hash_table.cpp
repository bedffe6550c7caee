#include "execution/operator/aggregate/grouped_aggregate_hash_table.h"

#include <cstring>

#include "execution/vector_comparison.h"
#include "execution/vector_hash.h"

namespace tributary {

namespace {

template <class T>
bool KeyEqual(const_data_ptr_t slot, const Vector& keys, idx_t row) {
  const T& stored = *reinterpret_cast<const T*>(slot);
  const T& value = keys.Data<T>()[keys.IsConstant() ? 0 : row];
  if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double> ||
                std::is_same_v<T, interval_t>) {
    return CompareValues<T>(stored, value) == 0;
  } else {
    return stored == value;
  }
}

template <class T>
void KeyStore(data_ptr_t slot, const Vector& keys, idx_t row, StringHeap& heap) {
  const T& value = keys.Data<T>()[keys.IsConstant() ? 0 : row];
  if constexpr (std::is_same_v<T, string_t>) {
    *reinterpret_cast<string_t*>(slot) = heap.Add(value);
  } else {
    std::memcpy(slot, &value, sizeof(T));
  }
}

template <class T>
void KeyLoad(const_data_ptr_t slot, Vector& out, idx_t row) {
  std::memcpy(static_cast<void*>(out.Data<T>() + row), slot, sizeof(T));
}

}  // namespace

GroupedAggregateHashTable::GroupedAggregateHashTable(
    std::vector<LogicalType> key_types, std::vector<const AggregateFunction*> aggregates)
    : key_types_(std::move(key_types)),
      aggregates_(std::move(aggregates)),
      arena_(std::make_unique<StringHeap>()) {
  idx_t offset = sizeof(hash_t);
  for (auto& type : key_types_) {
    key_offsets_.push_back(offset);
    offset += PhysicalTypeSize(type.physical());
    DispatchPhysical(type.physical(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      equal_.push_back(KeyEqual<T>);
      store_.push_back(KeyStore<T>);
      load_.push_back(KeyLoad<T>);
    });
  }
  validity_offset_ = offset;
  offset += key_types_.size();
  offset = (offset + 15) / 16 * 16;  // states may hold int128
  for (auto* a : aggregates_) {
    state_offsets_.push_back(offset);
    offset += (a->StateSize() + 15) / 16 * 16;
  }
  row_width_ = std::max<idx_t>(offset, 16);
  hashes_ = std::make_unique<hash_t[]>(kVectorSize);
  Resize(1024);
}

GroupedAggregateHashTable::~GroupedAggregateHashTable() = default;

data_ptr_t GroupedAggregateHashTable::RowAt(idx_t index) const {
  return blocks_[index / kRowsPerBlock].get() + (index % kRowsPerBlock) * row_width_;
}

data_ptr_t GroupedAggregateHashTable::NewRow() {
  if (count_ % kRowsPerBlock == 0) {
    blocks_.push_back(
        std::unique_ptr<data_t[]>(new (std::align_val_t(16)) data_t[kRowsPerBlock * row_width_]));
  }
  data_ptr_t row = RowAt(count_);
  count_++;
  return row;
}

void GroupedAggregateHashTable::Resize(idx_t capacity) {
  entries_.assign(capacity, 0);
  mask_ = capacity - 1;
  for (idx_t i = 0; i < count_; i++) {
    hash_t h = *reinterpret_cast<hash_t*>(RowAt(i));
    uint64_t slot = h & mask_;
    while (entries_[slot] != 0)
      slot = (slot + 1) & mask_;
    entries_[slot] = i + 1;
  }
}

idx_t GroupedAggregateHashTable::FindOrCreate(DataChunk& keys, data_ptr_t* addresses,
                                              SelectionVector* new_rows) {
  idx_t count = keys.size();
  if (count == 0)
    return 0;
  hash_t* hashes = hashes_.get();
  if (key_types_.empty()) {
    for (idx_t i = 0; i < count; i++)
      hashes[i] = 0;
  } else {
    VectorHash(keys.column(0), count, hashes);
    for (idx_t c = 1; c < key_types_.size(); c++)
      VectorCombineHash(keys.column(c), count, hashes);
  }
  idx_t created = 0;
  idx_t columns = key_types_.size();
  for (idx_t i = 0; i < count; i++) {
    if ((count_ + 1) * 2 > entries_.size())
      Resize(entries_.size() * 2);
    hash_t h = hashes[i];
    uint64_t slot = h & mask_;
    while (true) {
      uint64_t entry = entries_[slot];
      if (entry == 0) {
        data_ptr_t row = NewRow();
        *reinterpret_cast<hash_t*>(row) = h;
        for (idx_t c = 0; c < columns; c++) {
          auto& column = keys.column(c);
          bool valid = !column.IsNull(i);
          row[validity_offset_ + c] = valid;
          if (valid) {
            store_[c](row + key_offsets_[c], column, i, *arena_);
          } else {
            std::memset(row + key_offsets_[c], 0, PhysicalTypeSize(key_types_[c].physical()));
          }
        }
        for (idx_t a = 0; a < aggregates_.size(); a++) {
          aggregates_[a]->initialize(*aggregates_[a], row + state_offsets_[a]);
        }
        entries_[slot] = count_;
        addresses[i] = row;
        if (new_rows)
          new_rows->set_index(created, i);
        created++;
        break;
      }
      data_ptr_t row = RowAt(entry - 1);
      if (*reinterpret_cast<hash_t*>(row) == h) {
        bool equal = true;
        for (idx_t c = 0; c < columns && equal; c++) {
          auto& column = keys.column(c);
          bool valid = !column.IsNull(i);
          bool stored_valid = row[validity_offset_ + c];
          equal = valid == stored_valid && (!valid || equal_[c](row + key_offsets_[c], column, i));
        }
        if (equal) {
          addresses[i] = row;
          break;
        }
      }
      slot = (slot + 1) & mask_;
    }
  }
  return created;
}

void GroupedAggregateHashTable::StatePointers(const data_ptr_t* addresses, idx_t count, idx_t index,
                                              Vector& out) const {
  auto pointers = out.Data<data_ptr_t>();
  idx_t offset = state_offsets_[index];
  for (idx_t i = 0; i < count; i++)
    pointers[i] = addresses[i] + offset;
}

void GroupedAggregateHashTable::Combine(GroupedAggregateHashTable& other,
                                        const std::vector<const FunctionData*>& bind_data) {
  DataChunk keys;
  keys.Initialize(key_types_);
  std::vector<data_ptr_t> targets(kVectorSize);
  Vector source_states(LogicalTypeId::kBigInt);
  Vector target_states(LogicalTypeId::kBigInt);
  for (idx_t offset = 0; offset < other.count_; offset += kVectorSize) {
    idx_t n = std::min(kVectorSize, other.count_ - offset);
    keys.Reset();
    for (idx_t i = 0; i < n; i++) {
      data_ptr_t row = other.RowAt(offset + i);
      for (idx_t c = 0; c < key_types_.size(); c++) {
        if (row[other.validity_offset_ + c]) {
          load_[c](row + key_offsets_[c], keys.column(c), i);
        } else {
          keys.column(c).SetNull(i);
        }
      }
    }
    keys.SetCardinality(n);
    FindOrCreate(keys, targets.data(), nullptr);
    for (idx_t a = 0; a < aggregates_.size(); a++) {
      auto src = source_states.Data<data_ptr_t>();
      for (idx_t i = 0; i < n; i++)
        src[i] = other.RowAt(offset + i) + state_offsets_[a];
      StatePointers(targets.data(), n, a, target_states);
      AggregateInputData aux{bind_data[a], arena_.get()};
      aggregates_[a]->combine(source_states, target_states, aux, n);
    }
  }
}

idx_t GroupedAggregateHashTable::Scan(idx_t offset, DataChunk& keys, DataChunk* aggregates,
                                      const std::vector<const FunctionData*>& bind_data) {
  if (offset >= count_)
    return 0;
  idx_t n = std::min(kVectorSize, count_ - offset);
  for (idx_t i = 0; i < n; i++) {
    data_ptr_t row = RowAt(offset + i);
    for (idx_t c = 0; c < key_types_.size(); c++) {
      if (row[validity_offset_ + c]) {
        load_[c](row + key_offsets_[c], keys.column(c), i);
      } else {
        keys.column(c).SetNull(i);
      }
    }
  }
  if (!key_types_.empty()) {
    // Key strings live in this table's arena.
    for (idx_t c = 0; c < key_types_.size(); c++) {
      if (key_types_[c].physical() == PhysicalType::kString) {
        auto copy = std::make_shared<StringHeap>();
        auto data = keys.column(c).Data<string_t>();
        for (idx_t i = 0; i < n; i++) {
          if (!keys.column(c).IsNull(i))
            data[i] = copy->Add(data[i]);
        }
        keys.column(c).heap().KeepAlive(copy);
      }
    }
  }
  keys.SetCardinality(n);
  if (aggregates) {
    Vector states(LogicalTypeId::kBigInt);
    auto pointers = states.Data<data_ptr_t>();
    for (idx_t a = 0; a < aggregates_.size(); a++) {
      for (idx_t i = 0; i < n; i++)
        pointers[i] = RowAt(offset + i) + state_offsets_[a];
      AggregateInputData aux{bind_data[a], arena_.get()};
      aggregates_[a]->finalize(states, aux, aggregates->column(a), n, 0);
    }
    aggregates->SetCardinality(n);
  }
  return n;
}

}  // namespace tributary
