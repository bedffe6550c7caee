// FunctionData: immutable information a function computes when it is bound
// (e.g. a result scale, a compiled regex pattern) and reads when it runs.
#pragma once

#include <memory>

namespace tributary {

struct FunctionData {
  virtual ~FunctionData() = default;
  virtual std::unique_ptr<FunctionData> Copy() const = 0;
  template <class T>
  const T& Cast() const {
    return static_cast<const T&>(*this);
  }
};

}  // namespace tributary
