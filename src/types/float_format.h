// PostgreSQL's text output of REAL and DOUBLE PRECISION (extra_float_digits
// = 1, the default since PostgreSQL 12): the shortest digits that read back
// to the same value; exponent notation below 1e-4 or at/above 1e15 (1e6 for
// REAL); "NaN", "Infinity", "-Infinity".
#pragma once

#include <string>

namespace tributary {

std::string FormatDouble(double value);
std::string FormatFloat(float value);

}  // namespace tributary
