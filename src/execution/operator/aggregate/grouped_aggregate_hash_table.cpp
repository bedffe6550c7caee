#include "execution/operator/aggregate/grouped_aggregate_hash_table.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "common/exception.h"
#include "execution/operator/aggregate/row_key_kernels.h"
#include "execution/vector_hash.h"

namespace tributary {

namespace {

// Row pointers use the low 48 bits of an entry (x86-64 and AArch64 user
// space); the top 16 bits hold the hash's top 16 bits.
constexpr uint64_t kSaltMask = 0xFFFF000000000000ULL;
constexpr uint64_t kPointerMask = ~kSaltMask;

std::shared_ptr<data_t> AllocateBlock(idx_t bytes) {
  // Cache-line aligned so a row of 64 bytes is one line.
  void* p = std::aligned_alloc(64, (bytes + 63) / 64 * 64);
  if (!p)
    throw Exception(sqlstate::kOutOfMemory, "out of memory");
  return std::shared_ptr<data_t>(static_cast<data_t*>(p), [](data_t* q) { std::free(q); });
}

}  // namespace

GroupedAggregateHashTable::GroupedAggregateHashTable(
    std::vector<LogicalType> key_types, std::vector<const AggregateFunction*> aggregates,
    bool partitionable)
    : key_types_(std::move(key_types)),
      aggregates_(std::move(aggregates)),
      partitionable_(partitionable),
      partitions_(1),
      entries_(nullptr, std::free),
      arena_(std::make_shared<StringHeap>()) {
  idx_t offset = sizeof(hash_t);
  for (auto& type : key_types_) {
    key_offsets_.push_back(offset);
    offset += PhysicalTypeSize(type.physical());
  }
  validity_offset_ = offset;
  offset += key_types_.size();
  offset = (offset + 15) / 16 * 16;  // states may hold int128
  for (auto* a : aggregates_) {
    state_offsets_.push_back(offset);
    offset += (a->StateSize() + 15) / 16 * 16;
  }
  row_width_ = std::max<idx_t>(offset, 16);
  EnsureScratch(kVectorSize);
  Resize(1024);
}

GroupedAggregateHashTable::~GroupedAggregateHashTable() = default;

void GroupedAggregateHashTable::EnsureScratch(idx_t count) {
  if (count <= scratch_capacity_)
    return;
  scratch_capacity_ = count;
  hashes_ = std::make_unique<hash_t[]>(count);
  slots_ = std::make_unique<uint64_t[]>(count);
  remaining_ = std::make_unique<sel_t[]>(count);
  candidates_ = std::make_unique<sel_t[]>(count);
  no_match_ = std::make_unique<sel_t[]>(count);
  created_ = std::make_unique<sel_t[]>(count);
}

data_ptr_t GroupedAggregateHashTable::RowAt(idx_t index) const {
  for (auto& partition : partitions_) {
    if (index < partition.count)
      return PartitionRow(partition, index);
    index -= partition.count;
  }
  throw InternalException("GroupedAggregateHashTable::RowAt out of range");
}

data_ptr_t GroupedAggregateHashTable::NewRow(Partition& partition) {
  if (partition.count % kRowsPerBlock == 0 &&
      partition.count / kRowsPerBlock == partition.blocks.size()) {
    partition.blocks.push_back(AllocateBlock(kRowsPerBlock * row_width_));
  }
  data_ptr_t row = PartitionRow(partition, partition.count);
  partition.count++;
  count_++;
  return row;
}

void GroupedAggregateHashTable::Resize(idx_t capacity) {
  // calloc: large zeroed arrays come straight from fresh (zero) pages.
  auto fresh = static_cast<uint64_t*>(std::calloc(capacity, sizeof(uint64_t)));
  if (!fresh)
    throw Exception(sqlstate::kOutOfMemory, "out of memory");
  entries_.reset(fresh);
  capacity_ = capacity;
  mask_ = capacity - 1;
  uint64_t* entries = entries_.get();
  for (auto& partition : partitions_) {
    for (idx_t i = 0; i < partition.count; i++) {
      data_ptr_t row = PartitionRow(partition, i);
      hash_t h = *reinterpret_cast<hash_t*>(row);
      uint64_t slot = h & mask_;
      while (entries[slot] != 0)
        slot = (slot + 1) & mask_;
      entries[slot] = (h & kSaltMask) | reinterpret_cast<uint64_t>(row);
    }
  }
}

void GroupedAggregateHashTable::SplitIntoPartitions() {
  std::vector<Partition> split(kPartitions);
  Partition& old = partitions_[0];
  count_ = 0;
  for (idx_t i = 0; i < old.count; i++) {
    data_ptr_t row = PartitionRow(old, i);
    hash_t h = *reinterpret_cast<hash_t*>(row);
    std::memcpy(NewRow(split[PartitionOf(h)]), row, row_width_);
  }
  partitions_ = std::move(split);
  Resize(capacity_);  // the index points at the moved rows
}

void GroupedAggregateHashTable::Reserve(idx_t incoming) {
  if (partitionable_ && !IsPartitioned() && count_ + incoming > kPartitionThreshold)
    SplitIntoPartitions();
  idx_t capacity = capacity_;
  while ((count_ + incoming) * 2 > capacity)
    capacity *= 2;
  if (capacity != capacity_)
    Resize(capacity);
}

idx_t GroupedAggregateHashTable::FindOrCreate(DataChunk& keys, data_ptr_t* addresses,
                                              SelectionVector* new_rows) {
  idx_t count = keys.size();
  if (count == 0)
    return 0;
  EnsureScratch(count);
  hash_t* hashes = hashes_.get();
  if (key_types_.empty()) {
    std::fill(hashes, hashes + count, 0);
  } else {
    VectorHash(keys.column(0), count, hashes);
    for (idx_t c = 1; c < key_types_.size(); c++)
      VectorCombineHash(keys.column(c), count, hashes);
  }
  return FindOrCreateHashed(keys, hashes, addresses, new_rows);
}

idx_t GroupedAggregateHashTable::FindOrCreateHashed(DataChunk& keys, const hash_t* hashes,
                                                    data_ptr_t* addresses,
                                                    SelectionVector* new_rows) {
  idx_t count = keys.size();
  if (count == 0)
    return 0;
  EnsureScratch(count);
  Reserve(count);
  uint64_t* entries = entries_.get();
  uint64_t* slots = slots_.get();
  sel_t* remaining = remaining_.get();
  sel_t* candidates = candidates_.get();
  sel_t* no_match = no_match_.get();
  sel_t* created = created_.get();
  for (idx_t i = 0; i < count; i++) {
    slots[i] = hashes[i] & mask_;
    remaining[i] = static_cast<sel_t>(i);
  }
  // Start every row's first index load before any is needed.
  for (idx_t i = 0; i < count; i++)
    __builtin_prefetch(entries + slots[i]);
  idx_t remaining_count = count;
  idx_t created_total = 0;
  bool partitioned = IsPartitioned();
  while (remaining_count > 0) {
    // Probe: each row walks to an empty slot (a new group) or to an entry
    // with its salt (a candidate whose keys must be compared).
    idx_t candidate_count = 0;
    idx_t created_count = 0;
    for (idx_t j = 0; j < remaining_count; j++) {
      sel_t r = remaining[j];
      hash_t h = hashes[r];
      uint64_t salt = h & kSaltMask;
      uint64_t slot = slots[r];
      while (true) {
        uint64_t entry = entries[slot];
        if (entry == 0) {
          data_ptr_t row = NewRow(partitions_[partitioned ? PartitionOf(h) : 0]);
          *reinterpret_cast<hash_t*>(row) = h;
          entries[slot] = salt | reinterpret_cast<uint64_t>(row);
          addresses[r] = row;
          created[created_count++] = r;
          break;
        }
        if ((entry & kSaltMask) == salt) {
          addresses[r] = reinterpret_cast<data_ptr_t>(entry & kPointerMask);
          slots[r] = slot;
          candidates[candidate_count++] = r;
          break;
        }
        slot = (slot + 1) & mask_;
      }
    }
    if (created_count > 0) {
      // Keys are written before candidates are compared: a later row of
      // this batch may have found one of these new groups.
      InitializeRows(keys, created, created_count, addresses);
      if (new_rows) {
        for (idx_t i = 0; i < created_count; i++)
          new_rows->set_index(created_total + i, created[i]);
      }
      created_total += created_count;
    }
    idx_t no_match_count = 0;
    idx_t match_count = candidate_count;
    for (idx_t c = 0; c < key_types_.size() && match_count > 0; c++) {
      match_count = MatchKeyColumn(keys.column(c), candidates, match_count, addresses,
                                   key_offsets_[c], validity_offset_ + c, no_match, no_match_count);
    }
    // Mismatches continue probing after the slot they stopped at.
    for (idx_t i = 0; i < no_match_count; i++) {
      sel_t r = no_match[i];
      slots[r] = (slots[r] + 1) & mask_;
    }
    std::swap(remaining, no_match);
    remaining_count = no_match_count;
  }
  return created_total;
}

void GroupedAggregateHashTable::InitializeRows(DataChunk& keys, const sel_t* sel, idx_t count,
                                               const data_ptr_t* rows) {
  for (idx_t c = 0; c < key_types_.size(); c++) {
    ScatterKeyColumn(keys.column(c), sel, count, rows, key_offsets_[c], validity_offset_ + c,
                     *arena_);
  }
  for (idx_t a = 0; a < aggregates_.size(); a++) {
    auto& function = *aggregates_[a];
    idx_t offset = state_offsets_[a];
    for (idx_t i = 0; i < count; i++)
      function.initialize(function, rows[sel[i]] + offset);
  }
}

void GroupedAggregateHashTable::StatePointers(const data_ptr_t* addresses, idx_t count, idx_t index,
                                              Vector& out) const {
  auto pointers = out.Data<data_ptr_t>();
  idx_t offset = state_offsets_[index];
  for (idx_t i = 0; i < count; i++)
    pointers[i] = addresses[i] + offset;
}

void GroupedAggregateHashTable::CombineRows(GroupedAggregateHashTable& other,
                                            const data_ptr_t* rows, idx_t count, DataChunk& keys,
                                            const std::vector<const FunctionData*>& bind_data) {
  if (count == 0)
    return;
  keys.Reset();
  for (idx_t c = 0; c < key_types_.size(); c++) {
    GatherKeyColumn(rows, count, key_offsets_[c], validity_offset_ + c, keys.column(c));
  }
  keys.SetCardinality(count);
  EnsureScratch(count);
  // The rows carry their hashes: no need to hash the keys again.
  std::vector<hash_t> hashes(count);
  for (idx_t i = 0; i < count; i++)
    hashes[i] = *reinterpret_cast<const hash_t*>(rows[i]);
  std::vector<data_ptr_t> targets(count);
  FindOrCreateHashed(keys, hashes.data(), targets.data(), nullptr);
  Vector source_states(LogicalTypeId::kBigInt, count);
  Vector target_states(LogicalTypeId::kBigInt, count);
  for (idx_t a = 0; a < aggregates_.size(); a++) {
    auto src = source_states.Data<data_ptr_t>();
    for (idx_t i = 0; i < count; i++)
      src[i] = rows[i] + state_offsets_[a];
    StatePointers(targets.data(), count, a, target_states);
    AggregateInputData aux{bind_data[a], arena_.get()};
    aggregates_[a]->combine(source_states, target_states, aux, count);
  }
}

void GroupedAggregateHashTable::Combine(GroupedAggregateHashTable& other,
                                        const std::vector<const FunctionData*>& bind_data) {
  DataChunk keys;
  keys.Initialize(key_types_);
  data_ptr_t rows[kVectorSize];
  for (auto& partition : other.partitions_) {
    for (idx_t offset = 0; offset < partition.count; offset += kVectorSize) {
      idx_t n = std::min(kVectorSize, partition.count - offset);
      for (idx_t i = 0; i < n; i++)
        rows[i] = other.PartitionRow(partition, offset + i);
      CombineRows(other, rows, n, keys, bind_data);
    }
  }
}

void GroupedAggregateHashTable::CombinePartition(
    GroupedAggregateHashTable& other, idx_t partition,
    const std::vector<const FunctionData*>& bind_data) {
  DataChunk keys;
  keys.Initialize(key_types_);
  data_ptr_t rows[kVectorSize];
  if (other.IsPartitioned()) {
    auto& source = other.partitions_[partition];
    for (idx_t offset = 0; offset < source.count; offset += kVectorSize) {
      idx_t n = std::min(kVectorSize, source.count - offset);
      for (idx_t i = 0; i < n; i++)
        rows[i] = other.PartitionRow(source, offset + i);
      CombineRows(other, rows, n, keys, bind_data);
    }
    return;
  }
  // A small unpartitioned table: pick its rows of this partition by hash.
  auto& source = other.partitions_[0];
  idx_t n = 0;
  for (idx_t i = 0; i < source.count; i++) {
    data_ptr_t row = other.PartitionRow(source, i);
    if (PartitionOf(*reinterpret_cast<hash_t*>(row)) != partition)
      continue;
    rows[n++] = row;
    if (n == kVectorSize) {
      CombineRows(other, rows, n, keys, bind_data);
      n = 0;
    }
  }
  CombineRows(other, rows, n, keys, bind_data);
}

void GroupedAggregateHashTable::AdoptPartition(GroupedAggregateHashTable& other, idx_t partition) {
  TRIB_ASSERT(count_ == 0 && !partitionable_ && other.IsPartitioned());
  TRIB_ASSERT(other.row_width_ == row_width_);
  auto& source = other.partitions_[partition];
  partitions_[0].blocks = std::move(source.blocks);
  partitions_[0].count = source.count;
  count_ = source.count;
  source.blocks.clear();
  source.count = 0;
  // Key strings and string states of the adopted rows live in other's arena.
  arena_->KeepAlive(other.arena_);
  idx_t capacity = 1024;
  while (count_ * 2 > capacity)
    capacity *= 2;
  Resize(capacity);
}

idx_t GroupedAggregateHashTable::ScanSize(idx_t offset) const {
  for (auto& p : partitions_) {
    if (offset < p.count)
      return std::min(kVectorSize, p.count - offset);
    offset -= p.count;
  }
  return 0;
}

idx_t GroupedAggregateHashTable::Scan(idx_t offset, DataChunk& keys, DataChunk* aggregates,
                                      const std::vector<const FunctionData*>& bind_data) {
  const Partition* partition = nullptr;
  for (auto& p : partitions_) {
    if (offset < p.count) {
      partition = &p;
      break;
    }
    offset -= p.count;
  }
  if (!partition)
    return 0;
  idx_t n = std::min(kVectorSize, partition->count - offset);
  data_ptr_t rows[kVectorSize];
  for (idx_t i = 0; i < n; i++)
    rows[i] = PartitionRow(*partition, offset + i);
  for (idx_t c = 0; c < key_types_.size(); c++) {
    auto& column = keys.column(c);
    GatherKeyColumn(rows, n, key_offsets_[c], validity_offset_ + c, column);
    if (key_types_[c].physical() == PhysicalType::kString)
      column.heap().KeepAlive(arena_);  // the views point into this table's arena
  }
  keys.SetCardinality(n);
  if (aggregates) {
    Vector states(LogicalTypeId::kBigInt);
    auto pointers = states.Data<data_ptr_t>();
    for (idx_t a = 0; a < aggregates_.size(); a++) {
      for (idx_t i = 0; i < n; i++)
        pointers[i] = rows[i] + state_offsets_[a];
      AggregateInputData aux{bind_data[a], arena_.get()};
      aggregates_[a]->finalize(states, aux, aggregates->column(a), n, 0);
    }
    aggregates->SetCardinality(n);
  }
  return n;
}

}  // namespace tributary
