#include "vector/vector.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "common/exception.h"

namespace tributary {

namespace {

std::shared_ptr<void> AllocateBuffer(idx_t bytes) {
  // 64-byte aligned so loops over the data can use aligned vector loads.
  idx_t size = ((bytes ? bytes : 1) + 63) / 64 * 64;
  void* p = std::aligned_alloc(64, size);
  if (!p)
    throw Exception(sqlstate::kOutOfMemory, "out of memory");
  return std::shared_ptr<void>(p, [](void* q) { std::free(q); });
}

}  // namespace

Vector::Vector(LogicalType type, idx_t capacity) : type_(std::move(type)) {
  Allocate(capacity);
}

Vector::Vector(const Value& value) : type_(value.type()) {
  Allocate(1);
  SetValue(0, value);
  kind_ = VectorKind::kConstant;
}

void Vector::Allocate(idx_t capacity) {
  spare_.reset();
  capacity_ = capacity;
  buffer_ = AllocateBuffer(capacity * PhysicalTypeSize(type_.physical()));
  data_ = static_cast<data_ptr_t>(buffer_.get());
  validity_.Reset();
  kind_ = VectorKind::kFlat;
}

StringHeap& Vector::heap() {
  if (!heap_)
    heap_ = std::make_shared<StringHeap>();
  return *heap_;
}

void Vector::KeepSpare() {
  if (!spare_ && buffer_ && buffer_.use_count() == 1 &&
      data_ == static_cast<data_ptr_t>(buffer_.get())) {
    spare_ = std::move(buffer_);
    spare_capacity_ = capacity_;
  }
}

void Vector::Reference(const Vector& other) {
  TRIB_ASSERT(type_.physical() == other.type_.physical());
  if (this == &other)
    return;
  KeepSpare();
  kind_ = other.kind_;
  capacity_ = other.capacity_;
  data_ = other.data_;
  buffer_ = other.buffer_;
  validity_.Reference(other.validity_);
  heap_ = other.heap_;
}

void Vector::ReferenceData(data_ptr_t data, std::shared_ptr<void> owner,
                           const ValidityMask& validity, std::shared_ptr<StringHeap> heap) {
  KeepSpare();
  kind_ = VectorKind::kFlat;
  data_ = data;
  buffer_ = std::move(owner);
  validity_.Reference(validity);
  heap_ = std::move(heap);
}

void Vector::SetConstant(const Value& value) {
  if (kind_ != VectorKind::kConstant || buffer_.use_count() > 1 || capacity_ < 1) {
    Allocate(1);
  }
  validity_.Reset();
  heap_.reset();
  kind_ = VectorKind::kFlat;
  SetValue(0, value);
  kind_ = VectorKind::kConstant;
}

void Vector::ResetToFlat() {
  idx_t capacity = capacity_ < kVectorSize ? kVectorSize : capacity_;
  if (kind_ != VectorKind::kFlat || buffer_.use_count() > 1 || capacity_ < capacity ||
      data_ != static_cast<data_ptr_t>(buffer_.get())) {
    if (spare_ && spare_.use_count() == 1 && spare_capacity_ >= capacity) {
      // Back to our own buffer (we were referencing someone else's data).
      buffer_ = std::move(spare_);
      data_ = static_cast<data_ptr_t>(buffer_.get());
      capacity_ = spare_capacity_;
      validity_.Reset();
    } else {
      Allocate(capacity);
    }
  } else {
    validity_.Reset();
  }
  kind_ = VectorKind::kFlat;
  heap_.reset();
}

void Vector::Flatten(idx_t count) {
  if (kind_ != VectorKind::kConstant)
    return;
  Value v = GetValue(0);
  Allocate(count < kVectorSize ? kVectorSize : count);
  for (idx_t i = 0; i < count; i++)
    SetValue(i, v);
}

void Vector::CopyFrom(const Vector& source, const SelectionVector& sel, idx_t count, idx_t offset) {
  TRIB_ASSERT(type_.physical() == source.type_.physical());
  if (kind_ == VectorKind::kConstant)
    ResetToFlat();
  if (offset + count > capacity_) {
    // Grow, keeping the rows already there.
    idx_t capacity = std::max(offset + count, capacity_ * 2);
    auto old_buffer = buffer_;
    auto old_data = data_;
    ValidityMask old_validity;
    old_validity.Reference(validity_);
    idx_t width = PhysicalTypeSize(type_.physical());
    buffer_ = AllocateBuffer(capacity * width);
    data_ = static_cast<data_ptr_t>(buffer_.get());
    std::memcpy(data_, old_data, offset * width);
    validity_.Reset();
    for (idx_t i = 0; i < offset; i++) {
      if (!old_validity.RowIsValid(i))
        validity_.SetInvalid(i);
    }
    capacity_ = capacity;
  }
  bool constant = source.kind_ == VectorKind::kConstant;
  const auto& sv = source.validity_;
  DispatchPhysical(type_.physical(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    auto src = source.Data<T>();
    auto dst = Data<T>() + offset;
    if (constant) {
      for (idx_t i = 0; i < count; i++)
        dst[i] = src[0];
    } else if (sel.IsIdentity()) {
      std::memcpy(static_cast<void*>(dst), src, count * sizeof(T));
    } else {
      auto s = sel.data();
      for (idx_t i = 0; i < count; i++)
        dst[i] = src[s[i]];
    }
  });
  // Validity: only touched when either side has a mask.
  if (!sv.AllValid() || !validity_.AllValid()) {
    for (idx_t i = 0; i < count; i++) {
      idx_t si = constant ? 0 : sel.get_index(i);
      validity_.Set(offset + i, sv.RowIsValid(si));
    }
  }
  if (type_.physical() == PhysicalType::kString && source.heap_) {
    heap().KeepAlive(source.heap_);
  }
}

Value Vector::GetValue(idx_t row) const {
  idx_t index = kind_ == VectorKind::kConstant ? 0 : row;
  if (!validity_.RowIsValid(index))
    return Value::Null(type_);
  switch (type_.id()) {
    case LogicalTypeId::kNull:
      return Value();
    case LogicalTypeId::kBoolean:
      return Value::Boolean(Data<bool>()[index]);
    case LogicalTypeId::kSmallInt:
      return Value::SmallInt(Data<int16_t>()[index]);
    case LogicalTypeId::kInteger:
      return Value::Integer(Data<int32_t>()[index]);
    case LogicalTypeId::kBigInt:
      return Value::BigInt(Data<int64_t>()[index]);
    case LogicalTypeId::kDecimal:
      return Value::Decimal(type_.physical() == PhysicalType::kInt64
                                ? static_cast<hugeint_t>(Data<int64_t>()[index])
                                : Data<hugeint_t>()[index],
                            type_.width(), type_.scale());
    case LogicalTypeId::kReal:
      return Value::Real(Data<float>()[index]);
    case LogicalTypeId::kDouble:
      return Value::Double(Data<double>()[index]);
    case LogicalTypeId::kChar:
      return Value::Char(Data<string_t>()[index].ToString(), type_.width());
    case LogicalTypeId::kVarchar:
      return Value::Varchar(Data<string_t>()[index].ToString());
    case LogicalTypeId::kDate:
      return Value::Date(Data<int32_t>()[index]);
    case LogicalTypeId::kTimestamp:
      return Value::Timestamp(Data<int64_t>()[index]);
    case LogicalTypeId::kTimestampTz:
      return Value::TimestampTz(Data<int64_t>()[index]);
    case LogicalTypeId::kInterval:
      return Value::Interval(Data<interval_t>()[index]);
    default:
      throw InternalException("GetValue: unsupported type " + type_.ToString());
  }
}

void Vector::SetValue(idx_t row, const Value& value) {
  TRIB_ASSERT(kind_ == VectorKind::kFlat || row == 0);
  if (value.IsNull() || type_.id() == LogicalTypeId::kNull) {
    validity_.SetInvalid(row);
    return;
  }
  validity_.SetValid(row);
  switch (type_.physical()) {
    case PhysicalType::kBool:
      Data<bool>()[row] = value.GetBool();
      break;
    case PhysicalType::kInt16:
      Data<int16_t>()[row] = static_cast<int16_t>(value.GetInt64());
      break;
    case PhysicalType::kInt32:
      Data<int32_t>()[row] = static_cast<int32_t>(value.GetInt64());
      break;
    case PhysicalType::kInt64:
      Data<int64_t>()[row] = type_.id() == LogicalTypeId::kDecimal
                                 ? static_cast<int64_t>(value.GetHugeint())
                                 : value.GetInt64();
      break;
    case PhysicalType::kInt128:
      Data<hugeint_t>()[row] = value.GetHugeint();
      break;
    case PhysicalType::kFloat:
      Data<float>()[row] = static_cast<float>(value.GetDouble());
      break;
    case PhysicalType::kDouble:
      Data<double>()[row] = value.GetDouble();
      break;
    case PhysicalType::kString:
      Data<string_t>()[row] = AddString(value.GetString());
      break;
    case PhysicalType::kInterval:
      Data<interval_t>()[row] = value.GetInterval();
      break;
    default:
      throw InternalException("SetValue: unsupported type");
  }
}

}  // namespace tributary
