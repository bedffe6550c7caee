// Implementation of DispatchPhysical (see vector.h).
#pragma once

#include "common/exception.h"

namespace tributary {

template <class T>
struct TypeTag {
  using type = T;
};

template <class F>
decltype(auto) DispatchPhysical(PhysicalType type, F&& fn) {
  switch (type) {
    case PhysicalType::kBool:
      return fn(TypeTag<bool>{});
    case PhysicalType::kInt16:
      return fn(TypeTag<int16_t>{});
    case PhysicalType::kInt32:
      return fn(TypeTag<int32_t>{});
    case PhysicalType::kInt64:
      return fn(TypeTag<int64_t>{});
    case PhysicalType::kInt128:
      return fn(TypeTag<hugeint_t>{});
    case PhysicalType::kFloat:
      return fn(TypeTag<float>{});
    case PhysicalType::kDouble:
      return fn(TypeTag<double>{});
    case PhysicalType::kString:
      return fn(TypeTag<string_t>{});
    case PhysicalType::kInterval:
      return fn(TypeTag<interval_t>{});
    default:
      throw InternalException("DispatchPhysical: invalid physical type");
  }
}

}  // namespace tributary
