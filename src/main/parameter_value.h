// ParameterValue: the value of one $n parameter of a prepared statement.
#pragma once

#include "types/value.h"

namespace tributary {

struct ParameterValue {
  // A VARCHAR holding the client's text when `untyped`.
  Value value;
  // The client did not say the type (OID 0): the value behaves like a quoted
  // literal and takes the type its context needs ($1 = int_column).
  bool untyped = false;
};

}  // namespace tributary
